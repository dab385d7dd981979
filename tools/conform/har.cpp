// The HAR reader. An archive can be far larger than any response in it, so it is streamed:
// Boost.JSON's basic_parser reads it chunk by chunk, and only the entry being read is built
// as a DOM (with a value_stack, as boost::json::parser does for a whole document). Each
// entry is matched, its body extracted, and handed to the pipeline before the next is read.
// Memory thus follows the largest entry, and the entries before a break in a truncated
// archive are still validated.
#include "input.hpp"

#include <conform/detail/text.hpp>
#include <conform/detail/utf8.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/error.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_stack.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <ostream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

namespace conform_cli {

namespace {

using boost::system::error_code;
using json_string_view = boost::json::string_view;

std::string_view sv(json_string_view s) {
  return std::string_view(s.data(), s.size());
}

// ---------------------------------------------------------------------------------------------
// URLs and bodies

struct path_match {
  std::string project_id;
  std::string training_job_id;
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

// RFC 3986 percent-decoding of one path segment; a malformed escape stays as written (the
// parameter's own rules then report the '%').
std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The path parameters of `url` when its path is exactly /v2/{project_id}/training-jobs/{id}
// (query and fragment ignored). Other paths of the API (the job list, .../metrics, ...) are
// different operations with different bodies, so they do not match.
std::optional<path_match> match_training_job(std::string_view url) {
  std::string_view path = url;
  std::size_t scheme = path.find("://");
  if (scheme != std::string_view::npos) {
    std::size_t slash = path.find('/', scheme + 3);
    if (slash == std::string_view::npos) {
      return std::nullopt;
    }
    path = path.substr(slash);
  }
  path = path.substr(0, path.find_first_of("?#"));
  std::string_view segments[5];
  std::size_t n = 0;
  if (path.empty() || path[0] != '/') {
    return std::nullopt;
  }
  path.remove_prefix(1);
  for (;;) {
    std::size_t slash = path.find('/');
    if (n == 4) {
      return std::nullopt; // a fifth segment
    }
    segments[n++] = path.substr(0, slash);
    if (slash == std::string_view::npos) {
      break;
    }
    path.remove_prefix(slash + 1);
  }
  if (n != 4 || segments[0] != "v2" || segments[2] != "training-jobs") {
    return std::nullopt;
  }
  return path_match{percent_decode(segments[1]), percent_decode(segments[3])};
}

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') {
    return c - 'A';
  }
  if (c >= 'a' && c <= 'z') {
    return c - 'a' + 26;
  }
  if (c >= '0' && c <= '9') {
    return c - '0' + 52;
  }
  if (c == '+') {
    return 62;
  }
  if (c == '/') {
    return 63;
  }
  return -1;
}

// RFC 4648 base64 (whitespace between groups tolerated, as some exporters wrap lines).
// Returns false with the offset and a description of the first fault.
bool base64_decode(std::string_view in, std::string& out, std::size_t& fault_at,
                   std::string& fault) {
  out.clear();
  out.reserve(in.size() / 4 * 3);
  std::uint32_t bits = 0;
  int have = 0;
  std::size_t digits = 0;
  std::size_t padding = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      continue;
    }
    if (c == '=') {
      ++padding;
      if (padding > 2 || (digits + padding) % 4 == 1 || digits % 4 < 2) {
        fault_at = i;
        fault = "misplaced '=' padding";
        return false;
      }
      continue;
    }
    int v = base64_value(c);
    if (v < 0 || padding != 0) {
      fault_at = i;
      fault = v < 0 ? (c >= 0x20 && c < 0x7F
                           ? fmt::format("invalid character '{}'", c)
                           : fmt::format("invalid byte 0x{:02x}", static_cast<unsigned char>(c)))
                    : "data after '=' padding";
      return false;
    }
    bits = (bits << 6) | static_cast<std::uint32_t>(v);
    have += 6;
    ++digits;
    if (have >= 8) {
      have -= 8;
      out += static_cast<char>((bits >> have) & 0xFFu);
    }
  }
  if (digits % 4 == 1) {
    fault_at = in.size();
    fault = "a truncated last group";
    return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Entries

boost::json::object const* object_at(boost::json::object const& o, std::string_view key) {
  auto const* v = o.if_contains(key);
  return v != nullptr ? v->if_object() : nullptr;
}

std::optional<std::string_view> string_at(boost::json::object const& o, std::string_view key) {
  auto const* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) {
    return std::nullopt;
  }
  return sv(v->get_string());
}

std::optional<std::int64_t> integer_at(boost::json::object const& o, std::string_view key) {
  auto const* v = o.if_contains(key);
  if (v == nullptr) {
    return std::nullopt;
  }
  if (v->is_int64()) {
    return v->get_int64();
  }
  // A uint64 is past INT64_MAX (Boost.JSON keeps smaller ones as int64): no HTTP status, and
  // no number that the skip note could name as it stands, so the entry counts as one without
  // a status, as a string or a fraction does.
  if (v->is_double() && v->get_double() >= 0 && v->get_double() < 1000 &&
      v->get_double() == static_cast<double>(static_cast<std::int64_t>(v->get_double()))) {
    return static_cast<std::int64_t>(v->get_double());
  }
  return std::nullopt;
}

/// "null", "a number", ...: what a value of the archive is, for a found text.
std::string kind_name(boost::json::value const& v) {
  switch (v.kind()) {
  case boost::json::kind::null:
    return "null";
  case boost::json::kind::bool_:
    return "a boolean";
  case boost::json::kind::int64:
  case boost::json::kind::uint64:
  case boost::json::kind::double_:
    return "a number";
  case boost::json::kind::string:
    return "a string";
  case boost::json::kind::array:
    return "an array";
  case boost::json::kind::object:
    return "an object";
  }
  return "a value";
}

/// " (content.size says N bytes)" when the content object states the body's size, else "".
std::string stated_size(boost::json::object const& content) {
  auto const* size = content.if_contains("size");
  return size != nullptr && size->is_int64() && size->get_int64() > 0
             ? fmt::format(" (content.size says {} bytes)", size->get_int64())
             : std::string();
}

/// Where an entry starts in the archive (its '{' or '['): byte offset, line and column (in
/// characters, as the library counts columns and as in the broken-HAR message), all from 1 but
/// the offset.
struct entry_position {
  std::uint64_t byte = 0;
  std::uint64_t line = 0;
  std::uint64_t column = 0;
};

/// An entry over the per-entry limit: it was not kept, only its request method and URL and its
/// response status were (see har_handler).
struct oversized_entry {
  std::uint64_t limit = 0;
  entry_position at;
};

/// The members of an entry that this reader reads. The entry's DOM keeps the last of a
/// duplicated member (as Boost.JSON's does), so a duplicate is reported rather than resolved
/// silently: an archive could otherwise show one body to this reader and another to a tool
/// that keeps the first.
enum read_member : unsigned {
  read_request,
  read_response,
  read_method,
  read_url,
  read_status,
  read_content,
  read_text,
  read_encoding,
};

constexpr std::string_view read_member_names[] = {
    "request",         "response",         "request.method",        "request.url",
    "response.status", "response.content", "response.content.text", "response.content.encoding"};

/// The members that decide whether an entry is a document (see har_entries::entry): the
/// request's, for "a GET of a training job", and the response's, for its status.
constexpr unsigned request_members = 1u << read_request | 1u << read_method | 1u << read_url;
constexpr unsigned response_members = 1u << read_response | 1u << read_status;

// What happens to the entries of one archive.
class har_entries {
public:
  explicit har_entries(input_context& ctx) : ctx_(ctx) {}

  /// One entry: the whole of it, or, when `oversized`, the request method and URL and the
  /// response status of an entry too large to keep (skipped like any other when it is not a
  /// document; a limit_exceeded diagnostic on its document when it is one).
  ///
  /// `duplicates` holds a bit per read_member that appeared more than once in its object. An
  /// entry skipped on a duplicated member that decided the skip (say a second "method" for
  /// "not a GET") is counted apart, as its other value might have made it a document; a
  /// duplicate that could not have (a second status of a POST) leaves the entry counted under
  /// its reason. A document gets a duplicate_key diagnostic per duplicated member.
  void entry(boost::json::value const& v, std::size_t index, unsigned duplicates = 0,
             oversized_entry const* oversized = nullptr, std::uint64_t line = 0) {
    ++entries_;
    auto skip = [&](std::uint64_t& reason, unsigned deciding) {
      ++((duplicates & deciding) != 0 ? duplicated_ : reason);
    };
    auto const* e = v.if_object();
    auto const* request = e != nullptr ? object_at(*e, "request") : nullptr;
    auto const* response = e != nullptr ? object_at(*e, "response") : nullptr;
    auto method = request != nullptr ? string_at(*request, "method") : std::nullopt;
    auto url = request != nullptr ? string_at(*request, "url") : std::nullopt;
    if (response == nullptr || !method || !url) {
      return skip(malformed_, (response == nullptr ? 1u << read_response : 0u) |
                                  (!method || !url ? request_members : 0u));
    }
    auto match = *method == "GET" ? match_training_job(*url) : std::nullopt;
    if (!match) {
      return skip(other_, request_members);
    }
    auto status = integer_at(*response, "status");
    if (!status) {
      return skip(malformed_, response_members);
    }
    std::optional<schema_choice> schema = schema_for_status(*status);
    if (!schema) {
      // Not through skip, whose argument statuses_[*status] would add a status counted 0 to
      // the note when the entry is counted with the duplicates.
      ++((duplicates & response_members) != 0 ? duplicated_ : statuses_[*status]);
      return;
    }
    if (ctx_.s.schema != schema_choice::detect) {
      schema = ctx_.s.schema;
    }
    document doc;
    doc.source = ctx_.name;
    doc.index = documents_++;
    doc.locator = "entry " + std::to_string(index) + " GET " + std::string(*url);
    doc.locator_header = true;
    doc.in_file = false; // the value of a JSON string
    doc.locator_line = static_cast<std::size_t>(line);
    doc.schema = *schema;
    doc.has_path = true;
    doc.project_id = std::move(match->project_id);
    doc.training_job_id = std::move(match->training_job_id);
    for (unsigned m = 0; m < std::size(read_member_names); ++m) {
      if ((duplicates >> m & 1u) != 0) {
        conform::diagnostic d;
        d.code = conform::error::duplicate_key;
        d.expected = fmt::format("one \"{}\" member in the HAR entry", read_member_names[m]);
        d.found = "more than one; the last is the one read";
        doc.transport.push_back(std::move(d));
      }
    }
    if (oversized != nullptr) {
      conform::diagnostic d;
      d.code = conform::error::limit_exceeded;
      d.expected = fmt::format(
          "a HAR entry of at most {} bytes (twice max_input_bytes plus 16 MiB)", oversized->limit);
      d.found = fmt::format("a larger entry, starting at line {}, column {} (byte {}) of the file; "
                            "its body was not read",
                            oversized->at.line, oversized->at.column, oversized->at.byte);
      doc.transport.push_back(std::move(d));
      doc.body_unavailable = true;
      ctx_.out.submit(std::move(doc));
      return;
    }
    auto const* content_value = response->if_contains("content");
    auto const* content = content_value != nullptr ? content_value->if_object() : nullptr;
    auto const* text_value = content != nullptr ? content->if_contains("text") : nullptr;
    if (text_value == nullptr || !text_value->is_string()) {
      // HAR 1.2 lets an archive leave the body out ("leave out this field if the information
      // is not available"), and browsers do for bodies they did not keep. Read as an empty
      // body, it was reported as invalid JSON at 1:1, which the server never sent.
      conform::diagnostic d;
      bool const absent = content_value == nullptr || (content != nullptr && text_value == nullptr);
      d.code = absent ? conform::error::missing_member : conform::error::type_mismatch;
      d.expected = "the response body, a string in response.content.text of the HAR entry";
      d.found = content_value == nullptr ? "no response.content"
                : content == nullptr     ? "response.content is " + kind_name(*content_value)
                : text_value == nullptr
                    ? "no content.text: the archive kept no body" + stated_size(*content)
                    : "content.text is " + kind_name(*text_value);
      doc.transport.push_back(std::move(d));
      doc.body_unavailable = true;
      ctx_.out.submit(std::move(doc));
      return;
    }
    auto const* encoding = content->if_contains("encoding");
    bool const base64 =
        encoding != nullptr && encoding->is_string() && encoding->get_string() == "base64";
    bool const none = encoding == nullptr || encoding->is_null() ||
                      (encoding->is_string() && encoding->get_string().empty());
    std::string_view body = sv(text_value->get_string());
    if (!base64 && !none) {
      // HAR 1.2 names one encoding, base64; without it the text is the decoded body. Another
      // one is read as plain text, as before, but not silently: if the text is encoded after
      // all, the JSON errors that follow are about bytes that are not the body.
      conform::diagnostic d;
      d.code = conform::error::unknown_enum_value;
      d.level = conform::severity::warning;
      d.expected = "content.encoding \"base64\" or none";
      if (encoding->is_string()) {
        conform::detail::append_quoted(d.found, sv(encoding->get_string()));
      } else {
        d.found = kind_name(*encoding);
      }
      d.found += "; the text was read as it is";
      doc.transport.push_back(std::move(d));
    }
    if (base64) {
      std::size_t fault_at = 0;
      std::string fault;
      if (!base64_decode(body, doc.body, fault_at, fault)) {
        // The body cannot be read at all; the entry reports why instead of a JSON error
        // about bytes that are not the body.
        conform::diagnostic d;
        d.code = conform::error::syntax_error;
        d.expected = "a base64 body (content.encoding is \"base64\")";
        d.found = fault + " at offset " + std::to_string(fault_at) + " of content.text";
        doc.transport.push_back(std::move(d));
        doc.body_unavailable = true;
        doc.body.clear();
      }
    } else {
      doc.body.assign(body);
    }
    ctx_.out.submit(std::move(doc));
  }

  /// Counts the skipped entries and, when `say`, writes the line that says how many and why.
  /// Returns that "N of M entries skipped (why)", or "" when none was.
  std::string report_skipped(bool say) {
    std::uint64_t statuses = 0;
    for (auto const& [status, count] : statuses_) {
      statuses += count;
    }
    std::uint64_t skipped = other_ + malformed_ + duplicated_ + statuses;
    ctx_.out.skipped(skipped);
    if (skipped == 0) {
      return {};
    }
    std::string why;
    auto add = [&](std::string part) { why += (why.empty() ? "" : ", ") + std::move(part); };
    if (other_ != 0) {
      add(fmt::format("{} not a GET of /v2/{{project_id}}/training-jobs/{{training_job_id}}",
                      other_));
    }
    for (auto const& [status, count] : statuses_) {
      add(fmt::format("{} with status {}", count, status));
    }
    if (malformed_ != 0) {
      add(fmt::format("{} without a request method and URL or a response status", malformed_));
    }
    if (duplicated_ != 0) {
      add(fmt::format("{} with a duplicate request, response, method, url or status member",
                      duplicated_));
    }
    std::string what = fmt::format("{} of {} entries skipped ({})", skipped, entries_, why);
    if (say) {
      write_note(ctx_, what);
    }
    return what;
  }

private:
  input_context& ctx_;
  std::uint64_t entries_ = 0;
  std::uint64_t documents_ = 0;
  std::uint64_t other_ = 0;
  std::uint64_t malformed_ = 0;
  std::uint64_t duplicated_ = 0;
  std::map<std::int64_t, std::uint64_t> statuses_;
};

// ---------------------------------------------------------------------------------------------
// Where entries start

// A skim of the archive's bytes, ahead of the parser, that finds where each container at depth 4
// (an entry, in a HAR) opens: Boost.JSON's parser tells its handler what it read but not where.
// Only the structure is followed (strings are skipped with memchr), so it costs little next to
// the parser. On invalid JSON it may disagree with the parser, which then stops anyway.
class entry_starts {
public:
  /// Skims `d`, the bytes from offset `base` of the archive; bytes skimmed before are skipped.
  void skim(std::string_view d, std::uint64_t base) {
    std::size_t i = skimmed_ > base ? static_cast<std::size_t>(skimmed_ - base) : 0;
    char const* p = d.data();
    std::size_t n = d.size();
    while (i < n) {
      if (in_string_) {
        if (escape_) {
          escape_ = false;
          chars_ += (static_cast<unsigned char>(p[i]) & 0xC0u) != 0x80u;
          ++i;
          continue;
        }
        auto const* quote = static_cast<char const*>(std::memchr(p + i, '"', n - i));
        std::size_t end = quote != nullptr ? static_cast<std::size_t>(quote - p) : n;
        auto const* backslash = static_cast<char const*>(std::memchr(p + i, '\\', end - i));
        std::size_t const next = backslash != nullptr ? static_cast<std::size_t>(backslash - p) + 1
                                 : quote != nullptr   ? end + 1
                                                      : n;
        // A string holds no raw line feed (one would break the JSON, and the parser stops
        // there), so its characters all count towards the current line's columns.
        chars_ += conform::detail::utf8_length(std::string_view(p + i, next - i));
        escape_ = backslash != nullptr;
        in_string_ = backslash != nullptr || quote == nullptr;
        i = next;
        continue;
      }
      char c = p[i];
      if (c == '"') {
        in_string_ = true;
      } else if (c == '{' || c == '[') {
        if (++depth_ == 4) {
          starts_.push_back(entry_position{base + i, line_, chars_ + 1});
        }
      } else if (c == '}' || c == ']') {
        depth_ -= depth_ != 0 ? 1 : 0;
      } else if (c == '\n') {
        ++line_;
        chars_ = 0;
        ++i;
        continue;
      }
      chars_ += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
      ++i;
    }
    skimmed_ = std::max(skimmed_, base + n);
  }
  /// Line and column (in characters, 1-based) of the byte after the last one skimmed.
  std::pair<std::uint64_t, std::uint64_t> end_line_column() const noexcept {
    return {line_, chars_ + 1};
  }
  /// The start of the next container at depth 4, in the order they open.
  entry_position next() {
    if (starts_.empty()) {
      return entry_position{};
    }
    entry_position at = starts_.front();
    starts_.pop_front();
    return at;
  }

private:
  std::deque<entry_position> starts_;
  std::uint64_t skimmed_ = 0;
  std::uint64_t line_ = 1;
  std::uint64_t chars_ = 0; ///< characters of the current line before the next byte
  std::size_t depth_ = 0;
  bool in_string_ = false;
  bool escape_ = false;
};

// ---------------------------------------------------------------------------------------------
// The streaming parser's handler

class har_handler {
public:
  // Sizes are bounded by entry_limit below (per entry) rather than per string or container.
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  har_handler(har_entries& sink, std::uint64_t entry_limit, entry_starts& starts)
      : sink_(sink), entry_limit_(entry_limit), starts_(starts),
        st_(std::make_unique<boost::json::value_stack>()) {}

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) { return open(true); }
  bool on_object_end(std::size_t n, error_code&) { return close(n, true); }
  bool on_array_begin(error_code&) { return open(false); }
  bool on_array_end(std::size_t n, error_code&) { return close(n, false); }

  bool on_key_part(json_string_view s, std::size_t, error_code&) {
    if (capturing_) {
      if (building_) {
        st_->push_chars(s);
        count(s.size());
      }
      if (reads_keys()) {
        short_key(entry_key_, s);
      }
      return true;
    }
    short_key(key_, s);
    return true;
  }
  bool on_key(json_string_view s, std::size_t, error_code&) {
    if (capturing_) {
      if (building_) {
        st_->push_key(s);
        count(s.size());
      }
      if (reads_keys()) {
        short_key(entry_key_, s);
        note_key(entry_key_);
        if (depth_ <= 5) {
          (depth_ == 4 ? key4_ : key5_) = entry_key_;
        }
        entry_key_.clear();
      }
      return true;
    }
    short_key(key_, s);
    if (depth_ == 1) {
      key1_ = key_;
    } else if (depth_ == 2) {
      key2_ = key_;
    }
    key_.clear();
    return true;
  }
  bool on_string_part(json_string_view s, std::size_t, error_code&) {
    if (capturing_) {
      if (building_) {
        st_->push_chars(s);
        count(s.size());
      }
      if (depth_ == 5 && field_at5() != field::none) {
        field_text(s);
      }
    }
    return true;
  }
  bool on_string(json_string_view s, std::size_t, error_code&) {
    if (!capturing_) {
      return scalar();
    }
    if (building_) {
      st_->push_string(s);
      count(s.size());
    }
    if (depth_ == 5 && field_at5() != field::none) {
      field_text(s);
      // A method or URL over max_field_bytes is none this reader matches: kept as null.
      set_field(field_at5(), text_cut_ ? boost::json::value()
                                       : boost::json::value(boost::json::string_view(text_)));
    } else if (depth_ == 4) {
      entry_member(false);
    }
    text_.clear();
    text_cut_ = false;
    return true;
  }
  bool on_number_part(json_string_view, error_code&) { return true; }
  bool on_int64(std::int64_t v, json_string_view, error_code&) {
    return captured_scalar([&] { st_->push_int64(v); }, boost::json::value(v));
  }
  bool on_uint64(std::uint64_t v, json_string_view, error_code&) {
    return captured_scalar([&] { st_->push_uint64(v); }, boost::json::value(v));
  }
  bool on_double(double v, json_string_view, error_code&) {
    return captured_scalar([&] { st_->push_double(v); }, boost::json::value(v));
  }
  bool on_bool(bool v, error_code&) {
    return captured_scalar([&] { st_->push_bool(v); }, boost::json::value(v));
  }
  bool on_null(error_code&) {
    return captured_scalar([&] { st_->push_null(); }, boost::json::value());
  }
  bool on_comment_part(json_string_view, error_code&) { return true; }
  bool on_comment(json_string_view, error_code&) { return true; }

  bool saw_entries() const noexcept { return saw_entries_; }
  std::size_t entries() const noexcept { return index_; }

private:
  // The members an entry is judged by when it is not kept (see building_): the request's method
  // and url, the response's status.
  enum class field { none, method, url, status };

  // The archive's skeleton: {"log": {"entries": [ entry, ... ]}} at depths 1, 2, 3; an entry
  // is the value at depth 4 (a container) or a scalar directly in the entries array.
  bool open(bool is_object) {
    ++depth_;
    if (capturing_) {
      if (building_) {
        count(0);
      }
      if (depth_ == 5) {
        entry_member(is_object);
        key5_.clear();
        seen5_ = 0;
        part_ = !entry_object_ || !is_object ? part::none
                : key4_ == "request"         ? part::request
                : key4_ == "response"        ? part::response
                                             : part::none;
      } else if (depth_ == 6) {
        if (field_at5() != field::none) {
          // A container as the method, URL or status: neither a string nor a number.
          set_field(field_at5(), boost::json::value(boost::json::object()));
        }
        in_content_ = is_object && part_ == part::response && key5_ == "content";
        seen6_ = 0;
      }
      return true;
    }
    if (depth_ == 1) {
      root_object_ = is_object;
    } else if (depth_ == 2) {
      in_log_ = is_object && root_object_ && key1_ == "log";
    } else if (depth_ == 3) {
      in_entries_ = !is_object && in_log_ && key2_ == "entries";
      saw_entries_ = saw_entries_ || in_entries_;
    } else if (depth_ == 4) {
      entry_position at = starts_.next(); // every container at depth 4, to stay in step
      if (in_entries_) {
        capturing_ = true;
        building_ = true;
        st_->reset();
        entry_bytes_ = 0;
        entry_at_ = at;
        entry_object_ = is_object;
        oversized_ = false;
        request_judged_ = false;
        key4_.clear();
        key5_.clear();
        seen4_ = seen5_ = seen6_ = duplicates_ = 0;
        in_content_ = false;
        request_ = response_ = presence::absent;
        method_ = url_ = status_ = std::nullopt;
        part_ = part::none;
      }
    }
    return true;
  }
  bool close(std::size_t n, bool is_object) {
    if (capturing_) {
      if (building_) {
        if (is_object) {
          st_->push_object(n);
        } else {
          st_->push_array(n);
        }
        count(0);
      }
      if (depth_ == 6) {
        in_content_ = false;
      } else if (depth_ == 5) {
        if (part_ == part::request) {
          judge_request();
        }
        part_ = part::none;
      } else if (depth_ == 4) {
        capturing_ = false;
        if (building_) {
          boost::json::value v = st_->release();
          sink_.entry(v, index_++, duplicates_, nullptr, entry_at_.line);
        } else {
          oversized_entry big{entry_limit_, entry_at_};
          sink_.entry(skeleton(), index_++, duplicates_, oversized_ ? &big : nullptr,
                      entry_at_.line);
        }
      }
    } else if (depth_ == 2) {
      in_log_ = false;
    } else if (depth_ == 3) {
      in_entries_ = false;
    }
    --depth_;
    return true;
  }
  // A scalar outside an entry: in the entries array it is a (malformed) entry of its own.
  bool scalar() {
    if (depth_ == 3 && in_entries_) {
      sink_.entry(boost::json::value(), index_++);
    }
    return true;
  }
  template <class Push>
  bool captured_scalar(Push push, boost::json::value v) {
    if (!capturing_) {
      return scalar();
    }
    if (building_) {
      push();
      count(0);
    }
    if (depth_ == 5 && field_at5() != field::none) {
      set_field(field_at5(), std::move(v));
    } else if (depth_ == 4) {
      entry_member(false);
    }
    return true;
  }
  static void short_key(std::string& key, json_string_view s) {
    // Only a few short keys matter up here: a longer key never needs to be kept whole.
    if (key.size() < 16) {
      key.append(s.data(), std::min<std::size_t>(s.size(), 16));
    }
  }

  // -- The members an entry is judged by, kept aside in case the entry itself is not kept.
  // Duplicate members: the last one counts, as in the DOM, and note_key reports it.
  enum class part { none, request, response };
  enum class presence { absent, object, other };

  // Whether the keys of the object open at depth_ are read: the entry's (4), those of every
  // object at depth 5 (the request and response among them), the response content's (6).
  bool reads_keys() const noexcept { return depth_ <= 5 || (depth_ == 6 && in_content_); }

  // A key of an object whose members are read has been read whole: a second occurrence of a
  // member this reader reads is a duplicate (see read_member).
  void note_key(std::string_view key) {
    auto either = [key](std::string_view a, read_member ma, std::string_view b, read_member mb) {
      return key == a ? 1u << ma : key == b ? 1u << mb : 0u;
    };
    unsigned bit = 0;
    if (depth_ == 4 && entry_object_) {
      bit = either("request", read_request, "response", read_response);
    } else if (depth_ == 5 && part_ == part::request) {
      bit = either("method", read_method, "url", read_url);
    } else if (depth_ == 5 && part_ == part::response) {
      bit = either("status", read_status, "content", read_content);
    } else if (depth_ == 6) {
      bit = either("text", read_text, "encoding", read_encoding);
    }
    unsigned& seen = depth_ == 4 ? seen4_ : depth_ == 5 ? seen5_ : seen6_;
    duplicates_ |= seen & bit;
    seen |= bit;
  }

  // Which member of the request or response object (open at depth 5) the value being read is.
  field field_at5() const {
    if (part_ == part::request && !request_judged_) {
      return key5_ == "method" ? field::method : key5_ == "url" ? field::url : field::none;
    }
    return part_ == part::response && key5_ == "status" ? field::status : field::none;
  }
  // The value of the entry's member key4_ (a scalar, or a container opening) has begun.
  void entry_member(bool is_object) {
    if (!entry_object_) {
      return;
    }
    if (key4_ == "request" && !request_judged_) {
      request_ = is_object ? presence::object : presence::other;
      method_ = url_ = std::nullopt;
    } else if (key4_ == "response") {
      response_ = is_object ? presence::object : presence::other;
      status_ = std::nullopt;
    }
  }
  void field_text(json_string_view s) {
    if (text_.size() + s.size() > max_field_bytes) {
      text_cut_ = true;
      return;
    }
    text_.append(s.data(), s.size());
  }
  void set_field(field f, boost::json::value v) {
    (f == field::method ? method_ : f == field::url ? url_ : status_) = std::move(v);
  }
  // Once the request object is read, an entry that is no document (not a GET of this API) need
  // not be kept: it is judged from these members alone, whatever its size.
  void judge_request() {
    if (request_ != presence::object || !method_ || !url_ || !method_->is_string() ||
        !url_->is_string()) {
      return;
    }
    request_judged_ = true; // a later "request" member is not read (the first one decided)
    if (sv(method_->get_string()) == "GET" && match_training_job(sv(url_->get_string()))) {
      return;
    }
    drop();
  }
  void drop() {
    if (building_) {
      building_ = false;
      // Free what was built; a new stack gives back the memory an over-large entry grew.
      st_ = std::make_unique<boost::json::value_stack>();
    }
  }
  // What an entry that was not kept is judged by: {"request": {"method", "url"}, "response":
  // {"status"}}, with what was read of those.
  boost::json::value skeleton() const {
    boost::json::object entry;
    if (request_ == presence::object) {
      boost::json::object& r = entry["request"].emplace_object();
      if (method_) {
        r["method"] = *method_;
      }
      if (url_) {
        r["url"] = *url_;
      }
    } else if (request_ == presence::other) {
      entry["request"] = nullptr;
    }
    if (response_ == presence::object) {
      boost::json::object& r = entry["response"].emplace_object();
      if (status_) {
        r["status"] = *status_;
      }
    } else if (response_ == presence::other) {
      entry["response"] = nullptr;
    }
    return entry_object_ ? boost::json::value(std::move(entry)) : boost::json::value();
  }
  void count(std::size_t n) {
    entry_bytes_ += n + 16;
    if (entry_bytes_ > entry_limit_) {
      // Too large to keep: judged by its request and status alone, and not held any longer.
      oversized_ = true;
      drop();
    }
  }

  static constexpr std::size_t max_field_bytes = std::size_t(1) << 20;

  har_entries& sink_;
  std::uint64_t entry_limit_;
  entry_starts& starts_;
  std::unique_ptr<boost::json::value_stack> st_;
  std::size_t depth_ = 0;
  bool root_object_ = false;
  bool in_log_ = false;
  bool in_entries_ = false;
  bool saw_entries_ = false;
  bool capturing_ = false; ///< inside an entry
  bool building_ = false;  ///< and keeping it (st_)
  std::string key_;
  std::string key1_;
  std::string key2_;
  std::uint64_t entry_bytes_ = 0;
  std::size_t index_ = 0;

  // The entry being read.
  entry_position entry_at_;
  bool entry_object_ = false;
  bool oversized_ = false;
  bool request_judged_ = false;
  std::string entry_key_; ///< a key at depth 4 or 5 being read
  std::string key4_;      ///< the entry's member being read
  std::string key5_;      ///< the request's or response's member being read
  part part_ = part::none;
  bool in_content_ = false; ///< the object open at depth 6 is the response's content
  unsigned seen4_ = 0;      ///< read_member bits seen in the entry object
  unsigned seen5_ = 0;      ///< ... in the object open at depth 5
  unsigned seen6_ = 0;      ///< ... in the content object
  unsigned duplicates_ = 0; ///< read_member bits seen twice in one object
  std::string text_;        ///< the method or URL string being read
  bool text_cut_ = false;
  presence request_ = presence::absent;
  presence response_ = presence::absent;
  std::optional<boost::json::value> method_;
  std::optional<boost::json::value> url_;
  std::optional<boost::json::value> status_;
};

} // namespace

void read_har(input_buffer& in, input_context& ctx) {
  har_entries entries(ctx);
  // An entry holds its body, base64 at worst (4/3 of the decoded size), plus headers. A larger
  // one is not kept: it is skipped, or reported on its document, and the next is read.
  std::uint64_t entry_limit = std::uint64_t(ctx.s.decode.max_input_bytes) * 2 + (16u << 20);
  boost::json::parse_options po;
  po.max_depth = 64;
  entry_starts starts;
  boost::json::basic_parser<har_handler> parser(po, entries, entry_limit, starts);
  error_code ec;
  // Where the parser stopped, for the message of a broken archive: counted from the start of
  // the chunk it stopped in (where the skim's own count stood; the parser reads every byte of
  // each chunk before it, or stops), so the archive's bytes are counted once, by the skim.
  std::uint64_t line = 1;
  std::uint64_t column = 1;
  auto stopped_at = [&](std::string_view chunk, std::size_t n) {
    std::string_view done = chunk.substr(0, n);
    std::size_t const last = done.rfind('\n');
    if (last != std::string_view::npos) {
      line += static_cast<std::uint64_t>(std::count(done.begin(), done.end(), '\n'));
      column = 1;
      done.remove_prefix(last + 1);
    }
    column += conform::detail::utf8_length(done);
  };
  // HAR 1.2: "The reader must ignore a byte order mark if it exists in the file".
  while (in.data().size() < 3 && in.more()) {
  }
  if (in.data().substr(0, 3) == "\xEF\xBB\xBF") {
    in.consume(3);
  }
  for (;;) {
    // The skim has counted up to the first byte not consumed: data()'s first.
    std::tie(line, column) = starts.end_line_column();
    if (in.data().empty() && !in.more()) {
      parser.write_some(false, "", 0, ec);
      break;
    }
    auto d = in.data();
    starts.skim(d, in.position()); // offsets from the file's start, as in the messages below
    std::size_t n = parser.write_some(true, d.data(), d.size(), ec);
    in.consume(n);
    if (ec) {
      stopped_at(d, n);
      break;
    }
    if (n < d.size()) {
      // The archive ended and something other than whitespace follows. basic_parser leaves
      // that to its caller (boost::json::parser reports extra_data), and its next call would
      // start a second document: two archives in one file read as one.
      stopped_at(d, n);
      ec = boost::json::error::extra_data;
      break;
    }
  }
  if (ec) {
    // The entries before the fault were validated and reported, and the skipped ones are noted
    // as in a whole archive: in the text output, the usual note; with --format json, whose
    // notes go to standard error, in the one-line message below instead.
    bool json = ctx.s.format == output_format::json || ctx.s.format == output_format::sarif;
    std::string skipped = entries.report_skipped(!json);
    std::uint64_t at = in.position();
    throw io_error(fmt::format("broken HAR at line {}, column {} (byte {}): {}; {} entries "
                               "before it were read{}",
                               line, column, at, ec.message(), parser.handler().entries(),
                               json && !skipped.empty() ? ", " + skipped : std::string()));
  }
  if (!parser.handler().saw_entries()) {
    throw io_error("not a HAR archive: no log.entries array");
  }
  entries.report_skipped(true);
}

} // namespace conform_cli
