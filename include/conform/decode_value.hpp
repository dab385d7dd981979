// conform: decoding a boost::json::value (a DOM someone else parsed) into a typed struct, with
// the same diagnostics as the text form except what a DOM cannot know. Kept apart from
// <conform/decode.hpp> so that text-only users do not parse Boost.JSON's DOM headers.
#ifndef CONFORM_DECODE_VALUE_HPP
#define CONFORM_DECODE_VALUE_HPP

#include <conform/config.hpp>
#include <conform/decode.hpp>
#include <conform/decode_options.hpp>
#include <conform/detail/decoder.hpp>
#include <conform/diagnostic.hpp>

#include <boost/json/value.hpp>

#include <type_traits>
#include <utility>

namespace conform {

namespace detail {

/// The DOM path's type-independent core: walks `v` into the value behind `root`. Defined in
/// impl/decode_value.ipp (compiled once under CONFORM_SEPARATE_COMPILATION).
/// With `recycle` (decode_into), `root` keeps what it held: see decode_text_into.
CONFORM_DECL void decode_value_into(slot root, void (*release)(void*), boost::json::value const& v,
                                    diagnostics& out, decode_options const& options,
                                    bool recycle = false) noexcept;

} // namespace detail

/** Decodes a boost::json::value into a T and validates it.

    Produces the same diagnostics as the text form for the same document, except what a DOM
    cannot know: offsets (line and column are 0), and duplicate keys (Boost.JSON already kept
    only the last one). Numbers are taken as Boost.JSON converted them. Strings are taken as
    the DOM holds them: UTF-8 when Boost.JSON parsed them (its parser checks), but a value built
    in code can hold any bytes, and checking every string here would tax every DOM decode for
    that case; conform::validate (validate.hpp) reports such a string as invalid_character.

    @par Exception safety
    Does not throw.
*/
template <class T>
decode_result<T> decode(boost::json::value const& value,
                        decode_options const& options = {}) noexcept {
  decode_result<T> r;
  detail::decode_value_into(detail::root_slot(r.value), &detail::release_value<T>, value,
                            r.diagnostics, options);
  return r;
}

/** Decodes a boost::json::value into `out` and returns the diagnostics; `out` ends exactly
    as decode<T>(value).value would, whatever it held before. The DOM form of the text
    decode_into (decode.hpp): strings and vectors are overwritten in place, whatever the value
    does not set is reset.

    @par Exception safety Does not throw. */
template <class T>
diagnostics decode_into(T& out, boost::json::value const& value,
                        decode_options const& options = {}) noexcept {
  static_assert(!std::is_const_v<T>, "conform: cannot decode into a const object");
  diagnostics ds;
  detail::decode_value_into(detail::root_slot(out), &detail::release_value<T>, value, ds, options,
                            true);
  return ds;
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

#ifndef CONFORM_SEPARATE_COMPILATION
#include <conform/impl/decode_value.ipp>
#endif

#endif // CONFORM_DECODE_VALUE_HPP
