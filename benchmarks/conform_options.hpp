// conform_bench and conform_profile_loop: the decode options of every conform reader, one
// definition, so that the timed benchmarks and the instruction counts measure the same work.
#ifndef CONFORM_BENCH_CONFORM_OPTIONS_HPP
#define CONFORM_BENCH_CONFORM_OPTIONS_HPP

#include <conform/decode_options.hpp>

namespace conform_bench {

/// Defaults, except that every diagnostic is kept: errors.json has hundreds, and the cost of
/// collecting them all is what that fixture measures (the default keeps 100).
inline conform::decode_options all_diagnostics() {
  conform::decode_options o;
  o.max_diagnostics = 1000;
  return o;
}

} // namespace conform_bench

#endif // CONFORM_BENCH_CONFORM_OPTIONS_HPP
