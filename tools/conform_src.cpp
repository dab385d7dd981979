// conform's separately compiled core (CONFORM_SEPARATE_COMPILATION; see include/conform/
// config.hpp): the one source file that includes <conform/src.hpp>. meson.build compiles it
// into the static library behind conform_separate_dep.
#include <conform/src.hpp>
