// conform fuzzing: text -> conform::modelarts::error_body, the body of a failed API call.
// A small schema (two required strings, a warning-only format check), so the fuzzer spends
// its time on the text front end, missing members and the warn<> severity path.
#include "harness.hpp"

#include <conform/modelarts/error_body.hpp>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  conform_fuzz::run_text_harness<conform::modelarts::error_body>("fuzz_decode_error_body", data,
                                                                 size);
  return 0;
}
