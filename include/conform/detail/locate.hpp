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

/// Fills line and column of every diagnostic that has an offset.
inline void resolve_lines(std::vector<diagnostic>& items, std::string_view text) {
  std::vector<std::size_t> order;
  order.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].offset != diagnostic::no_offset) {
      order.push_back(i);
    }
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return items[a].offset < items[b].offset; });
  std::size_t at = 0;
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t index : order) {
    std::size_t target = std::min(items[index].offset, text.size());
    for (; at < target; ++at) {
      unsigned char c = static_cast<unsigned char>(text[at]);
      if (c == '\n') {
        ++line;
        column = 1;
      } else if ((c & 0xC0u) != 0x80u) {
        ++column;
      }
    }
    items[index].line = line;
    items[index].column = column;
  }
}

} // namespace conform::detail

#endif // CONFORM_DETAIL_LOCATE_HPP
