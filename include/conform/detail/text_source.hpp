// conform internals: the text front end. A Boost.JSON basic_parser handler that forwards
// events to the decoder core with the byte offset of each token, without building a DOM.
// The parser does not report positions; strings without escapes and numbers arrive as views
// into the input, and every other token is counted from the last of those, to be resolved
// only if a diagnostic needs it (position.hpp). Numbers arrive with their raw token, which
// the core re-reads exactly.
#ifndef CONFORM_DETAIL_TEXT_SOURCE_HPP
#define CONFORM_DETAIL_TEXT_SOURCE_HPP

#include <conform/config.hpp>
#include <conform/detail/decoder.hpp>
#include <conform/detail/position.hpp>
#include <conform/error.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/error.hpp>
#include <boost/json/parse_options.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace conform::detail {

class text_handler {
public:
  // The parser's static limits stay open: decode_options limits are runtime values and
  // are enforced below, each with its own diagnostic.
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  text_handler(decoder& d, std::string_view text) noexcept
      : d_(d), text_(text), begin_(text.data()), end_(text.data() + text.size()) {}

  bool on_document_begin(boost::system::error_code&) { return true; }
  bool on_document_end(boost::system::error_code&) { return true; }

  bool on_object_begin(boost::system::error_code& ec) {
    return check(d_.object_begin(unanchored()), ec);
  }
  bool on_object_end(std::size_t, boost::system::error_code& ec) {
    return check(d_.object_end(unanchored()), ec);
  }
  bool on_array_begin(boost::system::error_code& ec) {
    return check(d_.array_begin(unanchored()), ec);
  }
  bool on_array_end(std::size_t, boost::system::error_code& ec) {
    return check(d_.array_end(unanchored()), ec);
  }

  bool on_key_part(std::string_view s, std::size_t total, boost::system::error_code& ec) {
    return part(s, total, ec, limit_site::container);
  }
  bool on_key(std::string_view s, std::size_t total, boost::system::error_code& ec) {
    if (CONFORM_UNLIKELY(total > d_.options().max_string_bytes)) {
      return string_too_long(ec, limit_site::container);
    }
    if (in_parts_) {
      parts_.append(s.data(), s.size());
      in_parts_ = false;
      return check(d_.key(parts_, unanchored()), ec);
    }
    return check(d_.key(s, string_token(s)), ec);
  }

  bool on_string_part(std::string_view s, std::size_t total, boost::system::error_code& ec) {
    return part(s, total, ec, limit_site::next_value);
  }
  bool on_string(std::string_view s, std::size_t total, boost::system::error_code& ec) {
    if (CONFORM_UNLIKELY(total > d_.options().max_string_bytes)) {
      return string_too_long(ec, limit_site::next_value);
    }
    scalar v;
    v.k = scalar::kind::string;
    if (in_parts_) {
      parts_.append(s.data(), s.size());
      in_parts_ = false;
      v.text = parts_;
      return check(d_.value(v, unanchored()), ec);
    }
    v.text = s;
    return check(d_.value(v, string_token(s)), ec);
  }

  bool on_number_part(std::string_view, boost::system::error_code&) { return true; }
  bool on_int64(std::int64_t i, std::string_view raw, boost::system::error_code& ec) {
    scalar v;
    v.k = scalar::kind::int64;
    v.i = i;
    v.text = raw;
    return check(d_.value(v, number_token(raw)), ec);
  }
  bool on_uint64(std::uint64_t u, std::string_view raw, boost::system::error_code& ec) {
    scalar v;
    v.k = scalar::kind::uint64;
    v.u = u;
    v.text = raw;
    return check(d_.value(v, number_token(raw)), ec);
  }
  bool on_double(double x, std::string_view raw, boost::system::error_code& ec) {
    scalar v;
    v.k = scalar::kind::real;
    v.d = x;
    v.text = raw;
    return check(d_.value(v, number_token(raw)), ec);
  }
  bool on_bool(bool b, boost::system::error_code& ec) {
    scalar v;
    v.k = scalar::kind::boolean;
    v.b = b;
    return check(d_.value(v, unanchored()), ec);
  }
  bool on_null(boost::system::error_code& ec) {
    scalar v;
    v.k = scalar::kind::null;
    return check(d_.value(v, unanchored()), ec);
  }
  bool on_comment_part(std::string_view, boost::system::error_code&) { return true; }
  bool on_comment(std::string_view, boost::system::error_code&) { return true; }

private:
  bool in_input(char const* p) const noexcept { return p >= begin_ && p < end_; }

  // A token the parser reports without a view into the input: the `since_`-th token after
  // the anchor (see position.hpp).
  position unanchored() noexcept {
    if (CONFORM_UNLIKELY(since_ >= max_lazy_count)) {
      reanchor();
    }
    return lazy_position(anchor_, since_++);
  }
  // A string without escapes: the parser's view starts right after the opening quote.
  position string_token(std::string_view s) noexcept {
    if (CONFORM_UNLIKELY(!in_input(s.data()))) {
      return unanchored();
    }
    auto at = static_cast<std::size_t>(s.data() - begin_) - 1;
    anchor_ = at + s.size() + 2;
    since_ = 0;
    return at;
  }
  // A number: the parser's raw token is a view into the input (the input is whole).
  position number_token(std::string_view raw) noexcept {
    if (CONFORM_UNLIKELY(!in_input(raw.data()))) {
      return unanchored();
    }
    auto at = static_cast<std::size_t>(raw.data() - begin_);
    anchor_ = at + raw.size();
    since_ = 0;
    return at;
  }
  // Too many unanchored tokens in a row (a long run of nulls or brackets): resolve the
  // position of the next one the slow way and anchor there.
  CONFORM_COLD void reanchor() noexcept {
    std::size_t at = resolve_position(text_, lazy_position(anchor_, since_));
    anchor_ = at;
    since_ = 0;
  }
  bool part(std::string_view s, std::size_t total, boost::system::error_code& ec, limit_site site) {
    if (CONFORM_UNLIKELY(total > d_.options().max_string_bytes)) {
      return string_too_long(ec, site);
    }
    if (!in_parts_) {
      in_parts_ = true;
      parts_.assign(s.data(), s.size());
    } else {
      parts_.append(s.data(), s.size());
    }
    return true;
  }
  CONFORM_COLD bool string_too_long(boost::system::error_code& ec, limit_site site) {
    d_.limit_reached(string_limit_expected(d_.options()), string_limit_found(d_.options()),
                     lazy_position(anchor_, since_), site);
    return check(false, ec);
  }
  static bool check(bool go_on, boost::system::error_code& ec) noexcept {
    if (CONFORM_UNLIKELY(!go_on)) {
      // Any code of conform's category tells the caller that the decoder stopped the parse.
      ec = make_boost_error_code(error::limit_exceeded);
    }
    return go_on;
  }

  decoder& d_;
  std::string_view text_;
  char const* begin_;
  char const* end_;
  std::uint64_t anchor_ = 0; // offset just past the last token whose offset was known
  std::uint64_t since_ = 0;  // unanchored tokens reported since
  std::string parts_;
  bool in_parts_ = false;
};

/// Describes the parser's error for a person; recognises the encodings RFC 8259 excludes.
CONFORM_COLD inline void describe_syntax_error(std::string_view text, std::size_t offset,
                                               boost::system::error_code const& ec,
                                               std::string& expected, std::string& found) {
  namespace bj = boost::json;
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0 && offset == 0) {
    expected = "JSON text without a byte order mark (RFC 8259 section 8.1)";
    found = "a UTF-8 byte order mark";
    return;
  }
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  bool bom16 = text.size() >= 2 &&
               ((byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF));
  // ASCII text in UTF-16: every other byte is zero.
  bool zeros16 = text.size() >= 4 && ((text[1] == '\0' && text[3] == '\0' && text[0] != '\0') ||
                                      (text[0] == '\0' && text[2] == '\0' && text[1] != '\0'));
  if (offset <= 2 && (bom16 || zeros16)) {
    expected = "UTF-8 text";
    found = "UTF-16 text";
    return;
  }
  if (ec == bj::error::incomplete) {
    expected = "more JSON text";
    found = "the end of the input";
    return;
  }
  if (ec == bj::error::extra_data) {
    expected = "the end of the input after the document";
    found = "more text";
    return;
  }
  if (ec == bj::error::exponent_overflow) {
    expected = "a number with an exponent that fits";
    found = "an exponent overflow";
    return;
  }
  expected = "valid JSON";
  found = ec.message();
  if (offset < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[offset]);
    if (c >= 0x20 && c < 0x7F) {
      found += " at '";
      found += static_cast<char>(c);
      found += "'";
    } else {
      found += " at byte 0x";
      append_hex(found, c, 2);
    }
  }
}

/// Runs the text front end over `text`, feeding `d`.
inline void decode_text(decoder& d, std::string_view text) {
  d.set_text(text);
  if (CONFORM_UNLIKELY(text.size() > d.options().max_input_bytes || text.size() > max_anchor)) {
    d.limit_reached("at most " + std::to_string(d.options().max_input_bytes) +
                        " bytes of input (max_input_bytes)",
                    std::to_string(text.size()) + " bytes", 0, limit_site::document);
    return;
  }
  boost::json::parse_options po;
  // One more level than the decoder allows, so that the decoder's own limit (with its
  // pointer and message) fires first; the parser's remains a backstop for its recursion.
  po.max_depth = d.max_depth() + 1;
  boost::json::basic_parser<text_handler> parser(po, d, text);
  boost::system::error_code ec;
  std::size_t consumed = parser.write_some(false, text.data(), text.size(), ec);
  if (!ec && consumed < text.size()) {
    // basic_parser stops after one document without an error; the rest is extra data.
    ec = boost::json::error::extra_data;
  }
  // Qualified: inside conform::detail the bare name is the category class, not the function.
  if (ec && ec.category() != ::conform::boost_error_category()) {
    std::string expected;
    std::string found;
    describe_syntax_error(text, consumed, ec, expected, found);
    d.syntax_error(consumed, std::move(expected), std::move(found));
  }
}

} // namespace conform::detail

#endif // CONFORM_DETAIL_TEXT_SOURCE_HPP
