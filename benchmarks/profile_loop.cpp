// conform_profile_loop: a plain loop over conform::decode<training_job> for profilers
// (valgrind --tool=callgrind, perf), which want a deterministic program without Google
// Benchmark's timing machinery. Built on demand with -O3 and debug info:
//   meson compile -C build benchmarks/conform_profile_loop
//   valgrind --tool=callgrind --callgrind-out-file=cg.out
//            build/benchmarks/conform_profile_loop 200 tests/fixtures/valid/full.json
//   callgrind_annotate --inclusive=yes cg.out | head -60
// Usage: conform_profile_loop [--dom] ITERATIONS FILE...  (--dom: parse, then decode the value)
#include <conform/decode.hpp>
#include <conform/modelarts.hpp>

#include <boost/json/parse.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  int arg = 1;
  bool dom = argc > arg && std::strcmp(argv[arg], "--dom") == 0;
  arg += dom ? 1 : 0;
  if (argc < arg + 2) {
    std::fprintf(stderr, "usage: %s [--dom] ITERATIONS FILE...\n", argv[0]);
    return 2;
  }
  long iterations = std::strtol(argv[arg++], nullptr, 10);
  std::vector<std::string> texts;
  for (; arg < argc; ++arg) {
    std::ifstream in(argv[arg], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "cannot read %s\n", argv[arg]);
      return 2;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    texts.push_back(ss.str());
  }
  std::size_t diagnostics = 0;
  for (long i = 0; i < iterations; ++i) {
    for (std::string const& t : texts) {
      if (dom) {
        boost::json::value v = boost::json::parse(t);
        diagnostics += conform::decode<conform::modelarts::training_job>(v).diagnostics.size();
      } else {
        diagnostics += conform::decode<conform::modelarts::training_job>(t).diagnostics.size();
      }
    }
  }
  std::printf("%zu diagnostics\n", diagnostics);
  return 0;
}
