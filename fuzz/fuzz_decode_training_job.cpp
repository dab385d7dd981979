// conform fuzzing: text -> conform::modelarts::training_job, the library's main entry point.
// Checks every invariant of harness.hpp (diagnostic list, positions, pointers resolving in
// the document, agreement with boost::json::parse on what is JSON, decode/encode round trip).
#include "harness.hpp"

#include <conform/modelarts/training_job.hpp>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  conform_fuzz::run_text_harness<conform::modelarts::training_job>("fuzz_decode_training_job", data,
                                                                   size);
  return 0;
}
