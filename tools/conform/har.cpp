// The HAR reader. An archive can be far larger than any response in it, so it is streamed:
// Boost.JSON's basic_parser reads it chunk by chunk, and only the entry being read is built
// as a DOM (with a value_stack, as boost::json::parser does for a whole document). Each
// entry is matched, its body extracted, and handed to the pipeline before the next is read.
// Memory thus follows the largest entry, and the entries before a break in a truncated
// archive are still validated.
#include "input.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_stack.hpp>

#include <fmt/core.h>

#include <cstdint>
#include <ostream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
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
  if (v->is_uint64()) {
    return static_cast<std::int64_t>(v->get_uint64() > 1000 ? 1000 : v->get_uint64());
  }
  if (v->is_double() && v->get_double() >= 0 && v->get_double() < 1000 &&
      v->get_double() == static_cast<double>(static_cast<std::int64_t>(v->get_double()))) {
    return static_cast<std::int64_t>(v->get_double());
  }
  return std::nullopt;
}

// What happens to the entries of one archive.
class har_entries {
public:
  explicit har_entries(input_context& ctx) : ctx_(ctx) {}

  void entry(boost::json::value const& v, std::size_t index) {
    ++entries_;
    auto const* e = v.if_object();
    auto const* request = e != nullptr ? object_at(*e, "request") : nullptr;
    auto const* response = e != nullptr ? object_at(*e, "response") : nullptr;
    auto method = request != nullptr ? string_at(*request, "method") : std::nullopt;
    auto url = request != nullptr ? string_at(*request, "url") : std::nullopt;
    if (response == nullptr || !method || !url) {
      ++malformed_;
      return;
    }
    auto match = *method == "GET" ? match_training_job(*url) : std::nullopt;
    if (!match) {
      ++other_;
      return;
    }
    auto status = integer_at(*response, "status");
    if (!status) {
      ++malformed_;
      return;
    }
    std::optional<schema_choice> schema = schema_for_status(*status);
    if (!schema) {
      ++statuses_[*status];
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
    doc.schema = *schema;
    doc.has_path = true;
    doc.project_id = std::move(match->project_id);
    doc.training_job_id = std::move(match->training_job_id);
    auto const* content = object_at(*response, "content");
    auto text = content != nullptr ? string_at(*content, "text") : std::nullopt;
    auto encoding = content != nullptr ? string_at(*content, "encoding") : std::nullopt;
    std::string_view body = text ? *text : std::string_view();
    if (encoding && *encoding == "base64") {
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
  void report_skipped(bool say) {
    std::uint64_t statuses = 0;
    for (auto const& [status, count] : statuses_) {
      statuses += count;
    }
    std::uint64_t skipped = other_ + malformed_ + statuses;
    ctx_.out.skipped(skipped);
    if (skipped == 0 || ctx_.s.quiet || !say) {
      return;
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
    std::string line = fmt::format("{}: note: {} of {} entries skipped ({})\n", *ctx_.name, skipped,
                                   entries_, why);
    if (ctx_.s.format == output_format::json) {
      ctx_.out.flush(); // after the documents it is about
      ctx_.err << line; // stdout holds one JSON object per document, nothing else
    } else {
      ctx_.out.note(std::move(line));
    }
  }

private:
  input_context& ctx_;
  std::uint64_t entries_ = 0;
  std::uint64_t documents_ = 0;
  std::uint64_t other_ = 0;
  std::uint64_t malformed_ = 0;
  std::map<std::int64_t, std::uint64_t> statuses_;
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

  har_handler(har_entries& sink, std::uint64_t entry_limit)
      : sink_(sink), entry_limit_(entry_limit) {}

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) { return open(true); }
  bool on_object_end(std::size_t n, error_code& ec) { return close(n, true, ec); }
  bool on_array_begin(error_code&) { return open(false); }
  bool on_array_end(std::size_t n, error_code& ec) { return close(n, false, ec); }

  bool on_key_part(json_string_view s, std::size_t, error_code& ec) {
    if (capturing_) {
      st_.push_chars(s);
      return count(s.size(), ec);
    }
    key_part(s);
    return true;
  }
  bool on_key(json_string_view s, std::size_t, error_code& ec) {
    if (capturing_) {
      st_.push_key(s);
      return count(s.size(), ec);
    }
    key_part(s);
    if (depth_ == 1) {
      key1_ = key_;
    } else if (depth_ == 2) {
      key2_ = key_;
    }
    key_.clear();
    return true;
  }
  bool on_string_part(json_string_view s, std::size_t, error_code& ec) {
    if (capturing_) {
      st_.push_chars(s);
      return count(s.size(), ec);
    }
    return true;
  }
  bool on_string(json_string_view s, std::size_t, error_code& ec) {
    if (capturing_) {
      st_.push_string(s);
      return count(s.size(), ec);
    }
    return scalar();
  }
  bool on_number_part(json_string_view, error_code&) { return true; }
  bool on_int64(std::int64_t v, json_string_view, error_code& ec) {
    return capturing_ ? (st_.push_int64(v), count(0, ec)) : scalar();
  }
  bool on_uint64(std::uint64_t v, json_string_view, error_code& ec) {
    return capturing_ ? (st_.push_uint64(v), count(0, ec)) : scalar();
  }
  bool on_double(double v, json_string_view, error_code& ec) {
    return capturing_ ? (st_.push_double(v), count(0, ec)) : scalar();
  }
  bool on_bool(bool v, error_code& ec) {
    return capturing_ ? (st_.push_bool(v), count(0, ec)) : scalar();
  }
  bool on_null(error_code& ec) { return capturing_ ? (st_.push_null(), count(0, ec)) : scalar(); }
  bool on_comment_part(json_string_view, error_code&) { return true; }
  bool on_comment(json_string_view, error_code&) { return true; }

  bool saw_entries() const noexcept { return saw_entries_; }
  bool entry_too_large() const noexcept { return too_large_; }
  std::size_t entries() const noexcept { return index_; }

private:
  // The archive's skeleton: {"log": {"entries": [ entry, ... ]}} at depths 1, 2, 3; an entry
  // is the value at depth 4 (a container) or a scalar directly in the entries array.
  bool open(bool is_object) {
    ++depth_;
    if (capturing_) {
      return true;
    }
    if (depth_ == 1) {
      root_object_ = is_object;
    } else if (depth_ == 2) {
      in_log_ = is_object && root_object_ && key1_ == "log";
    } else if (depth_ == 3) {
      in_entries_ = !is_object && in_log_ && key2_ == "entries";
      saw_entries_ = saw_entries_ || in_entries_;
    } else if (depth_ == 4 && in_entries_) {
      capturing_ = true;
      st_.reset();
      entry_bytes_ = 0;
    }
    return true;
  }
  bool close(std::size_t n, bool is_object, error_code& ec) {
    if (capturing_) {
      if (is_object) {
        st_.push_object(n);
      } else {
        st_.push_array(n);
      }
      if (!count(0, ec)) {
        return false;
      }
      if (depth_ == 4) {
        capturing_ = false;
        boost::json::value v = st_.release();
        sink_.entry(v, index_++);
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
  void key_part(json_string_view s) {
    // Only "log" and "entries" matter up here: a longer key never needs to be kept whole.
    if (key_.size() < 16) {
      key_.append(s.data(), std::min<std::size_t>(s.size(), 16));
    }
  }
  bool count(std::size_t n, error_code& ec) {
    entry_bytes_ += n + 16;
    if (entry_bytes_ > entry_limit_) {
      too_large_ = true;
      ec = boost::system::error_code(EFBIG, boost::system::generic_category());
      return false;
    }
    return true;
  }

  har_entries& sink_;
  std::uint64_t entry_limit_;
  boost::json::value_stack st_;
  std::size_t depth_ = 0;
  bool root_object_ = false;
  bool in_log_ = false;
  bool in_entries_ = false;
  bool saw_entries_ = false;
  bool capturing_ = false;
  bool too_large_ = false;
  std::string key_;
  std::string key1_;
  std::string key2_;
  std::uint64_t entry_bytes_ = 0;
  std::size_t index_ = 0;
};

} // namespace

void read_har(input_buffer& in, input_context& ctx) {
  har_entries entries(ctx);
  // An entry holds its body, base64 at worst (4/3 of the decoded size), plus headers.
  std::uint64_t entry_limit = std::uint64_t(ctx.s.decode.max_input_bytes) * 2 + (16u << 20);
  boost::json::parse_options po;
  po.max_depth = 64;
  boost::json::basic_parser<har_handler> parser(po, entries, entry_limit);
  error_code ec;
  std::uint64_t line = 1;
  std::uint64_t line_start = 0; // position of the current line's first byte
  auto advance = [&](std::string_view done) {
    for (std::size_t i = done.find('\n'); i != std::string_view::npos; i = done.find('\n', i + 1)) {
      ++line;
      line_start = in.position() + i + 1;
    }
  };
  // HAR 1.2: "The reader must ignore a byte order mark if it exists in the file".
  while (in.data().size() < 3 && in.more()) {
  }
  if (in.data().substr(0, 3) == "\xEF\xBB\xBF") {
    in.consume(3);
  }
  for (;;) {
    if (in.data().empty() && !in.more()) {
      parser.write_some(false, "", 0, ec);
      break;
    }
    auto d = in.data();
    std::size_t n = parser.write_some(true, d.data(), d.size(), ec);
    advance(d.substr(0, n));
    in.consume(n);
    if (ec) {
      break;
    }
  }
  if (ec) {
    // The one-line error message below is all that is said about a broken archive.
    entries.report_skipped(false);
    std::uint64_t at = in.position();
    std::string why = parser.handler().entry_too_large()
                          ? fmt::format("entry {} is larger than {} bytes",
                                        parser.handler().entries(), entry_limit)
                          : ec.message();
    // The entries before the fault were validated; say so, since the output shows them.
    throw io_error(fmt::format("broken HAR at line {}, column {} (byte {}): {}; {} entries "
                               "before it were read",
                               line, at - line_start + 1, at, why, parser.handler().entries()));
  }
  if (!parser.handler().saw_entries()) {
    throw io_error("not a HAR archive: no log.entries array");
  }
  entries.report_skipped(true);
}

} // namespace conform_cli
