// The README's code examples, compiled and run: the documentation cannot drift from code
// that works. Each example is a function whose output the test pins. This file includes only
// the headers the examples include before the examples, and the test's own after them, so
// that an example that would not compile as printed does not compile here either.
#include <boost/describe/class.hpp> // BOOST_DESCRIBE_STRUCT
#include <conform/decode.hpp>
#include <conform/modelarts.hpp>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace readme {

// --- README "Use it from C++" (keep in sync with README.md) ---------------------------------
void check_response(std::string const& body, std::ostream& out) {
  auto result = conform::decode<conform::modelarts::training_job>(body);
  for (auto const& d : result.diagnostics) {
    out << d.line << ':' << d.column << ": " << conform::to_string(d.level) << ": " << d.message()
        << " [" << conform::to_string(d.code) << "] at " << d.pointer << '\n';
  }
  auto const& job = result.value;
  // ok(): no errors (warnings allowed). The page makes metadata, status and phase optional.
  if (result.ok() && job.metadata && job.status && job.status->phase) {
    out << "job " << job.metadata->name << " is " << conform::enum_to_string(*job.status->phase)
        << '\n';
  }
}
// ---------------------------------------------------------------------------------------------

// --- README "Describe your own types" --------------------------------------------------------
struct endpoint {
  std::string host;                 // required
  std::optional<std::int32_t> port; // optional
};
BOOST_DESCRIBE_STRUCT(endpoint, (), (host, port))
CONFORM_MEMBER_RULES(endpoint, host, conform::length<1, 253>,
                     conform::charset<conform::letters, conform::digits, conform::chars<'.', '-'>>);
CONFORM_MEMBER_RULES(endpoint, port, conform::range<1, 65535>);
// ---------------------------------------------------------------------------------------------

} // namespace readme

// The test's own headers: after the examples, on purpose (see the top of the file).
#include "support/test.hpp"

#include <conform/encode.hpp>

#include <sstream>

TEST_SUITE("examples") {
  TEST_CASE("examples: README decode of a response with two defects") {
    std::ostringstream out;
    readme::check_response(R"({
  "kind": "job",
  "metadata": {"name": "my job!"},
  "status": {"phase": "Running"},
  "spec": {"schedule_policy": {"priority": 4}}
})",
                           out);
    CHECK(out.str() ==
          "3:24: error: invalid character: expected only letters, digits, '_', '-', found ' ' at "
          "character 3 [invalid_character] at /metadata/name\n"
          "5:44: error: number out of range: expected a number in [0, 3], found 4 "
          "[out_of_range] at /spec/schedule_policy/priority\n");
  }

  TEST_CASE("examples: README decode of a valid response") {
    std::ostringstream out;
    readme::check_response(
        R"({"kind":"job","metadata":{"name":"nightly-run"},"status":{"phase":"Completed"}})", out);
    CHECK(out.str() == "job nightly-run is Completed\n");
    // Valid without a status: nothing to print, and nothing dereferenced that is absent.
    std::ostringstream partial;
    readme::check_response(R"({"kind":"job","metadata":{"name":"nightly-run"}})", partial);
    CHECK(partial.str().empty());
  }

  TEST_CASE("examples: README own type") {
    auto r = conform::decode<readme::endpoint>(R"({"host": "api.example.com", "port": 70000})");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == conform::error::out_of_range);
    CHECK(r.diagnostics[0].pointer == "/port");
    CHECK(r.value.host == "api.example.com");
    CHECK(!r.value.port.has_value());

    auto ok = conform::decode<readme::endpoint>(R"({"host": "localhost"})");
    CHECK(ok.ok());
    CHECK(conform::encode(ok.value) == R"({"host":"localhost"})");
  }
}
