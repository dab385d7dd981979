// conform: RFC 6901 JSON Pointers: building them (escaping `~` as `~0` and `/` as `~1`),
// splitting them back into reference tokens, and resolving them against a boost::json::value.
// Diagnostics carry pointers as plain std::string; this header owns their grammar.
#ifndef CONFORM_JSON_POINTER_HPP
#define CONFORM_JSON_POINTER_HPP

#include <conform/config.hpp>

#include <boost/json/fwd.hpp>

#include <cstddef>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace conform {

namespace detail {

/// The length of `/` and the escaped reference token `key`.
inline std::size_t pointer_key_size(std::string_view key) noexcept {
  std::size_t n = 1 + key.size();
  for (char c : key) {
    n += static_cast<std::size_t>(c == '~' || c == '/');
  }
  return n;
}

/// Writes `/` and the escaped reference token `key` at `out` (room for pointer_key_size(key)
/// bytes); returns the end. A key with nothing to escape, the usual case, is one copy.
inline char* write_pointer_key(char* out, std::string_view key) noexcept {
  *out++ = '/';
  std::size_t plain = 0;
  while (plain < key.size() && key[plain] != '~' && key[plain] != '/') {
    ++plain;
  }
  if (plain != 0) {
    std::memcpy(out, key.data(), plain);
    out += plain;
  }
  for (char c : key.substr(plain)) {
    if (c == '~' || c == '/') {
      *out++ = '~';
      c = c == '~' ? '0' : '1';
    }
    *out++ = c;
  }
  return out;
}

/// The length of `/` and the decimal array index `index`.
inline std::size_t pointer_index_size(std::size_t index) noexcept {
  std::size_t n = 2;
  while (index >= 10) {
    index /= 10;
    ++n;
  }
  return n;
}

/// Writes `/` and the decimal array index `index` at `out`; returns the end.
inline char* write_pointer_index(char* out, std::size_t index) noexcept {
  char* end = out + pointer_index_size(index);
  char* at = end;
  do {
    *--at = static_cast<char>('0' + index % 10);
    index /= 10;
  } while (index != 0);
  *out = '/';
  return end;
}

} // namespace detail

/** Appends `/` and the escaped reference token `key` to `pointer`.

    @par Exception safety
    Strong; throws std::bad_alloc only.
*/
inline void append_pointer_key(std::string& pointer, std::string_view key) {
  std::size_t at = pointer.size();
  pointer.resize(at + detail::pointer_key_size(key));
  detail::write_pointer_key(pointer.data() + at, key);
}

/// Appends `/` and the decimal array index `index` to `pointer`.
inline void append_pointer_index(std::string& pointer, std::size_t index) {
  std::size_t at = pointer.size();
  pointer.resize(at + detail::pointer_index_size(index));
  detail::write_pointer_index(pointer.data() + at, index);
}

/** Splits a JSON Pointer into its unescaped reference tokens.

    @return the tokens, or std::nullopt when `pointer` is not a valid RFC 6901 pointer
    (it does not start with `/`, or `~` is followed by something other than `0` or `1`).
    The empty pointer "" designates the whole document and yields no tokens.
*/
inline std::optional<std::vector<std::string>> split_pointer(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) {
    return tokens;
  }
  if (pointer.front() != '/') {
    return std::nullopt;
  }
  std::size_t i = 1;
  tokens.emplace_back();
  for (; i < pointer.size(); ++i) {
    char c = pointer[i];
    if (c == '/') {
      tokens.emplace_back();
    } else if (c == '~') {
      if (i + 1 >= pointer.size()) {
        return std::nullopt;
      }
      char e = pointer[++i];
      if (e == '0') {
        tokens.back().push_back('~');
      } else if (e == '1') {
        tokens.back().push_back('/');
      } else {
        return std::nullopt;
      }
    } else {
      tokens.back().push_back(c);
    }
  }
  return tokens;
}

/** Finds the value a JSON Pointer designates.

    Array indices must be decimal without leading zeros (RFC 6901 §4); `-` designates no
    element and so never resolves.
    @return the value, or nullptr when the pointer is malformed or designates nothing.

    A template only so that this header needs no more than Boost.JSON's forward declarations
    (every decoder includes it, and the DOM headers cost a text-only translation unit several
    percent of its compile time); `Value` can only be boost::json::value, whose definition
    the caller, holding one, has included.
*/
template <class Value, std::enable_if_t<std::is_same_v<Value, boost::json::value>, int> = 0>
Value const* resolve_pointer(Value const& root, std::string_view pointer) {
  auto tokens = split_pointer(pointer);
  if (!tokens) {
    return nullptr;
  }
  Value const* at = &root;
  for (auto const& token : *tokens) {
    if (auto const* obj = at->if_object()) {
      auto it = obj->find(token);
      if (it == obj->end()) {
        return nullptr;
      }
      at = &it->value();
    } else if (auto const* arr = at->if_array()) {
      if (token.empty() || (token.size() > 1 && token[0] == '0') || token.size() > 19) {
        return nullptr;
      }
      std::size_t index = 0;
      for (char c : token) {
        if (c < '0' || c > '9') {
          return nullptr;
        }
        index = index * 10 + static_cast<std::size_t>(c - '0');
      }
      if (index >= arr->size()) {
        return nullptr;
      }
      at = &(*arr)[index];
    } else {
      return nullptr;
    }
  }
  return at;
}

} // namespace conform

#endif // CONFORM_JSON_POINTER_HPP
