// The program: arguments (CLI11), the inputs through the pipeline, the summary and the exit
// status. Also validate_memory, the same path for the benchmark and tests.
#include "ci_formats.hpp"
#include "conform_cli.hpp"
#include "input.hpp"
#include "pipeline.hpp"

#include <conform/config.hpp>
#include <conform/error.hpp>
#include <conform/render.hpp>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <new>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include <unistd.h>

namespace conform_cli {

namespace {

// What an input that ran out of memory is reported with (as an unreadable input: exit status
// 2). Documents are checked one at a time, and one that exhausts memory while being checked
// is reported as invalid (out_of_memory); this is memory running out around them: in reading
// the input (a document's bytes, an archive's entry) or in handing documents over.
constexpr char const* out_of_memory_reason =
    "out of memory while reading; the documents before this point were validated, the rest of "
    "this input was not";

// 1234567 -> "1,234,567": the summary's counts are read by people.
std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) {
      out += ',';
    }
    out += digits[i];
  }
  return out;
}

std::string json_string(std::string_view s) {
  std::ostringstream os;
  conform::render_json_string(os, s);
  return text_of(os);
}

std::string plural(std::uint64_t n, char const* one, char const* many) {
  return n == 1 ? fmt::format("1 {}", one) : fmt::format("{} {}", grouped(n), many);
}

// The --summary tables, most frequent first.
struct summary_rows {
  std::vector<std::pair<conform::error, summary_table::code_tally>> codes;
  std::vector<std::pair<summary_key, std::uint64_t>> pointers;
};
summary_rows sorted_rows(summary_table const& table) {
  summary_rows rows{{}, {table.by_pointer.begin(), table.by_pointer.end()}};
  for (auto const& row : table.by_code) {
    if (row.second.documents != 0) { // the table has a row for every code (pipeline.cpp)
      rows.codes.push_back(row);
    }
  }
  std::stable_sort(rows.codes.begin(), rows.codes.end(), [](auto const& a, auto const& b) {
    return a.second.documents > b.second.documents;
  });
  std::stable_sort(rows.pointers.begin(), rows.pointers.end(),
                   [](auto const& a, auto const& b) { return a.second > b.second; });
  return rows;
}

// The summary as one JSON object: what --format json writes under "summary", and SARIF in the
// run's properties.
std::string summary_json(pipeline const& p) {
  auto const& t = p.result();
  auto const& table = p.summary();
  summary_rows const rows = sorted_rows(table);
  std::string out = fmt::format(
      "{{\"documents\":{},\"valid\":{},\"invalid\":{},\"errors\":{},\"warnings\":{},"
      "\"skipped\":{},\"exact\":{},\"past_max_diagnostics\":{{\"documents\":{},\"errors\":{},"
      "\"warnings\":{}}},\"by_code\":[",
      t.documents, t.valid, t.invalid, t.errors, t.warnings, t.skipped,
      table.capped_documents == 0 ? "true" : "false", table.capped_documents,
      table.uncounted_errors, table.uncounted_warnings);
  bool first = true;
  for (auto const& [code, tally] : rows.codes) {
    out +=
        fmt::format("{}{{\"code\":\"{}\",\"documents\":{},\"diagnostics\":{}}}", first ? "" : ",",
                    conform::to_string(code), tally.documents, tally.diagnostics);
    first = false;
  }
  out += "],\"by_pointer\":[";
  first = true;
  for (auto const& [key, documents] : rows.pointers) {
    out += fmt::format("{}{{\"in\":\"{}\",\"code\":\"{}\",\"pointer\":{},\"documents\":{}}}",
                       first ? "" : ",", key.in_path ? "path" : "body",
                       conform::to_string(key.code), json_string(key.pointer), documents);
    first = false;
  }
  out += fmt::format("],\"pointers_not_tallied\":{}}}", table.dropped_pointers);
  return out;
}

// The --summary tables. The diagnostics past --max-diagnostics are counted in the totals but
// not kept, so their codes and pointers are unknown: when a document was capped, every count
// by code or pointer is a lower bound and says so ("at least"), and a line says how many
// diagnostics no code accounts for.
void print_summary(std::ostream& out, pipeline const& p, settings const& s) {
  if (s.format == output_format::json) {
    out << "{\"summary\":" << summary_json(p) << "}\n";
    return;
  }
  auto const& t = p.result();
  auto const& table = p.summary();
  bool exact = table.capped_documents == 0;
  std::uint64_t uncounted = table.uncounted_errors + table.uncounted_warnings;
  auto const [codes, pointers] = sorted_rows(table);
  char const* at_least = exact ? "" : "at least ";
  std::string past_cap;
  if (!exact) {
    past_cap = fmt::format(
        "  ({} ({}, {}) past --max-diagnostics in {} of {} documents: not kept, so not counted "
        "by code or pointer)\n",
        plural(uncounted, "more diagnostic", "more diagnostics"),
        plural(table.uncounted_errors, "error", "errors"),
        plural(table.uncounted_warnings, "warning", "warnings"), grouped(table.capped_documents),
        grouped(t.documents));
  }
  std::string text = "summary by code:\n";
  if (codes.empty() && exact) {
    text += "  (no diagnostics)\n";
  }
  std::size_t width = 0;
  for (auto const& c : codes) {
    width = std::max(width, conform::to_string(c.first).size());
  }
  for (auto const& [code, tally] : codes) {
    text += fmt::format("  {:<{}}  {}{} in {}{} of {} documents\n", conform::to_string(code), width,
                        at_least, plural(tally.diagnostics, "diagnostic", "diagnostics"), at_least,
                        grouped(tally.documents), grouped(t.documents));
  }
  text += past_cap;
  text += "summary by pointer (array indices folded to *):\n";
  if (pointers.empty() && exact) {
    text += "  (no diagnostics)\n";
  }
  for (auto const& [key, documents] : pointers) {
    std::string pointer;
    if (key.pointer.empty()) {
      pointer = "\"\" (the whole document)"; // as the diagnostics themselves say it
    } else {
      pointer += '`';
      conform::detail::append_printable(pointer, key.pointer);
      pointer += '`';
    }
    text += fmt::format("  {} {}{} in {}{} of {} documents\n", conform::describe(key.code), pointer,
                        key.in_path ? " (path parameter)" : "", at_least, grouped(documents),
                        grouped(t.documents));
  }
  if (table.dropped_pointers != 0) {
    text += fmt::format("  ({} more pointers not tallied)\n", grouped(table.dropped_pointers));
  }
  if (!exact) {
    text += fmt::format("  (and the {} past --max-diagnostics, not tallied)\n",
                        plural(uncounted, "diagnostic", "diagnostics"));
  }
  out << text;
}

// Text that came from the user or the input (a file name, an argument echoed in a usage error),
// with control characters masked as on standard output: never sent raw to the terminal.
std::string printable(std::string_view text) {
  std::string out;
  conform::detail::append_printable(out, text);
  return out;
}

void print_totals(std::ostream& out, totals const& t) {
  out << fmt::format("{} documents, {} valid, {} invalid, {} errors, {} warnings\n", t.documents,
                     t.valid, t.invalid, t.errors, t.warnings);
}

bool terminal(int fd) {
  char const* term = std::getenv("TERM");
  return ::isatty(fd) == 1 && !(term != nullptr && std::strcmp(term, "dumb") == 0);
}

// Reads each input in order into `p`, opening it with `open(name)`. An input that cannot be
// read (a missing file, a broken archive) or whose reading runs out of memory is reported
// after the reports of its documents: a one-line message on `err`, a workflow command in the
// GitHub output, and "NAME: reason" in `sarif_errors` (the SARIF log's notifications) when
// given. The next inputs are still read; the totals say io_error (exit status 2). What
// reports memory running out allocates nothing: the printable name is made before reading,
// and the reason is a literal.
template <class Open>
void read_inputs(std::vector<std::string> const& names, Open open, settings const& s, pipeline& p,
                 std::ostream& out, std::ostream& err, std::vector<std::string>* sarif_errors) {
  for (auto const& name : names) {
    std::string const shown = name == "-" ? "<stdin>" : printable(name);
    std::string reason;
    bool out_of_memory = false;
    try {
      auto source = open(name);
      read_input(*source, name, s, p, err);
      continue;
    } catch (io_error const& e) {
      reason = e.what();
    } catch (std::bad_alloc const&) {
      out_of_memory = true; // reported out of the handler
    }
    p.set_io_error();
    try {
      p.flush(); // the message after the reports of the documents before it
    } catch (std::bad_alloc const&) {
      // Only the order of the lines is lost: finish() sends what is left.
    }
    err << "conform: " << shown << ": ";
    if (out_of_memory) {
      err << out_of_memory_reason << '\n';
      reason = out_of_memory_reason; // for SARIF and GitHub, memory allowing
    } else {
      err << printable(reason) << '\n';
    }
    if (sarif_errors != nullptr) {
      sarif_errors->push_back(shown + ": " + reason);
    } else if (s.format == output_format::github && !s.quiet) {
      out << github_command("error", name, reason);
    }
  }
}

// Validates every input into one pipeline and writes the end of the output (the SARIF log's
// end with `sarif`, the summary, the totals); returns the exit status.
int validate_files(std::vector<std::string> const& files, settings const& s, bool sarif) {
  std::vector<std::string> input_errors;
  pipeline p(s, std::cout);
  read_inputs(
      files, [](std::string const& name) { return std::make_unique<file_source>(name); }, s, p,
      std::cout, std::cerr, sarif ? &input_errors : nullptr);
  p.finish();
  totals const& t = p.result();
  if (sarif) {
    std::cout << sarif_log_end(t, input_errors, s.summary ? summary_json(p) : std::string());
  } else if (s.summary) {
    print_summary(std::cout, p, s);
  }
  if ((s.format == output_format::text || s.format == output_format::github) &&
      (!s.quiet || s.summary)) {
    print_totals(std::cout, t);
  }
  std::cout.flush();
  if (!std::cout) {
    std::fprintf(stderr, "conform: cannot write the output\n");
    return 2;
  }
  if (t.io_error) {
    return 2;
  }
  return t.invalid != 0 ? 1 : 0;
}

} // namespace

totals validate_memory(std::string_view bytes, std::string const& name, settings const& s,
                       std::ostream& out, std::ostream& err) {
  try {
    pipeline p(s, out);
    read_inputs(
        {name}, [bytes](std::string const&) { return std::make_unique<memory_source>(bytes); }, s,
        p, out, err, nullptr);
    p.finish();
    return p.result();
  } catch (std::bad_alloc const&) {
    // Before reading (the workers) or in handing over what was read: what was written
    // stands, the totals are lost.
    err << "conform: out of memory\n";
    totals t;
    t.io_error = true;
    return t;
  }
}

int run(int argc, char** argv) {
  CLI::App app{"Validates Huawei Cloud ModelArts \"Querying the Details About a Training Job\" "
               "responses against the conform schema.",
               "conform"};
  app.set_version_flag("--version", std::string("conform ") + CONFORM_VERSION_STRING);
  app.require_subcommand(1, 1);
  auto* validate = app.add_subcommand(
      "validate", "Validate response bodies in JSON, NDJSON, HAR or raw HTTP (curl -i) files.");

  std::vector<std::string> files;
  std::string input = "auto";
  std::string schema = "auto";
  std::string format = "text";
  std::string color = "auto";
  std::size_t max_diagnostics = 100;
  unsigned jobs = 1;
  bool strict = false;
  bool werror = false;
  bool summary = false;
  bool quiet = false;
  validate->add_option("files", files,
                       "Input files; '-' (at most once) or none reads standard input");
  validate
      ->add_option("--input", input, "Input format (auto: detected from the content of each input)")
      ->check(CLI::IsMember({"auto", "json", "ndjson", "har", "http"}))
      ->capture_default_str();
  validate
      ->add_option("--schema", schema,
                   "Schema of the bodies (auto: by HTTP status for HAR and HTTP, else an error "
                   "body when the top level has error_code and neither kind nor metadata)")
      ->check(CLI::IsMember({"auto", "training_job", "error_body"}))
      ->capture_default_str();
  validate->add_flag("--strict", strict,
                     "Unknown members and unknown open-enum values are errors, not warnings");
  validate
      ->add_option("--max-diagnostics", max_diagnostics,
                   "Diagnostics kept per document (the rest are counted)")
      ->check(CLI::Range(std::size_t(0), std::size_t(1000000)))
      ->capture_default_str();
  validate->add_flag("--werror", werror, "Warnings make a document invalid");
  validate
      ->add_option("--format", format,
                   "Output format: text for people, json (one object per document) for scripts, "
                   "sarif (one SARIF 2.1.0 log) for code-scanning services, github for GitHub "
                   "Actions annotations")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}))
      ->capture_default_str();
  validate->add_flag("--summary", summary,
                     "After the documents, counts by code and by pointer (indices folded to *)");
  validate->add_flag("--quiet,-q", quiet,
                     "No per-document output and no summary line; the exit status tells");
  validate->add_option("--color", color, "Colour in the text output")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  validate
      ->add_option("--jobs,-j", jobs,
                   "Validate on N threads (0: one per core); output order is kept")
      ->check(CLI::Range(0u, 256u))
      ->capture_default_str();

  // After validate, the main job, so that --help lists it first.
  auto* generate = app.add_subcommand(
      "generate", "Write valid documents built from pseudo-random choices (NDJSON, or one file "
                  "each): seeds for fuzzers and test data that passes validation.");
  generate_settings gen;
  std::string gen_schema = "training_job";
  generate->add_option("--schema", gen_schema, "Schema of the documents")
      ->check(CLI::IsMember({"training_job", "error_body"}))
      ->capture_default_str();
  generate->add_option("--count,-n", gen.count, "Documents to write")
      ->check(CLI::Range(std::uint64_t(0), std::uint64_t(100000000)))
      ->capture_default_str();
  generate
      ->add_option("--seed", gen.seed,
                   "Seed of the choices; with the index, it alone makes a document")
      ->capture_default_str();
  generate
      ->add_option("--bytes", gen.bytes,
                   "Choices per document (more fill in more members, up to the other bounds)")
      ->check(CLI::Range(std::size_t(0), std::size_t(1) << 24))
      ->capture_default_str();
  generate->add_option("--max-elements", gen.max_elements, "Elements per array or map")
      ->check(CLI::Range(std::size_t(0), std::size_t(1000)))
      ->capture_default_str();
  generate->add_option("--max-string-length", gen.max_string_length, "Characters per string")
      ->check(CLI::Range(std::size_t(0), std::size_t(100000)))
      ->capture_default_str();
  generate
      ->add_option("--max-depth", gen.max_depth, "Nesting past which optional members are left out")
      ->check(CLI::Range(std::size_t(0), std::size_t(64)))
      ->capture_default_str();
  generate->add_flag("--unknown-enum-values", gen.unknown_enum_values,
                     "Also spellings that an open enumeration does not know (warnings)");
  generate->add_flag("--all-members", gen.all_members,
                     "Every optional member present (but those a rule leaves out), not one in two");
  generate
      ->add_option("--out-dir", gen.out_dir,
                   "Write one file per document there (SCHEMA-SEED-INDEX.json) instead of NDJSON "
                   "to standard output")
      ->check(CLI::ExistingDirectory);
  generate->add_option("--indent", gen.indent, "Spaces per level in the files of --out-dir")
      ->check(CLI::Range(std::size_t(0), std::size_t(16)))
      ->capture_default_str();

  auto* schema_cmd = app.add_subcommand(
      "schema", "Write the JSON Schema (draft 2020-12) of the bodies: what validate finds valid, "
                "for validators, editors and gateways that are not C++.");
  std::string schema_of = "training_job";
  bool schema_strict = false;
  std::size_t schema_indent = 2;
  schema_cmd->add_option("--schema", schema_of, "Schema to write")
      ->check(CLI::IsMember({"training_job", "error_body"}))
      ->capture_default_str();
  schema_cmd->add_flag("--strict", schema_strict,
                       "What validate --strict finds valid: no unknown members, no unknown "
                       "open-enum values");
  schema_cmd->add_option("--indent", schema_indent, "Spaces per level (0: one line)")
      ->check(CLI::Range(std::size_t(0), std::size_t(16)))
      ->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (CLI::ParseError const& e) {
    if (e.get_exit_code() == 0) {
      return app.exit(e); // --help, --version
    }
    std::fprintf(stderr, "conform: %s (see 'conform %s --help')\n", printable(e.what()).c_str(),
                 generate->parsed()     ? "generate"
                 : schema_cmd->parsed() ? "schema"
                                        : "validate");
    return 2;
  }
  if (schema_cmd->parsed()) {
    std::cout << schema_document(schema_of == "error_body" ? schema_choice::error_body
                                                           : schema_choice::training_job,
                                 schema_strict, schema_indent);
    std::cout.flush();
    if (!std::cout) {
      std::fprintf(stderr, "conform: cannot write the output\n");
      return 2;
    }
    return 0;
  }
  if (generate->parsed()) {
    if (gen.indent != 0 && gen.out_dir.empty()) {
      std::fprintf(stderr, "conform: --indent needs --out-dir: standard output is NDJSON, one "
                           "document per line (see 'conform generate --help')\n");
      return 2;
    }
    gen.schema =
        gen_schema == "error_body" ? schema_choice::error_body : schema_choice::training_job;
    std::ios::sync_with_stdio(false);
    bool const written = generate_documents(gen, std::cout, std::cerr);
    std::cout.flush();
    if (!std::cout) {
      std::fprintf(stderr, "conform: cannot write the output\n");
      return 2;
    }
    return written ? 0 : 2;
  }
  // Standard input can be read once: a second "-" would read nothing (an empty, invalid
  // document), so it is a usage error like any other, before anything is read.
  if (std::count(files.begin(), files.end(), "-") > 1) {
    std::fprintf(stderr, "conform: standard input ('-') can be given only once (see 'conform "
                         "validate --help')\n");
    return 2;
  }

  settings s;
  if (strict) {
    s.decode.unknown_members = conform::unknown_member_policy::error;
    s.decode.unknown_open_enum_values = conform::open_enum_policy::error;
  }
  s.decode.max_diagnostics = max_diagnostics;
  s.input = input == "json"     ? input_format::json
            : input == "ndjson" ? input_format::ndjson
            : input == "har"    ? input_format::har
            : input == "http"   ? input_format::http
                                : input_format::detect;
  s.schema = schema == "training_job" ? schema_choice::training_job
             : schema == "error_body" ? schema_choice::error_body
                                      : schema_choice::detect;
  s.format = format == "json"     ? output_format::json
             : format == "sarif"  ? output_format::sarif
             : format == "github" ? output_format::github
                                  : output_format::text;
  s.werror = werror;
  s.summary = summary;
  s.quiet = quiet;
  char const* no_color = std::getenv("NO_COLOR");
  s.color = s.format == output_format::text &&
            (color == "always" || (color == "auto" && terminal(STDOUT_FILENO) &&
                                   (no_color == nullptr || *no_color == 0)));
  s.progress = terminal(STDERR_FILENO);
  s.jobs = jobs != 0 ? jobs : std::max(1u, std::thread::hardware_concurrency());
  if (files.empty()) {
    files.push_back("-");
  }

  std::ios::sync_with_stdio(false);
  // The SARIF log is one JSON document: opened before the first result, closed after the
  // last, with the run's totals (and the summary) inside. --quiet writes none of it, but
  // with --summary it writes the log without results, as --format json writes the summary.
  bool const sarif = s.format == output_format::sarif && (!quiet || summary);
  if (!sarif) {
    return validate_files(files, s, false);
  }
  std::cout << sarif_log_begin();
  // Should memory or threads run out after the log is opened (main() reports it and exits
  // with status 2), the log is still closed, so that what reads it gets JSON and the reason:
  // the reports written stand (the pipeline, destroyed before these handlers run, writes
  // the ones it holds), and closing allocates nothing.
  try {
    return validate_files(files, s, true);
  } catch (std::bad_alloc const&) {
    close_abandoned_sarif_log(std::cout, "conform ran out of memory");
    throw;
  } catch (std::system_error const&) {
    close_abandoned_sarif_log(std::cout, "conform could not start its worker threads (--jobs)");
    throw;
  }
}

} // namespace conform_cli
