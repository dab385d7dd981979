// conform internals: small text helpers shared by constraints, the decoder and renderers:
// quoting hostile input for display (escaped, truncated: never echo raw control characters or
// unbounded text into a log), numbers as text, and the one JSON string writer. The UTF-8
// primitives they use are in utf8.hpp.
#ifndef CONFORM_DETAIL_TEXT_HPP
#define CONFORM_DETAIL_TEXT_HPP

#include <conform/config.hpp>
#include <conform/detail/utf8.hpp>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace conform::detail {

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

/// Appends "... (N characters)", N the code points of `s`: the end of a text cut short for
/// display (quoted input, long pointers), which says how much there was.
inline void append_cut_length(std::string& out, std::string_view s) {
  out += "... (";
  out += std::to_string(utf8_length(s));
  out += " characters)";
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
      out.push_back('"');
      append_cut_length(out, s);
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
      // A byte that begins no valid sequence is copied as it is (the writers of the
      // output, render_text and append_json_string, mask or replace it).
      std::size_t n = utf8_sequence_length(s, i);
      n += n == 0;
      if (char32_t const cp = hidden_control_at(s, i, n)) { // escaped: seen, and acts on nothing
        out += "\\u";
        append_hex(out, static_cast<unsigned>(cp), 4);
      } else {
        out.append(s.data() + i, n);
      }
      i += n;
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
  // Reserved for the spellings as they are (enumerators need no escapes): one allocation.
  std::size_t size = out.size() + 7;
  for (std::size_t i = 0; i != count; ++i) {
    size += values[i].size() + 4;
  }
  out.reserve(size);
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

/// The pieces as one string, allocated once at its exact size. Diagnostic texts are a few
/// short pieces each (names, fixed words, numbers); appended one by one, each piece cost a
/// capacity check and a copy call, and the string grew or was reserved by a guess.
inline std::string concat(std::initializer_list<std::string_view> pieces) {
  std::size_t size = 0;
  for (std::string_view p : pieces) {
    size += p.size();
  }
  std::string out(size, '\0');
  char* at = out.data();
  for (std::string_view p : pieces) {
    if (!p.empty()) { // memcpy from a null pointer is undefined, even for 0 bytes
      std::memcpy(at, p.data(), p.size());
      at += p.size();
    }
  }
  return out;
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
/// (DEL included, which JSON would carry raw) escaped, and every byte that is not valid UTF-8
/// replaced by U+FFFD, so the output is valid JSON in UTF-8 (RFC 8259 section 8.1) whatever `s`
/// held. C1 controls, bidirectional formatting characters and line separators
/// (is_hidden_control) are written as \u escapes: the same string to a JSON reader, and output
/// that a terminal or an editor shows as it is, one JSON text per line. The one JSON string writer
/// of the library (encode, render).
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
        if (char32_t const cp = hidden_control_at(s, i, n)) {
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
      if (c < 0x20 || c == 0x7F) {
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
