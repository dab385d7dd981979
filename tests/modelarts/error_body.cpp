// Tests for <conform/modelarts/error_body.hpp>: the body of a failed training API call
// (reference.md §2.2): error_code and error_msg required, error_solution and request_id
// optional, unknown keys allowed, and the shape of error_code ("ModelArts." or "APIGW." and four
// digits) checked as a warning only.
#include <conform/modelarts/error_body.hpp>

#include "support/test.hpp"

#include <conform/decode.hpp>
#include <conform/decode_value.hpp>
#include <conform/validate.hpp>

#include <boost/json/parse.hpp>

#include <string>
#include <vector>

namespace error_body_test {

namespace ma = conform::modelarts;
using conform::error;
using conform::severity;

conform::decode_result<ma::error_body> decode_text(std::string const& text) {
  return conform::decode<ma::error_body>(text);
}

/// "severity code pointer" per diagnostic.
std::vector<std::string> lines(conform::diagnostics const& ds) {
  std::vector<std::string> out;
  for (auto const& d : ds) {
    out.push_back(std::string(conform::to_string(d.level)) + " " +
                  std::string(conform::to_string(d.code)) + " " + d.pointer);
  }
  return out;
}

TEST_SUITE("modelarts/error_body") {
  TEST_CASE("error_body: the documented example decodes, every member kept") {
    std::string const text =
        R"({"error_msg": "algorithm not found.", "error_code": "ModelArts.2755", )"
        R"("error_solution": "Check whether the training project information in the request )"
        R"(is valid."})";
    auto r = decode_text(text);
    CHECK_MESSAGE(r.diagnostics.empty(), conform::to_string(r.diagnostics));
    CHECK(r.value.error_code == "ModelArts.2755");
    CHECK(r.value.error_msg == "algorithm not found.");
    CHECK(r.value.error_solution.value_or("<absent>") ==
          "Check whether the training project information in the request is valid.");
    CHECK(!r.value.request_id.has_value());
  }

  TEST_CASE("error_body: valid bodies") {
    struct row {
      char const* name;
      std::string json;
    };
    row const rows[] = {
        {"training job not found (400)",
         R"({"error_code": "ModelArts.2775", "error_msg": "Training job (ID: )"
         R"(3faf5c03-aaa1-4cbe-879d-24b05d997347) not found.", "error_solution": "Check the ID."})"},
        {"API gateway error", R"({"error_code": "APIGW.0101", "error_msg": "The API does not )"
                              R"(exist or has not been published in the environment."})"},
        {"without error_solution",
         R"({"error_code": "ModelArts.0203", "error_msg": "Invalid token."})"},
        {"with request_id", R"({"error_code": "ModelArts.2950", "error_msg": "Unknown error.", )"
                            R"("request_id": "9c5d1f2e8b7a4c3d"})"},
        {"members in another order",
         R"({"request_id": "r", "error_solution": "s", "error_msg": "m", )"
         R"("error_code": "ModelArts.2799"})"},
        {"null optional members are absent",
         R"({"error_code": "ModelArts.2775", "error_msg": "m", "error_solution": null, )"
         R"("request_id": null})"},
        {"an empty message is still a string",
         R"({"error_code": "ModelArts.2775", "error_msg": ""})"},
        {"pretty-printed", "{\n  \"error_code\": \"APIGW.0301\",\n  \"error_msg\": \"Incorrect "
                           "IAM authentication information.\"\n}\n"},
    };
    for (auto const& row : rows) {
      CAPTURE(std::string(row.name));
      auto r = decode_text(row.json);
      CHECK_MESSAGE(r.diagnostics.empty(), conform::to_string(r.diagnostics));
      CHECK(r.ok());
      CHECK(r.value.error_code.size() >= 10);
      // The DOM front end agrees.
      auto dom = conform::decode<ma::error_body>(boost::json::parse(row.json));
      CHECK(dom.diagnostics.empty());
      CHECK(dom.value.error_code == r.value.error_code);
    }
    auto with_id = decode_text(rows[3].json);
    CHECK(with_id.value.request_id.value_or("<absent>") == "9c5d1f2e8b7a4c3d");
    CHECK(!with_id.value.error_solution.has_value());
  }

  TEST_CASE("error_body: invalid bodies report each problem at its pointer") {
    struct row {
      char const* name;
      std::string json;
      std::vector<std::string> expected; // "severity code pointer"
    };
    row const rows[] = {
        {"missing error_code",
         R"({"error_msg": "Invalid token."})",
         {"error missing_member /error_code"}},
        {"missing error_msg",
         R"({"error_code": "ModelArts.2784"})",
         {"error missing_member /error_msg"}},
        {"both missing",
         R"({"error_solution": "Retry later."})",
         {"error missing_member /error_code", "error missing_member /error_msg"}},
        {"the legacy v1 shape (error_message, is_success)",
         R"({"is_success": false, "error_code": "ModelArts.2775", "error_message": "m"})",
         {"warning unknown_member /is_success", "warning unknown_member /error_message",
          "error missing_member /error_msg"}},
        {"error_code as a number",
         R"({"error_code": 2775, "error_msg": "m"})",
         {"error type_mismatch /error_code"}},
        {"error_msg as an object",
         R"({"error_code": "ModelArts.2775", "error_msg": {"en": "m"}})",
         {"error type_mismatch /error_msg"}},
        {"error_solution as an array",
         R"({"error_code": "ModelArts.2775", "error_msg": "m", "error_solution": ["a"]})",
         {"error type_mismatch /error_solution"}},
        {"request_id as a number",
         R"({"error_code": "ModelArts.2775", "error_msg": "m", "request_id": 42})",
         {"error type_mismatch /request_id"}},
        {"error_code null (required)",
         R"({"error_code": null, "error_msg": "m"})",
         {"error type_mismatch /error_code"}},
        {"an array body",
         R"([{"error_code": "ModelArts.2775", "error_msg": "m"}])",
         {"error type_mismatch "}},
        {"an HTML gateway page",
         "<html><body>502 Bad Gateway</body></html>",
         {"error syntax_error "}},
        {"an empty body", "", {"error syntax_error "}},
        {"a duplicate error_code",
         R"({"error_code": "ModelArts.2775", "error_code": "ModelArts.2776", "error_msg": "m"})",
         {"error duplicate_key /error_code"}},
        {"an unknown member is a warning only",
         R"({"error_code": "ModelArts.2775", "error_msg": "m", "encoded_authorization_message": "x"})",
         {"warning unknown_member /encoded_authorization_message"}},
    };
    for (auto const& row : rows) {
      CAPTURE(std::string(row.name));
      auto r = decode_text(row.json);
      CHECK_MESSAGE(lines(r.diagnostics) == row.expected, conform::to_string(r.diagnostics));
    }
  }

  TEST_CASE("error_body: a malformed error_code is a warning invalid_value, the body stays valid") {
    struct row {
      char const* code;
      bool well_formed;
    };
    row const rows[] = {
        {"ModelArts.2775", true},   {"ModelArts.0101", true},   {"APIGW.0101", true},
        {"APIGW.0301", true},       {"ModelArts.27", false},    {"ModelArts.27755", false},
        {"Foo.1234", false},        {"modelarts.2775", false},  {"MODELARTS.2775", false},
        {"apigw.0101", false},      {"ModelArts.27a5", false},  {"ModelArts-2775", false},
        {"ModelArts2775", false},   {"ModelArts.", false},      {"", false},
        {" ModelArts.2775", false}, {"ModelArts.2775 ", false}, {"ModelArts.２７７５", false},
    };
    for (auto const& row : rows) {
      CAPTURE(std::string(row.code));
      std::string const json =
          R"({"error_code": ")" + std::string(row.code) + R"(", "error_msg": "m"})";
      auto r = decode_text(json);
      CHECK(r.ok());                         // a warning never invalidates the body
      CHECK(r.value.error_code == row.code); // and the code is kept as sent
      if (row.well_formed) {
        CHECK_MESSAGE(r.diagnostics.empty(), conform::to_string(r.diagnostics));
        continue;
      }
      CHECK_MESSAGE(lines(r.diagnostics) ==
                        std::vector<std::string>{"warning invalid_value /error_code"},
                    conform::to_string(r.diagnostics));
      if (r.diagnostics.size() == 1) {
        auto const& d = r.diagnostics[0];
        CHECK(d.offset == json.find(R"(")" + std::string(row.code) + R"(", "error_msg")"));
        CHECK(d.expected == "\"ModelArts.\" or \"APIGW.\" followed by four digits");
        CHECK(d.member == "conform::modelarts::error_body::error_code");
      }
    }
  }

  TEST_CASE("error_body: error_code_format on its own") {
    using fmt = ma::error_code_format;
    CHECK(fmt::check("ModelArts.2775"));
    CHECK(fmt::check("APIGW.0101"));
    CHECK(!fmt::check("ModelArts.277"));
    CHECK(!fmt::check("APIGW.01010"));
    CHECK(!fmt::check("Foo.1234"));
    CHECK(fmt::code == error::invalid_value);
    std::string found;
    fmt::found("Foo.1234", found);
    CHECK(found == "\"Foo.1234\"");
  }

  TEST_CASE("error_body: validate() on a body built in C++") {
    CHECK(conform::validate(ma::error_body{"ModelArts.2775", "m", {}, {}}).empty());
    auto ds = conform::validate(ma::error_body{"ModelArts.27", "m", std::string("s"), {}});
    CHECK_MESSAGE(lines(ds) == std::vector<std::string>{"warning invalid_value /error_code"},
                  conform::to_string(ds));
    CHECK(!ds.has_errors());
  }
}

} // namespace error_body_test
