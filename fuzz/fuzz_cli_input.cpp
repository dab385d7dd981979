// conform fuzzing: the command-line validator's readers (tools/conform/), which take captures
// from the network and from other tools: format detection, NDJSON line splitting, the
// streamed HAR reader (envelope, percent-decoding, base64) and the raw HTTP reader (status
// lines, headers, chunked and Content-Length framing), then the pipeline and the four outputs.
// The input is the bytes of one file, run through conform_cli::validate_memory, the same path
// as the program.
//
// Framing, as in harness.hpp: a first byte >= 0x80 is an option byte (a capture never starts
// with one, so the examples and plain captures seed the corpus as they are):
//   bits 0-2 the input format (0 detect, 1 json, 2 ndjson, 3 har, 4 http; 5 detect, 6 ndjson,
//   7 har, each run again with two worker threads); bit 3 --format json; bit 4 --summary;
//   bit 5 max_input_bytes = 256; bit 6 --max-diagnostics 2 and --werror.
//
// Checked, whatever the bytes:
//   - the totals add up (documents = valid + invalid);
//   - an input that cannot be read is reported by exactly one last line on standard error,
//     "conform: NAME: ...", and only then;
//   - neither output holds a control character other than a line feed, a C1 control or a
//     bidirectional formatting character, and both are valid UTF-8 (the input's bytes are
//     masked or escaped, never echoed raw);
//   - with --format json, every line of standard output is a JSON object of one document,
//     and there are as many as the totals count, as many of them valid;
//   - with formats 5 to 7, two worker threads (--jobs 2) write the very same output and
//     totals as one;
//   - with formats 0 to 4, the input is validated again for a CI service: after --format json,
//     as --format sarif, whose results (validate_memory writes them without the log around
//     them) are JSON objects, as many as the JSON output's diagnostics, each with a rule and a
//     level, and whose standard error is the JSON run's; after the text output, as --format
//     github, every line of which is one workflow command. The totals do not change.
#include "harness.hpp"

#include "conform_cli.hpp"

#include <conform/detail/utf8.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

namespace {

using conform_fuzz::check;

constexpr std::string_view input_name = "fuzz-input";

// The first byte that a reader of the output must not see raw, or npos: a C0 control other
// than '\n', DEL, a C1 control, a bidirectional formatting character, or invalid UTF-8.
std::size_t first_hidden(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto const c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F) {
      return i;
    }
    std::size_t const n = conform::detail::utf8_sequence_length(s, i);
    if (n == 0 || conform::detail::hidden_control_at(s, i, n) != 0) {
      return i;
    }
    i += n;
  }
  return std::string_view::npos;
}

std::string excerpt(std::string_view s, std::size_t at) {
  std::string out;
  std::size_t const from = at > 80 ? at - 80 : 0;
  conform_fuzz::append_escaped(out, s.substr(from, 160));
  return "at byte " + std::to_string(at) + ": " + out;
}

void check_printable(std::string_view stream, std::string_view which) {
  std::size_t const at = first_hidden(stream);
  check(at == std::string_view::npos, which, [&] { return excerpt(stream, at); });
}

// Checks the --format json output; returns how many diagnostics its documents hold.
std::size_t check_json_lines(std::string_view out, conform_cli::totals const& t) {
  std::size_t diagnostics = 0;
  std::uint64_t lines = 0;
  std::uint64_t valid = 0;
  while (!out.empty()) {
    std::size_t const end = out.find('\n');
    check(end != std::string_view::npos, "a JSON output line without its line feed");
    std::string_view const line = out.substr(0, end);
    out.remove_prefix(end + 1);
    boost::system::error_code ec;
    boost::json::value v =
        boost::json::parse(boost::json::string_view(line.data(), line.size()), ec);
    check(!ec && v.is_object(), "a JSON output line that is no JSON object",
          [&] { return std::string(line.substr(0, 400)); });
    auto const* ok = v.as_object().if_contains("valid");
    check(ok != nullptr && ok->is_bool(), "a JSON output line without a boolean \"valid\"",
          [&] { return std::string(line.substr(0, 400)); });
    auto const* list = v.as_object().if_contains("diagnostics");
    check(list != nullptr && list->is_array(), "a JSON output line without its diagnostics",
          [&] { return std::string(line.substr(0, 400)); });
    diagnostics += list->as_array().size();
    ++lines;
    valid += ok->get_bool() ? 1 : 0;
  }
  check(lines == t.documents, "JSON output lines differ from the documents counted", [&] {
    return std::to_string(lines) + " lines, " + std::to_string(t.documents) + " documents";
  });
  check(valid == t.valid, "valid JSON output lines differ from the valid documents counted");
  return diagnostics;
}

// The results of a --format sarif run (",{...}" fragments, the first without its comma).
void check_sarif_results(std::string_view out, std::size_t diagnostics) {
  std::string const wrapped = "[" + std::string(out) + "]";
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(wrapped, ec);
  check(!ec && v.is_array(), "SARIF results that are no JSON objects separated by commas",
        [&] { return std::string(out.substr(0, 400)); });
  check(v.as_array().size() == diagnostics, "SARIF results differ from the JSON diagnostics", [&] {
    return std::to_string(v.as_array().size()) + " results, " + std::to_string(diagnostics) +
           " diagnostics";
  });
  for (auto const& r : v.as_array()) {
    auto const* o = r.if_object();
    auto const* rule = o != nullptr ? o->if_contains("ruleId") : nullptr;
    auto const* level = o != nullptr ? o->if_contains("level") : nullptr;
    check(rule != nullptr && rule->is_string() && level != nullptr && level->is_string() &&
              (level->as_string() == "error" || level->as_string() == "warning"),
          "a SARIF result without a rule or a level", [&] { return boost::json::serialize(r); });
  }
}

// A --format github run: one workflow command per line.
void check_github_lines(std::string_view out) {
  while (!out.empty()) {
    std::size_t const end = out.find('\n');
    check(end != std::string_view::npos, "a workflow command without its line feed");
    std::string_view const line = out.substr(0, end);
    out.remove_prefix(end + 1);
    bool const command = line.substr(0, 13) == "::error file=" ||
                         line.substr(0, 15) == "::warning file=" ||
                         line.substr(0, 14) == "::notice file=";
    std::size_t const data = line.find("::", 2);
    check(command && data != std::string_view::npos, "a line of --format github that is no command",
          [&] { return std::string(line.substr(0, 400)); });
    // A property holds neither ',' nor ':' raw: "file=" and then other properties only.
    std::size_t const space = line.find(' '); // after the command's name
    std::string_view const props = line.substr(space + 1, data - space - 1);
    check(props.find(':') == std::string_view::npos, "a workflow command property with a raw ':'",
          [&] { return std::string(line); });
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  conform_fuzz::exact_copy copy(data, size);
  std::string_view bytes(copy.data(), copy.size());
  conform_cli::settings s;
  std::string options = "defaults";
  bool two_jobs = false;
  if (!bytes.empty() && static_cast<unsigned char>(bytes[0]) >= 0x80) {
    unsigned const b = static_cast<unsigned char>(bytes[0]);
    bytes.remove_prefix(1);
    static constexpr conform_cli::input_format formats[] = {
        conform_cli::input_format::detect, conform_cli::input_format::json,
        conform_cli::input_format::ndjson, conform_cli::input_format::har,
        conform_cli::input_format::http,   conform_cli::input_format::detect,
        conform_cli::input_format::ndjson, conform_cli::input_format::har};
    s.input = formats[b & 7u];
    two_jobs = (b & 7u) >= 5;
    s.format = (b & 8u) != 0 ? conform_cli::output_format::json : conform_cli::output_format::text;
    s.summary = (b & 16u) != 0;
    if ((b & 32u) != 0) {
      s.decode.max_input_bytes = 256;
    }
    if ((b & 64u) != 0) {
      s.decode.max_diagnostics = 2;
      s.werror = true;
    }
    options = "option byte " + std::to_string(b);
  }
  auto& ctx = conform_fuzz::current();
  ctx.harness = "fuzz_cli_input";
  ctx.text = bytes;
  ctx.options = options;

  std::ostringstream out;
  std::ostringstream err;
  conform_cli::totals const t =
      conform_cli::validate_memory(bytes, std::string(input_name), s, out, err);
  std::string const o = out.str();
  std::string const e = err.str();

  check(t.documents == t.valid + t.invalid, "documents != valid + invalid");
  check_printable(o, "standard output holds a hidden character or invalid UTF-8");
  check_printable(e, "standard error holds a hidden character or invalid UTF-8");

  // The io_error line is the last one on standard error (notes may come before it).
  std::string_view last = e;
  if (!last.empty() && last.back() == '\n') {
    last.remove_suffix(1);
  }
  std::size_t const cut = last.rfind('\n');
  last = cut == std::string_view::npos ? last : last.substr(cut + 1);
  std::string const io_prefix = "conform: " + std::string(input_name) + ": ";
  bool const io_line = last.substr(0, io_prefix.size()) == io_prefix;
  check(t.io_error == io_line, "io_error and the last line of standard error disagree",
        [&] { return "io_error " + std::to_string(t.io_error) + ", standard error: " + e; });

  std::size_t const diagnostics =
      s.format == conform_cli::output_format::json ? check_json_lines(o, t) : 0;

  if (!two_jobs) {
    conform_cli::settings s2 = s;
    bool const json = s.format == conform_cli::output_format::json;
    s2.format = json ? conform_cli::output_format::sarif : conform_cli::output_format::github;
    std::ostringstream out2;
    std::ostringstream err2;
    conform_cli::totals const t2 =
        conform_cli::validate_memory(bytes, std::string(input_name), s2, out2, err2);
    std::string const o2 = out2.str();
    check_printable(o2, json ? "SARIF output holds a hidden character or invalid UTF-8"
                             : "GitHub output holds a hidden character or invalid UTF-8");
    if (json) {
      check_sarif_results(o2, diagnostics);
      check(err2.str() == e, "standard error differs between --format json and sarif",
            [&] { return "json:\n" + e + "\nsarif:\n" + err2.str(); });
    } else {
      check_github_lines(o2);
    }
    check(t2.documents == t.documents && t2.valid == t.valid && t2.errors == t.errors &&
              t2.warnings == t.warnings && t2.io_error == t.io_error,
          "totals differ between output formats");
  }

  if (two_jobs) {
    // The same report from two worker threads: documents travel in batches and reports are
    // put back in input order, notes included, so nothing may differ.
    conform_cli::settings s2 = s;
    s2.jobs = 2;
    std::ostringstream out2;
    std::ostringstream err2;
    conform_cli::totals const t2 =
        conform_cli::validate_memory(bytes, std::string(input_name), s2, out2, err2);
    check(out2.str() == o, "standard output differs with two jobs",
          [&] { return "one job:\n" + o + "\ntwo jobs:\n" + out2.str(); });
    check(err2.str() == e, "standard error differs with two jobs",
          [&] { return "one job:\n" + e + "\ntwo jobs:\n" + err2.str(); });
    check(t2.documents == t.documents && t2.valid == t.valid && t2.errors == t.errors &&
              t2.warnings == t.warnings && t2.skipped == t.skipped && t2.bytes == t.bytes &&
              t2.io_error == t.io_error,
          "totals differ with two jobs");
  }
  return 0;
}
