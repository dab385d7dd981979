// conform internals: turns byte offsets into 1-based line and column numbers after a decode,
// in one pass over the text however many diagnostics there are (they are visited in offset
// order). Columns count characters (UTF-8 code points), so a caret under a non-ASCII line
// lands where a terminal shows the character.
#ifndef CONFORM_DETAIL_LOCATE_HPP
#define CONFORM_DETAIL_LOCATE_HPP

#include <conform/config.hpp>
#include <conform/diagnostic.hpp>

#include <algorithm>
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

/// Line and column of `offset` (offsets past the end are clamped to the end), counted byte by
/// byte from the start: the plain definition that tests hold resolve_lines to.
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

/// Where a forward scan of the text stands: the line it is on, where that line starts, and
/// how many continuation bytes (10xxxxxx) it has passed on it, so that the characters (UTF-8
/// code points) between the line's start and `scanned` are the bytes less those.
struct line_counter {
  std::size_t line = 1;
  std::size_t line_start = 0;
  std::size_t continuations = 0;
  std::size_t scanned = 0;

  /// The 1-based column of `scanned`, in characters.
  std::size_t column() const noexcept { return 1 + (scanned - line_start) - continuations; }

  /// Moves the scan forward to `to`, at most `size`: the text's length (bytes up to it may
  /// be read).
  ///
  /// One pass over the text counts line breaks and continuation bytes together, 16 bytes
  /// at a time: a block of ASCII without a line break, the usual case, costs a load, a
  /// compare and a branch. The last, partial block is read whole and masked when the text
  /// goes on past it, which it does for all but a finding at the very end. (memchr per line
  /// and then the last line's code points again cost more: in calls on a pretty-printed
  /// document, whose lines are a few dozen bytes, and in reading twice on a long line, such
  /// as a compact response's only one.)
  void advance(char const* base, std::size_t to, std::size_t size) noexcept {
    std::size_t i = scanned;
#ifdef CONFORM_SSE2
    for (; to - i >= 16; i += 16) {
      block(base, i, 0xFFFFu);
    }
    if (i < to && size - i >= 16) {
      block(base, i, (1u << (to - i)) - 1u);
      i = to;
    }
#endif
    (void)size;
    for (; i < to; ++i) {
      if (base[i] == '\n') {
        ++line;
        line_start = i + 1;
        continuations = 0;
      } else {
        continuations += (static_cast<unsigned char>(base[i]) & 0xC0u) == 0x80u;
      }
    }
    scanned = i;
  }

private:
#ifdef CONFORM_SSE2
  /// Counts the 16 bytes at `base + i` whose bits are set in `mask`.
  CONFORM_ALWAYS_INLINE void block(char const* base, std::size_t i, unsigned mask) noexcept {
    __m128i v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(base + i));
    __m128i is_break = _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'));
    // Sign bits: a line break's (all ones) or a non-ASCII byte's.
    unsigned const special =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(v, is_break))) & mask;
    if (CONFORM_LIKELY(special == 0)) {
      return;
    }
    unsigned const breaks = static_cast<unsigned>(_mm_movemask_epi8(is_break)) & mask;
    unsigned after = mask; // the bytes on the current line
    if (breaks != 0) {
      unsigned const last = 31u - static_cast<unsigned>(__builtin_clz(breaks)); // bsr
      for (unsigned b = breaks; b != 0; b &= b - 1) { // lines break every few dozen bytes
        ++line;
      }
      line_start = i + last + 1;
      continuations = 0;
      if (CONFORM_LIKELY(special == breaks)) { // no byte but ASCII
        return;
      }
      after &= ~((2u << last) - 1u);
    }
    __m128i top_bits = _mm_and_si128(v, _mm_set1_epi8(static_cast<char>(0xC0)));
    auto const continuation = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_cmpeq_epi8(top_bits, _mm_set1_epi8(static_cast<char>(0x80)))));
    continuations += count_bits(continuation & after);
  }
#endif

  // Set bits of a 16-bit mask, without the popcount instruction baseline x86-64 lacks (the
  // builtin would be a library call).
  static std::size_t count_bits(unsigned x) noexcept {
    x = x - ((x >> 1) & 0x5555u);
    x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
    x = (x + (x >> 4)) & 0x0F0Fu;
    return (x + (x >> 8)) & 0x1Fu;
  }
};

/// Moves `scan` forward to `d`'s offset (clamped to the text) and gives `d` its line and
/// column; `scan` must not be past that offset.
inline void resolve_at(line_counter& scan, diagnostic& d, std::string_view text) noexcept {
  std::size_t const target = std::min(d.offset, text.size());
  if (scan.scanned < target) {
    scan.advance(text.data(), target, text.size());
  }
  d.line = scan.line;
  d.column = scan.column();
}

/// resolve_lines without the memory to sort: passes over the list, each resolving in list
/// order the diagnostics at or past its scan and leaving those behind it to the next pass,
/// which scans from the start again. Each pass resolves at least the first one left, and the
/// decoder's lists need few passes (findings that come out of order are those of an
/// object's end, which point back into that object: about one pass per level of nesting).
/// A resolved diagnostic is told by its line, 0 until then.
inline void resolve_lines_in_passes(std::vector<diagnostic>& items,
                                    std::string_view text) noexcept {
  for (bool left = true; left;) {
    left = false;
    line_counter scan;
    for (auto& d : items) {
      if (d.offset == diagnostic::no_offset || d.line != 0) {
        continue;
      }
      if (std::min(d.offset, text.size()) < scan.scanned) {
        left = true;
        continue;
      }
      resolve_at(scan, d, text);
    }
  }
}

/// Fills line and column of every diagnostic that has an offset (their line is 0 on entry):
/// one pass over the text however many diagnostics there are. Diagnostics mostly come in
/// document order; only when they do not is an order sorted, and when there is no memory
/// for that order, resolve_lines_in_passes does without: lines and columns are never lost.
inline void resolve_lines(std::vector<diagnostic>& items, std::string_view text) noexcept {
  line_counter scan;
  auto resolve = [&](diagnostic& d) { resolve_at(scan, d, text); };
  bool in_order = true;
  std::size_t last = 0;
  std::size_t located = 0;
  for (auto const& d : items) {
    if (d.offset != diagnostic::no_offset) {
      in_order = in_order && d.offset >= last;
      last = d.offset;
      ++located;
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
  try {
    order.reserve(located);
  } catch (...) { // std::bad_alloc, or std::length_error for an absurd size
    return resolve_lines_in_passes(items, text);
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].offset != diagnostic::no_offset) {
      order.push_back(i);
    }
  }
  // stable_sort takes its buffer with the nothrow operator new and sorts in place without
  // one: it does not throw.
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return items[a].offset < items[b].offset; });
  for (std::size_t index : order) {
    resolve(items[index]);
  }
}

} // namespace conform::detail

#endif // CONFORM_DETAIL_LOCATE_HPP
