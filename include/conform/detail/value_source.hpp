// conform internals: the DOM front end. Walks a boost::json::value and feeds the decoder
// core the same events the text front end does, without offsets (a member with a scalar
// value as one event, member_scalar, since the DOM holds both at once). The walk is recursive, and
// bounded because the decoder refuses a container past max_depth (skipped subtrees included),
// which ends the walk: a caller-built DOM can be arbitrarily deep.
#ifndef CONFORM_DETAIL_VALUE_SOURCE_HPP
#define CONFORM_DETAIL_VALUE_SOURCE_HPP

#include <conform/config.hpp>
#include <conform/detail/decoder.hpp>

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace conform::detail {

inline bool walk_container(decoder& d, boost::json::value const& v);

// The scalar event of a value that is no container; false when it is a string longer than
// max_string_bytes.
CONFORM_ALWAYS_INLINE bool to_scalar(boost::json::value const& v, std::size_t max_string,
                                     scalar& s) {
  switch (v.kind()) {
  case boost::json::kind::string: {
    auto const& str = v.get_string();
    if (CONFORM_UNLIKELY(str.size() > max_string)) {
      return false;
    }
    s.k = scalar::kind::string;
    s.text = std::string_view(str.data(), str.size());
    break;
  }
  case boost::json::kind::int64:
    s.k = scalar::kind::int64;
    s.i = v.get_int64();
    break;
  case boost::json::kind::uint64:
    s.k = scalar::kind::uint64;
    s.u = v.get_uint64();
    break;
  case boost::json::kind::double_:
    s.k = scalar::kind::real;
    s.d = v.get_double();
    break;
  case boost::json::kind::bool_:
    s.k = scalar::kind::boolean;
    s.b = v.get_bool();
    break;
  default: // null (containers are walked by the callers)
    s.k = scalar::kind::null;
    break;
  }
  return true;
}

// A key (site: the object) or a string value (site: the next value) longer than
// max_string_bytes: the limit ends decoding.
CONFORM_COLD inline bool string_too_long(decoder& d, limit_site site) {
  return d.limit_reached(string_limit_expected(d.options()), string_limit_found(d.options()),
                         no_position, site);
}

// Scalars are fed inline in the loops over members and elements (most values are scalars);
// only containers recurse, through walk_container. `Counted`: whether the decoder counts the
// members against max_object_size; the object's size is known, so only an object that will
// pass the limit has them counted (and is stopped at the same member as in text).
template <bool Counted>
bool walk_members(decoder& d, boost::json::object const& o) {
  std::size_t const max_string = d.options().max_string_bytes;
  for (auto const& kv : o) {
    std::string_view key(kv.key().data(), kv.key().size());
    if (CONFORM_UNLIKELY(key.size() > max_string)) {
      return string_too_long(d, limit_site::container);
    }
    boost::json::value const& v = kv.value();
    if (v.is_structured()) {
      if (!d.key<Counted>(key, no_position) || !walk_container(d, v)) {
        return false;
      }
      continue;
    }
    scalar s;
    if (CONFORM_UNLIKELY(!to_scalar(v, max_string, s))) {
      return d.key<Counted>(key, no_position) && string_too_long(d, limit_site::next_value);
    }
    if (!d.member_scalar<Counted>(key, s)) {
      return false;
    }
  }
  return d.object_end(no_position);
}

inline bool walk_object(decoder& d, boost::json::object const& o) {
  if (!d.object_begin(no_position)) {
    return false;
  }
  return CONFORM_LIKELY(d.object_fits(o.size())) ? walk_members<false>(d, o)
                                                 : walk_members<true>(d, o);
}

inline bool walk_array(decoder& d, boost::json::array const& a) {
  if (!d.array_begin(no_position, a.size())) {
    return false;
  }
  std::size_t const max_string = d.options().max_string_bytes;
  for (auto const& e : a) {
    if (e.is_structured()) {
      if (!walk_container(d, e)) {
        return false;
      }
      continue;
    }
    scalar s;
    if (CONFORM_UNLIKELY(!to_scalar(e, max_string, s))) {
      return string_too_long(d, limit_site::next_value);
    }
    if (!d.value(s, no_position)) {
      return false;
    }
  }
  return d.array_end(no_position);
}

inline bool walk_container(decoder& d, boost::json::value const& v) {
  return v.is_object() ? walk_object(d, v.get_object()) : walk_array(d, v.get_array());
}

/// Runs the DOM front end over `v`, feeding `d`.
inline void decode_value(decoder& d, boost::json::value const& v) {
  if (v.is_structured()) {
    walk_container(d, v);
    return;
  }
  scalar s;
  if (!to_scalar(v, d.options().max_string_bytes, s)) {
    string_too_long(d, limit_site::next_value);
    return;
  }
  d.value(s, no_position);
}

} // namespace conform::detail

#endif // CONFORM_DETAIL_VALUE_SOURCE_HPP
