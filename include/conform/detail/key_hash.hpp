// conform internals: the constant-time hash and compare that look up a member by its key.
// type_ops.hpp searches, at compile time, for a seed under which every member of a struct
// gets its own slot; the decoder then needs one hash and one compare per key.
#ifndef CONFORM_DETAIL_KEY_HASH_HPP
#define CONFORM_DETAIL_KEY_HASH_HPP

#include <conform/config.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace conform::detail {

// Member lookup hashes a key in constant time: its length, its first eight and its last
// eight bytes (keys up to 16 bytes are covered whole; longer keys that agree on both ends
// are told apart by the compare that follows, and the compile-time search below only
// accepts a seed under which every member has its own slot).

/// Little-endian load of up to eight bytes, usable in constant expressions.
constexpr std::uint64_t load_bytes(char const* p, std::size_t n) noexcept {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    v |= std::uint64_t(static_cast<unsigned char>(p[i])) << (8 * i);
  }
  return v;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
inline std::uint64_t load8(char const* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
#else
inline std::uint64_t load8(char const* p) noexcept {
  return load_bytes(p, 8);
}
#endif

constexpr std::uint32_t mix_key(std::uint64_t head, std::uint64_t tail, std::size_t n,
                                std::uint32_t seed) noexcept {
  std::uint64_t h = (head ^ (std::uint64_t(seed) * 0x9E3779B97F4A7C15ull)) * 0xC2B2AE3D27D4EB4Full;
  h ^= (tail + n) * 0x165667B19E3779F9ull;
  h ^= h >> 29;
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

/// The hash as computed at compile time (byte by byte).
constexpr std::uint32_t key_hash_constexpr(std::string_view key, std::uint32_t seed) noexcept {
  std::size_t n = key.size();
  if (n >= 8) {
    return mix_key(load_bytes(key.data(), 8), load_bytes(key.data() + n - 8, 8), n, seed);
  }
  if (n >= 4) {
    return mix_key(load_bytes(key.data(), 4) | (load_bytes(key.data() + n - 4, 4) << 32), 0, n,
                   seed);
  }
  return mix_key(load_bytes(key.data(), n), 0, n, seed);
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
inline std::uint64_t load4(char const* p) noexcept {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
#else
inline std::uint64_t load4(char const* p) noexcept {
  return load_bytes(p, 4);
}
#endif

/// The same hash at run time (word loads; two overlapping loads cover 4 to 16 bytes).
CONFORM_ALWAYS_INLINE std::uint32_t key_hash(std::string_view key, std::uint32_t seed) noexcept {
  std::size_t n = key.size();
  char const* p = key.data();
  if (CONFORM_LIKELY(n >= 8)) {
    return mix_key(load8(p), load8(p + n - 8), n, seed);
  }
  if (n >= 4) {
    return mix_key(load4(p) | (load4(p + n - 4) << 32), 0, n, seed);
  }
  return mix_key(load_bytes(p, n), 0, n, seed);
}

/// Equality of a key with a member name of the same length.
CONFORM_ALWAYS_INLINE bool same_key(std::string_view key, std::string_view name) noexcept {
  std::size_t n = key.size();
  if (n != name.size()) {
    return false;
  }
  char const* a = key.data();
  char const* b = name.data();
  if (n >= 8) {
    if (n <= 16) {
      return load8(a) == load8(b) && load8(a + n - 8) == load8(b + n - 8);
    }
    return std::memcmp(a, b, n) == 0;
  }
  if (n >= 4) {
    return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) {
      return false;
    }
  }
  return true;
}

} // namespace conform::detail

#endif // CONFORM_DETAIL_KEY_HASH_HPP
