// conform: diagnostics as values. A diagnostic is a code, a severity, an RFC 6901 pointer,
// expected versus found, and (for text input) a byte offset with line and column.
// `diagnostics` is the ordered, bounded list a decode returns. Rendering with source lines
// and carets, and the JSON form, live in render.hpp.
#ifndef CONFORM_DIAGNOSTIC_HPP
#define CONFORM_DIAGNOSTIC_HPP

#include <conform/config.hpp>
#include <conform/detail/utf8.hpp>
#include <conform/error.hpp>

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace conform {

/** One problem found in a document.

    Every field is a plain value, so a diagnostic can be copied, stored, compared and
    serialised without the document it came from.
*/
struct diagnostic {
  /// Marks `offset` when the document was not decoded from text.
  static constexpr std::size_t no_offset = static_cast<std::size_t>(-1);

  /// The stable code (see error.hpp).
  error code = error::syntax_error;
  /// error makes the document invalid; warning does not.
  severity level = severity::error;
  /// RFC 6901 pointer to the value concerned ("" is the whole document). For a
  /// missing member it names where the member should be.
  std::string pointer;
  /// What the schema wants, e.g. "an integer in [0, 3]".
  std::string expected;
  /// What the document holds, e.g. "4". Quoted input is escaped and truncated.
  std::string found;
  /// The C++ member concerned, e.g. "conform::modelarts::schedule_policy::priority".
  std::string member;
  /// Byte offset of the value in the text, or no_offset.
  std::size_t offset = no_offset;
  /// 1-based line of `offset` (0 when unknown).
  std::size_t line = 0;
  /// 1-based column of `offset`, counted in characters (UTF-8 code points); 0 when unknown.
  std::size_t column = 0;

  /// The one-line message: the code's description, then expected and found.
  std::string message() const {
    std::string out(describe(code));
    if (!expected.empty()) {
      out += ": expected ";
      out += expected;
      if (!found.empty()) {
        out += ", found ";
        out += found;
      }
    } else if (!found.empty()) {
      out += ": ";
      out += found;
    }
    return out;
  }

  friend bool operator==(diagnostic const& a, diagnostic const& b) {
    return a.code == b.code && a.level == b.level && a.pointer == b.pointer &&
           a.expected == b.expected && a.found == b.found && a.offset == b.offset &&
           a.line == b.line && a.column == b.column && a.member == b.member;
  }
  friend bool operator!=(diagnostic const& a, diagnostic const& b) { return !(a == b); }
};

/** The ordered list of diagnostics of one document.

    Order is deterministic: document order of the values concerned, with the checks that
    need a whole object (missing members, cross-member rules) at that object's end.
*/
class diagnostics {
public:
  using value_type = diagnostic;
  using const_iterator = std::vector<diagnostic>::const_iterator;

  const_iterator begin() const noexcept { return items_.begin(); }
  const_iterator end() const noexcept { return items_.end(); }
  std::size_t size() const noexcept { return items_.size(); }
  bool empty() const noexcept { return items_.empty(); }
  diagnostic const& operator[](std::size_t i) const noexcept { return items_[i]; }
  diagnostic const& front() const noexcept { return items_.front(); }
  diagnostic const& back() const noexcept { return items_.back(); }

  /// Number of error-severity diagnostics, including those past the cap.
  std::size_t error_count() const noexcept { return errors_; }
  /// Number of warning-severity diagnostics, including those past the cap.
  std::size_t warning_count() const noexcept { return warnings_; }
  /// True when the document is invalid.
  bool has_errors() const noexcept { return errors_ != 0; }

  /// Appends a diagnostic (the decoder's own entry point; users may add their own findings).
  void push_back(diagnostic d) {
    count(d.level);
    items_.push_back(std::move(d));
  }
  /// Counts a diagnostic that was not kept (past the cap).
  void count(severity s) noexcept {
    if (s == severity::error) {
      ++errors_;
    } else {
      ++warnings_;
    }
  }
  void reserve(std::size_t n) { items_.reserve(n); }
  void clear() noexcept {
    items_.clear();
    errors_ = warnings_ = 0;
  }
  /// Mutable access for post-processing (line/column resolution).
  std::vector<diagnostic>& items() noexcept { return items_; }

  friend bool operator==(diagnostics const& a, diagnostics const& b) {
    return a.items_ == b.items_ && a.errors_ == b.errors_ && a.warnings_ == b.warnings_;
  }
  friend bool operator!=(diagnostics const& a, diagnostics const& b) { return !(a == b); }

private:
  std::vector<diagnostic> items_;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
};

namespace detail {
/// The entry that closes a list cut at `max` diagnostics (shared by decode and validate).
inline diagnostic too_many_entry(std::size_t max, std::size_t errors, std::size_t warnings) {
  diagnostic d;
  d.code = error::too_many_diagnostics;
  d.level = errors != 0 ? severity::error : severity::warning;
  d.expected = "at most " + std::to_string(max) + " diagnostics (max_diagnostics)";
  d.found = std::to_string(errors + warnings) + " more (" + std::to_string(errors) +
            (errors == 1 ? " error, " : " errors, ") + std::to_string(warnings) +
            (warnings == 1 ? " warning)" : " warnings)");
  return d;
}
} // namespace detail

/// One line: `line:column: severity: message [code] at 'pointer'` (what operator<< writes).
inline std::string to_string(diagnostic const& d) {
  std::string out;
  if (d.line != 0) {
    out += std::to_string(d.line);
    out += ':';
    out += std::to_string(d.column);
    out += ": ";
  }
  out += to_string(d.level);
  out += ": ";
  out += d.message();
  out += " [";
  out += to_string(d.code);
  out += "] at '";
  // A pointer carries the document's keys byte for byte; control characters in them (ESC,
  // BEL, NUL) must not reach a terminal or a log, so they are written as \u escapes, and so
  // are the C1 controls, the bidirectional formatting characters and the line separators
  // (is_hidden_control), which would act on a terminal, reorder the line as shown or break it.
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string_view const p = d.pointer;
  for (std::size_t i = 0; i < p.size();) {
    auto u = static_cast<unsigned char>(p[i]);
    std::size_t const n = u < 0x80 ? 1 : detail::utf8_sequence_length(p, i);
    bool const control = u < 0x20 || u == 0x7F;
    char32_t const cp = control ? u : detail::hidden_control_at(p, i, n);
    if (control || cp != 0) {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) {
        out += hex[(cp >> shift) & 0xFu];
      }
    } else {
      out.append(p.data() + i, n == 0 ? 1 : n);
    }
    i += n == 0 ? 1 : n;
  }
  out += '\'';
  return out;
}

/// One line per diagnostic, each ended by a line feed (what operator<< writes).
inline std::string to_string(diagnostics const& ds) {
  std::string out;
  for (auto const& d : ds) {
    out += to_string(d);
    out += '\n';
  }
  return out;
}

// The stream operators are templates over the stream's traits so that this header, which
// every file that decodes includes, needs only <iosfwd>: <ostream> and <sstream> cost such a
// file about 0.7% of its compile (benchmarks/README.md, compile cost), and a caller who
// writes to a stream has included them already.

/// Writes to_string(d).
template <class Traits>
std::basic_ostream<char, Traits>& operator<<(std::basic_ostream<char, Traits>& os,
                                             diagnostic const& d) {
  return os << to_string(d);
}

/// Writes to_string(ds): one line per diagnostic.
template <class Traits>
std::basic_ostream<char, Traits>& operator<<(std::basic_ostream<char, Traits>& os,
                                             diagnostics const& ds) {
  return os << to_string(ds);
}

} // namespace conform

#endif // CONFORM_DIAGNOSTIC_HPP
