// Cross-member rules of the user's own, written to the interface cross_member.hpp documents
// (the members a rule reads, check() with its Report, and repair() for generate()), for the
// tests of each header that runs such rules: the decoder, validate(), generate() and
// json_schema(). Each applies to any described struct with the members it names.
#ifndef CONFORM_TESTS_SUPPORT_USER_RULES_HPP
#define CONFORM_TESTS_SUPPORT_USER_RULES_HPP

#include <conform/error.hpp>
#include <conform/schema.hpp>

#include <cstdint>
#include <string>

namespace conform_test {

/// `first + second == 100`: names the two members it reads and blames `second`. Leaving out
/// or drawing again cannot meet a sum, so it repairs the object itself (`first` must be in
/// [0, 100] for `second` to stay in that range).
struct sums_to_100 {
  template <class T>
  static constexpr std::uint64_t members() noexcept {
    return conform::detail::member_bit<T, &T::first>() |
           conform::detail::member_bit<T, &T::second>();
  }
  static constexpr conform::error code = conform::error::cross_member_rule;
  static constexpr conform::severity level = conform::severity::error;
  template <class T, class Report>
  static void check(T const& obj, Report& report) {
    if (obj.first + obj.second != 100) {
      std::string expected(report.template name<&T::first>());
      expected += " + ";
      expected += report.template name<&T::second>();
      expected += " = 100";
      report.template fail<&T::second>(std::move(expected), std::to_string(obj.first + obj.second));
    }
  }
  template <class T, class Source>
  static void repair(T& obj, Source&) {
    obj.second = 100 - obj.first;
  }
};

/// A label or a note: names no members (so it always runs) and blames the whole object,
/// which no member's repair can answer, so it draws a label ("left" or "right") itself.
struct labelled {
  static constexpr conform::error code = conform::error::cross_member_rule;
  static constexpr conform::severity level = conform::severity::error;
  template <class T, class Report>
  static void check(T const& obj, Report& report) {
    if (!obj.label && !obj.note) {
      report.fail_object("a label or a note", "neither");
    }
  }
  template <class T, class Source>
  static void repair(T& obj, Source& in) {
    obj.label = in.flag() ? "left" : "right";
  }
};

} // namespace conform_test

#endif // CONFORM_TESTS_SUPPORT_USER_RULES_HPP
