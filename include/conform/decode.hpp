// conform: the decoding entry points. Text (or a boost::json::value) in; the typed struct and
// the complete list of diagnostics out. The primary form never throws; decode_or_throw is the
// convenience wrapper. The text form reads straight from the text with Boost.JSON's
// basic_parser (no DOM), so it also reports line:column, duplicate keys and exact numbers.
#ifndef CONFORM_DECODE_HPP
#define CONFORM_DECODE_HPP

#include <conform/config.hpp>
#include <conform/decode_options.hpp>
#include <conform/detail/decoder.hpp>
#include <conform/detail/locate.hpp>
#include <conform/detail/text_source.hpp>
#include <conform/detail/type_ops.hpp>
#include <conform/detail/value_source.hpp>
#include <conform/diagnostic.hpp>

#include <boost/json/value.hpp>

#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace conform {

/** What a decode returns: the value and its diagnostics.

    `value` holds everything that decoded cleanly even when the document is invalid: a
    member whose value was rejected stays absent (optional) or default (required), a
    rejected scalar array element is left out, and everything else is kept.
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

template <class Source>
void run_decoder(slot root, diagnostics& out, decode_options const& options,
                 Source&& source) noexcept {
  // Reserved up front so that reporting memory exhaustion never needs to allocate.
  try {
    out.reserve(options.max_diagnostics < 8 ? options.max_diagnostics + 1 : 8);
  } catch (...) {
  }
  try {
    decoder d(options, out, root);
    try {
      source(d);
      d.finish();
    } catch (std::bad_alloc const&) {
      d.out_of_memory();
    } catch (std::length_error const&) {
      d.out_of_memory();
    }
  } catch (...) {
    // The decoder itself could not be built: report without it.
    out.count(severity::error);
    diagnostic dg;
    dg.code = error::out_of_memory;
    try {
      out.items().push_back(std::move(dg));
    } catch (...) {
    }
  }
}

inline void decode_text_into(slot root, std::string_view text, diagnostics& out,
                             decode_options const& options) noexcept {
  run_decoder(root, out, options, [&](decoder& d) { decode_text(d, text); });
  try {
    resolve_lines(out.items(), text);
  } catch (...) {
  }
}

inline void decode_value_into(slot root, boost::json::value const& v, diagnostics& out,
                              decode_options const& options) noexcept {
  run_decoder(root, out, options, [&](decoder& d) { decode_value(d, v); });
}

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
  detail::decode_text_into(detail::root_slot(r.value), text, r.diagnostics, options);
  return r;
}

/// Overload for C strings (a boost::json::value could otherwise be built from one).
template <class T>
decode_result<T> decode(char const* text, decode_options const& options = {}) noexcept {
  return decode<T>(std::string_view(text), options);
}

/// Overload for std::string.
template <class T>
decode_result<T> decode(std::string const& text, decode_options const& options = {}) noexcept {
  return decode<T>(std::string_view(text), options);
}

/** Decodes a boost::json::value into a T and validates it.

    Produces the same diagnostics as the text form for the same document, except what a DOM
    cannot know: offsets (line and column are 0), and duplicate keys (Boost.JSON already kept
    only the last one). Numbers are taken as Boost.JSON converted them.

    @par Exception safety
    Does not throw.
*/
template <class T>
decode_result<T> decode(boost::json::value const& value,
                        decode_options const& options = {}) noexcept {
  decode_result<T> r;
  detail::decode_value_into(detail::root_slot(r.value), value, r.diagnostics, options);
  return r;
}

/** Decodes text into `out`, which is first reset to T{}; returns the diagnostics. Lets a
    loop reuse one object. @par Exception safety Does not throw. */
template <class T>
diagnostics decode_into(T& out, std::string_view text,
                        decode_options const& options = {}) noexcept {
  diagnostics ds;
  out = T{};
  detail::decode_text_into(detail::root_slot(out), text, ds, options);
  return ds;
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

/// Overload for a boost::json::value.
template <class T>
T decode_or_throw(boost::json::value const& value, decode_options const& options = {}) {
  auto r = decode<T>(value, options);
  if (!r.ok()) {
    throw decode_error(std::move(r.diagnostics));
  }
  return std::move(r.value);
}

} // namespace conform

#endif // CONFORM_DECODE_HPP
