// conform internals: turns byte offsets into 1-based line and column numbers after a decode,
// in one pass over the text however many diagnostics there are (they are visited in offset
// order). Columns count characters (UTF-8 code points), so a caret under a non-ASCII line
// lands where a terminal shows the character.
#ifndef CONFORM_DETAIL_LOCATE_HPP
#define CONFORM_DETAIL_LOCATE_HPP

#include <conform/config.hpp>
#include <conform/diagnostic.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <cstddef>
#include <string_view>
#include <vector>

#ifdef CONFORM_SSE2
#include <emmintrin.h>
#endif

namespace conform::detail {

struct text_position {
  std::size_t line = 1;
  std::size_t column = 1;
};

/// Line and column of `offset` (offsets past the end are clamped to the end).
inline text_position locate(std::string_view text, std::size_t offset) noexcept {
  text_position pos;
  std::size_t end = std::min(offset, text.size());
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      line_start = i + 1;
    }
  }
  for (std::size_t i = line_start; i < end; ++i) {
    pos.column += (static_cast<unsigned char>(text[i]) & 0xC0u) != 0x80u;
  }
  return pos;
}

/// Counts UTF-8 code points in [p, end): every byte that is not a continuation byte
/// (10xxxxxx). ASCII runs, the common case, cost a load and a mask test per 16 bytes.
inline std::size_t count_code_points(char const* p, char const* end) noexcept {
  std::size_t n = 0;
#ifdef CONFORM_SSE2
  while (end - p >= 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p));
    n += 16;
    if (CONFORM_UNLIKELY(_mm_movemask_epi8(v) != 0)) {
      __m128i top_bits = _mm_and_si128(v, _mm_set1_epi8(static_cast<char>(0xC0)));
      auto continuation = static_cast<unsigned>(
          _mm_movemask_epi8(_mm_cmpeq_epi8(top_bits, _mm_set1_epi8(static_cast<char>(0x80)))));
      for (; continuation != 0; continuation &= continuation - 1) {
        --n;
      }
    }
    p += 16;
  }
#endif
  while (end - p >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    // bit 7 set and bit 6 clear marks a continuation byte
    std::uint64_t continuation = w & ~(w << 1) & 0x8080808080808080ull;
    // Bytes flagged in bit 7 summed by a multiply (a popcount builtin is a library call on
    // baseline x86-64).
    n += 8 - static_cast<std::size_t>(((continuation >> 7) * 0x0101010101010101ull) >> 56);
    p += 8;
  }
  for (; p < end; ++p) {
    n += (static_cast<unsigned char>(*p) & 0xC0u) != 0x80u;
  }
  return n;
}

/// Fills line and column of every diagnostic that has an offset: one pass over the text
/// (memchr for line breaks, code points counted 16 bytes at a time) however many diagnostics there
/// are. Diagnostics mostly come in document order; only when they do not is an order sorted.
inline void resolve_lines(std::vector<diagnostic>& items, std::string_view text) {
  char const* base = text.data();
  std::size_t line = 1;
  std::size_t line_start = 0; // offset of the current line's first byte
  std::size_t scanned = 0;    // line breaks before this offset are counted
  auto resolve = [&](diagnostic& d) {
    std::size_t target = std::min(d.offset, text.size());
    while (scanned < target) {
      auto const* nl =
          static_cast<char const*>(std::memchr(base + scanned, '\n', target - scanned));
      if (nl == nullptr) {
        scanned = target;
        break;
      }
      ++line;
      scanned = static_cast<std::size_t>(nl - base) + 1;
      line_start = scanned;
    }
    d.line = line;
    d.column = 1 + count_code_points(base + line_start, base + target);
  };
  bool in_order = true;
  std::size_t last = 0;
  for (auto const& d : items) {
    if (d.offset != diagnostic::no_offset) {
      in_order = in_order && d.offset >= last;
      last = d.offset;
    }
  }
  if (in_order) {
    for (auto& d : items) {
      if (d.offset != diagnostic::no_offset) {
        resolve(d);
      }
    }
    return;
  }
  std::vector<std::size_t> order;
  order.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].offset != diagnostic::no_offset) {
      order.push_back(i);
    }
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return items[a].offset < items[b].offset; });
  for (std::size_t index : order) {
    resolve(items[index]);
  }
}

} // namespace conform::detail

#endif // CONFORM_DETAIL_LOCATE_HPP
