// conform fuzzing: what every harness shares. The input framing (option bytes), the failure
// report, and the invariants a decode result must satisfy whatever the input. A harness that
// finds a broken invariant prints what broke and the input to stderr, then calls abort(), so
// that libFuzzer (and the replay driver) report a crash and keep the input.
#ifndef CONFORM_FUZZ_HARNESS_HPP
#define CONFORM_FUZZ_HARNESS_HPP

#include <conform/decode.hpp>
#include <conform/decode_value.hpp>
#include <conform/decode_options.hpp>
#include <conform/detail/locate.hpp>
#include <conform/diagnostic.hpp>
#include <conform/encode.hpp>
#include <conform/error.hpp>
#include <conform/json_pointer.hpp>
#include <conform/render.hpp>
#include <conform/validate.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <vector>

namespace conform_fuzz {

/// What the current execution is checking; printed when an invariant breaks.
struct context {
  std::string_view harness;
  std::string_view text; // the document (after the option bytes)
  std::string options;   // the options in words
};

inline context& current() {
  static context c;
  return c;
}

/// Appends `s` escaped for a one-line report, cut at `limit` bytes.
inline void append_escaped(std::string& out, std::string_view s, std::size_t limit = 2000) {
  static constexpr char hex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < s.size() && i < limit; ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '\\') {
      out += "\\\\";
    } else if (c >= 0x20 && c < 0x7F) {
      out.push_back(static_cast<char>(c));
    } else {
      out += "\\x";
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 0xF]);
    }
  }
  if (s.size() > limit) {
    out += "... (" + std::to_string(s.size()) + " bytes)";
  }
}

/// Reports a broken invariant and aborts. Never returns, never throws.
[[noreturn]] inline void fail(std::string_view what, std::string_view detail = {}) {
  std::string report = "\n*** conform fuzz invariant broken (";
  report += current().harness;
  report += "): ";
  report += what;
  report += "\n*** options: ";
  report += current().options;
  report += "\n*** input:   ";
  append_escaped(report, current().text);
  report += "\n";
  if (!detail.empty()) {
    report += detail;
    report += "\n";
  }
  std::fputs(report.c_str(), stderr);
  std::fflush(stderr);
  std::abort();
}

inline void check(bool condition, std::string_view what) {
  if (!condition) {
    fail(what);
  }
}

/// Checks `condition`; `detail` (a callable returning a string) runs only on failure, so the
/// report may be as expensive as it likes without slowing the fuzzer down.
template <class Detail>
void check(bool condition, std::string_view what, Detail const& detail) {
  if (!condition) {
    fail(what, detail());
  }
}

// ---- input framing ---------------------------------------------------------------------

/** One fuzz input: the document and the options to decode it with.

    An input whose first byte is >= 0x80 carries two option bytes before the document (a
    JSON text can never start with such a byte, so a plain JSON seed is decoded with the
    default options and stays readable). Boost.JSON's fuzz_parser takes its options the same
    way, so one harness covers the whole option space:

    byte 0: bit 7 marker (1); bits 0-1 unknown members (ignore, warning, error, warning);
            bit 2 duplicate keys warning_last_wins; bit 3 null_policy::error; bit 4
            open_enum_policy::error; bit 5 fail_fast; bit 6 max_string_bytes = 4
    byte 1: bits 0-2 max_diagnostics (0, 1, 2, 3, 5, 8, 32, 100); bits 3-4 max_depth
            (64, 1, 3, 5000 i.e. the 1000 ceiling); bits 5-6 max_array_size and
            max_object_size (default, 0, 1, 3); bit 7 max_input_bytes = 128
*/
struct input {
  std::string_view text;
  conform::decode_options options;
};

inline std::string describe(conform::decode_options const& o) {
  std::ostringstream os;
  os << "unknown_members=" << static_cast<int>(o.unknown_members)
     << " duplicate_keys=" << static_cast<int>(o.duplicate_keys)
     << " null_members=" << static_cast<int>(o.null_members)
     << " unknown_open_enum_values=" << static_cast<int>(o.unknown_open_enum_values)
     << " max_diagnostics=" << o.max_diagnostics << " fail_fast=" << o.fail_fast
     << " max_depth=" << o.max_depth << " max_input_bytes=" << o.max_input_bytes
     << " max_string_bytes=" << o.max_string_bytes << " max_array_size=" << o.max_array_size
     << " max_object_size=" << o.max_object_size;
  return os.str();
}

inline input read_input(char const* data, std::size_t size) {
  input in;
  in.text = std::string_view(data, size);
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(data[i]); };
  if (size >= 2 && byte(0) >= 0x80) {
    unsigned b0 = byte(0);
    unsigned b1 = byte(1);
    in.text.remove_prefix(2);
    auto& o = in.options;
    static constexpr conform::unknown_member_policy unknown[] = {
        conform::unknown_member_policy::ignore, conform::unknown_member_policy::warning,
        conform::unknown_member_policy::error, conform::unknown_member_policy::warning};
    o.unknown_members = unknown[b0 & 3u];
    if (b0 & 4u) {
      o.duplicate_keys = conform::duplicate_key_policy::warning_last_wins;
    }
    if (b0 & 8u) {
      o.null_members = conform::null_policy::error;
    }
    if (b0 & 16u) {
      o.unknown_open_enum_values = conform::open_enum_policy::error;
    }
    o.fail_fast = (b0 & 32u) != 0;
    if (b0 & 64u) {
      o.max_string_bytes = 4;
    }
    static constexpr std::size_t diagnostics[] = {0, 1, 2, 3, 5, 8, 32, 100};
    o.max_diagnostics = diagnostics[b1 & 7u];
    static constexpr std::size_t depths[] = {64, 1, 3, 5000};
    o.max_depth = depths[(b1 >> 3) & 3u];
    static constexpr std::size_t sizes[] = {0, 0, 1, 3};
    if ((b1 >> 5) & 3u) {
      o.max_array_size = o.max_object_size = sizes[(b1 >> 5) & 3u];
    }
    if (b1 & 128u) {
      o.max_input_bytes = 128;
    }
  }
  current().text = in.text;
  current().options = describe(in.options);
  return in;
}

/// The input in a buffer of exactly its size, so that AddressSanitizer catches a read one
/// byte past the end (the replay driver's buffers are larger than the files they hold).
class exact_copy {
public:
  exact_copy(std::uint8_t const* data, std::size_t size)
      : bytes_(new char[size == 0 ? 1 : size]), size_(size) {
    if (size != 0) {
      std::memcpy(bytes_.get(), data, size);
    }
  }
  char const* data() const noexcept { return bytes_.get(); }
  std::size_t size() const noexcept { return size_; }

private:
  std::unique_ptr<char[]> bytes_;
  std::size_t size_;
};

// ---- JSON --------------------------------------------------------------------------------

/// The deepest DOM the harnesses build: the decoder's own ceiling. Deeper texts are not
/// parsed, so no walk over a DOM (ours, Boost's destructor) can exhaust the stack.
inline constexpr std::size_t dom_max_depth = conform::max_depth_ceiling;

/// Parses `text` as Boost.JSON does by default (strict RFC 8259), up to dom_max_depth.
inline std::optional<boost::json::value> parse_dom(std::string_view text,
                                                   boost::system::error_code& ec) {
  boost::json::parse_options po;
  po.max_depth = dom_max_depth;
  boost::json::value v =
      boost::json::parse(boost::json::string_view(text.data(), text.size()), ec, {}, po);
  if (ec) {
    return std::nullopt;
  }
  return v;
}

/// Counts the members of every object in `v` (to detect keys Boost.JSON merged).
inline std::size_t count_members(boost::json::value const& v) {
  std::size_t n = 0;
  if (auto const* o = v.if_object()) {
    n += o->size();
    for (auto const& kv : *o) {
      n += count_members(kv.value());
    }
  } else if (auto const* a = v.if_array()) {
    for (auto const& e : *a) {
      n += count_members(e);
    }
  }
  return n;
}

/// True when `v` holds a double anywhere (their text and DOM conversions may differ by an ulp).
inline bool has_double(boost::json::value const& v) {
  if (v.is_double()) {
    return true;
  }
  if (auto const* o = v.if_object()) {
    for (auto const& kv : *o) {
      if (has_double(kv.value())) {
        return true;
      }
    }
  } else if (auto const* a = v.if_array()) {
    for (auto const& e : *a) {
      if (has_double(e)) {
        return true;
      }
    }
  }
  return false;
}

/// A basic_parser handler that records two facts the DOM hides: how many keys the text has
/// (Boost.JSON's DOM keeps one member per repeated key, so more keys than DOM members means a
/// key repeats), and whether Boost.JSON 1.81 converted some number differently from a
/// correctly rounded reading of its token (it is an ulp off on many 17-digit inputs, reads
/// 0e400 as NaN, and "-0" as the integer 0). The text front end re-reads tokens exactly, the
/// DOM cannot.
struct text_facts {
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);
  std::size_t keys = 0;
  bool misread_double = false;
  using ec_t = boost::system::error_code;
  using sv = boost::json::string_view;
  bool on_document_begin(ec_t&) { return true; }
  bool on_document_end(ec_t&) { return true; }
  bool on_object_begin(ec_t&) { return true; }
  bool on_object_end(std::size_t, ec_t&) { return true; }
  bool on_array_begin(ec_t&) { return true; }
  bool on_array_end(std::size_t, ec_t&) { return true; }
  bool on_key_part(sv, std::size_t, ec_t&) { return true; }
  bool on_key(sv, std::size_t, ec_t&) {
    ++keys;
    return true;
  }
  bool on_string_part(sv, std::size_t, ec_t&) { return true; }
  bool on_string(sv, std::size_t, ec_t&) { return true; }
  bool on_number_part(sv, ec_t&) { return true; }
  bool on_int64(std::int64_t i, sv raw, ec_t&) {
    // "-0" is the integer 0 in the DOM; the text front end keeps the sign for a double.
    if (i == 0 && !raw.empty() && raw[0] == '-') {
      misread_double = true;
    }
    return true;
  }
  bool on_uint64(std::uint64_t, sv, ec_t&) { return true; }
  bool on_double(double d, sv raw, ec_t&) {
    double exact = 0;
    auto r = std::from_chars(raw.data(), raw.data() + raw.size(), exact);
    if (r.ec == std::errc() && !(exact == d)) { // NaN compares unequal too
      misread_double = true;
    }
    return true;
  }
  bool on_bool(bool, ec_t&) { return true; }
  bool on_null(ec_t&) { return true; }
  bool on_comment_part(sv, ec_t&) { return true; }
  bool on_comment(sv, ec_t&) { return true; }
};

struct dom_facts {
  bool repeated_keys = false;  ///< some object of the text repeats a key
  bool misread_double = false; ///< Boost.JSON converted some number inexactly (or "-0")
};

/// The facts of the (valid) text `text`, whose DOM is `dom`.
inline dom_facts scan_text(std::string_view text, boost::json::value const& dom) {
  boost::json::parse_options po;
  po.max_depth = dom_max_depth;
  boost::json::basic_parser<text_facts> p(po);
  boost::system::error_code ec;
  p.write_some(false, text.data(), text.size(), ec);
  check(!ec, "the text scan rejects a text boost::json::parse accepted");
  dom_facts f;
  f.repeated_keys = p.handler().keys != count_members(dom);
  f.misread_double = p.handler().misread_double;
  return f;
}

// ---- invariants of a decode result -------------------------------------------------------

inline std::string show(conform::diagnostics const& ds) {
  std::string out = "*** diagnostics (" + std::to_string(ds.size()) + " kept, " +
                    std::to_string(ds.error_count()) + " errors, " +
                    std::to_string(ds.warning_count()) + " warnings):\n";
  for (auto const& d : ds) {
    std::string line = conform::to_string(d);
    out += "    ";
    append_escaped(out, line, 400);
    out += " (offset ";
    out +=
        d.offset == conform::diagnostic::no_offset ? std::string("none") : std::to_string(d.offset);
    out += ")\n";
  }
  return out;
}

/// Valid UTF-8 (shortest forms, no surrogates, at most U+10FFFF) without raw C0 controls or DEL.
inline bool clean_text(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7F) {
        return false;
      }
      ++i;
      continue;
    }
    std::size_t n = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) {
      return false;
    }
    std::uint32_t cp = c & (0x7Fu >> n);
    for (std::size_t k = 1; k < n; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0u) != 0x80u) {
        return false;
      }
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    std::uint32_t least = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
    if (cp < least || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += n;
  }
  return true;
}

/// Codes whose severity is always error, whatever the options and annotations.
inline bool always_error(conform::error e) {
  using conform::error;
  switch (e) {
  case error::syntax_error:
  case error::type_mismatch:
  case error::missing_member:
  case error::integer_overflow:
  case error::not_integer:
  case error::limit_exceeded:
  case error::out_of_memory:
    return true;
  default:
    return false;
  }
}

/// Reads "N more (E errors, W warnings)" (or "1 error", "1 warning"), the found text of
/// too_many_diagnostics.
inline bool parse_suppressed(std::string const& found, std::size_t& n, std::size_t& e,
                             std::size_t& w) {
  std::string_view rest = found;
  auto number = [&](std::size_t& out) {
    auto r = std::from_chars(rest.data(), rest.data() + rest.size(), out);
    if (r.ec != std::errc()) {
      return false;
    }
    rest.remove_prefix(static_cast<std::size_t>(r.ptr - rest.data()));
    return true;
  };
  auto word = [&](std::string_view w1, std::string_view w2) {
    for (auto w : {w1, w2}) {
      if (rest.substr(0, w.size()) == w) {
        rest.remove_prefix(w.size());
        return true;
      }
    }
    return false;
  };
  return number(n) && word(" more (", " more (") && number(e) && word(" errors, ", " error, ") &&
         number(w) && word(" warnings)", " warning)") && rest.empty();
}

/** Checks what must hold of any decode's diagnostics, whatever the input.

    `text` is the decoded text, or nullptr-like (from_text = false) for the DOM front end.
*/
template <class Result>
void check_result(Result const& r, conform::decode_options const& o, std::string_view text,
                  bool from_text) {
  using conform::diagnostic;
  using conform::error;
  using conform::severity;
  auto const& ds = r.diagnostics;
  auto why = [&] { return show(ds); };
  bool oom = false;
  std::size_t kept_errors = 0;
  std::size_t kept_warnings = 0;
  std::size_t syntax = 0;
  std::size_t limits = 0;
  bool stopped = false; // a syntax error or a limit ended the decode
  for (std::size_t i = 0; i < ds.size(); ++i) {
    diagnostic const& d = ds[i];
    check(d.level == severity::error || d.level == severity::warning, "severity out of range", why);
    bool known_code = false;
    for (error e : conform::all_errors) {
      known_code = known_code || e == d.code;
    }
    check(known_code, "code out of range", why);
    if (d.code == error::out_of_memory) {
      oom = true;
      continue;
    }
    if (d.code == error::too_many_diagnostics) {
      check(i + 1 == ds.size(), "too_many_diagnostics is not the last diagnostic", why);
      continue;
    }
    check(!stopped, "a diagnostic follows the syntax error or limit that ended the decode", why);
    (d.level == severity::error ? kept_errors : kept_warnings)++;
    if (always_error(d.code)) {
      check(d.level == severity::error, "a diagnostic of an error-only code is a warning", why);
    }
    if (d.code == error::syntax_error) {
      check(from_text, "syntax_error from the DOM front end", why);
      ++syntax;
      stopped = true;
    }
    if (d.code == error::limit_exceeded) {
      ++limits;
      stopped = true;
    }
    if (d.code == error::unknown_member) {
      check(o.unknown_members != conform::unknown_member_policy::ignore,
            "unknown_member reported under unknown_member_policy::ignore", why);
      check((d.level == severity::error) ==
                (o.unknown_members == conform::unknown_member_policy::error),
            "unknown_member severity does not follow the policy", why);
    }
    if (d.code == error::duplicate_key) {
      check(from_text, "duplicate_key from the DOM front end", why);
      check((d.level == severity::warning) ==
                (o.duplicate_keys == conform::duplicate_key_policy::warning_last_wins),
            "duplicate_key severity does not follow the policy", why);
    }
    if (d.code == error::unknown_enum_value &&
        o.unknown_open_enum_values == conform::open_enum_policy::error) {
      check(d.level == severity::error, "unknown_enum_value is a warning under policy error", why);
    }
    // The pointer is an RFC 6901 pointer.
    check(conform::split_pointer(d.pointer).has_value(), "malformed JSON Pointer", why);
    // Position: every text finding has one and it lies in the text; a DOM has no positions.
    if (from_text) {
      check(d.offset != diagnostic::no_offset, "a text diagnostic without an offset", why);
      check(d.offset <= text.size(), "offset past the end of the input", why);
      check(d.line >= 1 && d.column >= 1, "line or column below 1", why);
      // locate() walks the text from the start: an independent check of the one-pass
      // resolution, for the first few diagnostics only (it is linear in the offset).
      if (i < 16) {
        auto pos = conform::detail::locate(text, d.offset);
        check(d.line == pos.line && d.column == pos.column,
              "line:column disagree with the offset (locate)", why);
      }
      // A number the text spells finitely is never "not finite": the text front end must
      // read tokens exactly (Boost.JSON 1.81 alone reads 0e400 as NaN).
      if (d.code == error::out_of_range && d.expected == "a finite number" &&
          d.offset < text.size()) {
        auto number_char = [](char c) {
          return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
        };
        std::size_t end = d.offset;
        while (end < text.size() && number_char(text[end])) {
          ++end;
        }
        double v = 0;
        auto res = std::from_chars(text.data() + d.offset, text.data() + end, v);
        bool finite = res.ec == std::errc() && res.ptr == text.data() + end && std::isfinite(v);
        check(!finite, "a finite number is reported as not finite", why);
      }
    } else {
      check(d.offset == diagnostic::no_offset && d.line == 0 && d.column == 0,
            "a DOM diagnostic with a position", why);
    }
    // Quoted input is escaped: never raw control characters or invalid UTF-8 in messages.
    check(clean_text(d.expected), "raw control character or invalid UTF-8 in expected", why);
    check(clean_text(d.found), "raw control character or invalid UTF-8 in found", why);
    check(clean_text(d.member), "raw control character or invalid UTF-8 in member", why);
  }
  check(syntax <= 1, "more than one syntax_error", why);
  check(limits <= 1, "more than one limit_exceeded", why);

  // Counts: the kept list, plus what too_many_diagnostics says was left out.
  std::size_t suppressed_errors = 0;
  std::size_t suppressed_warnings = 0;
  bool capped = !ds.empty() && ds.back().code == error::too_many_diagnostics;
  if (capped) {
    std::size_t n = 0;
    check(parse_suppressed(ds.back().found, n, suppressed_errors, suppressed_warnings),
          "too_many_diagnostics does not say what it left out", why);
    check(n == suppressed_errors + suppressed_warnings && n != 0,
          "too_many_diagnostics: total is not errors + warnings", why);
    check((ds.back().level == severity::error) == (suppressed_errors != 0),
          "too_many_diagnostics severity does not match what it left out", why);
    if (!oom) {
      check(ds.size() - 1 == o.max_diagnostics,
            "too_many_diagnostics although the list is not full", why);
    }
  }
  if (!oom) {
    check(ds.size() <= o.max_diagnostics + 1, "more than max_diagnostics + 1 diagnostics", why);
    check(ds.error_count() == kept_errors + suppressed_errors,
          "error_count() disagrees with the list", why);
    check(ds.warning_count() == kept_warnings + suppressed_warnings,
          "warning_count() disagrees with the list", why);
  }
  bool any_error = kept_errors != 0 || suppressed_errors != 0 || oom;
  check(r.ok() == !any_error, "ok() disagrees with the error diagnostics", why);
  check(r.ok() == (ds.error_count() == 0), "ok() disagrees with error_count()", why);

  // Rendering never throws (an escaping exception is a crash) and never echoes control
  // characters; the JSON form is valid JSON.
  // The one-line form goes to logs and into decode_error::what(): it must not carry the
  // control characters a key can hold ("\u001b[31m"), robustness.md H25.
  std::string plain = conform::to_string(ds);
  for (auto const& d : ds) {
    (void)d.message();
    check(clean_text(conform::to_string(d)),
          "to_string(diagnostic) writes a control character or invalid UTF-8", why);
  }
  std::ostringstream os;
  conform::render_text(os, ds, text, "input.json");
  std::string rendered = os.str();
  std::size_t line_start = 0;
  for (std::size_t i = 0; i <= rendered.size(); ++i) {
    if (i == rendered.size() || rendered[i] == '\n') {
      check(clean_text(std::string_view(rendered).substr(line_start, i - line_start)),
            "render_text wrote a control character or invalid UTF-8", [&] { return rendered; });
      line_start = i + 1;
    }
  }
  // The JSON form is valid JSON and carries each diagnostic's code and pointer unchanged
  // (pointers are valid UTF-8: the parser validated every key they are made of).
  std::ostringstream js;
  conform::render_json(js, ds);
  boost::system::error_code ec;
  auto rendered_json = js.str();
  boost::json::value parsed = boost::json::parse(rendered_json, ec);
  check(!ec, "render_json wrote invalid JSON", [&] { return rendered_json; });
  auto const* list = parsed.if_array();
  check(list != nullptr && list->size() == ds.size(),
        "render_json wrote a different number of diagnostics", [&] { return rendered_json; });
  for (std::size_t i = 0; i < ds.size(); ++i) {
    auto const* item = (*list)[i].if_object();
    auto const* code = item ? item->if_contains("code") : nullptr;
    auto const* pointer = item ? item->if_contains("pointer") : nullptr;
    bool same = code != nullptr && code->is_string() && pointer != nullptr &&
                pointer->is_string() && code->get_string() == conform::to_string(ds[i].code) &&
                pointer->get_string() == ds[i].pointer;
    check(same, "render_json changed a code or a pointer", [&] { return rendered_json; });
  }
}

/// Codes whose pointer names the value concerned, so it must exist in the document.
inline bool pointer_names_value(conform::error e) {
  using conform::error;
  switch (e) {
  case error::type_mismatch:
  case error::out_of_range:
  case error::integer_overflow:
  case error::not_integer:
  case error::length_out_of_range:
  case error::invalid_character:
  case error::unknown_enum_value:
  case error::invalid_value:
  case error::unknown_member:
  case error::duplicate_key:
    return true;
  default:
    return false;
  }
}

/// The pointer without its last reference token ("" stays "").
inline std::string_view parent_pointer(std::string_view p) {
  auto slash = p.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : p.substr(0, slash);
}

/// Every pointer resolves in the document the diagnostics are about (a member that is
/// missing, or blamed by a cross-member rule, at least has its object there).
inline void check_pointers(conform::diagnostics const& ds, boost::json::value const& dom) {
  for (auto const& d : ds) {
    if (pointer_names_value(d.code)) {
      check(conform::resolve_pointer(dom, d.pointer) != nullptr,
            "a diagnostic pointer does not resolve in the document", [&] { return show(ds); });
    } else if (d.code == conform::error::missing_member ||
               d.code == conform::error::cross_member_rule) {
      auto const* parent = conform::resolve_pointer(dom, parent_pointer(d.pointer));
      bool ok = (parent != nullptr && parent->is_object()) ||
                (d.code == conform::error::cross_member_rule &&
                 conform::resolve_pointer(dom, d.pointer) != nullptr);
      check(ok, "the object of a missing member or cross-member rule does not resolve",
            [&] { return show(ds); });
    }
  }
}

/// Text and Boost.JSON agree on what is JSON: a text Boost.JSON parses is no syntax error;
/// one it rejects is, unless the decode stopped earlier (limit, fail_fast, the cap).
inline void check_syntax_agreement(conform::diagnostics const& ds, conform::decode_options const& o,
                                   bool parsed, boost::system::error_code const& ec) {
  bool syntax = false;
  bool limit = false;
  for (auto const& d : ds) {
    syntax = syntax || d.code == conform::error::syntax_error;
    limit = limit || d.code == conform::error::limit_exceeded;
  }
  if (parsed) {
    check(!syntax, "syntax_error for a text boost::json::parse accepts", [&] { return show(ds); });
    return;
  }
  bool stopped_early = limit || o.fail_fast || ds.size() >= o.max_diagnostics;
  if (ec == boost::json::error::too_deep) {
    // Deeper than dom_max_depth: the decoder's own max_depth (<= the same ceiling) fires.
    check(stopped_early, "no limit_exceeded for a text nested deeper than the depth ceiling",
          [&] { return show(ds); });
    return;
  }
  if (ec == boost::json::error::exponent_overflow) {
    // Valid JSON grammar that Boost.JSON's parser gives up on (1e2147483648); conform reads
    // the number and judges it (out_of_range, or zero for a huge negative exponent), so
    // Boost's verdict says nothing about the rest of the text.
    return;
  }
  check(syntax || stopped_early, "no syntax_error for a text boost::json::parse rejects",
        [&] { return show(ds) + "*** boost: " + ec.message(); });
}

/// Decoding what was encoded succeeds and encodes to the same text.
template <class T>
void check_round_trip(T const& value, conform::decode_options o) {
  std::string once = conform::encode(value);
  o.max_input_bytes = std::size_t(-1); // the encoded text may be longer (escapes)
  auto again = conform::decode<T>(std::string_view(once), o);
  check(again.ok(), "decode(encode(value)) is not ok",
        [&] { return once + "\n" + show(again.diagnostics); });
  std::string twice = conform::encode(again.value);
  check(once == twice, "encode(decode(encode(value))) differs from encode(value)",
        [&] { return "*** once:  " + once + "\n*** twice: " + twice; });
}

/** validate() applies the decoder's constraints and cross-member rules to a typed value, so
    on a value decode() accepted it finds no error, and nothing the decode did not report
    (the decode also reports what validate() cannot see: unknown members, repeated keys). */
template <class T>
void check_validate(conform::decode_result<T> const& r, conform::decode_options o) {
  if (!r.ok() || (!r.diagnostics.empty() &&
                  r.diagnostics.back().code == conform::error::too_many_diagnostics)) {
    return;
  }
  o.max_diagnostics = std::size_t(-1);
  conform::diagnostics v = conform::validate(r.value, o);
  auto both = [&] { return "*** decode:\n" + show(r.diagnostics) + "*** validate:\n" + show(v); };
  check(!v.has_errors(), "validate() finds an error in a value decode() accepted", both);
  using entry = std::tuple<int, int, std::string>;
  std::vector<entry> decoded;
  std::vector<entry> validated;
  for (auto const& d : r.diagnostics) {
    decoded.emplace_back(static_cast<int>(d.code), static_cast<int>(d.level), d.pointer);
  }
  for (auto const& d : v) {
    validated.emplace_back(static_cast<int>(d.code), static_cast<int>(d.level), d.pointer);
  }
  std::sort(decoded.begin(), decoded.end());
  std::sort(validated.begin(), validated.end());
  check(std::includes(decoded.begin(), decoded.end(), validated.begin(), validated.end()),
        "validate() reports (code, severity, pointer) the decode did not", both);
}

/** decode_into recycles the storage of an object that holds a previous document, and must
    end exactly as the fresh decode `r` of `input` (the document `text`, or its DOM): same
    value (compared through encode), same diagnostics. Run over two previous documents: the
    input itself (reproducible from the input alone) and the previous input of this process,
    kept in a static object per front end, which gives the pairs variety; a failure then
    prints that previous input as well. */
template <class T, class Input>
void check_recycled(conform::decode_result<T> const& r, Input const& input, std::string_view text,
                    conform::decode_options const& o) {
  static T reused;             // what the previous input left
  static std::string previous; // that input's text
  std::string const expected = conform::encode(r.value);
  auto compare = [&](T const& value, conform::diagnostics const& ds, std::string_view over) {
    auto both = [&] {
      std::string out = "*** previous document: ";
      append_escaped(out, over);
      out += "\n*** decode:\n" + show(r.diagnostics) + "*** decode_into:\n" + show(ds);
      out += "*** decode value:      " + expected +
             "\n*** decode_into value: " + conform::encode(value);
      return out;
    };
    check(ds == r.diagnostics, "decode_into's diagnostics differ from decode's", both);
    check(conform::encode(value) == expected, "decode_into's value differs from decode's", both);
  };
  T self;
  conform::decode_into(self, input, o);
  compare(self, conform::decode_into(self, input, o), text);
  compare(reused, conform::decode_into(reused, input, o), previous);
  previous.assign(text.data(), text.size());
}

/** The text harness of one type: decode the text, check every invariant of the result, then
    those that need the document (pointers resolve, syntax agreement) and the round trip. */
template <class T>
void run_text_harness(std::string_view harness, std::uint8_t const* data, std::size_t size) {
  current().harness = harness;
  exact_copy copy(data, size);
  input in = read_input(copy.data(), copy.size());
  // The non-throwing entry point, with no try/catch: an exception escaping it is a bug.
  auto r = conform::decode<T>(in.text, in.options);
  check_result(r, in.options, in.text, true);
  check_recycled(r, in.text, in.text, in.options);
  boost::system::error_code ec;
  auto dom = parse_dom(in.text, ec);
  check_syntax_agreement(r.diagnostics, in.options, dom.has_value(), ec);
  // Boost.JSON's DOM keeps the last of repeated keys, the decoder the first (or both, one
  // after the other): a pointer into a repeated member may name a value the DOM dropped.
  if (dom && !scan_text(in.text, *dom).repeated_keys) {
    check_pointers(r.diagnostics, *dom);
  }
  if (r.ok()) {
    check_round_trip(r.value, in.options);
    check_validate(r, in.options);
  }
}

} // namespace conform_fuzz

#endif // CONFORM_FUZZ_HARNESS_HPP
