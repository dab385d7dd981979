// Tests for <conform/open_enum.hpp>: known values become enumerators, unknown ones keep their
// raw text; equality, the JSON spelling, and decoding (warning by default, error under the
// strict policy, the raw text kept either way), on both front ends, plus encode.
#include <conform/open_enum.hpp>

#include "support/test.hpp"

#include <conform/decode.hpp>
#include <conform/decode_value.hpp>
#include <conform/encode.hpp>

#include <boost/describe.hpp>
#include <boost/json/parse.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace open_enum_test {

enum class phase { creating, running, completed };
BOOST_DESCRIBE_ENUM(phase, creating, running, completed)

enum class region_id { cn_north_4, ap_southeast_1 };
BOOST_DESCRIBE_ENUM(region_id, cn_north_4, ap_southeast_1)
constexpr std::string_view conform_enum_spelling(region_id r) noexcept {
  return r == region_id::cn_north_4 ? "cn-north-4" : "ap-southeast-1";
}

using phase_value = conform::open_enum<phase>;

struct status {
  phase_value phase;
  std::optional<conform::open_enum<region_id>> region;
  std::vector<phase_value> history;
  std::map<std::string, phase_value> by_task;
};
BOOST_DESCRIBE_STRUCT(status, (), (phase, region, history, by_task))

} // namespace open_enum_test

using namespace open_enum_test;
using conform::error;
using conform::severity;

TEST_SUITE("open_enum") {
  TEST_CASE("open_enum: default and known values") {
    phase_value def;
    CHECK(def.is_known());
    CHECK(def.known() == phase::creating);
    CHECK(def.str() == "creating");

    phase_value running = phase::running;
    CHECK(running.is_known());
    CHECK(running.known() == phase::running);
    CHECK(running.str() == "running");
    CHECK(running == phase::running);
    CHECK(running != phase::completed);
  }

  TEST_CASE("open_enum: from_string keeps unknown text verbatim") {
    auto known = phase_value::from_string("completed");
    CHECK(known.is_known());
    CHECK(known == phase::completed);

    auto unknown = phase_value::from_string("Abnormal");
    CHECK(!unknown.is_known());
    CHECK(!unknown.known().has_value());
    CHECK(unknown.str() == "Abnormal");
    CHECK(unknown != phase::creating);
    CHECK(unknown != phase::running);

    auto nul = phase_value::from_string(std::string_view("run\0ning", 8));
    CHECK(!nul.is_known());
    CHECK(nul.str() == std::string_view("run\0ning", 8));

    auto empty = phase_value::from_string("");
    CHECK(!empty.is_known());
    CHECK(empty.str().empty());

    // Spelling hooks apply.
    auto spelled = conform::open_enum<region_id>::from_string("cn-north-4");
    CHECK(spelled == region_id::cn_north_4);
    CHECK(spelled.str() == "cn-north-4");
    CHECK(!conform::open_enum<region_id>::from_string("cn_north_4").is_known());
  }

  TEST_CASE("open_enum: equality compares known values, or raw texts") {
    CHECK(phase_value::from_string("running") == phase_value(phase::running));
    CHECK(phase_value::from_string("x") == phase_value::from_string("x"));
    CHECK(phase_value::from_string("x") != phase_value::from_string("y"));
    CHECK(phase_value::from_string("x") != phase_value(phase::creating));
    CHECK(phase_value(phase::creating) != phase_value::from_string("x"));
    CHECK(phase_value::from_string("") != phase_value(phase::creating));
  }

  TEST_CASE("open_enum: decoding a known value is silent") {
    auto r = conform::decode<status>(R"({"phase": "running", "history": [], "by_task": {}})");
    CHECK(r.diagnostics.empty());
    CHECK(r.value.phase == phase::running);
    CHECK(!r.value.region.has_value());
  }

  TEST_CASE("open_enum: an unknown value is a warning and keeps its raw text") {
    std::string json = R"({"phase": "Abnormal", "region": "eu-west-0",
      "history": ["creating", "Pending", "running"], "by_task": {"t/1": "Lost"}})";
    for (bool dom : {false, true}) {
      CAPTURE(dom);
      auto r =
          dom ? conform::decode<status>(boost::json::parse(json)) : conform::decode<status>(json);
      CHECK(r.ok());
      REQUIRE_MESSAGE(r.diagnostics.size() == 4, conform::to_string(r.diagnostics));
      std::string const pointers[] = {"/phase", "/region", "/history/1", "/by_task/t~11"};
      for (std::size_t i = 0; i < 4; ++i) {
        CAPTURE(i);
        CHECK(r.diagnostics[i].code == error::unknown_enum_value);
        CHECK(r.diagnostics[i].level == severity::warning);
        CHECK(r.diagnostics[i].pointer == pointers[i]);
      }
      CHECK(r.diagnostics[0].expected == R"(one of "creating", "running", "completed")");
      CHECK(r.diagnostics[0].found == R"("Abnormal")");
      CHECK(r.diagnostics[1].expected == R"(one of "cn-north-4", "ap-southeast-1")");
      CHECK(r.diagnostics[0].offset == (dom ? conform::diagnostic::no_offset : 10));
      // Nothing is lost.
      CHECK(r.value.phase.str() == "Abnormal");
      REQUIRE(r.value.region.has_value());
      CHECK(r.value.region->str() == "eu-west-0");
      REQUIRE(r.value.history.size() == 3);
      CHECK(r.value.history[1].str() == "Pending");
      CHECK(r.value.history[2] == phase::running);
      CHECK(r.value.by_task.at("t/1").str() == "Lost");
    }
  }

  TEST_CASE("open_enum: under the strict policy an unknown value is an error, still kept") {
    conform::decode_options o;
    o.unknown_open_enum_values = conform::open_enum_policy::error;
    auto r = conform::decode<status>(R"({"phase": "Abnormal", "history": [], "by_task": {}})", o);
    CHECK(!r.ok());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].level == severity::error);
    CHECK(r.value.phase.str() == "Abnormal");
  }

  TEST_CASE("open_enum: the value must be a JSON string") {
    auto r = conform::decode<status>(R"({"phase": 1, "history": [null], "by_task": {}})");
    REQUIRE_MESSAGE(r.diagnostics.size() == 2, conform::to_string(r.diagnostics));
    CHECK(r.diagnostics[0].code == error::type_mismatch);
    CHECK(r.diagnostics[0].expected == "a string (open enumeration)");
    CHECK(r.diagnostics[0].found == "number 1");
    CHECK(r.diagnostics[1].pointer == "/history/0");
    CHECK(r.value.history.empty());
  }

  TEST_CASE("open_enum: encode writes the spelling or the raw text") {
    status s;
    s.phase = phase_value::from_string("Abnormal \"quoted\"");
    s.region = conform::open_enum<region_id>(region_id::ap_southeast_1);
    s.history = {phase::completed, phase_value::from_string("x")};
    std::string text = conform::encode(s);
    CHECK(
        text ==
        R"({"phase":"Abnormal \"quoted\"","region":"ap-southeast-1","history":["completed","x"],"by_task":{}})");
    auto back = conform::decode<status>(text);
    CHECK(back.ok());
    CHECK(back.value.phase == s.phase);
    CHECK(back.value.region == s.region);
    CHECK(back.value.history == s.history);
  }
}
