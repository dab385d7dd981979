// compile_cost.sh's measured translation unit: what a user's file that decodes the full
// ModelArts response from text costs to compile (issue 4's budget: at most 10 CPU seconds
// and 600 MiB with g++ -O2). It instantiates the whole text decoder for training_job.
#include <conform/decode.hpp>
#include <conform/modelarts.hpp>

#include <string_view>

conform::decode_result<conform::modelarts::training_job>
decode_training_job(std::string_view text) {
  return conform::decode<conform::modelarts::training_job>(text);
}
