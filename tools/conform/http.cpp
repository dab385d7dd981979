// The raw HTTP reader: what `curl -i` (and `curl -i -L`, `curl --raw -i`, a netcat capture)
// writes. Several responses may follow one another: interim ones (100 Continue) and redirects
// come before the final one. Each 2xx/4xx/5xx response is a document.
//
// Framing cannot simply trust the headers: curl removes the chunked encoding (and, with
// --compressed, the compression) but prints the headers as received, and it prints no body for
// a redirect it follows even when Content-Length says there is one. So a body ends where the
// next status line begins (a JSON body cannot hold a raw newline followed by "HTTP/"), unless
// the headers' framing (raw chunks, or Content-Length landing exactly on the next response)
// checks out.
#include "input.hpp"

#include <fmt/core.h>

#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace conform_cli {

namespace {

// The status code of an HTTP status line ("HTTP/1.1 200 OK", "HTTP/2 404 "), if it is one.
std::optional<int> status_of(std::string_view line) {
  if (line.substr(0, 5) != "HTTP/") {
    return std::nullopt;
  }
  std::size_t i = 5;
  auto digit = [&](std::size_t k) { return k < line.size() && line[k] >= '0' && line[k] <= '9'; };
  if (!digit(i)) {
    return std::nullopt;
  }
  ++i;
  if (i < line.size() && line[i] == '.') {
    if (!digit(i + 1)) {
      return std::nullopt;
    }
    i += 2;
  }
  if (i >= line.size() || line[i] != ' ' || !digit(i + 1) || !digit(i + 2) || !digit(i + 3) ||
      (i + 4 < line.size() && line[i + 4] != ' ')) {
    return std::nullopt;
  }
  return (line[i + 1] - '0') * 100 + (line[i + 2] - '0') * 10 + (line[i + 3] - '0');
}

// The line starting at `pos` without its CR LF (or LF); moves `pos` past it.
std::string_view next_line(std::string_view t, std::size_t& pos) {
  std::size_t nl = t.find('\n', pos);
  std::size_t end = nl == std::string_view::npos ? t.size() : nl;
  std::string_view line = t.substr(pos, end - pos);
  pos = nl == std::string_view::npos ? t.size() : nl + 1;
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  }
  return line;
}

// Where the next response's status line starts at or after `from`, or the end. A status line
// starts a line, or directly follows the closing brace of a JSON body (curl writes the next
// response's headers right after a body that has no final newline).
std::size_t next_response(std::string_view t, std::size_t from) {
  for (std::size_t at = t.find("HTTP/", from); at != std::string_view::npos;
       at = t.find("HTTP/", at + 1)) {
    if (at == 0 || t[at - 1] == '\n' || t[at - 1] == '}') {
      std::size_t probe = at;
      if (status_of(next_line(t, probe))) {
        return at;
      }
    }
  }
  return t.size();
}

// True when only whitespace separates `at` from the next response (or the end).
bool ends_here(std::string_view t, std::size_t at) {
  std::size_t next = t.find_first_not_of(" \t\r\n", at);
  if (next == std::string_view::npos) {
    return true;
  }
  std::size_t probe = next;
  return status_of(next_line(t, probe)).has_value();
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

bool icontains(std::string_view hay, std::string_view needle) {
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    if (iequals(hay.substr(i, needle.size()), needle)) {
      return true;
    }
  }
  return false;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

// Decodes raw chunked transfer coding (RFC 9112 §7.1) from the start of `s`. Returns false when
// `s` does not start with a chunk-size line (the body was already decoded, as curl does).
// A stream cut short yields what arrived (the decoder then reports the truncated JSON), and
// `complete` says whether the last chunk (size 0) was there.
bool dechunk(std::string_view s, std::string& out, std::size_t& consumed, bool& complete) {
  complete = false;
  std::size_t pos = 0;
  bool first = true;
  for (;;) {
    if (pos >= s.size()) {
      consumed = s.size();
      return !first;
    }
    std::string_view size_line = next_line(s, pos);
    std::uint64_t size = 0;
    std::size_t digits = 0;
    while (digits < size_line.size() && digits < 16) {
      char c = size_line[digits];
      int v = (c >= '0' && c <= '9')   ? c - '0'
              : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                       : -1;
      if (v < 0) {
        break;
      }
      size = size * 16 + static_cast<std::uint64_t>(v);
      ++digits;
    }
    std::string_view rest = size_line.substr(digits);
    if (digits == 0 || (!rest.empty() && rest[0] != ';' && rest[0] != ' ' && rest[0] != '\t')) {
      if (first) {
        return false;
      }
      consumed = pos;
      return true; // garbage where a chunk size belongs: keep what was decoded
    }
    first = false;
    if (size == 0) {
      complete = true;
      // Trailer fields up to the empty line.
      while (pos < s.size() && !next_line(s, pos).empty()) {
      }
      consumed = pos;
      return true;
    }
    std::uint64_t available = s.size() - pos;
    std::size_t take = static_cast<std::size_t>(size < available ? size : available);
    out.append(s.data() + pos, take);
    pos += take;
    if (pos < s.size() && s[pos] == '\r') {
      ++pos;
    }
    if (pos < s.size() && s[pos] == '\n') {
      ++pos;
    }
  }
}

} // namespace

void read_http(input_buffer& in, input_context& ctx) {
  // Several responses may each hold a body up to the limit; the bound keeps memory finite.
  std::uint64_t cap = std::uint64_t(ctx.s.decode.max_input_bytes) * 2 + (1u << 20);
  while (in.data().size() <= cap && in.more()) {
  }
  if (in.data().size() > cap) {
    throw io_error(fmt::format("HTTP capture larger than {} bytes", cap));
  }
  std::string_view t = in.data();
  std::size_t pos = t.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0; // a byte order mark from an editor
  std::size_t line = 1;
  std::size_t counted = 0;             // t[0, counted) has been counted into `line`
  auto line_at = [&](std::size_t at) { // `at` never goes back
    for (; counted < at; ++counted) {
      line += t[counted] == '\n';
    }
    return line;
  };
  std::size_t index = 0;
  std::uint64_t skipped = 0;
  bool any = false;
  for (;;) {
    // Blank lines between responses.
    while (pos < t.size()) {
      std::size_t probe = pos;
      if (!trim(next_line(t, probe)).empty()) {
        break;
      }
      pos = probe;
    }
    if (pos >= t.size()) {
      break;
    }
    std::size_t start = pos;
    std::string_view status_line = next_line(t, pos);
    auto status = status_of(status_line);
    if (!status) {
      // Not a response, or, after responses, text where one should start (a body runs to the
      // next response, so this follows a response without one: 1xx, 204, 304): it may hold a
      // response whose status line is damaged. Not dropped unsaid: the input is reported
      // unreadable from here, as a broken archive is, after the responses before it (and the
      // interim ones counted as skipped; none before the first).
      ctx.out.skipped(skipped);
      throw io_error(fmt::format("not an HTTP response: line {} is not a status line{}",
                                 line_at(start), any ? "; the responses before it were read" : ""));
    }
    any = true;
    std::optional<std::uint64_t> content_length;
    bool chunked = false;
    bool encoded = false; // a Content-Encoding: curl --compressed decodes the body it prints
    for (;;) {
      if (pos >= t.size()) {
        break;
      }
      std::string_view header = next_line(t, pos);
      if (header.empty()) {
        break;
      }
      std::size_t colon = header.find(':');
      if (colon == std::string_view::npos) {
        continue;
      }
      std::string_view name = trim(header.substr(0, colon));
      std::string_view value = trim(header.substr(colon + 1));
      if (iequals(name, "Content-Length")) {
        std::uint64_t n = 0;
        bool ok = !value.empty() && value.size() <= 18;
        for (char c : value) {
          ok = ok && c >= '0' && c <= '9';
          n = n * 10 + static_cast<std::uint64_t>(c - '0');
        }
        content_length = ok ? std::optional<std::uint64_t>(n) : std::nullopt;
      } else if (iequals(name, "Transfer-Encoding")) {
        chunked = icontains(value, "chunked");
      } else if (iequals(name, "Content-Encoding")) {
        encoded = !value.empty() && !iequals(value, "identity");
      }
    }
    std::size_t body_start = pos;
    bool bodiless = (*status >= 100 && *status < 200) || *status == 204 || *status == 304;
    std::string body;
    std::size_t body_end = body_start;
    std::size_t consumed = 0;
    bool last_chunk = false; // dechunk found it
    std::string cut;         // how the framing says the capture was cut short, if it does
    bool body_from_chunks = false;
    if (bodiless) {
      body_end = body_start;
    } else if (chunked && dechunk(t.substr(body_start), body, consumed, last_chunk) &&
               ends_here(t, body_start + consumed)) {
      body_end = body_start + consumed;
      body_from_chunks = true;
      if (!last_chunk) {
        cut = "the chunked body ends without its last chunk (size 0)";
      }
    } else if (content_length && *content_length <= t.size() - body_start &&
               ends_here(t, body_start + static_cast<std::size_t>(*content_length))) {
      body.clear();
      body.assign(t.substr(body_start, static_cast<std::size_t>(*content_length)));
      body_end = body_start + static_cast<std::size_t>(*content_length);
    } else {
      body.clear();
      body_end = next_response(t, body_start);
      body.assign(t.substr(body_start, body_end - body_start));
      // Only a body that holds fewer bytes than announced, and whose length the headers
      // state as printed: with a Content-Encoding, curl --compressed prints the decoded
      // body under the encoded length, and with chunks the length does not count (RFC 9112
      // section 6.3). An empty body may answer a HEAD request; it is left unremarked.
      if (content_length && !chunked && !encoded && !body.empty() &&
          body.size() < *content_length) {
        cut = fmt::format("the body holds {} of the {} bytes its Content-Length announces",
                          body.size(), *content_length);
      }
    }
    pos = body_end;

    std::optional<schema_choice> schema = schema_for_status(*status);
    if (!schema) {
      ++skipped; // interim responses and redirects on the way to the final response
      if (*status < 100 || *status > 599) {
        // Not a status code at all (RFC 9110 section 15: 100 to 599): a damaged capture, said
        // so rather than skipped as quietly as a redirect.
        write_note(ctx, fmt::format("line {} {}: {:03} is no HTTP status code (100 to 599); the "
                                    "response is skipped",
                                    line_at(start), trim(status_line), *status));
      }
      continue;
    }
    // line_at() counts forward only: the status line's number is taken before the body's.
    std::size_t const status_line_number = line_at(start);
    document doc;
    doc.source = ctx.name;
    doc.index = index++;
    doc.locator = fmt::format("line {} {}", status_line_number, trim(status_line));
    doc.locator_line = status_line_number;
    doc.locator_header = true;
    // A body read as it stands (Content-Length, or up to the next response) has the file's
    // lines and columns; a chunked one is put together from its chunks.
    doc.in_file = !body_from_chunks;
    if (doc.in_file) {
      doc.first_line = line_at(body_start);
    }
    doc.schema = ctx.s.schema != schema_choice::detect ? ctx.s.schema : *schema;
    doc.body = std::move(body);
    ctx.out.submit(std::move(doc));
    if (!cut.empty()) {
      // The body's JSON errors follow from a capture cut short, not from what the server
      // sent: said so, after that response's report.
      write_note(ctx, fmt::format("line {} {}: {}: the capture was cut short", status_line_number,
                                  trim(status_line), cut));
    }
  }
  ctx.out.skipped(skipped);
  in.consume(t.size());
}

} // namespace conform_cli
