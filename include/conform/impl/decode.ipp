// conform: the body of the text path's core, decode_text_into (declared in decode.hpp).
// Header-only builds include it at the end of decode.hpp; under CONFORM_SEPARATE_COMPILATION
// only <conform/src.hpp> does, so that the parser and the decoder's event loop are compiled
// once per program rather than once per file that decodes.
#ifndef CONFORM_IMPL_DECODE_IPP
#define CONFORM_IMPL_DECODE_IPP

#include <conform/decode.hpp>
#include <conform/detail/locate.hpp>
#include <conform/detail/text_source.hpp>

#include <string_view>

namespace conform::detail {

CONFORM_DECL void decode_text_into(slot root, void (*release)(void*), std::string_view text,
                                   diagnostics& out, decode_options const& options,
                                   bool recycle) noexcept {
  run_decoder(
      root, release, out, options, [&](decoder& d) { decode_text(d, text); }, recycle);
  resolve_lines(out.items(), text);
}

} // namespace conform::detail

#endif // CONFORM_IMPL_DECODE_IPP
