// conform internals: small text helpers shared by constraints, the decoder and renderers:
// UTF-8 code point counting and decoding, and quoting hostile input for display
// (escaped, truncated: never echo raw control characters or unbounded text into a log).
#ifndef CONFORM_DETAIL_TEXT_HPP
#define CONFORM_DETAIL_TEXT_HPP

#include <conform/config.hpp>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace conform::detail {

/// Number of UTF-8 code points in `s` (bytes that are not continuation bytes).
inline std::size_t utf8_length(std::string_view s) noexcept {
  std::size_t n = 0;
  for (unsigned char c : s) {
    n += (c & 0xC0u) != 0x80u;
  }
  return n;
}

/// Decodes the code point starting at s[i] and advances i. Invalid sequences yield the
/// byte itself (the parser has already rejected invalid UTF-8, so this is defensive).
inline char32_t next_code_point(std::string_view s, std::size_t& i) noexcept {
  unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t need = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 0;
  if (need == 0 || s.size() - i <= need) {
    ++i;
    return c;
  }
  char32_t cp = c & (0x3Fu >> need);
  for (std::size_t k = 1; k <= need; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  }
  i += need + 1;
  return cp;
}

inline void append_hex(std::string& out, unsigned value, int digits) {
  static constexpr char hex[] = "0123456789ABCDEF";
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
    out.push_back(hex[(value >> shift) & 0xFu]);
  }
}

/// Appends a readable name of one code point: 'x' for printable ASCII, else U+XXXX.
inline void append_code_point_name(std::string& out, char32_t cp) {
  if (cp >= 0x20 && cp < 0x7F) {
    out.push_back('\'');
    out.push_back(static_cast<char>(cp));
    out.push_back('\'');
  } else {
    out += "U+";
    append_hex(out, static_cast<unsigned>(cp), cp > 0xFFFF ? 6 : 4);
  }
}

/** Appends `s` as a JSON string literal, escaped, cut after `max_chars` code points
    (with an ellipsis and the full length) so that hostile input cannot flood a report. */
inline void append_quoted(std::string& out, std::string_view s, std::size_t max_chars = 64) {
  out.push_back('"');
  std::size_t chars = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    if (chars == max_chars) {
      out += "\"... (";
      out += std::to_string(utf8_length(s));
      out += " characters)";
      return;
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
      ++i;
    } else if (c < 0x20 || c == 0x7F) {
      out += "\\u";
      append_hex(out, c, 4);
      ++i;
    } else if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
    } else {
      std::size_t start = i;
      next_code_point(s, i);
      out.append(s.data() + start, i - start);
    }
    ++chars;
  }
  out.push_back('"');
}

/// Appends an integer in decimal.
template <class Int>
void append_integer(std::string& out, Int v) {
  static_assert(std::is_integral_v<Int>);
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

/// Appends a double in the shortest form that reads back exactly (finite values only).
inline void append_double(std::string& out, double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  if (r.ec == std::errc()) {
    out.append(buf, r.ptr);
  }
}

} // namespace conform::detail

#endif // CONFORM_DETAIL_TEXT_HPP
