// conform: presenting diagnostics. render_text writes them the way a compiler does (location,
// message and code, the source line with a caret under the column, then the JSON Pointer);
// render_json writes each one as a JSON object with stable member names, for scripts.
// Everything here reads only the diagnostic and the text it was found in; no JSON library.
#ifndef CONFORM_RENDER_HPP
#define CONFORM_RENDER_HPP

#include <conform/config.hpp>
#include <conform/detail/text.hpp>
#include <conform/diagnostic.hpp>
#include <conform/error.hpp>

#include <algorithm>
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

namespace conform {

/** How render_text (and, for line numbers, render_json) presents diagnostics. */
struct render_options {
  /// ANSI colours. The caller decides (a terminal, NO_COLOR, a --color flag). Default off.
  bool color = false;
  /// The line number of the source text's first line, so that a document cut out of a larger
  /// file (one NDJSON line) reports the file's line numbers. Default 1.
  std::size_t first_line = 1;
  /// Print the source line and a caret under the column (when the diagnostic has a position).
  bool show_source = true;
  /// The widest source excerpt, in columns. A longer line (a minified one-line document) is cut
  /// around the caret and the cuts are marked with "...". Values below 20 are treated as 20.
  std::size_t max_excerpt_width = 100;
  /// Tab stops every tab_width columns in the excerpt (tabs are expanded to spaces, so that the
  /// caret lines up whatever the terminal's tab setting). Values below 1 are treated as 1.
  std::size_t tab_width = 8;
  /// The longest pointer printed whole, in characters. A longer one (a document's keys can be
  /// up to max_string_bytes each) is cut there and ends with "... (N characters)"; the
  /// diagnostic and the JSON form keep it whole. Values below 40 are treated as 40.
  std::size_t max_pointer_width = 400;
};

namespace detail {

// The source excerpt of one diagnostic: the printable text of its line (cut to a window) and
// the display column of the caret within it.
struct source_excerpt {
  std::string text;
  std::size_t caret = 0;
};

// Appends `text` for a terminal: control characters (ESC above all: the input must not be able
// to drive the terminal), bidirectional formatting characters (they would reorder what the
// reader sees), line separators (is_hidden_control) and invalid UTF-8 become '?'.
inline void append_printable(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = utf8_sequence_length(text, i);
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (n == 0 || (n == 1 && (c < 0x20 || c == 0x7F)) || hidden_control_at(text, i, n) != 0) {
      out.push_back('?');
      i += n == 0 ? 1 : n;
    } else {
      out.append(text.data() + i, n);
      i += n;
    }
  }
}

inline constexpr std::size_t no_caret = static_cast<std::size_t>(-1);

// The byte at which the caret goes: the diagnostic's offset when it has one (clamped to the
// text), else its line and column walked from the start (columns count code points, as the
// decoder counts them). no_caret when the diagnostic has no position in this text.
inline std::size_t caret_byte(std::string_view text, diagnostic const& d) noexcept {
  if (d.offset != diagnostic::no_offset) {
    return std::min(d.offset, text.size());
  }
  if (d.line == 0) {
    return no_caret;
  }
  std::size_t pos = 0;
  for (std::size_t line = 1; line < d.line; ++line) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) {
      return no_caret;
    }
    pos = nl + 1;
  }
  for (std::size_t column = 1; column < d.column && pos < text.size() && text[pos] != '\n';
       ++column) {
    ++pos;
    while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0u) == 0x80u) {
      ++pos;
    }
  }
  return pos;
}

// Cuts the line holding byte `at` to a window of at most `width` columns around it. The walk is
// bounded by the window, not the line, so a 60 MB one-line document costs no more than a short
// one however many diagnostics it has.
inline source_excerpt make_excerpt(std::string_view text, std::size_t at, std::size_t width,
                                   std::size_t tab_width) {
  width = std::max<std::size_t>(width, 20);
  tab_width = std::max<std::size_t>(tab_width, 1);
  auto is_continuation = [&](std::size_t i) {
    return (static_cast<unsigned char>(text[i]) & 0xC0u) == 0x80u;
  };
  // Back from the caret by up to half the window, to the line's start at most.
  std::size_t begin = at;
  std::size_t back = 0;
  while (begin > 0 && text[begin - 1] != '\n' && back < width / 2) {
    --begin;
    while (begin > 0 && is_continuation(begin) && text[begin - 1] != '\n') {
      --begin;
    }
    ++back;
  }
  bool cut_left = begin > 0 && text[begin - 1] != '\n';
  source_excerpt ex;
  std::size_t column = 0;
  if (cut_left) {
    ex.text = "...";
    column = 3;
  }
  bool caret_set = false;
  bool cut_right = false;
  std::size_t pos = begin;
  while (pos < text.size() && text[pos] != '\n') {
    if (text[pos] == '\r' && (pos + 1 == text.size() || text[pos + 1] == '\n')) {
      break; // a CRLF line end
    }
    if (pos >= at && !caret_set) {
      ex.caret = column;
      caret_set = true;
    }
    if (column >= width - 3 && caret_set) {
      cut_right = true;
      break;
    }
    if (text[pos] == '\t') {
      std::size_t spaces = tab_width - (column % tab_width);
      ex.text.append(spaces, ' ');
      column += spaces;
      ++pos;
      continue;
    }
    std::size_t n = utf8_sequence_length(text, pos);
    append_printable(ex.text, text.substr(pos, n == 0 ? 1 : n));
    pos += n == 0 ? 1 : n;
    ++column;
  }
  if (!caret_set) {
    ex.caret = column; // at the end of the line (an unexpected end of input)
  }
  if (cut_right) {
    ex.text += "...";
  }
  return ex;
}

struct ansi {
  bool on;
  char const* operator()(char const* code) const noexcept { return on ? code : ""; }
};

} // namespace detail

/** Writes one diagnostic the way a compiler does:

        name:line:column: error: message [code]
           12 |     "priority": 4,
              |                 ^
          pointer: /spec/schedule_policy/priority

    Without a position (line 0) the location is just `name:` and there is no excerpt. The
    source line is the line of `source_text` the diagnostic points into; its number is shifted
    by render_options::first_line. Text taken from the input (excerpt, message, pointer) has
    its control characters, bidirectional formatting characters and line separators replaced
    by '?', so a hostile document can neither drive the terminal nor reorder or break what the
    reader sees.

    @par Exception safety Basic; throws what the stream or std::string throw.
*/
inline void render_text(std::ostream& os, diagnostic const& d, std::string_view source_text,
                        std::string_view source_name, render_options const& options = {}) {
  detail::ansi c{options.color};
  bool is_error = d.level == severity::error;
  char const* tone = is_error ? "\033[1;31m" : "\033[1;35m";
  std::string line;
  line += c("\033[1m");
  detail::append_printable(line, source_name);
  line += ':';
  std::size_t shown_line = d.line == 0 ? 0 : d.line + options.first_line - 1;
  if (shown_line != 0) {
    line += std::to_string(shown_line);
    line += ':';
    line += std::to_string(d.column);
    line += ':';
  }
  line += c("\033[0m");
  line += ' ';
  line += c(tone);
  line += to_string(d.level);
  line += ':';
  line += c("\033[0m");
  line += ' ';
  detail::append_printable(line, d.message());
  line += " [";
  line += c(tone);
  line += to_string(d.code);
  line += c("\033[0m");
  line += "]\n";

  std::size_t at = detail::no_caret;
  if (options.show_source && d.line != 0) {
    at = detail::caret_byte(source_text, d);
  }
  std::string gutter;
  if (at != detail::no_caret) {
    std::string number = std::to_string(shown_line);
    gutter.assign(std::max<std::size_t>(number.size(), 4) + 1, ' ');
    auto ex = detail::make_excerpt(source_text, at, options.max_excerpt_width, options.tab_width);
    line += gutter.substr(0, gutter.size() - number.size());
    line += number;
    line += " | ";
    line += ex.text;
    line += '\n';
    line += gutter;
    line += " | ";
    line.append(ex.caret, ' ');
    line += c("\033[1;32m");
    line += '^';
    line += c("\033[0m");
    line += '\n';
  }
  line += "  pointer: ";
  if (d.pointer.empty()) {
    line += "\"\" (the whole document)";
  } else {
    line += c("\033[36m");
    std::size_t const cut =
        detail::utf8_prefix(d.pointer, std::max<std::size_t>(options.max_pointer_width, 40));
    detail::append_printable(line, std::string_view(d.pointer).substr(0, cut));
    line += c("\033[0m");
    if (cut != std::string_view::npos) {
      detail::append_cut_length(line, d.pointer);
    }
  }
  line += '\n';
  os << line;
}

/// Writes every diagnostic of a list, in order (see the single-diagnostic form).
inline void render_text(std::ostream& os, diagnostics const& ds, std::string_view source_text,
                        std::string_view source_name, render_options const& options = {}) {
  for (auto const& d : ds) {
    render_text(os, d, source_text, source_name, options);
  }
}

/** Writes `s` as a JSON string literal (quotes included). Control characters (C0 and C1),
    bidirectional formatting characters and the line separators U+2028 and U+2029 are escaped,
    and bytes that are not valid UTF-8 become U+FFFD, so the output is always valid JSON in
    UTF-8, one text per line for any line splitter, whatever the input held.

    @par Exception safety Basic; throws what the stream throws.
*/
inline void render_json_string(std::ostream& os, std::string_view s) {
  std::string out;
  detail::append_json_string(out, s);
  os << out;
}

/** Writes one diagnostic as a JSON object on one line, without a newline:

        {"severity":"error","code":"out_of_range","pointer":"/spec/schedule_policy/priority",
         "line":1,"column":523,"message":"...","expected":"...","found":"4"}

    The member names are stable. `line` is shifted by render_options::first_line (0 stays 0:
    no position); the other options do not apply.

    @par Exception safety Basic; throws what the stream throws.
*/
inline void render_json(std::ostream& os, diagnostic const& d, render_options const& options = {}) {
  os << "{\"severity\":\"" << to_string(d.level) << "\",\"code\":\"" << to_string(d.code)
     << "\",\"pointer\":";
  render_json_string(os, d.pointer);
  os << ",\"line\":" << (d.line == 0 ? 0 : d.line + options.first_line - 1)
     << ",\"column\":" << d.column << ",\"message\":";
  render_json_string(os, d.message());
  os << ",\"expected\":";
  render_json_string(os, d.expected);
  os << ",\"found\":";
  render_json_string(os, d.found);
  os << '}';
}

/// Writes a list as a JSON array of the objects above, on one line.
inline void render_json(std::ostream& os, diagnostics const& ds,
                        render_options const& options = {}) {
  os << '[';
  bool first = true;
  for (auto const& d : ds) {
    if (!first) {
      os << ',';
    }
    first = false;
    render_json(os, d, options);
  }
  os << ']';
}

} // namespace conform

#endif // CONFORM_RENDER_HPP
