// conform internals: token positions, and the cold-path helpers that find a member's value
// again in already-validated text (to blame the member a cross-member rule names).
#ifndef CONFORM_DETAIL_POSITION_HPP
#define CONFORM_DETAIL_POSITION_HPP

#include <conform/config.hpp>
#include <conform/detail/text.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace conform::detail {

/// A byte offset into the text, or no_position (a DOM has none).
using position = std::uint64_t;

inline constexpr position no_position = ~position(0);

inline bool is_separator(char c) noexcept {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ',' || c == ':';
}

/// Skips whitespace, ',' and ':' (all that can stand between two tokens of valid JSON).
inline std::size_t skip_separators(std::string_view t, std::size_t i) noexcept {
  while (i < t.size() && is_separator(t[i])) {
    ++i;
  }
  return i;
}

/// Skips a string token starting at its opening quote.
inline std::size_t skip_string(std::string_view t, std::size_t i) noexcept {
  ++i;
  while (i < t.size() && t[i] != '"') {
    i += t[i] == '\\' ? 2 : 1;
  }
  return i < t.size() ? i + 1 : t.size();
}

/// Skips one token (a structural character, a literal, a string or a number).
inline std::size_t skip_token(std::string_view t, std::size_t i) noexcept {
  if (i >= t.size()) {
    return t.size();
  }
  switch (t[i]) {
  case '{':
  case '}':
  case '[':
  case ']':
    return i + 1;
  case 't':
  case 'n':
    return i + 4;
  case 'f':
    return i + 5;
  case '"':
    return skip_string(t, i);
  default:
    // A number of valid JSON: it ends at the first byte that is no digit, sign, point or
    // exponent; digits, the common case, are tested first.
    while (i < t.size() && (static_cast<unsigned char>(t[i] - '0') < 10 || t[i] == '-' ||
                            t[i] == '+' || t[i] == '.' || t[i] == 'e' || t[i] == 'E')) {
      ++i;
    }
    return i;
  }
}

/// The byte offset of a position (no_position becomes -1).
inline std::size_t resolve_position(position p) noexcept {
  return p == no_position ? static_cast<std::size_t>(-1) : static_cast<std::size_t>(p);
}

/// Skips a whole value (nested containers included) starting at its first character.
inline std::size_t skip_value(std::string_view t, std::size_t i) noexcept {
  if (i >= t.size() || (t[i] != '{' && t[i] != '[')) {
    return skip_token(t, i);
  }
  std::size_t depth = 0;
  while (i < t.size()) {
    char c = t[i];
    if (c == '"') {
      i = skip_string(t, i);
      continue;
    }
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) {
        return i + 1;
      }
    }
    ++i;
  }
  return t.size();
}

/// Unescapes the JSON string token [begin, end) (quotes included) of validated text.
inline std::string unescape_token(std::string_view t, std::size_t begin, std::size_t end) {
  std::string out;
  auto hex4 = [&](std::size_t i) {
    unsigned v = 0;
    for (std::size_t k = 0; k < 4 && i + k < t.size(); ++k) {
      char c = t[i + k];
      v = v * 16 + static_cast<unsigned>(c >= 'a'   ? c - 'a' + 10
                                         : c >= 'A' ? c - 'A' + 10
                                                    : c - '0');
    }
    return v;
  };
  for (std::size_t i = begin + 1; i + 1 < end; ++i) {
    if (t[i] != '\\') {
      out.push_back(t[i]);
      continue;
    }
    char e = t[++i];
    switch (e) {
    case 'b':
      out.push_back('\b');
      break;
    case 'f':
      out.push_back('\f');
      break;
    case 'n':
      out.push_back('\n');
      break;
    case 'r':
      out.push_back('\r');
      break;
    case 't':
      out.push_back('\t');
      break;
    case 'u': {
      std::uint32_t cp = hex4(i + 1);
      i += 4;
      if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < end && t[i + 1] == '\\' && t[i + 2] == 'u') {
        std::uint32_t low = hex4(i + 3);
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        i += 6;
      }
      append_utf8(out, cp);
      break;
    }
    default:
      out.push_back(e); // '"', '\\', '/'
    }
  }
  return out;
}

/// The offset of the value of the member whose key is `name` in the object that starts at
/// `object` (the first such member, or the last when `last`), or `object` itself when there
/// is none. Keys are compared after unescaping. Cold path: only for diagnostics.
inline std::size_t find_member_value(std::string_view t, std::size_t object, std::string_view name,
                                     bool last = false) {
  if (object >= t.size() || t[object] != '{') {
    return object;
  }
  std::size_t found = object;
  std::size_t i = skip_separators(t, object + 1);
  while (i < t.size() && t[i] == '"') {
    std::size_t key_end = skip_string(t, i);
    std::string_view raw = t.substr(i + 1, key_end - i - 2);
    bool match = raw.find('\\') == std::string_view::npos ? raw == name
                                                          : unescape_token(t, i, key_end) == name;
    std::size_t value = skip_separators(t, key_end);
    if (match) {
      found = value;
      if (!last) {
        return found;
      }
    }
    i = skip_separators(t, skip_value(t, value));
  }
  return found;
}

} // namespace conform::detail

#endif // CONFORM_DETAIL_POSITION_HPP
