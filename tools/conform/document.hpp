// conform CLI internals: a document (one response body cut out of an input, with where it came
// from) and its outcome (the rendered report and the counts), the units the readers, the
// checker and the pipeline pass between them.
#ifndef CONFORM_TOOLS_DOCUMENT_HPP
#define CONFORM_TOOLS_DOCUMENT_HPP

#include "conform_cli.hpp"

#include <conform/diagnostic.hpp>
#include <conform/error.hpp>

#include <cstddef>
#include <memory>
#include <new>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace conform {
struct render_options; // render.hpp: only json_report takes one
} // namespace conform

namespace conform_cli {

/// The text of a report built in a string stream. A std::stringbuf that cannot grow catches
/// the std::bad_alloc and only fails the stream, whose text is then cut short: thrown again
/// here, so that a partial report is never written (check_safely reports the document as
/// out of memory instead).
inline std::string text_of(std::ostringstream const& os) {
  if (os.fail()) {
    throw std::bad_alloc();
  }
  return os.str();
}

/// One body to validate.
struct document {
  /// The input's name as given ("-" for stdin); shared by every document of the input.
  std::shared_ptr<std::string const> source;
  /// 0-based index among the documents of this input.
  std::size_t index = 0;
  /// Where in the input: "line N", "entry N GET URL", "line N HTTP/1.1 200 OK", or "" for a
  /// whole-file JSON document.
  std::string locator;
  /// Print the locator as a header above the diagnostics (HAR, HTTP: one file holds several
  /// responses, each with its request or status line). NDJSON's line numbers say which line.
  bool locator_header = false;
  /// The response body text.
  std::string body;
  /// The file line of the body's first line (NDJSON, HTTP).
  std::size_t first_line = 1;
  /// Whether the body stands in the file as it is, from `first_line` on, so that its lines
  /// and columns are the file's: JSON, NDJSON and an HTTP body that is not chunked. A HAR
  /// entry's body is the value of a JSON string (escaped, or base64) and a chunked one is
  /// put together from its chunks: their lines and columns are the body's own.
  bool in_file = true;
  /// The file line the locator names (a HAR entry's opening brace, an HTTP status line), or 0:
  /// where the CI formats point a finding that has no line of its own in the file.
  std::size_t locator_line = 0;
  /// The schema, or detect (decided from the body's top-level keys).
  schema_choice schema = schema_choice::detect;
  /// The request's path parameters, when the document came with a request (HAR).
  bool has_path = false;
  std::string project_id;
  std::string training_job_id;
  /// Findings about the transport, not the body's content (an invalid base64 body, an NDJSON
  /// line over the size limit). When `body_unavailable`, the body is not decoded at all.
  std::vector<conform::diagnostic> transport;
  bool body_unavailable = false;
};

/// A (where, code, pointer) triple counted once per document by --summary.
struct summary_key {
  bool in_path = false;
  conform::error code = conform::error::syntax_error;
  std::string pointer; ///< array indices folded to `*`
  friend bool operator<(summary_key const& a, summary_key const& b) {
    if (a.in_path != b.in_path) {
      return a.in_path < b.in_path;
    }
    if (a.code != b.code) {
      return a.code < b.code;
    }
    return a.pointer < b.pointer;
  }
  friend bool operator==(summary_key const& a, summary_key const& b) {
    return a.in_path == b.in_path && a.code == b.code && a.pointer == b.pointer;
  }
};

/// What validating one document produced.
struct outcome {
  /// The report in the output format (text, JSON lines, SARIF results, workflow commands).
  std::string rendered;
  /// False for an ordered note (a HAR's skipped-entries line), which counts as no document.
  bool is_document = true;
  bool valid = true;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t bytes = 0;
  /// Distinct summary keys of this document and the kept diagnostics per code (for --summary;
  /// empty unless asked for).
  std::vector<summary_key> keys;
  std::vector<std::pair<conform::error, std::size_t>> code_counts;
  /// Diagnostics past --max-diagnostics: counted in errors and warnings, but not kept, so
  /// their codes and pointers are unknown (in neither keys nor code_counts).
  bool capped = false;
  std::size_t uncounted_errors = 0;
  std::size_t uncounted_warnings = 0;
};

/// Validates and renders one document (check.cpp: the one translation unit that instantiates
/// the decoder for the ModelArts schema). Never throws but std::bad_alloc.
outcome check_document(document const& doc, settings const& s);

/// The --format json line of a document: source, index, locator, schema (when known: not for
/// a document that could not be validated), the verdict and counts of `o`, and the diagnostics
/// of the body and of the request's path parameters, each with its "in".
std::string json_report(document const& doc, std::string_view schema, outcome const& o,
                        conform::diagnostics const& body, conform::diagnostics const& path,
                        conform::render_options const& ro);

/// What the pipeline reports for a document when check_document ran out of memory: invalid,
/// with one out_of_memory error, in the output's format (pipeline.cpp).
outcome out_of_memory_outcome(document const& doc, settings const& s);

/// The pointer with each reference token that indexes an array replaced by `*`: `arrays[i]`
/// tells whether token i (from 0) is in an array; tokens past its end are member names. The
/// digits alone cannot tell: `{"0": 1}` has a member named "0".
std::string fold_pointer(std::string_view pointer, std::vector<bool> const& arrays);

} // namespace conform_cli

#endif // CONFORM_TOOLS_DOCUMENT_HPP
