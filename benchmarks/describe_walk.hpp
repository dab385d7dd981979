// conform_bench: the baseline "DOM + Describe walk" (reader boost.dom_describe, and the
// comparison translation unit of compile_cost.sh). What a user writes without conform: one
// generic recursive template that copies a boost::json::value into described structs, with
// no validation, no diagnostics and no positions. Unknown keys and values of the wrong type
// are silently ignored, so it is the cheapest honest DOM-to-struct conversion, and
// conform.dom (which does the same walk plus validation) is measured against it.
#ifndef CONFORM_BENCH_DESCRIBE_WALK_HPP
#define CONFORM_BENCH_DESCRIBE_WALK_HPP

#include <conform/enum_spelling.hpp>
#include <conform/open_enum.hpp>

#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>

#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace describe_walk {

template <class T>
struct kind_of {
  static constexpr int value = 0;
};
template <class T>
struct kind_of<std::optional<T>> {
  static constexpr int value = 1;
};
template <class T, class A>
struct kind_of<std::vector<T, A>> {
  static constexpr int value = 2;
};
template <class V, class C, class A>
struct kind_of<std::map<std::string, V, C, A>> {
  static constexpr int value = 3;
};
template <class E>
struct kind_of<conform::open_enum<E>> {
  static constexpr int value = 4;
};

/// Copies `v` into `out` where the types agree; leaves `out` alone where they do not.
template <class T>
void from_json(boost::json::value const& v, T& out) {
  namespace bj = boost::json;
  constexpr int kind = kind_of<T>::value;
  if constexpr (kind == 1) {
    if (!v.is_null()) {
      from_json(v, out.emplace());
    }
  } else if constexpr (kind == 2) {
    if (bj::array const* a = v.if_array()) {
      out.clear();
      out.reserve(a->size());
      for (bj::value const& e : *a) {
        from_json(e, out.emplace_back());
      }
    }
  } else if constexpr (kind == 3) {
    if (bj::object const* o = v.if_object()) {
      for (auto const& kv : *o) {
        from_json(kv.value(), out[std::string(kv.key())]);
      }
    }
  } else if constexpr (kind == 4) {
    if (bj::string const* s = v.if_string()) {
      out = T::from_string(*s);
    }
  } else if constexpr (std::is_same_v<T, bool>) {
    if (bool const* b = v.if_bool()) {
      out = *b;
    }
  } else if constexpr (std::is_integral_v<T>) {
    if (std::int64_t const* i = v.if_int64()) {
      out = static_cast<T>(*i);
    } else if (std::uint64_t const* u = v.if_uint64()) {
      out = static_cast<T>(*u);
    }
  } else if constexpr (std::is_floating_point_v<T>) {
    if (double const* d = v.if_double()) {
      out = static_cast<T>(*d);
    } else if (std::int64_t const* i = v.if_int64()) {
      out = static_cast<T>(*i);
    } else if (std::uint64_t const* u = v.if_uint64()) {
      out = static_cast<T>(*u);
    }
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (bj::string const* s = v.if_string()) {
      out.assign(s->data(), s->size());
    }
  } else if constexpr (std::is_enum_v<T>) {
    // conform's spelling table, so that hyphenated values ("zh-cn") decode as they do in
    // conform: the walk then produces the same struct, and the comparison is like for like.
    if (bj::string const* s = v.if_string()) {
      if (auto e = conform::enum_from_string<T>(*s)) {
        out = *e;
      }
    }
  } else {
    static_assert(boost::describe::has_describe_members<T>::value,
                  "describe_walk: unsupported member type");
    if (bj::object const* o = v.if_object()) {
      using members = boost::describe::describe_members<T, boost::describe::mod_public>;
      boost::mp11::mp_for_each<members>([&](auto d) {
        if (bj::value const* m = o->if_contains(d.name)) {
          from_json(*m, out.*d.pointer);
        }
      });
    }
  }
}

} // namespace describe_walk

#endif // CONFORM_BENCH_DESCRIBE_WALK_HPP
