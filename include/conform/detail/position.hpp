// conform internals: where a token is, computed only when a diagnostic needs it.
// Boost.JSON's parser reports no positions. Strings without escapes and numbers arrive as
// views into the input, which give their offsets for free; every other token ({ } [ ] true
// false null, escaped strings) is recorded as "the k-th token after the last known offset"
// and resolved by re-lexing that stretch of already-validated text on the cold path. The hot
// path thus never scans whitespace a second time.
#ifndef CONFORM_DETAIL_POSITION_HPP
#define CONFORM_DETAIL_POSITION_HPP

#include <conform/config.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace conform::detail {

/// An exact byte offset, or (top bit set) a lazy "k-th token after anchor" position.
using position = std::uint64_t;

inline constexpr position no_position = ~position(0);
inline constexpr unsigned lazy_count_bits = 24;
/// The most tokens a lazy position may count; the text front end re-anchors before this.
inline constexpr std::uint64_t max_lazy_count = (std::uint64_t(1) << lazy_count_bits) - 2;
/// Offsets beyond this cannot anchor a lazy position (2^39 bytes; inputs are far smaller).
inline constexpr std::uint64_t max_anchor = (std::uint64_t(1) << 39) - 1;

constexpr position lazy_position(std::uint64_t anchor, std::uint64_t count) noexcept {
  return (position(1) << 63) | (anchor << lazy_count_bits) | count;
}
constexpr bool is_lazy(position p) noexcept {
  return p != no_position && (p >> 63) != 0;
}

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
    while (i < t.size() && (t[i] == '-' || t[i] == '+' || t[i] == '.' || t[i] == 'e' ||
                            t[i] == 'E' || (t[i] >= '0' && t[i] <= '9'))) {
      ++i;
    }
    return i;
  }
}

/// The byte offset of a position within `text` (`text` must be the decoded input).
inline std::size_t resolve_position(std::string_view text, position p) noexcept {
  if (p == no_position) {
    return static_cast<std::size_t>(-1);
  }
  if (!is_lazy(p)) {
    return static_cast<std::size_t>(p);
  }
  std::uint64_t anchor = (p >> lazy_count_bits) & max_anchor;
  std::uint64_t count = p & ((std::uint64_t(1) << lazy_count_bits) - 1);
  std::size_t i = skip_separators(text, static_cast<std::size_t>(anchor));
  for (std::uint64_t k = 0; k < count && i < text.size(); ++k) {
    i = skip_separators(text, skip_token(text, i));
  }
  return i;
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

/// The offset of the value of the first member whose key is spelled `name` (without
/// escapes) in the object that starts at `object`, or `object` itself when there is none.
inline std::size_t find_member_value(std::string_view t, std::size_t object,
                                     std::string_view name) noexcept {
  if (object >= t.size() || t[object] != '{') {
    return object;
  }
  std::size_t i = skip_separators(t, object + 1);
  while (i < t.size() && t[i] == '"') {
    std::size_t key_end = skip_string(t, i);
    if (key_end - i - 2 == name.size() && t.compare(i + 1, name.size(), name) == 0) {
      return skip_separators(t, key_end);
    }
    i = skip_separators(t, key_end);
    i = skip_separators(t, skip_value(t, i));
  }
  return object;
}

} // namespace conform::detail

#endif // CONFORM_DETAIL_POSITION_HPP
