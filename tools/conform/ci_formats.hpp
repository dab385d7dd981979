// conform CLI internals: the two output formats made for CI services.
//
// --format sarif writes one SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format),
// what GitHub code scanning, GitLab, Azure DevOps and SARIF viewers read: every diagnostic is
// a result whose ruleId is its stable code, with the file, line and column as its physical
// location and the JSON Pointer as its logical location. --format github writes GitHub
// Actions workflow commands (`::error file=...,line=...,col=...::...`), which a workflow step
// turns into annotations on the pull request's files.
//
// The SARIF log is one JSON document around results that the pipeline writes document by
// document, in order: sarif_log_begin() opens it, each document's results come as
// ",{...}" fragments (the pipeline drops the comma before the first), sarif_log_end() closes it
// with the run's totals.
#ifndef CONFORM_TOOLS_CI_FORMATS_HPP
#define CONFORM_TOOLS_CI_FORMATS_HPP

#include "document.hpp"

#include <conform/diagnostic.hpp>

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace conform_cli {

/// An input's name as a SARIF artifact URI (RFC 3986): a relative path stays relative, an
/// absolute one becomes a file:// URI, and every byte outside the characters a path may hold
/// raw is percent-encoded (a space, '%', '#', '?', ':', non-ASCII, control characters).
std::string artifact_uri(std::string_view name);

/// The log up to the opening of the results array: the tool, its version, one rule per error
/// code (conform::all_errors, in its order), columns counted in code points.
std::string sarif_log_begin();

/// Appends one ",{...}" result per diagnostic of `body` and of `path` (the request URL's path
/// parameters) of document `doc`, decoded against `schema_name` (empty: not decoded).
void append_sarif_results(std::string& out, document const& doc, std::string_view schema_name,
                          conform::diagnostics const& body, conform::diagnostics const& path);

/// Closes the log: the invocation (whether every input could be read, and the messages of
/// those that could not) and the run's totals, with the --summary object when one is given
/// (the JSON that --format json writes, without its "summary" wrapper).
std::string sarif_log_end(totals const& t, std::vector<std::string> const& input_errors,
                          std::string_view summary_json);

/// Closes a log that the run could not finish (memory or threads ran out after it was
/// opened): an unsuccessful invocation whose one notification is `reason`, a literal that
/// needs no JSON escaping. Allocates nothing, so that it works when memory has run out.
void close_abandoned_sarif_log(std::ostream& out, char const* reason);

/// Appends one workflow command per diagnostic (`::error` or `::warning`), each on its line.
void append_github_annotations(std::string& out, document const& doc,
                               conform::diagnostics const& body, conform::diagnostics const& path);

/// One workflow command of the given kind ("error", "warning", "notice") about input `name`,
/// with no line: a note on the input, a failure to read it, a document that ran out of memory.
std::string github_command(std::string_view kind, std::string_view name, std::string_view text);

} // namespace conform_cli

#endif // CONFORM_TOOLS_CI_FORMATS_HPP
