// conform internals: the decoding core. One non-template state machine receives JSON events
// (from the text parser or from a DOM walk) and writes them into the caller's struct through
// per-type operation tables generated from the Boost.Describe descriptions (type_ops.hpp).
// It keeps a stack of frames instead of recursing, builds JSON Pointers and resolves token
// positions only when a diagnostic is produced, and enforces the limits of decode_options.
#ifndef CONFORM_DETAIL_DECODER_HPP
#define CONFORM_DETAIL_DECODER_HPP

#include <conform/config.hpp>
#include <conform/decode_options.hpp>
#include <conform/detail/key_hash.hpp>
#include <conform/detail/position.hpp>
#include <conform/detail/report_sink.hpp>
#include <conform/detail/rule_set.hpp>
#include <conform/detail/text.hpp>
#include <conform/diagnostic.hpp>
#include <conform/error.hpp>
#include <conform/json_pointer.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace conform::detail {

/// One scalar event: a string, a number (with its raw token when decoded from text), a
/// boolean or null.
struct scalar {
  enum class kind : unsigned char { string, int64, uint64, real, boolean, null };
  kind k = kind::null;
  /// String content (unescaped), or the number's raw token ("" when it came from a DOM).
  std::string_view text;
  union { // the one `k` names
    std::int64_t i = 0;
    std::uint64_t u;
    double d;
    bool b;
  };
};

/// std::isfinite without <cmath>: exact for IEEE 754 types (infinity minus infinity and
/// anything minus NaN are NaN, which compares unequal to zero). This header is in every file
/// that decodes, and <cmath> (every math function in three precisions) and <memory> cost such
/// a file 1.5% of its compile (benchmarks/README.md, compile cost) for one test and one owner.
template <class F>
constexpr bool is_finite(F x) noexcept {
  return x - x == F(0);
}

/// The value of a real scalar; false when it is not finite (1e400). The text front end
/// reads reals with std::from_chars (correctly rounded), so they are exact; a DOM holds
/// Boost.JSON's own conversion, which 1.81 gets an ulp wrong on some 17-digit inputs.
inline bool exact_real(scalar const& s, double& out) noexcept {
  out = s.d;
  return is_finite(out);
}

class decoder;
struct struct_desc;
struct array_desc;

/// Replaces `target` with `text`: built, then moved into place, because the (pointer, size)
/// constructor and the move constructor inline where assign() calls libstdc++'s general
/// _M_replace (aliasing, growth) for every value. If the allocation throws, `target` is
/// untouched. A target that already holds a string in a heap buffer large enough
/// (decode_into reusing an object: the previous document's value) is overwritten in place,
/// allocating nothing; a short one is rebuilt as above, which is cheaper than assign(). In a
/// fresh decode the target is empty, and that test is all the reuse costs it.
CONFORM_ALWAYS_INLINE void replace_string(std::string& target, std::string_view text) {
  constexpr std::size_t in_object = 15; // libstdc++'s short-string buffer (a hint only)
  if (CONFORM_UNLIKELY(!target.empty()) && target.capacity() > in_object &&
      text.size() <= target.capacity()) {
    target.assign(text.data(), text.size());
    return;
  }
  std::string fresh(text.data(), text.size());
  target.~basic_string();
  ::new (static_cast<void*>(&target)) std::string(std::move(fresh));
}

/// Member types the core stores itself, without an indirect call: strings are the most common
/// members of API responses, and most of them are optional.
enum class direct_store : unsigned char { none, string, optional_string };

/// What the core can do with a value of one C++ type.
struct type_ops {
  /// What a value of this type looks like in JSON, for messages: "a string".
  std::string_view expected;
  /// Stores a scalar. Returns false when it was rejected (a diagnostic was reported).
  bool (*assign)(decoder&, void* target, scalar const&);
  /// Starts an object value (pushes a frame). Returns false when the type is no object.
  bool (*begin_object)(decoder&, void* target);
  /// Starts an array value (pushes a frame). Returns false when the type is no array.
  bool (*begin_array)(decoder&, void* target);
  /// Restores the default value (duplicate keys, rejected values); disengages an optional.
  void (*reset)(void* target);
  /// std::optional<U>: U's operations (the decoder handles null and engagement itself, so
  /// that each optional type costs two tiny functions instead of a copy of U's code).
  type_ops const* inner;
  /// std::optional<U>: engages the optional and returns the address of its value.
  void* (*engage)(void* target);
  /// Set for std::string and std::optional<std::string> (see decoder::assign).
  direct_store direct = direct_store::none;
  /// Described structs and vectors: what the core pushes for them itself, without calling
  /// begin_object or begin_array (which only maps still need). Functions rather than
  /// pointers to the descriptors: a pointer in this constant would make the compiler evaluate
  /// every nested descriptor as part of it (+7% compiler memory for the ModelArts model).
  struct_desc const* (*structure)() = nullptr;
  array_desc const* (*array)() = nullptr;
};

/// One member of a described struct: what decoding a value into it needs. Its name is
/// `struct_desc::names[i]` (which the key lookup reads, so a second copy here only made the
/// table twice as large) and whether it is required is a bit of `struct_desc::required_mask`.
struct member_desc {
  type_ops const* ops;
  void* (*address)(void* object);
  rule_set const* rules;
};

struct struct_desc {
  std::string_view type_name;
  member_desc const* members;
  std::uint32_t count;
  std::uint64_t required_mask;
  // The perfect hash of the member names (type_ops.hpp computes it at compile time).
  std::uint32_t seed;
  std::uint32_t mask;
  bool full_hash;
  std::int8_t const* slots;
  std::string_view const* names;
  void (*cross_rules)(report_sink&, void const*);
};

/// The index of the lowest set bit of `bits` (not 0). g++ and clang only, like the
/// parser's own bit scans (text_source.hpp).
inline std::uint32_t lowest_bit(std::uint64_t bits) noexcept {
  return static_cast<std::uint32_t>(__builtin_ctzll(bits));
}

/// The index of the member spelled `key`, or -1. Documents usually list members in
/// declaration order, some in the reverse order: the members after and before the previous
/// one (`previous`, -1 for none) are tried before hashing.
CONFORM_ALWAYS_INLINE std::int32_t find_member(struct_desc const* sd, std::string_view key,
                                               std::int32_t previous) noexcept {
  auto next = static_cast<std::uint32_t>(previous + 1);
  if (next < sd->count && same_key(key, sd->names[next])) {
    return static_cast<std::int32_t>(next);
  }
  if (previous >= 1 && same_key(key, sd->names[previous - 1])) {
    return previous - 1;
  }
  std::int8_t i = sd->slots[key_hash(key, sd->seed, sd->full_hash) & sd->mask];
  if (i >= 0 && same_key(key, sd->names[static_cast<std::size_t>(i)])) {
    return i;
  }
  return -1;
}

struct array_desc {
  type_ops const* element;
  void* (*emplace)(void* container);
  void (*pop)(void* container);
  /// Makes room for `n` elements (a DOM array's size, see decoder::begin_container).
  void (*reserve)(void* container, std::size_t n);
  /// Recycling (decode_into): element `i` (i <= size) as the previous document left it, or a
  /// new one when i == size; then `truncate` drops the elements past the new document's.
  void* (*recycle)(void* container, std::size_t i);
  void (*truncate)(void* container, std::size_t size);
};

struct map_desc {
  type_ops const* element;
  /// Inserts `key` (or finds it); returns the value's address and the stored key.
  void* (*emplace)(void* map, std::string_view key, std::string const** stored, bool* inserted);
  void (*erase)(void* map, std::string const* key);
  /// Recycling (decode_into): empties the map the previous document filled.
  void (*clear)(void* map);
};

/// Where the next value goes.
struct slot {
  void* target = nullptr;
  type_ops const* ops = nullptr;
  rule_set const* rules = nullptr;
};

enum class frame_kind : unsigned char { root, structure, map, array, skip };

/// The unknown keys met in one open struct, to spot repeats among them: their bytes in one
/// buffer, so that remembering a key costs no allocation of its own.
class seen_keys {
public:
  void clear() noexcept {
    bytes_.clear();
    ends_.clear();
  }
  std::size_t size() const noexcept { return ends_.size(); }
  bool contains(std::string_view key) const noexcept {
    std::string_view all(bytes_);
    std::size_t begin = 0;
    for (std::size_t end : ends_) {
      if (all.substr(begin, end - begin) == key) {
        return true;
      }
      begin = end;
    }
    return false;
  }
  void add(std::string_view key) {
    bytes_.append(key.data(), key.size());
    ends_.push_back(bytes_.size());
  }

private:
  std::string bytes_;
  std::vector<std::size_t> ends_;
};

// Frames are plain data, filled in by push(): the decoder keeps a few of them inline and
// does not pay to initialise what a shallow document never uses.
struct frame {
  frame_kind kind;
  bool child_skipped;  // the pending value of an object frame is skipped
  std::int32_t member; // structure: current member, -1 none, -2 unknown key
  std::size_t count;   // members or elements so far; skip: nesting below it
  position start;      // where '{' or '[' is
  void* target;        // the struct, vector or map
  void const* desc;    // struct_desc, array_desc or map_desc
  slot self;           // the slot this container fills
  slot child;          // the pending value (root, structure, map)
  rule_set const* element_rules;
  std::uint64_t present;  // structure: members seen
  std::uint64_t rejected; // structure: members whose value was rejected; array, map: any
  std::string const* map_key;
  bool value_pending; // map: a key was read, its value has not started
  std::size_t kept;   // array, when recycling: elements of this document so far
};

/// No offset: the source is a DOM.
inline constexpr std::size_t no_offset = diagnostic::no_offset;

inline std::string string_limit_expected(decode_options const& o) {
  return "at most " + std::to_string(o.max_string_bytes) +
         " bytes in one string or key (max_string_bytes)";
}
inline std::string string_limit_found(decode_options const& o) {
  return "more than " + std::to_string(o.max_string_bytes) + " bytes";
}

/// Where a limit was reached, for the pointer of its diagnostic.
enum class limit_site : unsigned char {
  document,   ///< the whole input ("")
  container,  ///< the innermost open array or object (its size, or a key in it)
  next_value, ///< the value being started (too deep, or a string too long)
};

/// Frames kept inside the decoder; deeper documents move them to the heap.
inline constexpr std::size_t inline_frames = 20;

class decoder final : public report_sink {
public:
  decoder(decode_options const& options, diagnostics& out, slot root)
      : options_(options), out_(out), max_object_size_(options.max_object_size),
        max_array_size_(options.max_array_size) {
    max_depth_ = std::min(options.max_depth, max_depth_ceiling);
    frame& f = frames_[0];
    f.kind = frame_kind::root;
    f.child_skipped = false;
    f.member = -1;
    f.count = 0;
    f.start = no_position;
    f.target = nullptr;
    f.desc = nullptr;
    f.self = slot{};
    f.child = root;
    f.element_rules = nullptr;
    f.present = 0;
    f.rejected = 0;
    f.map_key = nullptr;
    f.value_pending = false;
    f.kept = 0;
  }
  decoder(decoder const&) = delete;
  decoder& operator=(decoder const&) = delete;

  /// The text being decoded (the text front end sets it; positions resolve against it).
  void set_text(std::string_view text) noexcept {
    text_ = text;
    from_text_ = true;
  }

  /// Decode into an object that still holds a previous document (decode_into): its strings
  /// and vectors are overwritten in place, keeping their storage, and whatever this document
  /// does not set is reset when its object or array closes. The result equals a fresh
  /// decode's only when the document is read to its end: see intact().
  void recycle_storage() noexcept { recycle_ = true; }

  /// Whether the decode ran to the end of the document with the root value accepted. When
  /// recycling, anything else (a syntax error, a limit, fail_fast, a rejected root) can
  /// leave parts of the previous document behind in containers that never closed, and the
  /// caller decodes again into a reset object (decode_text_into).
  bool intact() const noexcept { return !stopped_ && frames_[0].rejected == 0; }

  decode_options const& options() const noexcept { return options_; }
  bool stopped() const noexcept { return stopped_; }
  std::size_t max_depth() const noexcept { return max_depth_; }

  // ---- events -------------------------------------------------------------------------

  CONFORM_ALWAYS_INLINE bool object_begin(position offset) {
    return container_begin(offset, true, 0);
  }
  /// `size_hint`: the number of elements, when the source knows it (a DOM array), so that
  /// the vector is allocated once; 0 when unknown.
  CONFORM_ALWAYS_INLINE bool array_begin(position offset, std::size_t size_hint = 0) {
    return container_begin(offset, false, size_hint);
  }

  /// Whether an object of `size` members stays within max_object_size, so that its keys
  /// need not be counted one by one (key<false>, member_scalar<false>).
  bool object_fits(std::size_t size) const noexcept { return size <= max_object_size_; }

  CONFORM_ALWAYS_INLINE bool object_end(position offset) { return container_end(offset); }
  CONFORM_ALWAYS_INLINE bool array_end(position offset) { return container_end(offset); }

  /// A member's key. `Counted`: whether this key counts against max_object_size; a source
  /// that knows the object's size before its first member (a DOM object) checks the limit
  /// once, with object_fits, and passes false, sparing every member the count.
  template <bool Counted = true>
  CONFORM_ALWAYS_INLINE bool key(std::string_view k, position offset) {
    frame& f = *cur_;
    if (f.kind == frame_kind::skip) {
      return !stopped_;
    }
    if (Counted && CONFORM_UNLIKELY(++f.count > max_object_size_)) {
      return object_too_large(offset);
    }
    if (f.kind == frame_kind::structure) {
      structure_key(f, k, offset);
    } else {
      map_key(f, k, offset);
    }
    return !stopped_;
  }

  /// The text front end's shortcut for the usual key: the name of a member declared near the
  /// previous one, as it is. `p` is just past the key's opening quote. When the current
  /// container is a struct, `p` starts with such a name and a closing quote, and the name is
  /// not longer than max_string_bytes, the key is taken as key() would take it and `p` is returned
  /// past that quote, with `ok` what key() would return. Otherwise nothing is done and the
  /// result is null: the parser reads the key in full (escapes, other members, maps).
  ///
  /// The text equal to a member name is that name: names are C++ identifiers, with no quote,
  /// backslash or control character, so no escape can hide in such a key. It saves the scan
  /// for the closing quote and the lookup, whose branches depend on each key's length.
  CONFORM_ALWAYS_INLINE char const* next_member_key(char const* p, char const* end, position offset,
                                                    bool& ok) {
    frame& f = *cur_;
    if (f.kind != frame_kind::structure) {
      return nullptr;
    }
    auto const* sd = static_cast<struct_desc const*>(f.desc);
    // The member after the previous one, the one before it (reversed order), then the second
    // and third after it (optional members left out: on the API page's example, a third of
    // the keys). With no previous member (-1) the first guess is member 0; after an unknown
    // key (-2) the arithmetic wraps round to members 0 and 1 for the last two guesses. A
    // guess only decides how the key is read, never which member it names.
    auto const previous = static_cast<std::uint32_t>(f.member);
    auto i = previous + 1;
    if (i >= sd->count || !starts_with_key(p, end, sd->names[i])) {
      i = previous - 1;
      if (previous == 0 || i >= sd->count || !starts_with_key(p, end, sd->names[i])) {
        i = previous + 2;
        if (i >= sd->count || !starts_with_key(p, end, sd->names[i])) {
          i = previous + 3;
          if (i >= sd->count || !starts_with_key(p, end, sd->names[i])) {
            return nullptr;
          }
        }
      }
    }
    std::string_view const name = sd->names[i];
    if (CONFORM_UNLIKELY(name.size() > options_.max_string_bytes)) {
      return nullptr;
    }
    if (CONFORM_UNLIKELY(++f.count > max_object_size_)) {
      ok = object_too_large(offset);
      return p + name.size() + 1;
    }
    structure_member(f, sd, i, name, offset);
    ok = !stopped_;
    return p + name.size() + 1;
  }

  // Whether the text at `p` is `name` and a closing quote.
  CONFORM_ALWAYS_INLINE static bool starts_with_key(char const* p, char const* end,
                                                    std::string_view name) noexcept {
    std::size_t const n = name.size();
    return static_cast<std::size_t>(end - p) > n && p[n] == '"' &&
           same_key(std::string_view(p, n), name);
  }

  CONFORM_ALWAYS_INLINE bool value(scalar const& s, position offset) {
    frame& f = *cur_;
    value_offset_ = offset;
    switch (f.kind) {
    case frame_kind::skip:
      check_skipped_scalar(s);
      return !stopped_;
    case frame_kind::array: {
      if (CONFORM_UNLIKELY(f.count >= max_array_size_)) {
        return array_too_large(offset);
      }
      auto const* ad = static_cast<array_desc const*>(f.desc);
      void* element = new_element(f, ad);
      ++f.count;
      if (!assign(ad->element, element, s) || !run_rules(f.element_rules, element)) {
        drop_element(f, ad);
        f.rejected = 1;
      }
      return !stopped_;
    }
    default:
      f.value_pending = false;
      return child_value(f, s);
    }
  }

  /// key() then value() for a member whose value is a scalar, with one frame lookup (the
  /// DOM front end, which sees both at once).
  template <bool Counted = true>
  CONFORM_ALWAYS_INLINE bool member_scalar(std::string_view k, scalar const& s) {
    frame& f = *cur_;
    if (f.kind != frame_kind::structure) {
      return key<Counted>(k, no_position) && value(s, no_position);
    }
    if (Counted && CONFORM_UNLIKELY(++f.count > max_object_size_)) {
      return object_too_large(no_position);
    }
    // value_offset_ stays no_position: a DOM has no offsets.
    auto const* sd = static_cast<struct_desc const*>(f.desc);
    std::int32_t const index = find_member(sd, k, f.member);
    if (CONFORM_UNLIKELY(index < 0 || ((f.present >> index) & 1u) != 0)) {
      return unusual_member_scalar(f, k, s);
    }
    // A known member met for the first time, the usual case: stored straight from here, not
    // through f.child, which only a container value (or the general path) needs.
    auto const i = static_cast<std::uint32_t>(index);
    member_desc const& m = sd->members[i];
    f.member = index;
    f.present |= std::uint64_t(1) << i;
    store_scalar(f, slot{m.address(f.target), m.ops, m.rules}, s);
    return !stopped_;
  }

  // An unknown or repeated key with a scalar value: the general path of key() and value(),
  // which looks the key up again. Out of line, so that each loop over a DOM object inlines
  // one copy of the store path, not two.
  CONFORM_COLD bool unusual_member_scalar(frame& f, std::string_view k, scalar const& s) {
    structure_key(f, k, no_position);
    return !stopped_ && child_value(f, s);
  }

  // ---- used by type operations --------------------------------------------------------

  void push_struct(void* target, struct_desc const* desc) {
    push(frame_kind::structure, target, desc);
    if (CONFORM_UNLIKELY(top_ < unknown_seen_.size())) {
      unknown_seen_[top_].clear();
    }
  }
  void push_array(void* target, array_desc const* desc) {
    frame& f = push(frame_kind::array, target, desc);
    f.element_rules = pending_.rules != nullptr ? pending_.rules->each : nullptr;
    f.kept = 0;
  }
  void push_map(void* target, map_desc const* desc) {
    if (CONFORM_UNLIKELY(recycle_)) {
      desc->clear(target);
    }
    frame& f = push(frame_kind::map, target, desc);
    f.element_rules = pending_.rules != nullptr ? pending_.rules->each : nullptr;
    f.map_key = nullptr;
    f.value_pending = false;
  }

  /// The current scalar has the wrong JSON kind.
  CONFORM_COLD void type_mismatch(std::string_view expected, scalar const& s) {
    if (!keeping(severity::error)) {
      return count_only(severity::error);
    }
    std::string found;
    describe_scalar(found, s);
    emit(error::type_mismatch, severity::error, value_pointer(), std::string(expected),
         std::move(found), value_offset_);
  }

  /// The current number does not fit an integer of `width` bits.
  template <class Int>
  CONFORM_COLD void integer_overflow(std::string_view type, scalar const& s) {
    if (!keeping(severity::error)) {
      return count_only(severity::error);
    }
    std::string expected = "an integer that fits ";
    expected += type;
    expected += " [";
    append_integer(expected, std::numeric_limits<Int>::min());
    expected += ", ";
    append_integer(expected, std::numeric_limits<Int>::max());
    expected += "]";
    std::string found;
    describe_overflow(found, s);
    emit(error::integer_overflow, severity::error, value_pointer(), std::move(expected),
         std::move(found), value_offset_);
  }

  /// The current number is a real (fraction, exponent, or too large for 64 bits) where an
  /// integer of `Int` belongs: not_integer, or integer_overflow for a plain huge integer.
  template <class Int>
  CONFORM_COLD void real_for_integer(std::string_view type, scalar const& s) {
    if (is_plain_integer_token(s)) {
      return integer_overflow<Int>(type, s);
    }
    if (!keeping(severity::error)) {
      return count_only(severity::error);
    }
    std::string expected = "an integer (";
    expected += type;
    expected += ")";
    std::string found;
    describe_number(found, s);
    emit(error::not_integer, severity::error, value_pointer(), std::move(expected),
         std::move(found), value_offset_);
  }

  /// The current number is not finite (1e400) or could not be represented.
  CONFORM_COLD void not_finite(scalar const& s) {
    if (!keeping(severity::error)) {
      return count_only(severity::error);
    }
    std::string found;
    describe_number(found, s);
    emit(error::out_of_range, severity::error, value_pointer(), "a finite number", std::move(found),
         value_offset_);
  }

  /// A finding about the current value (enumerations, constraints).
  CONFORM_COLD void report_value(error code, severity level, std::string expected,
                                 std::string found) {
    if (!keeping(level)) {
      return count_only(level);
    }
    emit(code, level, value_pointer(), std::move(expected), std::move(found), value_offset_);
  }

  // report_sink
  void value_failed(error code, severity level, std::string expected, std::string found) override {
    report_value(code, level, std::move(expected), std::move(found));
  }
  void member_failed(std::string_view member, error code, severity level, std::string expected,
                     std::string found) override {
    if (stopped_) {
      return; // fail_fast: one error is all that was asked for
    }
    if (!keeping(level)) {
      return count_only(level);
    }
    // Called while the object's frame is still on top.
    frame const& f = *cur_;
    std::string pointer = pointer_upto(top_ - 1, 1 + member.size());
    position at = f.start;
    if (!member.empty()) {
      append_pointer_key(pointer, member);
      if (from_text_ && f.start != no_position) {
        // The blamed member's value: found again in the object's text (cold path only); the
        // last occurrence when a repeated key's last value is the one kept.
        at = find_member_value(text_, resolve_position(f.start), member,
                               options_.duplicate_keys == duplicate_key_policy::warning_last_wins);
      }
    }
    // A rule that blames the whole object (fail_object) names its type: member_path would
    // name the member decoded last.
    std::string path = !member.empty() || f.kind != frame_kind::structure
                           ? member_path(top_, member)
                           : std::string(static_cast<struct_desc const*>(f.desc)->type_name);
    emit(code, level, std::move(pointer), std::move(expected), std::move(found), at,
         std::move(path));
  }

  // ---- used by sources ----------------------------------------------------------------

  /// The text is not JSON; decoding ends here.
  CONFORM_COLD void syntax_error(position offset, std::string expected, std::string found) {
    stopped_ = true;
    if (!keeping(severity::error)) {
      return count_only(severity::error);
    }
    emit(error::syntax_error, severity::error, pointer_upto(top_ == 0 ? 0 : top_ - 1),
         std::move(expected), std::move(found), offset);
  }

  /// A resource limit was reached; decoding ends here.
  CONFORM_COLD bool limit_reached(std::string expected, std::string found, position offset,
                                  limit_site site) {
    stopped_ = true;
    if (!keeping(severity::error)) {
      count_only(severity::error);
      return false;
    }
    std::string pointer;
    if (site == limit_site::container) {
      pointer = pointer_upto(top_ == 0 ? 0 : top_ - 1);
    } else if (site == limit_site::next_value) {
      frame const& f = *cur_;
      if (f.kind == frame_kind::array) {
        pointer = pointer_upto(top_ - 1, 21); // room for '/' and 20 digits
        append_pointer_index(pointer, f.count);
      } else {
        pointer = pointer_upto(top_);
      }
    }
    emit(error::limit_exceeded, severity::error, std::move(pointer), std::move(expected),
         std::move(found), offset);
    return false;
  }

  /// Decoding ended (normally or not): maps still open lose the entries that were rejected
  /// or whose value never came (a syntax error right after the key).
  void close_open_maps() {
    for (std::size_t depth = top_; depth >= 1; --depth) {
      frame& f = frames_[depth];
      if (f.kind != frame_kind::map) {
        continue;
      }
      if (f.value_pending && f.map_key != nullptr) {
        static_cast<map_desc const*>(f.desc)->erase(f.target, f.map_key);
        f.map_key = nullptr;
        f.value_pending = false;
      }
      erase_rejected(depth);
    }
  }

  /// Closes the list: the too_many_diagnostics entry, when the cap was passed.
  void finish() {
    close_open_maps();
    if (suppressed_errors_ + suppressed_warnings_ == 0) {
      return;
    }
    diagnostic d =
        too_many_entry(options_.max_diagnostics, suppressed_errors_, suppressed_warnings_);
    // Counted already, one by one. emplace_back(), as emit(): one growth function.
    out_.items().emplace_back() = std::move(d);
  }

private:
  // ---- frames ---------------------------------------------------------------------------

  CONFORM_ALWAYS_INLINE frame& push(frame_kind kind, void* target, void const* desc) {
    ++top_;
    if (CONFORM_UNLIKELY(top_ == frame_capacity_)) {
      grow_frames();
    }
    ++cur_;
    // Only what every kind reads: `child` is set by each key, and the fields of arrays and
    // maps by push_array and push_map.
    frame& f = *cur_;
    f.kind = kind;
    f.child_skipped = false;
    f.member = -1;
    f.count = 0;
    f.start = pending_start_;
    f.target = target;
    f.desc = desc;
    f.self = pending_;
    f.present = 0;
    f.rejected = 0;
    return f;
  }

  CONFORM_ALWAYS_INLINE void pop_frame() noexcept {
    --top_;
    --cur_;
  }

  CONFORM_COLD void grow_frames() {
    // max_depth_ bounds top_, so this happens at most a few times per decode.
    std::size_t capacity = std::min(frame_capacity_ * 2, max_depth_ + 2);
    std::vector<frame> bigger(capacity);
    std::copy(frames_, frames_ + frame_capacity_, bigger.data());
    heap_frames_ = std::move(bigger);
    frames_ = heap_frames_.data();
    cur_ = frames_ + (top_ - 1); // push() then steps to top_
    frame_capacity_ = capacity;
  }

  void push_skip(position offset) {
    pending_ = slot{};
    pending_start_ = offset;
    push(frame_kind::skip, nullptr, nullptr);
  }

  CONFORM_ALWAYS_INLINE bool container_begin(position offset, bool object, std::size_t size_hint) {
    frame& f = *cur_;
    value_offset_ = offset;
    if (CONFORM_UNLIKELY(f.kind == frame_kind::skip)) {
      // Skipped containers nest inside one skip frame, and count against max_depth too.
      if (CONFORM_UNLIKELY(top_ + f.count >= max_depth_)) {
        return too_deep(offset);
      }
      ++f.count;
      return !stopped_;
    }
    if (CONFORM_UNLIKELY(top_ >= max_depth_)) {
      return too_deep(offset);
    }
    slot s;
    array_desc const* ad = nullptr;
    if (f.kind == frame_kind::array) {
      if (CONFORM_UNLIKELY(f.count >= max_array_size_)) {
        return array_too_large(offset);
      }
      ad = static_cast<array_desc const*>(f.desc);
      s = slot{new_element(f, ad), ad->element, f.element_rules};
      ++f.count;
    } else {
      f.value_pending = false;
      if (CONFORM_UNLIKELY(f.child_skipped)) {
        f.child_skipped = false;
        push_skip(offset);
        return !stopped_;
      }
      s = f.child;
    }
    pending_ = s;
    pending_start_ = offset;
    if (CONFORM_LIKELY(begin_container(s, object, size_hint))) {
      return !stopped_;
    }
    return container_rejected(s, ad, object, offset);
  }

  // The value is an object or array where the slot's type is not: reported, the parent drops
  // what it had made room for, and the container is skipped.
  CONFORM_COLD bool container_rejected(slot const& s, array_desc const* ad, bool object,
                                       position offset) {
    if (keeping(severity::error)) {
      emit(error::type_mismatch, severity::error, value_pointer(), std::string(s.ops->expected),
           object ? "an object" : "an array", offset);
    } else {
      count_only(severity::error);
    }
    frame& p = *cur_;
    mark_rejected(p);
    if (ad != nullptr) {
      drop_element(p, ad);
    } else if (p.kind == frame_kind::map) {
      defer_erase(p);
    }
    push_skip(offset);
    return !stopped_;
  }

  CONFORM_COLD bool too_deep(position offset) {
    return limit_reached("at most " + std::to_string(max_depth_) +
                             " nested arrays and objects (max_depth)",
                         "deeper nesting", offset, limit_site::next_value);
  }

  CONFORM_ALWAYS_INLINE bool container_end(position offset) {
    frame& f = *cur_;
    if (f.kind == frame_kind::skip) {
      if (f.count != 0) {
        --f.count;
        return !stopped_;
      }
      pop_frame();
      return !stopped_;
    }
    (void)offset;
    if (f.kind == frame_kind::structure) {
      finish_struct(f);
    } else if (f.kind == frame_kind::map && !rejected_entries_.empty()) {
      erase_rejected(top_);
    } else if (CONFORM_UNLIKELY(recycle_) && f.kind == frame_kind::array) {
      static_cast<array_desc const*>(f.desc)->truncate(f.target, f.kept);
    }
    slot self = f.self;
    position start = f.start;
    // A container that lost elements to rejection is not also judged as a whole (its size
    // would count the rejected ones as missing): one defect, one diagnostic.
    bool judge = f.kind == frame_kind::structure || f.rejected == 0;
    pop_frame();
    value_offset_ = start;
    if (judge && !run_rules(self.rules, self.target)) {
      reject_completed(self);
    }
    return !stopped_;
  }

  void finish_struct(frame& f) {
    auto const* sd = static_cast<struct_desc const*>(f.desc);
    if (CONFORM_UNLIKELY(recycle_)) {
      // Before the checks of the whole object, which must see this document's values only.
      reset_unset_members(f, sd);
    }
    std::uint64_t missing = sd->required_mask & ~f.present;
    if (CONFORM_UNLIKELY(missing != 0)) {
      report_missing(f, sd, missing);
    }
    if (sd->cross_rules != nullptr && !stopped_) {
      sd->cross_rules(*this, f.target);
    }
  }

  // Recycling: the members this document did not set (absent, or rejected: a rejected value
  // may not have touched the previous document's) go back to their defaults, as in a fresh
  // decode.
  CONFORM_COLD void reset_unset_members(frame const& f, struct_desc const* sd) {
    std::uint64_t const all =
        sd->count >= 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << sd->count) - 1;
    std::uint64_t unset = all & (~f.present | f.rejected);
    while (unset != 0) {
      std::uint32_t const i = lowest_bit(unset);
      unset &= unset - 1;
      member_desc const& m = sd->members[i];
      m.ops->reset(m.address(f.target));
    }
  }

  // The next element of array frame `f`: appended, or when recycling, the previous
  // document's element at this position (overwritten by what follows).
  CONFORM_ALWAYS_INLINE void* new_element(frame& f, array_desc const* ad) {
    if (CONFORM_UNLIKELY(recycle_)) {
      return ad->recycle(f.target, f.kept++);
    }
    return ad->emplace(f.target);
  }
  // Drops the element new_element() gave, which was rejected.
  void drop_element(frame& f, array_desc const* ad) {
    if (CONFORM_UNLIKELY(recycle_)) {
      --f.kept; // left in place for the next element, or truncated when the array closes
    } else {
      ad->pop(f.target);
    }
  }

  CONFORM_COLD void report_missing(frame& f, struct_desc const* sd, std::uint64_t missing) {
    for (std::uint32_t i = 0; i < sd->count && !stopped_; ++i) {
      if ((missing >> i) & 1u) {
        if (!keeping(severity::error)) {
          count_only(severity::error);
          continue;
        }
        std::string pointer = pointer_upto(top_ - 1, 1 + sd->names[i].size());
        append_pointer_key(pointer, sd->names[i]);
        std::string expected = concat({"member \"", sd->names[i], "\""});
        emit(error::missing_member, severity::error, std::move(pointer), std::move(expected),
             "no such member", f.start, member_path(top_, sd->names[i]));
      }
    }
  }

  CONFORM_ALWAYS_INLINE void structure_key(frame& f, std::string_view k, position offset) {
    auto const* sd = static_cast<struct_desc const*>(f.desc);
    std::int32_t index = find_member(sd, k, f.member);
    if (CONFORM_UNLIKELY(index < 0)) {
      return unknown_key(f, k, offset);
    }
    structure_member(f, sd, static_cast<std::uint32_t>(index), k, offset);
  }

  // The key `k` names member `i` of the struct of frame `f`.
  CONFORM_ALWAYS_INLINE void structure_member(frame& f, struct_desc const* sd, std::uint32_t i,
                                              std::string_view k, position offset) {
    member_desc const& m = sd->members[i];
    f.member = static_cast<std::int32_t>(i);
    std::uint64_t bit = std::uint64_t(1) << i;
    void* address = m.address(f.target);
    if (CONFORM_UNLIKELY(f.present & bit)) {
      if (!duplicate(offset, k)) {
        f.child_skipped = true;
        return;
      }
      m.ops->reset(address);
      // The last value wins: an earlier rejection of this member no longer applies (when
      // recycling, a member still marked rejected would be reset when the object closes).
      f.rejected &= ~bit;
    }
    f.present |= bit;
    f.child = slot{address, m.ops, m.rules};
    f.child_skipped = false;
  }

  CONFORM_COLD void unknown_key(frame& f, std::string_view k, position offset) {
    f.member = -2;
    if (keys_.size() <= top_) {
      keys_.resize(top_ + 1);
    }
    keys_[top_].assign(k.data(), k.size());
    f.child_skipped = true;
    // Duplicates among unknown keys are duplicates too.
    if (unknown_seen_.size() <= top_) {
      unknown_seen_.resize(top_ + 1);
    }
    seen_keys& seen = unknown_seen_[top_];
    if (seen.contains(k)) {
      duplicate(offset, k);
      return;
    }
    if (seen.size() < 1024) { // bounded: beyond this, repeats of unknown keys go unnoticed
      seen.add(k);
    }
    auto policy = options_.unknown_members;
    if (policy == unknown_member_policy::ignore) {
      return;
    }
    severity level = policy == unknown_member_policy::error ? severity::error : severity::warning;
    if (!keeping(level)) {
      return count_only(level);
    }
    auto const* sd = static_cast<struct_desc const*>(f.desc);
    std::string expected = concat({"one of the members of ", sd->type_name});
    std::string found;
    found.reserve(10 + std::min<std::size_t>(k.size(), 64));
    found += "member ";
    append_quoted(found, k);
    emit(error::unknown_member, level, pointer_upto(top_), std::move(expected), std::move(found),
         offset);
  }

  // Reports a repeated key; returns true when the new value should replace the old one.
  CONFORM_COLD bool duplicate(position offset, std::string_view k) {
    bool last_wins = options_.duplicate_keys == duplicate_key_policy::warning_last_wins;
    severity level = last_wins ? severity::warning : severity::error;
    if (keeping(level)) {
      std::string expected = "each key once per object";
      std::string found = "key ";
      append_quoted(found, k);
      found += last_wins ? " again (the last value is kept)" : " again (the first value is kept)";
      emit(error::duplicate_key, level, pointer_upto(top_), std::move(expected), std::move(found),
           offset, member_path(top_, {}));
    } else {
      count_only(level);
    }
    return last_wins;
  }

  void map_key(frame& f, std::string_view k, position offset) {
    auto const* md = static_cast<map_desc const*>(f.desc);
    std::string const* stored = nullptr;
    bool inserted = false;
    void* value = md->emplace(f.target, k, &stored, &inserted);
    f.map_key = stored;
    f.child_skipped = false;
    if (CONFORM_UNLIKELY(!inserted)) {
      if (!duplicate(offset, k)) {
        f.child_skipped = true;
        return;
      }
      md->element->reset(value);
      // The last value wins: an earlier rejection of this key no longer applies.
      for (auto& e : rejected_entries_) {
        if (e.first == top_ && e.second == stored) {
          e.second = nullptr;
        }
      }
    }
    f.child = slot{value, md->element, f.element_rules};
    f.value_pending = true;
  }

  // The scalar value of the pending member or map entry of `f`: skipped, or stored and
  // checked (store_scalar).
  CONFORM_ALWAYS_INLINE bool child_value(frame& f, scalar const& s) {
    if (CONFORM_UNLIKELY(f.child_skipped)) {
      check_skipped_scalar(s);
      f.child_skipped = false;
      return !stopped_;
    }
    store_scalar(f, f.child, s);
    return !stopped_;
  }

  // Stores and checks the scalar value of `f`'s member or entry `to`; a rejected value leaves
  // it absent (a map entry is erased when its map closes).
  CONFORM_ALWAYS_INLINE void store_scalar(frame& f, slot const& to, scalar const& s) {
    if (!assign(to.ops, to.target, s)) {
      mark_rejected(f);
      if (f.kind == frame_kind::map) {
        defer_erase(f);
      }
    } else if (!run_rules(to.rules, to.target)) {
      reject_completed(to);
    }
  }

  CONFORM_COLD bool object_too_large(position offset) {
    return limit_reached("at most " + std::to_string(options_.max_object_size) +
                             " members in one object (max_object_size)",
                         "more members", offset, limit_site::container);
  }

  CONFORM_COLD bool array_too_large(position offset) {
    return limit_reached("at most " + std::to_string(options_.max_array_size) +
                             " elements in one array (max_array_size)",
                         "more elements", offset, limit_site::container);
  }

  void check_skipped_scalar(scalar const& s) {
    double ignored = 0;
    if (s.k == scalar::kind::real && !exact_real(s, ignored)) {
      not_finite(s);
    }
  }

  // Stores a scalar through `ops`, unwrapping an optional: null disengages it (or is an
  // error under null_policy::error), anything else engages it, and a rejected value leaves
  // it disengaged.
  CONFORM_ALWAYS_INLINE bool assign(type_ops const* ops, void* target, scalar const& s) {
    if (ops->direct != direct_store::none && s.k == scalar::kind::string) {
      store_string(ops->direct, target, s.text);
      return true;
    }
    if (ops->inner == nullptr) {
      return ops->assign(*this, target, s);
    }
    if (s.k == scalar::kind::null) {
      ops->reset(target);
      if (CONFORM_UNLIKELY(options_.null_members == null_policy::error)) {
        type_mismatch(ops->inner->expected, s);
        return false;
      }
      return true;
    }
    if (ops->inner->assign(*this, ops->engage(target), s)) {
      return true;
    }
    ops->reset(target);
    return false;
  }

  // A string into std::string or std::optional<std::string>. One direct call per string,
  // with everything inlined into it (flatten): inlined into the parser instead, the string
  // constructors were left out of line by the compiler.
  CONFORM_NOINLINE CONFORM_FLATTEN static void store_string(direct_store how, void* target,
                                                            std::string_view text) {
    if (how == direct_store::optional_string) {
      auto* o = static_cast<std::optional<std::string>*>(target);
      if (CONFORM_LIKELY(!o->has_value())) {
        // Constructed engaged over the disengaged one (whose destruction would do nothing):
        // libstdc++'s emplace() is not inlined and first resets what is already empty.
        ::new (static_cast<void*>(o))
            std::optional<std::string>(std::in_place, text.data(), text.size());
        return;
      }
      target = &**o; // engaged: a repeated key whose last value wins
    }
    replace_string(*static_cast<std::string*>(target), text);
  }

  // `size_hint`: the element count announced by array_begin (0: unknown). It is capped by
  // max_array_size and 4096: a hint never makes the decoder allocate more than a few pages
  // ahead.
  CONFORM_ALWAYS_INLINE bool begin_container(slot const& s, bool object, std::size_t size_hint) {
    type_ops const* ops = s.ops;
    void* target = s.target;
    if (ops->inner != nullptr) {
      ops = ops->inner;
      target = s.ops->engage(target);
    }
    if (object && ops->structure != nullptr) {
      push_struct(target, ops->structure());
      return true;
    }
    if (!object && ops->array != nullptr) {
      array_desc const* ad = ops->array();
      if (std::size_t hint = std::min({size_hint, max_array_size_, std::size_t(4096)})) {
        ad->reserve(target, hint);
      }
      push_array(target, ad);
      return true;
    }
    bool accepted = object ? ops->begin_object(*this, target) : ops->begin_array(*this, target);
    if (!accepted && s.ops->inner != nullptr) {
      s.ops->reset(s.target); // disengage what was engaged for the value
    }
    return accepted;
  }

  // A map entry whose value was rejected is erased when its map closes (or decoding ends).
  CONFORM_COLD void defer_erase(frame& f) {
    if (f.map_key != nullptr) {
      rejected_entries_.emplace_back(top_of(f), f.map_key);
    }
    f.map_key = nullptr;
  }
  std::size_t top_of(frame const& f) const noexcept {
    return static_cast<std::size_t>(&f - frames_);
  }
  CONFORM_COLD void erase_rejected(std::size_t depth) {
    frame& f = frames_[depth];
    auto const* md = static_cast<map_desc const*>(f.desc);
    while (!rejected_entries_.empty() && rejected_entries_.back().first == depth) {
      md->erase(f.target, rejected_entries_.back().second);
      rejected_entries_.pop_back();
    }
  }

  // Records that the value being completed in frame `f` was rejected.
  static void mark_rejected(frame& f) noexcept {
    if (f.kind == frame_kind::structure) {
      if (f.member >= 0) {
        f.rejected |= std::uint64_t(1) << f.member;
      }
    } else {
      f.rejected = 1;
    }
  }

  std::uint64_t rejected_members() const noexcept override { return cur_->rejected; }

  // Runs the checks of a completed value; false when one of them reported an error.
  CONFORM_ALWAYS_INLINE bool run_rules(rule_set const* rules, void const* target) {
    if (rules == nullptr || rules->check == nullptr) {
      return true;
    }
    std::size_t before = out_.error_count();
    rules->check(*this, target);
    return out_.error_count() == before;
  }

  // A value that decoded but broke an error-severity constraint is not kept: the result holds
  // only values that passed (an optional member becomes absent, a required one default, an
  // array element or map entry is left out). Warnings keep the value.
  CONFORM_COLD void reject_completed(slot const& s) {
    frame& parent = *cur_;
    mark_rejected(parent);
    if (parent.kind == frame_kind::array) {
      drop_element(parent, static_cast<array_desc const*>(parent.desc));
    } else if (parent.kind == frame_kind::map) {
      defer_erase(parent);
    } else {
      s.ops->reset(s.target);
    }
  }

  // ---- diagnostics ----------------------------------------------------------------------

  bool keeping(severity) const noexcept { return out_.size() < options_.max_diagnostics; }

  void count_only(severity level) noexcept {
    out_.count(level);
    if (level == severity::error) {
      ++suppressed_errors_;
      if (options_.fail_fast) {
        stopped_ = true;
      }
    } else {
      ++suppressed_warnings_;
    }
  }

  void emit(error code, severity level, std::string pointer, std::string expected,
            std::string found, position offset, std::string member = {}) {
    if (member.empty() && code != error::syntax_error && code != error::limit_exceeded) {
      member = member_path(top_, {});
    }
    // Built in place: no diagnostic temporaries whose strings would be moved twice.
    std::vector<diagnostic>& items = out_.items();
    if (items.size() == items.capacity()) {
      grow_diagnostics(items);
    }
    diagnostic& d = items.emplace_back();
    out_.count(level);
    d.code = code;
    d.level = level;
    d.pointer = std::move(pointer);
    d.expected = std::move(expected);
    d.found = std::move(found);
    d.member = std::move(member);
    d.offset = from_text_ ? resolve_position(offset) : no_offset;
    if (level == severity::error && options_.fail_fast) {
      stopped_ = true;
    }
  }

  /// Room for more diagnostics: 1, 4, 16, ... (std::vector doubles), never more than the cap
  /// and its closing entry. The first stays one, so that a document with one warning makes
  /// one small allocation. One with hundreds of findings moves them a third as often (each
  /// move is four strings), and its fewer large reallocations make glibc merge its small
  /// freed blocks less often: 2.70M to 2.64M instructions on benchmarks' `errors`.
  CONFORM_COLD void grow_diagnostics(std::vector<diagnostic>& items) const {
    std::size_t const cap = options_.max_diagnostics + (options_.max_diagnostics < SIZE_MAX);
    std::size_t const want = std::min(std::max<std::size_t>(1, 4 * items.capacity()), cap);
    if (want > items.size()) {
      items.reserve(want);
    }
  }

  /// The pointer of the value being decoded (a child of the top frame).
  std::string value_pointer() const { return pointer_upto(top_); }

  // A member's name is a C++ identifier (Boost.Describe's), so it never holds the '~' or '/'
  // that a pointer escapes: only keys from the document (unknown members, map keys) are
  // scanned for them.
  enum class segment : unsigned char { none, name, key, index, stop };

  /// The pointer contributed by frames 1..last (each names its current child), with room
  /// for `spare` more bytes (a segment the caller appends).
  ///
  /// One allocation of the exact size and no per-character appends: every diagnostic
  /// carries a pointer, and building it was a third of what an unknown member cost when it
  /// grew segment by segment. A pointer that fits the buffer on the stack (nearly all do) is
  /// written there in one pass over the frames and copied once; a longer one is measured
  /// first, then written.
  std::string pointer_upto(std::size_t last, std::size_t spare = 0) const {
    std::size_t const end = std::min(last, top_);
    char buffer[256];
    char* out = buffer;
    bool const fits = each_segment(end, [&](segment s, std::string_view key, std::size_t index) {
      std::size_t const room = static_cast<std::size_t>(buffer + sizeof buffer - out);
      // Written only when the room left holds the segment's worst case.
      bool const room_enough = s == segment::name    ? key.size() < room
                               : s == segment::index ? room >= 21 // '/' and up to 20 digits
                               : s == segment::key   ? key.size() < room / 2 // all escaped
                                                     : true;
      if (room_enough) {
        out = write_segment(out, s, key, index);
      }
      return room_enough;
    });
    if (CONFORM_UNLIKELY(!fits)) {
      return measured_pointer(end, spare);
    }
    std::string p;
    p.reserve(static_cast<std::size_t>(out - buffer) + spare);
    p.append(buffer, out);
    return p;
  }

  /// pointer_upto for a pointer longer than its buffer: measured, then written in place.
  CONFORM_COLD std::string measured_pointer(std::size_t end, std::size_t spare) const {
    std::size_t size = 0;
    each_segment(end, [&](segment s, std::string_view key, std::size_t index) {
      size += s == segment::name    ? 1 + key.size()
              : s == segment::key   ? pointer_key_size(key)
              : s == segment::index ? pointer_index_size(index)
                                    : 0;
      return true;
    });
    std::string p;
    p.reserve(size + spare);
    p.resize(size);
    char* out = p.data();
    each_segment(end, [&](segment s, std::string_view key, std::size_t index) {
      out = write_segment(out, s, key, index);
      return true;
    });
    return p;
  }

  /// Calls `f(segment, key, index)` for what frames 1..end add to a pointer, up to a
  /// scalar frame; false when `f` returned false and ended the walk.
  template <class F>
  bool each_segment(std::size_t end, F&& f) const {
    for (std::size_t i = 1; i <= end; ++i) {
      std::string_view key;
      std::size_t index = 0;
      segment s = segment_of(i, key, index);
      if (s == segment::stop) {
        break;
      }
      if (!f(s, key, index)) {
        return false;
      }
    }
    return true;
  }

  /// Writes one segment at `out` (room for it) and returns the end.
  static char* write_segment(char* out, segment s, std::string_view key, std::size_t index) {
    switch (s) {
    case segment::name:
      *out++ = '/';
      std::memcpy(out, key.data(), key.size());
      return out + key.size();
    case segment::key:
      return write_pointer_key(out, key);
    case segment::index:
      return write_pointer_index(out, index);
    default:
      return out;
    }
  }

  /// What frame `i` adds to a pointer: its current member's name or entry's key, its current
  /// element's index, nothing yet, or (a scalar frame) the end of the pointer.
  segment segment_of(std::size_t i, std::string_view& key, std::size_t& index) const {
    frame const& f = frames_[i];
    switch (f.kind) {
    case frame_kind::structure:
      if (f.member >= 0) {
        key = static_cast<struct_desc const*>(f.desc)->names[std::size_t(f.member)];
        return segment::name;
      }
      if (f.member == -2) {
        key = keys_[i];
        return segment::key;
      }
      return segment::none;
    case frame_kind::map:
      if (f.map_key != nullptr) {
        key = *f.map_key;
        return segment::key;
      }
      return segment::none;
    case frame_kind::array:
      if (f.count != 0) {
        index = f.count - 1;
        return segment::index;
      }
      return segment::none;
    default:
      return segment::stop;
    }
  }

  /// "type::member" of the innermost struct member at or below frame `last`.
  std::string member_path(std::size_t last, std::string_view member) const {
    for (std::size_t i = std::min(last, top_); i >= 1; --i) {
      frame const& f = frames_[i];
      if (f.kind == frame_kind::structure) {
        auto const* sd = static_cast<struct_desc const*>(f.desc);
        std::string_view name = member;
        if (name.empty() && f.member >= 0) {
          name = sd->names[std::size_t(f.member)];
        }
        if (name.empty()) {
          return std::string(sd->type_name);
        }
        return concat({sd->type_name, "::", name});
      }
      if (f.kind == frame_kind::skip) {
        return {};
      }
      member = {};
    }
    return {};
  }

  static bool is_plain_integer_token(scalar const& s) noexcept {
    if (s.text.empty()) {
      // From a DOM: an integral double too large for 64 bits overflows; others are reals.
      // (Every double of that size is integral: past 2^53 their spacing exceeds 1.)
      return is_finite(s.d) && (s.d >= 9.2e18 || s.d <= -9.2e18);
    }
    return s.text.find_first_of(".eE") == std::string_view::npos;
  }

  static void describe_number(std::string& out, scalar const& s) {
    if (!s.text.empty()) {
      if (s.text.size() > 64) {
        out.append(s.text.data(), 40);
        out += "... (";
        append_integer(out, s.text.size());
        out += " digits)";
      } else {
        out.append(s.text.data(), s.text.size());
      }
      return;
    }
    switch (s.k) {
    case scalar::kind::int64:
      append_integer(out, s.i);
      break;
    case scalar::kind::uint64:
      append_integer(out, s.u);
      break;
    default:
      if (is_finite(s.d)) {
        append_double(out, s.d);
      } else {
        out += s.d > 0 ? "infinity" : s.d < 0 ? "-infinity" : "NaN";
      }
    }
  }

  /// The found text of an integer that does not fit. A DOM holds an integer literal beyond 64
  /// bits as the nearest double, which prints as an integer that may sit on the boundary
  /// (-9223372036854775809 becomes -9223372036854775808.0, -2^63, which would fit): said to
  /// be a double, so that the text does not contradict the range it is reported against.
  static void describe_overflow(std::string& out, scalar const& s) {
    describe_number(out, s);
    if (s.text.empty() && s.k == scalar::kind::real) {
      out += " (a double: the DOM keeps no integer beyond 64 bits)";
    }
  }

  static void describe_scalar(std::string& out, scalar const& s) {
    switch (s.k) {
    case scalar::kind::string:
      out += "string ";
      append_quoted(out, s.text);
      break;
    case scalar::kind::boolean:
      out += s.b ? "true" : "false";
      break;
    case scalar::kind::null:
      out += "null";
      break;
    default:
      out += "number ";
      describe_number(out, s);
    }
  }

  decode_options const& options_;
  diagnostics& out_;
  // Copies of the limits tested on every key and element, one load away.
  std::size_t max_object_size_;
  std::size_t max_array_size_;
  std::string_view text_;
  bool from_text_ = false;
  bool recycle_ = false; // see recycle_storage()
  // Map entries whose value was rejected, erased when their map closes: kept until then so
  // that a repeated key is still recognised as a duplicate.
  std::vector<std::pair<std::size_t, std::string const*>> rejected_entries_;
  frame inline_frames_[inline_frames];
  frame* frames_ = inline_frames_;
  frame* cur_ = inline_frames_; // frames_ + top_: the innermost frame, one load away
  std::size_t frame_capacity_ = inline_frames;
  std::vector<frame> heap_frames_;      // a vector, not unique_ptr<frame[]>: see is_finite()
  std::vector<std::string> keys_;       // unknown key per depth (lazy)
  std::vector<seen_keys> unknown_seen_; // unknown keys per open struct (lazy)
  std::size_t top_ = 0;
  std::size_t max_depth_ = 64;
  slot pending_;
  position pending_start_ = no_position;
  position value_offset_ = no_position;
  std::size_t suppressed_errors_ = 0;
  std::size_t suppressed_warnings_ = 0;
  bool stopped_ = false;
};

} // namespace conform::detail

#endif // CONFORM_DETAIL_DECODER_HPP
