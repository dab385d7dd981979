// Validates one document with the library and renders its report. This is the only translation
// unit that instantiates the decoder for the ModelArts schema (a heavy template instantiation),
// so the rest of the program compiles quickly and the schema is compiled once.
#include "ci_formats.hpp"
#include "document.hpp"

#include <conform/decode.hpp>
#include <conform/modelarts.hpp>
#include <conform/detail/text.hpp> // append_utf8, utf8_prefix, append_cut_length
#include <conform/render.hpp>
#include <conform/validate.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace conform_cli {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// A cursor over JSON text that only skips: enough to read the top-level keys of an object
// without decoding anything. Malformed text just stops the walk (the decoder reports it).
struct skimmer {
  std::string_view t;
  std::size_t i = 0;

  void spaces() {
    while (i < t.size() && is_space(t[i])) {
      ++i;
    }
  }
  // At a '"': moves past the closing quote; returns the raw (still escaped) contents.
  std::string_view string() {
    std::size_t start = ++i;
    while (i < t.size() && t[i] != '"') {
      i += t[i] == '\\' ? 2 : 1;
    }
    std::string_view raw = t.substr(start, std::min(i, t.size()) - start);
    ++i;
    return raw;
  }
  // Moves past one value of any kind (nested containers included).
  void value() {
    std::size_t depth = 0;
    while (i < t.size()) {
      char c = t[i];
      if (c == '"') {
        string();
      } else if (c == '{' || c == '[') {
        ++depth;
        ++i;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          return;
        }
        --depth;
        ++i;
      } else if (c == ',' && depth == 0) {
        return;
      } else {
        ++i;
      }
      if (depth == 0 && (c == '"' || c == '}' || c == ']')) {
        return;
      }
    }
  }
};

// The four hex digits at raw[i..i+4) as a code unit, or false.
bool hex4(std::string_view raw, std::size_t i, std::uint32_t& unit) {
  if (raw.size() < 4 || i > raw.size() - 4) {
    return false;
  }
  unit = 0;
  for (std::size_t k = i; k < i + 4; ++k) {
    char c = raw[k];
    std::uint32_t v = c >= '0' && c <= '9'   ? std::uint32_t(c - '0')
                      : c >= 'a' && c <= 'f' ? std::uint32_t(c - 'a' + 10)
                      : c >= 'A' && c <= 'F' ? std::uint32_t(c - 'A' + 10)
                                             : 16;
    if (v == 16) {
      return false;
    }
    unit = unit * 16 + v;
  }
  return true;
}

// The contents of a JSON string with its escapes undone (RFC 8259 §7): keys that differ only
// in how they are escaped are the same key (§8.3), "\u006bind" is "kind". False for an escape
// that is not JSON (or a lone surrogate): such a key is no key the detection looks for, and
// the decoder reports the text.
bool unescape(std::string_view raw, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++i >= raw.size()) {
      return false;
    }
    switch (raw[i]) {
    case '"':
    case '\\':
    case '/':
      out += raw[i];
      break;
    case 'b':
      out += '\b';
      break;
    case 'f':
      out += '\f';
      break;
    case 'n':
      out += '\n';
      break;
    case 'r':
      out += '\r';
      break;
    case 't':
      out += '\t';
      break;
    case 'u': {
      std::uint32_t unit = 0;
      if (!hex4(raw, i + 1, unit)) {
        return false;
      }
      i += 4;
      if (unit >= 0xDC00 && unit <= 0xDFFF) {
        return false;
      }
      if (unit >= 0xD800 && unit <= 0xDBFF) {
        std::uint32_t low = 0;
        if (i + 2 >= raw.size() || raw[i + 1] != '\\' || raw[i + 2] != 'u' ||
            !hex4(raw, i + 3, low) || low < 0xDC00 || low > 0xDFFF) {
          return false;
        }
        i += 6;
        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
      }
      conform::detail::append_utf8(out, unit);
      break;
    }
    default:
      return false;
    }
  }
  return true;
}

// schema detect for a body without an HTTP status: an object with a top-level "error_code" and
// neither "kind" nor "metadata" is an error body (reference.md §2.2); anything else, including
// malformed text, is checked as a training job.
bool looks_like_error_body(std::string_view text) {
  skimmer s{text};
  s.spaces();
  if (s.i >= text.size() || text[s.i] != '{') {
    return false;
  }
  ++s.i;
  bool error_code = false;
  std::string key;
  for (;;) {
    s.spaces();
    if (s.i >= text.size() || text[s.i] != '"') {
      break;
    }
    std::string_view raw = s.string();
    // Keys are compared by their text once unescaped, not by their spelling.
    if (!unescape(raw, key)) {
      key.clear();
    }
    if (key == "kind" || key == "metadata") {
      return false;
    }
    error_code = error_code || key == "error_code";
    s.spaces();
    if (s.i >= text.size() || text[s.i] != ':') {
      break;
    }
    ++s.i;
    s.spaces();
    s.value();
    s.spaces();
    if (s.i >= text.size() || text[s.i] != ',') {
      break;
    }
    ++s.i;
  }
  return error_code;
}

// Appends the items of `from` to `into`, keeping the counts of diagnostics past the cap.
void merge(conform::diagnostics& into, conform::diagnostics const& from) {
  std::size_t kept_errors = 0;
  for (auto const& d : from) {
    kept_errors += d.level == conform::severity::error;
    into.push_back(d);
  }
  for (std::size_t k = kept_errors; k < from.error_count(); ++k) {
    into.count(conform::severity::error);
  }
  for (std::size_t k = from.size() - kept_errors; k < from.warning_count(); ++k) {
    into.count(conform::severity::warning);
  }
}

// A worker keeps the decoded object of its last document only while documents are this small, so
// that what each worker holds between documents stays small whatever the stream holds.
constexpr std::size_t reused_storage_max_bytes = std::size_t(1) << 20;

// Only the diagnostics are reported; the decoded value is scratch. Each thread decodes into one
// object of its own (conform::decode_into), so that a stream of similar documents overwrites the
// previous document's strings and vectors instead of allocating them again.
template <class T>
conform::diagnostics decode_reusing(std::string_view body, conform::decode_options const& options) {
  thread_local T scratch;
  conform::diagnostics ds = conform::decode_into(scratch, body, options);
  if (body.size() > reused_storage_max_bytes) {
    scratch = T{};
  }
  return ds;
}

std::string_view schema_name(schema_choice s) {
  return s == schema_choice::error_body ? "error_body" : "training_job";
}

// One diagnostic as JSON, with "in" telling a body pointer from a path-parameter one.
void json_diagnostic(std::ostream& os, conform::diagnostic const& d, bool in_path,
                     conform::render_options const& ro) {
  std::ostringstream one;
  conform::render_json(one, d, ro);
  std::string text = text_of(one);
  os << (in_path ? "{\"in\":\"path\"," : "{\"in\":\"body\",") << std::string_view(text).substr(1);
}

} // namespace

std::string json_report(document const& doc, std::string_view schema, outcome const& o,
                        conform::diagnostics const& body, conform::diagnostics const& path,
                        conform::render_options const& ro) {
  std::ostringstream os;
  os << "{\"source\":";
  conform::render_json_string(os, *doc.source);
  os << ",\"document\":" << doc.index << ",\"locator\":";
  conform::render_json_string(os, doc.locator);
  if (!schema.empty()) {
    os << ",\"schema\":\"" << schema << '"';
  }
  os << ",\"valid\":" << (o.valid ? "true" : "false") << ",\"errors\":" << o.errors
     << ",\"warnings\":" << o.warnings << ",\"diagnostics\":[";
  bool first = true;
  for (auto const* list : {&body, &path}) {
    for (auto const& d : *list) {
      os << (first ? "" : ",");
      first = false;
      json_diagnostic(os, d, list == &path, ro);
    }
  }
  os << "]}\n";
  return text_of(os);
}

std::string fold_pointer(std::string_view pointer, std::vector<bool> const& arrays) {
  std::string out;
  out.reserve(pointer.size());
  std::size_t i = 0;
  for (std::size_t token = 0; i < pointer.size(); ++token) {
    // pointer[i] is '/': copy it, then the token (or '*' for an index into an array).
    std::size_t end = pointer.find('/', i + 1);
    if (end == std::string_view::npos) {
      end = pointer.size();
    }
    out += '/';
    if (token < arrays.size() && arrays[token]) {
      out += '*';
    } else {
      out += pointer.substr(i + 1, end - i - 1);
    }
    i = end;
  }
  return out;
}

namespace {

// The summary keeps at most this many characters of a pointer. It holds up to 10,000 distinct
// pointers over the whole input, and a document's keys can be up to max_string_bytes each: kept
// whole, a hostile stream could make the table hold gigabytes. A longer pointer is cut and
// ends with its length, so two long pointers differ when their lengths do.
constexpr std::size_t summary_pointer_chars = 400;

std::string summary_pointer(std::string pointer) {
  std::size_t const cut = conform::detail::utf8_prefix(pointer, summary_pointer_chars);
  if (cut == std::string_view::npos) {
    return pointer;
  }
  std::string out = pointer.substr(0, cut);
  conform::detail::append_cut_length(out, pointer);
  return out;
}

// Whether a reference token may be an array index ("0", "17"): a member name may be made of
// digits too, so such a token is only a candidate, which the document then decides.
bool has_digit_token(std::string_view pointer) {
  std::size_t i = 0;
  while (i < pointer.size()) {
    std::size_t end = pointer.find('/', i + 1);
    if (end == std::string_view::npos) {
      end = pointer.size();
    }
    std::string_view token = pointer.substr(i + 1, end - i - 1);
    if (!token.empty() &&
        std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return true;
    }
    i = end;
  }
  return false;
}

// The --summary pointers of a body's diagnostics, in their order, with array indices folded.
// Whether a token is an index or a member name made of digits is read from the document: the
// containers open where a diagnostic points are, outermost first, the ones its pointer's tokens
// step through (token i is a key or an index of the i-th). One forward walk over the text
// serves every diagnostic, visited in offset order; a token deeper than the containers open
// there (a missing member, reported at its object's start) is a member name.
std::vector<std::string> folded_pointers(std::string_view text, conform::diagnostics const& ds) {
  std::vector<std::string> out(ds.size());
  std::vector<std::size_t> order;
  for (std::size_t k = 0; k < ds.size(); ++k) {
    if (ds[k].offset != conform::diagnostic::no_offset && has_digit_token(ds[k].pointer)) {
      order.push_back(k);
    } else {
      out[k] = ds[k].pointer; // nothing to fold, or nothing to read it from
    }
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return ds[a].offset < ds[b].offset; });
  std::vector<bool> open; // the containers open at `at`: true for an array
  std::size_t at = 0;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t k : order) {
    std::size_t until = std::min(ds[k].offset, text.size());
    for (; at < until; ++at) {
      char c = text[at];
      if (in_string) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          in_string = false;
        }
      } else if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        open.push_back(c == '[');
      } else if ((c == '}' || c == ']') && !open.empty()) {
        open.pop_back();
      }
    }
    out[k] = fold_pointer(ds[k].pointer, open);
  }
  return out;
}

} // namespace

outcome check_document(document const& doc, settings const& s) {
  outcome o;
  o.bytes = doc.body.size();
  schema_choice schema = doc.schema;
  if (schema == schema_choice::detect) {
    schema =
        looks_like_error_body(doc.body) ? schema_choice::error_body : schema_choice::training_job;
  }

  conform::diagnostics body;
  for (auto const& d : doc.transport) {
    body.push_back(d);
  }
  if (!doc.body_unavailable) {
    conform::diagnostics found =
        schema == schema_choice::error_body
            ? decode_reusing<conform::modelarts::error_body>(doc.body, s.decode)
            : decode_reusing<conform::modelarts::training_job>(doc.body, s.decode);
    if (body.empty()) {
      body = std::move(found);
    } else {
      merge(body, found);
    }
  }
  conform::diagnostics path;
  if (doc.has_path) {
    conform::modelarts::path_parameters p{doc.project_id, doc.training_job_id};
    path = conform::validate(p, s.decode);
  }

  o.errors = body.error_count() + path.error_count();
  o.warnings = body.warning_count() + path.warning_count();
  o.valid = o.errors == 0 && (!s.werror || o.warnings == 0);

  if (s.summary) {
    // The too_many_diagnostics entry closing a capped list is no finding of its own: what it
    // stands for is counted apart, since the codes and pointers of what it hides are unknown.
    for (auto const* list : {&body, &path}) {
      std::size_t kept_errors = 0;
      std::size_t kept_warnings = 0;
      for (auto const& d : *list) {
        if (d.code == conform::error::too_many_diagnostics) {
          o.capped = true;
        } else {
          ++(d.level == conform::severity::error ? kept_errors : kept_warnings);
        }
      }
      o.uncounted_errors += list->error_count() - std::min(kept_errors, list->error_count());
      o.uncounted_warnings +=
          list->warning_count() - std::min(kept_warnings, list->warning_count());
    }
    std::map<conform::error, std::size_t> per_code;
    std::vector<std::string> pointers = folded_pointers(doc.body, body);
    for (std::size_t k = 0; k < body.size(); ++k) {
      if (body[k].code == conform::error::too_many_diagnostics) {
        continue;
      }
      o.keys.push_back(summary_key{false, body[k].code, summary_pointer(std::move(pointers[k]))});
      ++per_code[body[k].code];
    }
    for (auto const& d : path) { // the path parameters are named, none is an index
      if (d.code == conform::error::too_many_diagnostics) {
        continue;
      }
      o.keys.push_back(summary_key{true, d.code, summary_pointer(d.pointer)});
      ++per_code[d.code];
    }
    std::sort(o.keys.begin(), o.keys.end());
    o.keys.erase(std::unique(o.keys.begin(), o.keys.end()), o.keys.end());
    o.code_counts.assign(per_code.begin(), per_code.end());
  }

  if (s.quiet) {
    return o;
  }
  conform::render_options ro;
  ro.color = s.color;
  ro.first_line = doc.first_line;
  if (s.format == output_format::sarif) {
    append_sarif_results(o.rendered, doc, schema_name(schema), body, path);
    return o;
  }
  if (s.format == output_format::github) {
    append_github_annotations(o.rendered, doc, body, path);
    return o;
  }
  if (s.format == output_format::json) {
    o.rendered = json_report(doc, schema_name(schema), o, body, path, ro);
    return o;
  }
  std::ostringstream os;
  if (!body.empty() || !path.empty()) {
    if (doc.locator_header) {
      std::string header;
      conform::detail::append_printable(header, *doc.source);
      header += ": in ";
      conform::detail::append_printable(header, doc.locator);
      os << (s.color ? "\033[1m" : "") << header << ':' << (s.color ? "\033[0m" : "") << '\n';
    }
    ro.show_source = !doc.body_unavailable;
    conform::render_text(os, body, doc.body, *doc.source, ro);
    for (auto const& d : path) {
      conform::render_text(os, d, {}, *doc.source, ro);
      os << "  in: the request URL's path parameters\n";
    }
  }
  o.rendered = text_of(os);
  return o;
}

} // namespace conform_cli
