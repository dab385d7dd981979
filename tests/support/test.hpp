// Shared test helpers: doctest plus conform's printers, and small readers for fixtures.
// Included after the header under test (which comes first, to prove it is self-contained).
#ifndef CONFORM_TESTS_SUPPORT_TEST_HPP
#define CONFORM_TESTS_SUPPORT_TEST_HPP

#include <conform/diagnostic.hpp>
#include <conform/error.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace conform {
// doctest prints codes and severities by name.
inline std::ostream& operator<<(std::ostream& os, error e) {
  return os << to_string(e);
}
inline std::ostream& operator<<(std::ostream& os, severity s) {
  return os << to_string(s);
}
} // namespace conform

namespace conform_test {

/// Every condition of error.hpp, in declaration order (error.hpp lists the codes, not these).
inline constexpr conform::condition all_conditions[] = {
    conform::condition::syntax, conform::condition::schema, conform::condition::constraint,
    conform::condition::limit};

/// The repository root (set by the build).
inline std::string source_dir() {
  return CONFORM_SOURCE_DIR;
}

/// The bytes of a file, or a thrown std::runtime_error naming it.
inline std::string read_file(std::string const& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot open " + path);
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// A fixture under tests/fixtures/.
inline std::string fixture(std::string const& relative) {
  return read_file(source_dir() + "/tests/fixtures/" + relative);
}

/// The lines of a text, without their line feeds.
inline std::vector<std::string> lines(std::string const& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    out.push_back(line);
  }
  return out;
}

/// The codes of a diagnostics list, in order (compact to compare in a CHECK).
inline std::vector<conform::error> codes(conform::diagnostics const& ds) {
  std::vector<conform::error> out;
  for (auto const& d : ds) {
    out.push_back(d.code);
  }
  return out;
}

/// "code pointer" per diagnostic, one per line: a readable summary for CHECK_MESSAGE.
inline std::string summary(conform::diagnostics const& ds) {
  std::string out;
  for (auto const& d : ds) {
    out += std::string(conform::to_string(d.code)) + " " + d.pointer + "\n";
  }
  return out;
}

} // namespace conform_test

#endif // CONFORM_TESTS_SUPPORT_TEST_HPP
