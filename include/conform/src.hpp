// conform: the separately compiled core. With CONFORM_SEPARATE_COMPILATION defined for the
// whole program (see config.hpp), include this header in exactly one source file: it
// defines the type-independent functions that the other files then only declare. Never
// include it without that macro, or in two files of one program.
#ifndef CONFORM_SRC_HPP
#define CONFORM_SRC_HPP

#include <conform/config.hpp>

#ifndef CONFORM_SEPARATE_COMPILATION
#error "conform/src.hpp is for separate compilation: define CONFORM_SEPARATE_COMPILATION for \
the whole program, or include only the public headers (header-only, the default)"
#endif

#include <conform/impl/decode.ipp>
#include <conform/impl/decode_value.ipp>

#endif // CONFORM_SRC_HPP
