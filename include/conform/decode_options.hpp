// conform: the runtime options of a decode, each with its documented default. Every option
// is exercised by tests with both of its values (tests/decode_options.cpp).
#ifndef CONFORM_DECODE_OPTIONS_HPP
#define CONFORM_DECODE_OPTIONS_HPP

#include <conform/config.hpp>

#include <cstddef>

namespace conform {

/// What to do with a member the schema does not know.
enum class unknown_member_policy : unsigned char {
  ignore,  ///< skip it silently
  warning, ///< skip it and report unknown_member as a warning (default: API drift report)
  error,   ///< skip it and report unknown_member as an error (contract tests)
};

/// What to do when a key appears twice in one object.
enum class duplicate_key_policy : unsigned char {
  error,             ///< report duplicate_key as an error; the first value is kept (default)
  warning_last_wins, ///< report it as a warning; the last value is kept (Boost.JSON's choice)
};

/// What `null` means for an optional member.
enum class null_policy : unsigned char {
  absent, ///< null is the same as an absent member (default)
  error,  ///< null is a type_mismatch error; the member stays absent
};

/// How an unknown value of an open enumeration is reported (the raw string is kept either way).
enum class open_enum_policy : unsigned char {
  warning, ///< unknown_enum_value as a warning (default)
  error,   ///< unknown_enum_value as an error (strict mode)
};

/** Options of a decode. Aggregate: set what you need, keep the defaults for the rest.

    Limits protect the caller from hostile input; each breach yields its own
    limit_exceeded diagnostic naming the option, and decoding stops there.
*/
struct decode_options {
  /// Members the schema does not know. Default: warning.
  unknown_member_policy unknown_members = unknown_member_policy::warning;
  /// Keys repeated in one object. Default: error, first value kept.
  duplicate_key_policy duplicate_keys = duplicate_key_policy::error;
  /// `null` for an optional member. Default: treated as absent.
  null_policy null_members = null_policy::absent;
  /// Unknown values of open enumerations. Default: warning.
  open_enum_policy unknown_open_enum_values = open_enum_policy::warning;
  /// Diagnostics kept; one more too_many_diagnostics entry closes a longer list. Default 100.
  /// Diagnostics past the cap are still counted (error_count, warning_count).
  std::size_t max_diagnostics = 100;
  /// Stop at the first error (warnings do not stop). Default: false, report everything.
  bool fail_fast = false;
  /// Deepest nesting of arrays and objects. Default 64; values above 1000 are treated as
  /// 1000, because Boost.JSON 1.81's parser recurses on the C stack.
  std::size_t max_depth = 64;
  /// Largest text accepted, in bytes. Default 64 MiB.
  std::size_t max_input_bytes = std::size_t(64) << 20;
  /// Longest string or key, in bytes after unescaping. Default 1 MiB.
  std::size_t max_string_bytes = std::size_t(1) << 20;
  /// Most elements in one array. Default 100,000.
  std::size_t max_array_size = 100000;
  /// Most members in one object. Default 10,000.
  std::size_t max_object_size = 10000;
};

/// The hard ceiling on max_depth (see decode_options::max_depth).
inline constexpr std::size_t max_depth_ceiling = 1000;

} // namespace conform

#endif // CONFORM_DECODE_OPTIONS_HPP
