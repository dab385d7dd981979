// The conform command-line validator as a library (conform_cli_lib): everything but main().
// main() parses arguments with run(); the benchmark (benchmarks/bench_cli.cpp) and tests call
// validate_memory() to drive the same pipeline without a process or a file.
#ifndef CONFORM_TOOLS_CONFORM_CLI_HPP
#define CONFORM_TOOLS_CONFORM_CLI_HPP

#include <conform/decode_options.hpp>

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

namespace conform_cli {

/// How the bytes of an input are split into documents.
enum class input_format {
  detect, ///< from the content (see detect_format)
  json,   ///< the whole input is one response body
  ndjson, ///< one body per line
  har,    ///< HTTP Archive 1.2: the GET /v2/{project_id}/training-jobs/{id} entries
  http,   ///< raw HTTP/1.x responses as `curl -i` writes them
};

/// Which schema a body is checked against.
enum class schema_choice {
  detect,       ///< HAR/HTTP: by status (2xx, 4xx/5xx); JSON/NDJSON: by the top-level keys
  training_job, ///< conform::modelarts::training_job
  error_body,   ///< conform::modelarts::error_body
};

/// How the report is written: for people (text), for scripts (json: one object per document)
/// and for CI services (sarif: one SARIF 2.1.0 log; github: Actions workflow commands).
enum class output_format { text, json, sarif, github };

/// Everything the validate subcommand was asked to do.
struct settings {
  /// Policies and limits handed to the library (--strict, --max-diagnostics).
  conform::decode_options decode;
  input_format input = input_format::detect;
  schema_choice schema = schema_choice::detect;
  output_format format = output_format::text;
  bool werror = false;   ///< warnings make a document invalid
  bool summary = false;  ///< counts by code and by pointer after the documents
  bool quiet = false;    ///< no per-document output and no summary line
  bool color = false;    ///< ANSI colours in the text output (decided by the caller)
  bool progress = false; ///< a progress line on stderr is allowed (stderr is a terminal)
  unsigned jobs = 1;     ///< worker threads; 1 validates on the calling thread
};

/// What a run found, over all its inputs.
struct totals {
  std::uint64_t documents = 0;
  std::uint64_t valid = 0;
  std::uint64_t invalid = 0;
  std::uint64_t errors = 0;   ///< error diagnostics, including those past --max-diagnostics
  std::uint64_t warnings = 0; ///< warning diagnostics, likewise
  std::uint64_t skipped = 0;  ///< HAR entries and HTTP responses that are not this API's
  std::uint64_t bytes = 0;    ///< bytes of the bodies validated
  bool io_error = false;      ///< an input could not be read (exit status 2)
};

/** Validates `bytes` as if read from a file named `name`, writing the report (documents only:
    no summary line; with --format sarif the results, separated by commas, without the log
    around them) to `out`. The same readers, pipeline and output as the program; `jobs`
    in `s` chooses the parallelism; an unreadable input is reported by the same code as the
    program's. An input that cannot be read sets totals::io_error and writes a one-line
    message to `err` (and with --format github a workflow command to `out`); so does memory
    running out, except in checking a document or holding an NDJSON line (either makes that
    document invalid, out_of_memory). Throws only what `out` and `err` throw, and
    std::system_error when a worker thread cannot be started. */
totals validate_memory(std::string_view bytes, std::string const& name, settings const& s,
                       std::ostream& out, std::ostream& err);

/// Everything the generate subcommand was asked to do.
struct generate_settings {
  schema_choice schema = schema_choice::training_job; ///< training_job or error_body
  std::uint64_t count = 1;                            ///< documents
  std::uint64_t seed = 0;                             ///< with the index, the choices of each
  std::size_t bytes = 4096;     ///< choices per document (conform::byte_source)
  std::size_t max_elements = 4; ///< conform::generate_options
  std::size_t max_string_length = 24;
  std::size_t max_depth = 12;
  bool unknown_enum_values = false;
  bool all_members = false; ///< conform::generate_options::all_optional_members
  std::size_t indent = 0;   ///< spaces per level in the files of --out-dir
  std::string out_dir;      ///< one file per document there; empty: NDJSON to `out`
};

/** Writes `s.count` valid documents (conform::generate): one per line to `out`, or one file
    per document into `s.out_dir`. Document i depends on the seed, i and the options only, not
    on the count. Returns false after writing a one-line message to `err` when a file cannot
    be written. */
bool generate_documents(generate_settings const& s, std::ostream& out, std::ostream& err);

/** The JSON Schema (draft 2020-12, conform::json_schema) of `schema`'s bodies, ending with a
    line feed: what `conform validate` finds valid, with --strict's policies when `strict`;
    `indent` spaces per level (0: one line). */
std::string schema_document(schema_choice schema, bool strict, std::size_t indent);

/** The whole program: parses the arguments, validates, prints, and returns the exit status
    (0 all valid, 1 some invalid, 2 usage or I/O error). */
int run(int argc, char** argv);

} // namespace conform_cli

#endif // CONFORM_TOOLS_CONFORM_CLI_HPP
