// conform: the body of the DOM path's core, decode_value_into (declared in decode_value.hpp).
// Header-only builds include it at the end of decode_value.hpp; under
// CONFORM_SEPARATE_COMPILATION only <conform/src.hpp> does.
#ifndef CONFORM_IMPL_DECODE_VALUE_IPP
#define CONFORM_IMPL_DECODE_VALUE_IPP

#include <conform/decode_value.hpp>
#include <conform/detail/value_source.hpp>

#include <boost/json/value.hpp>

namespace conform::detail {

CONFORM_DECL void decode_value_into(slot root, void (*release)(void*), boost::json::value const& v,
                                    diagnostics& out, decode_options const& options,
                                    bool recycle) noexcept {
  run_decoder(
      root, release, out, options, [&](decoder& d) { decode_value(d, v); }, recycle);
}

} // namespace conform::detail

#endif // CONFORM_IMPL_DECODE_VALUE_IPP
