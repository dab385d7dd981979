// A program built against the *installed* headers and conform.pc, the way a consumer would:
// it catches headers missing from the install and a broken pkg-config file.
#include <conform.hpp>
#include <conform/modelarts.hpp>

#include <boost/json/src.hpp> // Boost.JSON's compiled part, in exactly one translation unit

#include <cstdio>

int main() {
  auto r = conform::decode<conform::modelarts::training_job>(
      R"({"kind":"job","spec":{"schedule_policy":{"priority":4}}})");
  if (r.diagnostics.size() != 1 || r.diagnostics[0].code != conform::error::out_of_range ||
      r.diagnostics[0].pointer != "/spec/schedule_policy/priority") {
    std::fputs("unexpected diagnostics\n", stderr);
    return 1;
  }
  std::puts("consumer ok");
  return 0;
}
