// SARIF 2.1.0 and GitHub Actions workflow commands (see ci_formats.hpp).
#include "ci_formats.hpp"

#include <conform/config.hpp>
#include <conform/detail/text.hpp> // append_json_string
#include <conform/error.hpp>
#include <conform/render.hpp> // detail::append_printable

#include <cstddef>
#include <iterator>
#include <ostream>
#include <string>
#include <string_view>

namespace conform_cli {

namespace {

void json_string(std::string& out, std::string_view s) {
  conform::detail::append_json_string(out, s);
}

// The rule of a result: its index in the log's rules array, which is all_errors.
std::size_t rule_index(conform::error code) {
  std::size_t i = 0;
  while (i + 1 < std::size(conform::all_errors) && conform::all_errors[i] != code) {
    ++i;
  }
  return i;
}

// Where a diagnostic is, in the words a reader of an annotation needs: the pointer, and for a
// body cut out of a HAR entry or an HTTP response the entry or response (with the body's own
// line and column when they are not the file's).
std::string place_of(document const& doc, conform::diagnostic const& d, bool in_path) {
  std::string out = " at '";
  out += d.pointer;
  out += '\'';
  if (in_path) {
    out += " in the request URL's path parameters";
  }
  if (doc.locator_header) {
    out += " (";
    out += doc.locator;
    if (d.line != 0 && !doc.in_file) {
      out += ", body line " + std::to_string(d.line) + " column " + std::to_string(d.column);
    }
    out += ')';
  }
  return out;
}

// Where a finding is in the file: its own line and column when the body stands in the file as
// it is (JSON, NDJSON, an HTTP body that is not chunked). Otherwise, or for a request's path
// parameter, the line its document names, without a column: the body's first line, or the
// line its locator names (a HAR entry's opening brace, a chunked response's status line); or
// nowhere (line 0). GitHub shows a finding on a line of the file it names.
struct file_position {
  std::size_t line = 0;
  std::size_t column = 0;
};
file_position position_in_file(document const& doc, conform::diagnostic const& d, bool in_path) {
  if (!in_path && doc.in_file && d.line != 0) {
    return {d.line + doc.first_line - 1, d.column};
  }
  return {in_path || !doc.in_file ? doc.locator_line : doc.first_line, 0};
}

void artifact_location(std::string& out, std::string_view name) {
  out += "\"artifactLocation\":{";
  if (name == "-") {
    out += "\"description\":{\"text\":\"standard input\"}}";
    return;
  }
  out += "\"uri\":";
  json_string(out, artifact_uri(name));
  out += '}';
}

void sarif_result(std::string& out, document const& doc, std::string_view schema_name,
                  conform::diagnostic const& d, bool in_path) {
  out += ",{\"ruleId\":\"";
  out += conform::to_string(d.code);
  out += "\",\"ruleIndex\":" + std::to_string(rule_index(d.code));
  out += ",\"level\":\"";
  out += d.level == conform::severity::error ? "error" : "warning";
  out += "\",\"message\":{\"text\":";
  json_string(out, d.message() + place_of(doc, d, in_path));
  out += "},\"locations\":[{\"physicalLocation\":{";
  artifact_location(out, *doc.source);
  if (file_position const at = position_in_file(doc, d, in_path); at.line != 0) {
    out += ",\"region\":{\"startLine\":" + std::to_string(at.line);
    if (at.column != 0) {
      out += ",\"startColumn\":" + std::to_string(at.column);
    }
    out += '}';
  }
  out += "},\"logicalLocations\":[{\"fullyQualifiedName\":";
  json_string(out, d.pointer);
  out += ",\"kind\":\"value\"}]}]";
  // What identifies the finding from one run to the next, whatever lines move around it: the
  // document (its locator: the NDJSON line, the HAR entry) and where in it (the rule is the
  // ruleId, which consumers match on already).
  out += ",\"partialFingerprints\":{\"conformFinding/v1\":";
  json_string(out, std::string(in_path ? "path" : "body") + ':' + doc.locator + ':' + d.pointer);
  out += "},\"properties\":{\"in\":\"";
  out += in_path ? "path" : "body";
  out += "\",\"pointer\":";
  json_string(out, d.pointer);
  out += ",\"expected\":";
  json_string(out, d.expected);
  out += ",\"found\":";
  json_string(out, d.found);
  out += ",\"member\":";
  json_string(out, d.member);
  out += ",\"document\":" + std::to_string(doc.index);
  out += ",\"locator\":";
  json_string(out, doc.locator);
  if (!schema_name.empty()) {
    out += ",\"schema\":\"";
    out += schema_name;
    out += '"';
  }
  // The body's own line and column (for a HAR entry, the only ones there are).
  out += ",\"line\":" + std::to_string(d.line) + ",\"column\":" + std::to_string(d.column);
  out += "}}";
}

// Workflow command escaping (actions/toolkit, command.ts): a property value may hold neither
// the ',' that separates properties nor the ':' that ends them; data and properties alike
// escape '%' and line breaks. Control characters are masked first, as on any terminal output
// (the log is shown as one).
void append_escaped(std::string& out, std::string_view text, bool property) {
  std::string printable;
  conform::detail::append_printable(printable, text);
  for (char c : printable) {
    switch (c) {
    case '%':
      out += "%25";
      break;
    case '\r':
      out += "%0D";
      break;
    case '\n':
      out += "%0A";
      break;
    case ':':
      out += property ? "%3A" : ":";
      break;
    case ',':
      out += property ? "%2C" : ",";
      break;
    default:
      out += c;
    }
  }
}

// "::error file=NAME": a workflow command up to its first property, the input's name.
void append_command_head(std::string& out, std::string_view kind, std::string_view name) {
  out += "::";
  out += kind;
  out += " file=";
  append_escaped(out, name == "-" ? std::string_view("<stdin>") : name, true);
}

} // namespace

std::string artifact_uri(std::string_view name) {
  std::string out;
  if (!name.empty() && name.front() == '/') {
    out = "file://";
  }
  for (char ch : name) {
    auto const c = static_cast<unsigned char>(ch);
    // RFC 3986 unreserved, sub-delims, '@' and '/': what a path segment holds raw. ':' is
    // encoded too, or "a:b.json" would read as a URI of scheme "a".
    bool const raw = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     std::string_view("-._~!$&'()*+,;=@/").find(ch) != std::string_view::npos;
    if (raw) {
      out += ch;
    } else {
      out += '%';
      conform::detail::append_hex(out, c, 2);
    }
  }
  return out;
}

std::string sarif_log_begin() {
  std::string out =
      "{\"version\":\"2.1.0\",\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
      "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"conform\",\"version\":\"" CONFORM_VERSION_STRING
      "\",\"rules\":[";
  for (std::size_t i = 0; i < std::size(conform::all_errors); ++i) {
    out += i == 0 ? "{\"id\":\"" : ",{\"id\":\"";
    out += conform::to_string(conform::all_errors[i]);
    out += "\",\"shortDescription\":{\"text\":";
    json_string(out, conform::describe(conform::all_errors[i]));
    out += "}}";
  }
  out += "]}},\"columnKind\":\"unicodeCodePoints\",\"results\":[";
  return out;
}

void append_sarif_results(std::string& out, document const& doc, std::string_view schema_name,
                          conform::diagnostics const& body, conform::diagnostics const& path) {
  for (auto const& d : body) {
    sarif_result(out, doc, schema_name, d, false);
  }
  for (auto const& d : path) {
    sarif_result(out, doc, schema_name, d, true);
  }
}

std::string sarif_log_end(totals const& t, std::vector<std::string> const& input_errors,
                          std::string_view summary_json) {
  std::string out = "],\"invocations\":[{\"executionSuccessful\":";
  out += t.io_error ? "false" : "true";
  out += ",\"toolExecutionNotifications\":[";
  bool first = true;
  for (auto const& e : input_errors) {
    out += first ? "{\"level\":\"error\",\"message\":{\"text\":"
                 : ",{\"level\":\"error\",\"message\":{\"text\":";
    json_string(out, e);
    out += "}}";
    first = false;
  }
  out += "]}],\"properties\":{\"documents\":" + std::to_string(t.documents) +
         ",\"valid\":" + std::to_string(t.valid) + ",\"invalid\":" + std::to_string(t.invalid) +
         ",\"errors\":" + std::to_string(t.errors) + ",\"warnings\":" + std::to_string(t.warnings) +
         ",\"skipped\":" + std::to_string(t.skipped);
  if (!summary_json.empty()) {
    out += ",\"summary\":";
    out += summary_json;
  }
  out += "}}]}\n";
  return out;
}

void close_abandoned_sarif_log(std::ostream& out, char const* reason) {
  out << "],\"invocations\":[{\"executionSuccessful\":false,\"toolExecutionNotifications\":["
         "{\"level\":\"error\",\"message\":{\"text\":\""
      << reason << "\"}}]}]}]}\n";
  out.flush();
}

void append_github_annotations(std::string& out, document const& doc,
                               conform::diagnostics const& body, conform::diagnostics const& path) {
  for (auto const* list : {&body, &path}) {
    bool const in_path = list == &path;
    for (auto const& d : *list) {
      append_command_head(out, d.level == conform::severity::error ? "error" : "warning",
                          *doc.source);
      if (file_position const at = position_in_file(doc, d, in_path); at.line != 0) {
        out += ",line=" + std::to_string(at.line);
        if (at.column != 0) {
          out += ",col=" + std::to_string(at.column);
        }
      }
      out += ",title=";
      append_escaped(out, "conform: " + std::string(conform::to_string(d.code)), true);
      out += "::";
      append_escaped(out, d.message() + place_of(doc, d, in_path), false);
      out += '\n';
    }
  }
}

std::string github_command(std::string_view kind, std::string_view name, std::string_view text) {
  std::string out;
  append_command_head(out, kind, name);
  out += ",title=conform::";
  append_escaped(out, text, false);
  out += '\n';
  return out;
}

} // namespace conform_cli
