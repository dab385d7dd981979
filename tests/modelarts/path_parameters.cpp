// Tests for <conform/modelarts/path_parameters.hpp>: the URI parameters of
// GET /v2/{project_id}/training-jobs/{training_job_id}, checked with conform::validate() before a
// request is sent. project_id: 1 to 64 letters, digits and hyphens; training_job_id: not empty.
#include <conform/modelarts/path_parameters.hpp>

#include "support/test.hpp"

#include <conform/decode.hpp>
#include <conform/validate.hpp>

#include <string>
#include <vector>

namespace path_parameters_test {

namespace ma = conform::modelarts;
using conform::error;
using conform::severity;

std::string const example_job_id = "3faf5c03-aaa1-4cbe-879d-24b05d997347";

/// "code pointer" per diagnostic, one per line.
std::string findings(ma::path_parameters const& p) {
  return conform_test::summary(conform::validate(p));
}

TEST_SUITE("modelarts/path_parameters") {
  TEST_CASE("path_parameters: project_id is 1 to 64 letters, digits and hyphens") {
    struct row {
      char const* name;
      std::string project_id;
      std::string expected; // conform_test::summary() of the findings
    };
    std::string const e_acute = "\xC3\xA9";
    row const rows[] = {
        {"0 characters", "", "length_out_of_range /project_id\n"},
        {"1 character", "a", ""},
        {"1 digit", "7", ""},
        {"1 hyphen", "-", ""},
        {"a typical project ID (32 hex digits)", "0b7f7c1e4d8a4f5b9c3e2d1a0f9e8d7c", ""},
        {"letters, digits and hyphens", "ab-CD-12-z", ""},
        {"64 characters", std::string(64, 'p'), ""},
        {"65 characters", std::string(65, 'p'), "length_out_of_range /project_id\n"},
        {"an underscore", "ab_cd", "invalid_character /project_id\n"},
        {"a space", "ab cd", "invalid_character /project_id\n"},
        {"a dot", "ab.cd", "invalid_character /project_id\n"},
        {"a slash (would change the path)", "ab/cd", "invalid_character /project_id\n"},
        {"a percent sign", "ab%2Fcd", "invalid_character /project_id\n"},
        {"a non-ASCII letter", "caf" + e_acute, "invalid_character /project_id\n"},
        {"a full-width digit", "\xEF\xBC\x91", "invalid_character /project_id\n"},
        {"64 non-ASCII letters: 64 characters, but not letters of the set",
         [&] {
           std::string s;
           for (int i = 0; i < 64; ++i) {
             s += e_acute;
           }
           return s;
         }(),
         "invalid_character /project_id\n"},
        {"65 characters with an underscore: both rules", std::string(64, 'p') + "_",
         "length_out_of_range /project_id\ninvalid_character /project_id\n"},
    };
    for (auto const& row : rows) {
      CAPTURE(std::string(row.name));
      auto ds = conform::validate(ma::path_parameters{row.project_id, example_job_id});
      CHECK_MESSAGE(conform_test::summary(ds) == row.expected, conform::to_string(ds));
      for (auto const& d : ds) {
        CHECK(d.level == severity::error);
        CHECK(d.offset == conform::diagnostic::no_offset);
      }
    }
  }

  TEST_CASE("path_parameters: the findings name what was expected and found") {
    auto length = conform::validate(ma::path_parameters{std::string(65, 'p'), example_job_id});
    REQUIRE(length.size() == 1);
    CHECK(length[0].code == error::length_out_of_range);
    CHECK(length[0].expected == "1 to 64 characters");
    CHECK(length[0].found == "65 characters");

    auto underscore = conform::validate(ma::path_parameters{"ab_cd", example_job_id});
    REQUIRE(underscore.size() == 1);
    CHECK(underscore[0].code == error::invalid_character);
    CHECK(underscore[0].expected == "only letters, digits, '-'");
    CHECK(underscore[0].found == "'_' at character 3");

    auto accent = conform::validate(ma::path_parameters{"caf\xC3\xA9", example_job_id});
    REQUIRE(accent.size() == 1);
    CHECK(accent[0].found == "U+00E9 at character 4");
  }

  TEST_CASE("path_parameters: training_job_id must not be empty, and has no other format") {
    CHECK(findings({"p", ""}) == "length_out_of_range /training_job_id\n");
    CHECK(findings({"p", example_job_id}) == "");
    // No format is stated ("see Querying a Training Job List"), so anything non-empty passes.
    CHECK(findings({"p", "x"}) == "");
    CHECK(findings({"p", "not-a-uuid_at all"}) == "");
    CHECK(findings({"", ""}) ==
          "length_out_of_range /project_id\nlength_out_of_range /training_job_id\n");
  }

  TEST_CASE("path_parameters: a default-constructed value breaks both rules") {
    auto ds = conform::validate(ma::path_parameters{});
    CHECK(ds.error_count() == 2);
    CHECK(ds.has_errors());
  }

  TEST_CASE("path_parameters: decoding the same parameters from JSON applies the same rules") {
    auto ok = conform::decode<ma::path_parameters>(
        R"({"project_id": "0b7f7c1e4d8a4f5b9c3e2d1a0f9e8d7c", "training_job_id": ")" +
        example_job_id + "\"}");
    CHECK_MESSAGE(ok.diagnostics.empty(), conform::to_string(ok.diagnostics));
    CHECK(ok.value.training_job_id == example_job_id);

    auto bad = conform::decode<ma::path_parameters>(R"({"project_id": "a_b"})");
    CHECK_MESSAGE(conform_test::summary(bad.diagnostics) ==
                      "invalid_character /project_id\nmissing_member /training_job_id\n",
                  conform::to_string(bad.diagnostics));
  }
}

} // namespace path_parameters_test
