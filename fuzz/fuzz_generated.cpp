// conform fuzzing: valid by construction. The input's bytes are the choices of
// conform::generate (generate.hpp), so every input makes a training_job and an error_body that
// meet their schema. Mutating JSON text rarely gets past a response's first defect; here every
// execution is a valid response, and the mutations move through its members, enumerators,
// numbers and strings, the paths a valid response takes through the decoder and the encoder.
//
// Invariants: validate() finds nothing in a generated value (but the unknown open-enum
// warnings the options ask for); its encode(), compact and indented, decodes with exactly
// those warnings, satisfies every invariant of a decode result (check_result), and writes back
// the same text; decode_into over the previous value ends the same (check_recycled); and so
// does the DOM front end on boost::json::parse of the text, when Boost.JSON read every number
// exactly.
//
// Byte 0 holds the generator's options: bit 0 unknown_open_enum_values; bits 1-2
// max_elements (4, 0, 1, 16); bits 3-4 max_string_length (24, 0, 1, 200); bits 5-6 max_depth
// (12, 0, 3, 64); bit 7 all_optional_members. The rest are the choices (an empty rest gives
// `{}`, or with bit 7 every member the depth allows).
#include "harness.hpp"

#include <conform/generate.hpp>
#include <conform/modelarts/error_body.hpp>
#include <conform/modelarts/training_job.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace conform_fuzz;

conform::generate_options options_of(std::uint8_t byte) {
  static constexpr std::size_t elements[] = {4, 0, 1, 16};
  static constexpr std::size_t lengths[] = {24, 0, 1, 200};
  static constexpr std::size_t depths[] = {12, 0, 3, 64};
  conform::generate_options o;
  o.unknown_open_enum_values = (byte & 1u) != 0;
  o.max_elements = elements[byte >> 1 & 3u];
  o.max_string_length = lengths[byte >> 3 & 3u];
  o.max_depth = depths[byte >> 5 & 3u];
  o.all_optional_members = (byte & 0x80u) != 0;
  return o;
}

/// The unknown open-enum warnings, which are all that a generated value may be reported for.
bool only_unknown_enum_warnings(conform::diagnostics const& ds, bool allowed) {
  for (auto const& d : ds) {
    if (!allowed || d.code != conform::error::unknown_enum_value ||
        d.level != conform::severity::warning) {
      return false;
    }
  }
  return true;
}

template <class T>
void check_generated(T const& value, conform::generate_options const& g) {
  std::string const compact = conform::encode(value);
  current().text = compact; // a broken invariant shows the document, not the choices
  conform::diagnostics const found = conform::validate(value);
  check(only_unknown_enum_warnings(found, g.unknown_open_enum_values),
        "validate() reports something in a generated value", [&] { return show(found); });
  conform::decode_options const o; // the defaults: what a user decodes with
  for (std::size_t indent : {std::size_t(0), std::size_t(2)}) {
    std::string const text = indent == 0 ? compact : conform::encode(value, {indent});
    current().text = text;
    auto const r = conform::decode<T>(std::string_view(text), o);
    check_result(r, o, text, true);
    check(only_unknown_enum_warnings(r.diagnostics, g.unknown_open_enum_values) &&
              r.diagnostics.size() == found.size(),
          "the encoded generated value decodes with other findings than validate()'s",
          [&] { return "*** decode:\n" + show(r.diagnostics) + "*** validate:\n" + show(found); });
    std::string const back = conform::encode(r.value);
    check(back == compact, "decode(encode(generated)) differs from the generated value",
          [&] { return "*** generated: " + compact + "\n*** decoded:   " + back; });
    check_recycled(r, std::string_view(text), text, o);
  }
  // The DOM front end on the same document: the same findings and the same value, unless
  // Boost.JSON 1.81 read a number inexactly (it is an ulp off on many 17-digit doubles, and
  // the generator draws any double's bits), which moves a value and may cross a bound.
  boost::system::error_code ec;
  auto const dom = parse_dom(compact, ec);
  check(dom.has_value(), "Boost.JSON rejects the encoded generated value",
        [&] { return ec.message(); });
  if (!scan_text(compact, *dom).misread_double) {
    auto const r = conform::decode<T>(*dom, o);
    check_result(r, o, compact, false);
    check(r.diagnostics.size() == found.size() &&
              only_unknown_enum_warnings(r.diagnostics, g.unknown_open_enum_values),
          "the DOM of the encoded generated value decodes with other findings",
          [&] { return "*** decode (DOM):\n" + show(r.diagnostics); });
    std::string const back = conform::encode(r.value);
    check(back == compact, "decode(DOM of encode(generated)) differs from the generated value",
          [&] { return "*** generated: " + compact + "\n*** decoded:   " + back; });
  }
  current().text = {}; // the texts end here
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  current().harness = "fuzz_generated";
  current().text = {};
  exact_copy copy(data, size);
  conform::generate_options const g = options_of(size != 0 ? data[0] : 0);
  std::string_view const choices =
      size != 0 ? std::string_view(copy.data() + 1, size - 1) : std::string_view();
  current().options = "unknown_open_enum_values=" + std::to_string(g.unknown_open_enum_values) +
                      " max_elements=" + std::to_string(g.max_elements) +
                      " max_string_length=" + std::to_string(g.max_string_length) +
                      " max_depth=" + std::to_string(g.max_depth) +
                      " all_optional_members=" + std::to_string(g.all_optional_members);
  // Two values from the same choices, so that one input exercises both schemas.
  check_generated(conform::generate<conform::modelarts::training_job>(choices, g), g);
  check_generated(conform::generate<conform::modelarts::error_body>(choices, g), g);
  return 0;
}
