// conform::modelarts: the sdk_only annotation, which marks a member that the official SDK
// models but the API page does not list (reference.md §3.2 and the "missing" rows of §3.3).
// It has no check: the decoder skips it; tests and exporters read it.
#ifndef CONFORM_MODELARTS_SDK_ONLY_HPP
#define CONFORM_MODELARTS_SDK_ONLY_HPP

#include <conform/config.hpp>
#include <conform/constraints.hpp>

#include <string_view>

namespace conform::modelarts {

/// Annotation: the member comes from the SDK 3.1.201 models, not from the API page.
struct sdk_only : conform::annotation {
  static constexpr std::string_view source = "huaweicloud SDK 3.1.201, absent from the API page";
  /// What conform::json_schema() notes in the member's "$comment".
  static constexpr std::string_view json_schema_comment =
      "in the huaweicloud SDK 3.1.201 models, absent from the API page";
};

} // namespace conform::modelarts

#endif // CONFORM_MODELARTS_SDK_ONLY_HPP
