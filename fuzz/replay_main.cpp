// conform fuzzing: a main() for the harnesses when no fuzzing engine provides one (glaze's
// fuzzing/main.cpp, harfbuzz's test/fuzzing/main.cc). It feeds every file named on the
// command line, and every regular file under every directory named, to
// LLVMFuzzerTestOneInput, so the committed corpus and past crashes run as ordinary meson tests
// with any compiler. A broken invariant aborts, which fails the test. Files whose names start
// with '.' (.gitkeep) and README files are skipped. A directory that does not exist counts as
// empty: fuzz/crashes/<harness>/ only exists once a crash was found.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

bool skipped(fs::path const& p) {
  std::string name = p.filename().string();
  return name.empty() || name[0] == '.' || name.rfind("README", 0) == 0;
}

int run_file(fs::path const& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "replay: cannot read %s\n", p.string().c_str());
    return 1;
  }
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Print the name first: if the harness aborts, the log says which input did it.
  std::fprintf(stderr, "replay: %s (%zu bytes)\n", p.string().c_str(), bytes.size());
  // The harness copies the bytes into an exact-size buffer itself.
  LLVMFuzzerTestOneInput(reinterpret_cast<std::uint8_t const*>(bytes.data()), bytes.size());
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  int failures = 0;
  std::size_t count = 0;
  for (int i = 1; i < argc; ++i) {
    fs::path arg(argv[i]);
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      std::vector<fs::path> files;
      for (auto const& e : fs::recursive_directory_iterator(arg, ec)) {
        if (e.is_regular_file() && !skipped(e.path())) {
          files.push_back(e.path());
        }
      }
      std::sort(files.begin(), files.end()); // a stable order for reproducible logs
      for (auto const& f : files) {
        failures += run_file(f);
        ++count;
      }
    } else if (fs::exists(arg, ec)) {
      failures += run_file(arg);
      ++count;
    } else {
      std::fprintf(stderr, "replay: %s does not exist, skipped\n", argv[i]);
    }
  }
  std::fprintf(stderr, "replay: %zu inputs, %d unreadable\n", count, failures);
  return failures == 0 ? 0 : 1;
}
