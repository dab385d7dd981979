// conform internals: turns the rules<...> attached to a member into a runtime `rule_set`:
// one function that checks the value's own constraints, and (for each<...>) the rule_set of
// its elements. Also runs a type's cross-member rules. Misuse (a constraint on a member of
// a type it cannot apply to) is diagnosed here, at compile time.
#ifndef CONFORM_DETAIL_RULE_SET_HPP
#define CONFORM_DETAIL_RULE_SET_HPP

#include <conform/config.hpp>
#include <conform/constraints.hpp>
#include <conform/cross_member.hpp>
#include <conform/detail/report_sink.hpp>
#include <conform/schema.hpp>

#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/list.hpp>

#include <string>
#include <type_traits>

namespace conform::detail {

/// The checks of one value: its own constraints, and the rules of its elements.
struct rule_set {
  void (*check)(report_sink&, void const* value);
  rule_set const* each;
};

template <class C>
struct is_each : std::false_type {};
template <class... Cs>
struct is_each<each<Cs...>> : std::true_type {};

template <class C>
struct each_args {
  using type = rules<>;
};
template <class... Cs>
struct each_args<each<Cs...>> {
  using type = rules<Cs...>;
};

template <class C>
using is_plain_constraint = std::integral_constant<bool, !is_each<C>::value && !is_annotation_v<C>>;

template <class V>
struct element_type {
  using type = void;
};
template <class U, class A>
struct element_type<std::vector<U, A>> {
  using type = U;
};
template <class U, class Cmp, class A>
struct element_type<std::map<std::string, U, Cmp, A>> {
  using type = U;
};

// A failed constraint's report: one function for every constraint and value type, which
// receives the constraint's two texts as functions. A model attaches dozens of constraints,
// and each instantiation would otherwise carry its own copy of the strings' construction,
// the report and the strings' destruction, for a path taken only when a value is wrong.
CONFORM_COLD inline void report_constraint(report_sink& sink, error code, severity level,
                                           void (*expected)(std::string&),
                                           void (*found)(void const*, std::string&),
                                           void const* value) {
  std::string expected_text;
  std::string found_text;
  expected(expected_text);
  found(value, found_text);
  sink.value_failed(code, level, std::move(expected_text), std::move(found_text));
}

template <class C, class U>
void constraint_found(void const* value, std::string& out) {
  C::found(*static_cast<U const*>(value), out);
}

template <class C, class U>
CONFORM_COLD void constraint_failed(report_sink& sink, U const& value) {
  report_constraint(sink, C::code, C::level, &C::expected, &constraint_found<C, U>, &value);
}

template <class V, class Plain>
struct plain_checker;

template <class V, class... Cs>
struct plain_checker<V, boost::mp11::mp_list<Cs...>> {
  using U = typename unwrap_optional<V>::type;
  static void check(report_sink& sink, void const* p) {
    V const& v = *static_cast<V const*>(p);
    if constexpr (is_optional<V>::value) {
      if (!v) {
        return;
      }
      run(sink, *v);
    } else {
      run(sink, v);
    }
  }
  static void run(report_sink& sink, U const& u) {
    ((Cs::check(u) ? void() : constraint_failed<Cs>(sink, u)), ...);
  }
};

template <class V, class Rules>
struct rule_set_for;

template <class V, class... Cs>
struct rule_set_for<V, rules<Cs...>> {
  using U = typename unwrap_optional<V>::type;
  using list = boost::mp11::mp_list<Cs...>;
  using plain = boost::mp11::mp_filter<is_plain_constraint, list>;
  using eaches = boost::mp11::mp_filter<is_each, list>;
  using element_rules = boost::mp11::mp_apply<
      rules, boost::mp11::mp_append<
                 boost::mp11::mp_list<>,
                 boost::mp11::mp_rename<typename each_args<Cs>::type, boost::mp11::mp_list>...>>;

  template <class C>
  static constexpr bool applies() {
    if constexpr (is_each<C>::value) {
      return is_container_v<U>;
    } else if constexpr (is_annotation_v<C>) {
      return true;
    } else {
      return C::template applies_to<U>;
    }
  }
  static_assert((applies<Cs>() && ...),
                "conform: a constraint is attached to a member whose type it does not apply to "
                "(for example length<> on an integer, or range<> on a string)");

  static constexpr bool has_plain = boost::mp11::mp_size<plain>::value != 0;
  static constexpr bool has_each = boost::mp11::mp_size<eaches>::value != 0;

  static constexpr rule_set const* element_set() noexcept {
    if constexpr (has_each) {
      return rule_set_for<typename element_type<U>::type, element_rules>::get_constexpr();
    } else {
      return nullptr;
    }
  }
  static constexpr rule_set const* get_constexpr() noexcept {
    if constexpr (!has_plain && !has_each) {
      return nullptr;
    } else {
      return &value_storage;
    }
  }
  static constexpr rule_set value_storage{has_plain ? &plain_checker<V, plain>::check : nullptr,
                                          element_set()};
};

/// The rule_set of member M of T (nullptr when it has no checks).
template <class T, auto M, class V>
constexpr rule_set const* member_rule_set() noexcept {
  return rule_set_for<V, member_rules_t<T, M>>::get_constexpr();
}

// Adapts report_sink to the `Report` interface cross-member rules expect.
template <class T, class Rule>
struct rule_report {
  report_sink& sink;
  // Names are looked up at compile time (see member_name).
  template <auto M>
  static constexpr std::string_view name_of = member_name<T, M>();
  template <auto M>
  std::string_view name() const noexcept {
    return name_of<M>;
  }
  template <auto M>
  void fail(std::string expected, std::string found) {
    sink.member_failed(name_of<M>, Rule::code, Rule::level, std::move(expected), std::move(found));
  }
  void fail_object(std::string expected, std::string found) {
    sink.member_failed({}, Rule::code, Rule::level, std::move(expected), std::move(found));
  }
};

template <class T, class Rules>
struct type_rules_runner;

template <class T, class... Rs>
struct type_rules_runner<T, rules<Rs...>> {
  static constexpr bool empty = sizeof...(Rs) == 0;
  static void run(report_sink& sink, void const* p) {
    T const& obj = *static_cast<T const*>(p);
    (run_one<Rs>(sink, obj), ...);
  }
  template <class R, class = void>
  struct reads {
    static constexpr std::uint64_t value = 0; // a user rule that does not say: always checked
  };
  template <class R>
  struct reads<R, std::void_t<decltype(R::template members<T>())>> {
    static constexpr std::uint64_t value = R::template members<T>();
  };
  template <class R>
  static void run_one(report_sink& sink, T const& obj) {
    if ((sink.rejected_members() & reads<R>::value) != 0) {
      return; // a member it reads was rejected and reported already
    }
    rule_report<T, R> report{sink};
    R::check(obj, report);
  }
};

/// The cross-member checker of T, or nullptr when T has none.
template <class T>
constexpr void (*type_rules_checker() noexcept)(report_sink&, void const*) {
  using runner = type_rules_runner<T, type_rules_t<T>>;
  if constexpr (runner::empty) {
    return nullptr;
  } else {
    return &runner::run;
  }
}

} // namespace conform::detail

#endif // CONFORM_DETAIL_RULE_SET_HPP
