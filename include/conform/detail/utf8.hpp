// conform internals: UTF-8 without allocation: counting, cutting, decoding and validating code
// points, and the set of invisible characters that must not reach a reader raw. Apart from
// text.hpp so that diagnostic.hpp, which every decoding file includes, needs no more than this.
#ifndef CONFORM_DETAIL_UTF8_HPP
#define CONFORM_DETAIL_UTF8_HPP

#include <cstddef>
#include <cstring>
#include <string_view>

namespace conform::detail {

/// Number of UTF-8 code points in `s` (bytes that are not continuation bytes).
///
/// Eight bytes at a time: a continuation byte is 10xxxxxx, so `w & ~(w << 1)` keeps bit 7 of
/// exactly those bytes, and a multiply adds the eight flags up. The byte loop it replaces ran
/// at about 1 GB/s at -O2 (the default build), where GCC does not vectorise it; the CLI counts
/// the columns of whole HAR archives with it, base64 bodies of hundreds of megabytes included.
inline std::size_t utf8_length(std::string_view s) noexcept {
  constexpr unsigned long long high_bits = 0x8080808080808080ull;
  constexpr unsigned long long byte_ones = 0x0101010101010101ull;
  std::size_t n = s.size();
  std::size_t i = 0;
  for (; s.size() - i >= 8; i += 8) {
    unsigned long long w; // in either byte order: the count is the same
    std::memcpy(&w, s.data() + i, 8);
    unsigned long long const continuation = w & ~(w << 1) & high_bits;
    n -= static_cast<std::size_t>(((continuation >> 7) * byte_ones) >> 56);
  }
  for (; i < s.size(); ++i) {
    n -= (static_cast<unsigned char>(s[i]) & 0xC0u) == 0x80u;
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

/// True for the code points that change how the text around them is displayed without being
/// seen: the C1 controls (U+0080..U+009F, which some terminals act on), the bidirectional
/// formatting characters (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), with which
/// a value can make a report read as something else ("Trojan Source", CVE-2021-42574), and the
/// line and paragraph separators (U+2028, U+2029), which editors, Python's str.splitlines()
/// and JavaScript before ES2019 take for line breaks: one of them raw in a JSON output line
/// splits it in two for such a reader.
constexpr bool is_hidden_control(char32_t cp) noexcept {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
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

/// The code point of the `n`-byte sequence at text[i] (n from utf8_sequence_length, so valid)
/// when it is a hidden control (is_hidden_control), else 0 (which no hidden control is). The
/// one test that every writer of input text (terminal, JSON, to_string) makes before copying
/// a multi-byte sequence.
inline char32_t hidden_control_at(std::string_view text, std::size_t i, std::size_t n) noexcept {
  if (n != 2 && n != 3) { // the hidden controls are U+0080..U+2069: two or three bytes
    return 0;
  }
  char32_t const cp = next_code_point(text, i);
  return is_hidden_control(cp) ? cp : 0;
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

} // namespace conform::detail

#endif // CONFORM_DETAIL_UTF8_HPP
