// conform::modelarts: the body of a failed training API call (reference.md §2.2: error_code,
// error_msg, error_solution, request_id), with a soft check of the error code's shape.
// The page documents status 200 only; which codes go with which HTTP status is not modelled.
#ifndef CONFORM_MODELARTS_ERROR_BODY_HPP
#define CONFORM_MODELARTS_ERROR_BODY_HPP

#include <conform/config.hpp>
#include <conform/constraints.hpp>
#include <conform/detail/text.hpp>
#include <conform/error.hpp>
#include <conform/schema.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace conform::modelarts {

/** A ModelArts or API Gateway error code: "ModelArts." or "APIGW." followed by exactly four
    digits ("ModelArts.2775", "APIGW.0101"), reference.md §2.2. Attach it wrapped in warn<>:
    the format is inferred from the error-code tables, not promised by the spec.
    @par Diagnostics invalid_value */
struct error_code_format {
  static constexpr error code = error::invalid_value;
  static constexpr severity level = severity::error;
  template <class V>
  static constexpr bool applies_to = std::is_same_v<V, std::string>;

  static bool check(std::string const& v) noexcept {
    std::string_view s = v;
    for (std::string_view prefix : {std::string_view("ModelArts."), std::string_view("APIGW.")}) {
      if (s.size() == prefix.size() + 4 && s.substr(0, prefix.size()) == prefix) {
        for (char c : s.substr(prefix.size())) {
          if (c < '0' || c > '9') {
            return false;
          }
        }
        return true;
      }
    }
    return false;
  }
  static void expected(std::string& out) {
    out += "\"ModelArts.\" or \"APIGW.\" followed by four digits";
  }
  static void found(std::string const& v, std::string& out) { detail::append_quoted(out, v); }
  /// What conform::json_schema() says of it: the same as check(). A length instead of "$",
  /// which Python's re also matches before a final line feed.
  static constexpr std::string_view json_schema() noexcept {
    return R"({"anyOf":[{"pattern":"^ModelArts\\.[0-9]{4}","maxLength":14},)"
           R"({"pattern":"^APIGW\\.[0-9]{4}","maxLength":10}]})";
  }
  /// What conform::generate() draws (Source is conform::byte_source): either prefix, then four
  /// digits.
  template <class Source>
  static std::string generate(Source& in) {
    std::string out(in.flag() ? "APIGW." : "ModelArts.");
    for (int i = 0; i < 4; ++i) {
      out += static_cast<char>('0' + in.below(10));
    }
    return out;
  }
};

/// Response body of a failed training API call ("response parameters for a failed training API
/// call"); unknown extra keys are allowed like everywhere else.
struct error_body {
  /// Error code, see Error Codes, e.g. "ModelArts.2775" or "APIGW.0301" (format checked as a
  /// warning).
  std::string error_code;
  /// Error message, e.g. "Training job (ID: %s) not found.".
  std::string error_msg;
  /// Hint for solving the error.
  std::optional<std::string> error_solution;
  /// Request ID (the SDKs fall back to the X-Request-Id header when it is absent).
  std::optional<std::string> request_id;
};
BOOST_DESCRIBE_STRUCT(error_body, (), (error_code, error_msg, error_solution, request_id))
CONFORM_MEMBER_RULES(error_body, error_code, conform::warn<error_code_format>);

} // namespace conform::modelarts

#endif // CONFORM_MODELARTS_ERROR_BODY_HPP
