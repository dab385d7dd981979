// conform internals: small text helpers shared by constraints, the decoder and renderers:
// UTF-8 validation, code point counting and decoding, quoting hostile input for display
// (escaped, truncated: never echo raw control characters or unbounded text into a log), and
// the one JSON string writer.
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

/// The byte offset after the first `n` code points of `s`, or std::string_view::npos when
/// `s` has no more than `n`.
inline std::size_t utf8_prefix(std::string_view s, std::size_t n) noexcept {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0u) != 0x80u && seen++ == n) {
      return i;
    }
  }
  return std::string_view::npos;
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

/// True for the code points that change how the text around them is displayed without being
/// seen: the C1 controls (U+0080..U+009F, which some terminals act on) and the bidirectional
/// formatting characters (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), with which
/// a value can make a report read as something else ("Trojan Source", CVE-2021-42574).
constexpr bool is_hidden_control(char32_t cp) noexcept {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/** Appends `s` as a JSON string literal, escaped, cut after `max_chars` code points
    (with an ellipsis and the full length) so that hostile input cannot flood a report. */
inline void append_quoted(std::string& out, std::string_view s, std::size_t max_chars = 64) {
  out.push_back('"');
  // Printable ASCII without quotes or backslashes, the usual case, goes in one append.
  std::size_t const limit = s.size() < max_chars ? s.size() : max_chars;
  std::size_t i = 0;
  while (i < limit) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
      break;
    }
    ++i;
  }
  out.append(s.data(), i);
  std::size_t chars = i; // one code point per ASCII byte
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
      char32_t cp = next_code_point(s, i);
      if (is_hidden_control(cp)) { // escaped, so that it is seen and acts on nothing
        out += "\\u";
        append_hex(out, static_cast<unsigned>(cp), 4);
      } else {
        out.append(s.data() + start, i - start);
      }
    }
    ++chars;
  }
  out.push_back('"');
}

/// Appends `one of "a", "b", "c"`: the expectation of an enumeration or a fixed list of
/// strings, each quoted as append_quoted does. Not a template over the list's type: every
/// enumeration and list shares this one function (it is only ever on a failure's path).
CONFORM_NOINLINE inline void append_one_of(std::string& out, std::string_view const* values,
                                           std::size_t count) {
  out += "one of ";
  for (std::size_t i = 0; i != count; ++i) {
    if (i != 0) {
      out += ", ";
    }
    append_quoted(out, values[i]);
  }
}
template <class Values>
void append_one_of(std::string& out, Values const& values) {
  append_one_of(out, std::data(values), std::size(values)); // <string> declares both
}

/// Appends an integer in decimal. Every integer type goes through one of two functions, so
/// that the digit loop of std::to_chars is compiled twice per program, not once per integer
/// type and caller (the callers are mostly diagnostics, built on a failure's path).
CONFORM_NOINLINE inline void append_int64(std::string& out, std::int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}
CONFORM_NOINLINE inline void append_uint64(std::string& out, std::uint64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}
template <class Int>
void append_integer(std::string& out, Int v) {
  static_assert(std::is_integral_v<Int>);
  if constexpr (std::is_signed_v<Int>) {
    append_int64(out, static_cast<std::int64_t>(v));
  } else {
    append_uint64(out, static_cast<std::uint64_t>(v));
  }
}

/// Appends a double in the shortest form that reads back exactly (finite values only).
inline void append_double(std::string& out, double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  if (r.ec == std::errc()) {
    out.append(buf, r.ptr);
  }
}

/// Length of the UTF-8 sequence starting at text[i] (1 for ASCII), or 0 when it is not a
/// valid one (RFC 3629: bad lead byte, missing continuation, overlong form, surrogate, past
/// U+10FFFF).
inline std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = byte(i);
  std::size_t n = c < 0x80           ? 1
                  : (c >> 5) == 0x6  ? 2
                  : (c >> 4) == 0xE  ? 3
                  : (c >> 3) == 0x1E ? 4
                                     : 0;
  if (n == 0 || i + n > text.size()) {
    return 0;
  }
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0u) != 0x80u) {
      return 0;
    }
  }
  if (n == 2 && c < 0xC2) {
    return 0; // overlong
  }
  if (n == 3) {
    unsigned char c1 = byte(i + 1);
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) {
      return 0; // overlong, or a UTF-16 surrogate
    }
  }
  if (n == 4) {
    unsigned char c1 = byte(i + 1);
    if ((c == 0xF0 && c1 < 0x90) || c > 0xF4 || (c == 0xF4 && c1 >= 0x90)) {
      return 0; // overlong, or past U+10FFFF
    }
  }
  return n;
}

/// Byte offset of the first byte of `s` that does not begin a valid UTF-8 sequence, or
/// std::string_view::npos when all of `s` is valid UTF-8.
inline std::size_t first_invalid_utf8(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) {
      return i;
    }
    i += n;
  }
  return std::string_view::npos;
}

/// Appends code point `cp` (at most U+10FFFF, no surrogate) encoded in UTF-8.
inline void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

/// Appends `s` as a JSON string literal (quotes included): '"', '\\' and control characters
/// escaped, and every byte that is not valid UTF-8 replaced by U+FFFD, so the output is
/// valid JSON in UTF-8 (RFC 8259 section 8.1) whatever `s` held. C1 controls and
/// bidirectional formatting characters (is_hidden_control) are written as \u escapes: the same
/// string to a JSON reader, and output that a terminal or an editor shows as it is. The one
/// JSON string writer of the library (encode, render).
inline void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::size_t n = utf8_sequence_length(s, i);
      if (n == 0) {
        out += "\xEF\xBF\xBD";
        ++i;
      } else {
        std::size_t next = i;
        char32_t cp = next_code_point(s, next);
        if (is_hidden_control(cp)) {
          out += "\\u";
          append_hex(out, static_cast<unsigned>(cp), 4);
        } else {
          out.append(s.data() + i, n);
        }
        i += n;
      }
      continue;
    }
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (c < 0x20) {
        out += "\\u";
        append_hex(out, c, 4);
      } else {
        out.push_back(static_cast<char>(c));
      }
    }
    ++i;
  }
  out.push_back('"');
}

} // namespace conform::detail

#endif // CONFORM_DETAIL_TEXT_HPP
