// conform internals: the hash and compare that look up a member by its key.
// type_ops.hpp searches, at compile time, for a seed under which every member of a struct
// gets its own slot; the decoder then needs one hash and one compare per key. The fast hash
// reads at most three words of the key (head, middle, tail) and its length; a struct whose
// keys cannot be told apart that way (long keys equal at both ends and in the middle) gets
// the full hash over every byte instead, chosen at compile time.
#ifndef CONFORM_DETAIL_KEY_HASH_HPP
#define CONFORM_DETAIL_KEY_HASH_HPP

#include <conform/config.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace conform::detail {

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
inline std::uint64_t load4(char const* p) noexcept {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
#else
inline std::uint64_t load8(char const* p) noexcept {
  return load_bytes(p, 8);
}
inline std::uint64_t load4(char const* p) noexcept {
  return load_bytes(p, 4);
}
#endif

/// What the fast hash reads of a key.
struct key_words {
  std::uint64_t head = 0;
  std::uint64_t middle = 0;
  std::uint64_t tail = 0;
  std::size_t size = 0;

  constexpr bool operator==(key_words const& o) const noexcept {
    return head == o.head && middle == o.middle && tail == o.tail && size == o.size;
  }
};

/// The words at compile time (byte by byte); equal to runtime_words on every key.
constexpr key_words constexpr_words(std::string_view key) noexcept {
  key_words w;
  std::size_t n = key.size();
  char const* p = key.data();
  w.size = n;
  if (n >= 8) {
    w.head = load_bytes(p, 8);
    w.tail = load_bytes(p + n - 8, 8);
    if (n > 16) {
      w.middle = load_bytes(p + n / 2 - 4, 8);
    }
  } else if (n >= 4) {
    w.head = load_bytes(p, 4) | (load_bytes(p + n - 4, 4) << 32);
  } else {
    w.head = load_bytes(p, n);
  }
  return w;
}

/// The words at run time (word loads; two overlapping loads cover 4 to 16 bytes).
CONFORM_ALWAYS_INLINE key_words runtime_words(std::string_view key) noexcept {
  key_words w;
  std::size_t n = key.size();
  char const* p = key.data();
  w.size = n;
  if (CONFORM_LIKELY(n >= 8)) {
    w.head = load8(p);
    w.tail = load8(p + n - 8);
    if (n > 16) {
      w.middle = load8(p + n / 2 - 4);
    }
  } else if (n >= 4) {
    w.head = load4(p) | (load4(p + n - 4) << 32);
  } else {
    w.head = load_bytes(p, n);
  }
  return w;
}

/// A full-avalanche finaliser (MurmurHash3's fmix64): every input bit moves the low bits
/// that index the table.
CONFORM_ALWAYS_INLINE constexpr std::uint64_t fmix64(std::uint64_t h) noexcept {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

CONFORM_ALWAYS_INLINE constexpr std::uint32_t mix_words(key_words const& w,
                                                        std::uint32_t seed) noexcept {
  std::uint64_t h = w.head * 0x9E3779B97F4A7C15ull ^ (std::uint64_t(seed) << 32 | seed);
  h = fmix64(h ^ (w.tail + w.size) * 0xC2B2AE3D27D4EB4Full);
  h = fmix64(h ^ w.middle * 0x165667B19E3779F9ull);
  return static_cast<std::uint32_t>(h);
}

/// FNV-1a over every byte, then the finaliser: the fallback for keys the words cannot
/// separate. Usable in constant expressions.
constexpr std::uint32_t full_hash(std::string_view key, std::uint32_t seed) noexcept {
  std::uint64_t h = 14695981039346656037ull ^ seed;
  for (char c : key) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return static_cast<std::uint32_t>(fmix64(h));
}

CONFORM_ALWAYS_INLINE std::uint32_t key_hash(std::string_view key, std::uint32_t seed,
                                             bool full) noexcept {
  if (CONFORM_UNLIKELY(full)) {
    return full_hash(key, seed);
  }
  return mix_words(runtime_words(key), seed);
}

/// Equality of a key with a member name.
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
