// conform: the decoding entry points. Text in; the typed struct and the complete list of
// diagnostics out. The primary form never throws; decode_or_throw is the convenience wrapper.
// The text form reads straight from the text (no DOM; see detail/text_source.hpp), so it also
// reports line:column, duplicate keys and exact numbers. Decoding a boost::json::value is in
// <conform/decode_value.hpp>: this header does not include Boost.JSON's DOM, whose headers
// cost a text-only translation unit several percent of its compile time
// (benchmarks/README.md).
#ifndef CONFORM_DECODE_HPP
#define CONFORM_DECODE_HPP

#include <conform/config.hpp>
#include <conform/decode_options.hpp>
#include <conform/detail/decoder.hpp>
#include <conform/detail/type_ops.hpp>
#include <conform/diagnostic.hpp>

#include <new>
#include <type_traits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace conform {

/** What a decode returns: the value and its diagnostics.

    `value` holds everything that decoded cleanly even when the document is invalid, and
    nothing else: a member whose value was rejected (wrong type, or breaking a constraint of
    error severity) stays absent (optional) or default (required), a rejected array element
    or map entry is left out, and everything else is kept. Values that only drew warnings
    are kept.
*/
template <class T>
struct decode_result {
  /// The decoded value (complete when ok(), best effort otherwise).
  T value{};
  /// Every finding, in document order.
  ::conform::diagnostics diagnostics;

  /// True when no diagnostic is an error (warnings allowed).
  bool ok() const noexcept { return !diagnostics.has_errors(); }
  explicit operator bool() const noexcept { return ok(); }
};

namespace detail {

// Reports memory exhaustion. The report itself needs room for one diagnostic: when even that
// cannot be had, the partially decoded value is released (`release`) to make some.
inline void report_out_of_memory(diagnostics& out, void (*release)(void*), void* value) noexcept {
  auto& items = out.items();
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      // emplace_back(), as the decoder's own entries: one growth function for the list.
      diagnostic& d = items.emplace_back();
      d.code = error::out_of_memory;
      d.level = severity::error;
      return;
    } catch (...) {
      if (attempt == 0) {
        items.clear();
        items.shrink_to_fit();
      } else {
        release(value);
      }
    }
  }
}

template <class T>
void release_value(void* p) noexcept {
  static_assert(std::is_nothrow_default_constructible_v<T>);
  T* t = static_cast<T*>(p);
  t->~T();
  ::new (static_cast<void*>(t)) T();
}

// Decodes through `source` into the value behind `root`. With `recycle` (decode_into), the
// value's previous storage is reused; a decode that did not run intact to the end of the
// document (a syntax error, a limit, fail_fast, memory) is then done again into a reset value,
// so that the result always equals a fresh decode's: only documents that stop early pay twice.
template <class Source>
void run_decoder(slot root, void (*release)(void*), diagnostics& out, decode_options const& options,
                 Source const& source, bool recycle = false) noexcept {
  bool exhausted = false;
  bool intact = false;
  {
    decoder d(options, out, root); // allocates nothing until it needs to
    if (recycle) {
      d.recycle_storage();
    }
    try {
      source(d);
      d.finish();
      intact = d.intact();
    } catch (std::bad_alloc const&) {
      exhausted = true;
    } catch (std::length_error const&) {
      exhausted = true;
    }
  }
  if (recycle && !intact) {
    release(root.target);
    out.clear();
    run_decoder(root, release, out, options, source);
    return;
  }
  if (exhausted) {
    out.count(severity::error);
    report_out_of_memory(out, release, root.target);
  }
}

/// The text path's type-independent core: parses `text` into the value behind `root`,
/// collecting diagnostics in `out`, then resolves their lines and columns. Defined in
/// impl/decode.ipp (compiled once under CONFORM_SEPARATE_COMPILATION).
CONFORM_DECL void decode_text_into(slot root, void (*release)(void*), std::string_view text,
                                   diagnostics& out, decode_options const& options,
                                   bool recycle = false) noexcept;

} // namespace detail

/** Decodes JSON text into a T and validates it.

    @param text the whole document (one JSON value; surrounding whitespace allowed).
    @param options limits and policies; the defaults suit API responses.
    @return the value and every diagnostic, each with pointer, offset, line and column.

    @par Diagnostics
    Any code of conform::error. A syntax error ends decoding where it occurs; everything
    before it is kept. A limit breach also ends decoding.

    @par Exception safety
    Does not throw. Memory exhaustion becomes an out_of_memory diagnostic.
*/
template <class T>
decode_result<T> decode(std::string_view text, decode_options const& options = {}) noexcept {
  decode_result<T> r;
  detail::decode_text_into(detail::root_slot(r.value), &detail::release_value<T>, text,
                           r.diagnostics, options);
  return r;
}

/// Overload for C strings (with <conform/decode_value.hpp>, a boost::json::value could
/// otherwise be built from one).
template <class T>
decode_result<T> decode(char const* text, decode_options const& options = {}) noexcept {
  return decode<T>(std::string_view(text), options);
}

/// Overload for std::string.
template <class T>
decode_result<T> decode(std::string const& text, decode_options const& options = {}) noexcept {
  return decode<T>(std::string_view(text), options);
}

/** Decodes text into `out` and returns the diagnostics; `out` ends exactly as
    decode<T>(text).value would be, whatever it held before.

    For loops over many documents (an NDJSON stream): the previous document's strings and
    vectors are overwritten in place, so that a document like the one before allocates
    little or nothing, and whatever this document does not set (absent or rejected members,
    surplus elements) is reset. A document that stops decoding early (a syntax error, a
    limit, fail_fast) is decoded a second time into a reset `out`.

    @par Exception safety Does not throw. */
template <class T>
diagnostics decode_into(T& out, std::string_view text,
                        decode_options const& options = {}) noexcept {
  static_assert(!std::is_const_v<T>, "conform: cannot decode into a const object");
  diagnostics ds;
  detail::decode_text_into(detail::root_slot(out), &detail::release_value<T>, text, ds, options,
                           true);
  return ds;
}

/// Overload for C strings (which would otherwise be ambiguous between the text and the
/// boost::json::value forms when <conform/decode_value.hpp> is included).
template <class T>
diagnostics decode_into(T& out, char const* text, decode_options const& options = {}) noexcept {
  return decode_into(out, std::string_view(text), options);
}

/// Overload for std::string.
template <class T>
diagnostics decode_into(T& out, std::string const& text,
                        decode_options const& options = {}) noexcept {
  return decode_into(out, std::string_view(text), options);
}

/// Thrown by decode_or_throw when a document has errors; carries all the diagnostics.
class decode_error : public std::runtime_error {
public:
  explicit decode_error(::conform::diagnostics ds)
      : std::runtime_error(ds.empty() ? std::string("invalid document")
                                      : "invalid document: " + to_string(ds.front())),
        diagnostics_(std::move(ds)) {}
  ::conform::diagnostics const& diagnostics() const noexcept { return diagnostics_; }

private:
  ::conform::diagnostics diagnostics_;
};

/** Decodes text and returns the value, or throws decode_error when there is any error
    (warnings do not throw). @par Exception safety Throws decode_error. */
template <class T>
T decode_or_throw(std::string_view text, decode_options const& options = {}) {
  auto r = decode<T>(text, options);
  if (!r.ok()) {
    throw decode_error(std::move(r.diagnostics));
  }
  return std::move(r.value);
}

/// Overload for C strings.
template <class T>
T decode_or_throw(char const* text, decode_options const& options = {}) {
  return decode_or_throw<T>(std::string_view(text), options);
}

/// Overload for std::string.
template <class T>
T decode_or_throw(std::string const& text, decode_options const& options = {}) {
  return decode_or_throw<T>(std::string_view(text), options);
}

} // namespace conform

#ifndef CONFORM_SEPARATE_COMPILATION
#include <conform/impl/decode.ipp>
#endif

#endif // CONFORM_DECODE_HPP
