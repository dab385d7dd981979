// conform fuzzing: the DOM front end. The text is parsed with boost::json::parse and the
// value decoded with conform::decode<training_job>(value); both results must satisfy the
// invariants of harness.hpp, and the two front ends must agree: same (code, severity,
// pointer) multiset and the same error and warning counts, except for what a DOM cannot know
// (positions, repeated keys, which Boost.JSON merges) and what ends a decode early (limits).
#include "harness.hpp"

#include <conform/modelarts/training_job.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

namespace {

using conform::error;

bool ends_decode(error e) {
  return e == error::limit_exceeded || e == error::out_of_memory || e == error::syntax_error;
}

bool has_code(conform::diagnostics const& ds, bool (*pred)(error)) {
  return std::any_of(ds.begin(), ds.end(),
                     [&](conform::diagnostic const& d) { return pred(d.code); });
}

bool capped(conform::diagnostics const& ds) {
  return !ds.empty() && ds.back().code == error::too_many_diagnostics;
}

/// Whether a limit or a syntax error ended the decode `r`. Past max_diagnostics such a
/// diagnostic is only counted, so a capped list is decoded again without the cap (the decode
/// stops at the same place: the cap changes what is kept, not what is done).
template <class Result, class Redo>
bool ended_early(Result const& r, Redo const& redo) {
  if (has_code(r.diagnostics, ends_decode)) {
    return true;
  }
  return capped(r.diagnostics) && has_code(redo().diagnostics, ends_decode);
}

using entry = std::tuple<int, int, std::string>;

std::vector<entry> comparable(conform::diagnostics const& ds) {
  std::vector<entry> out;
  for (auto const& d : ds) {
    if (d.code == error::duplicate_key || d.code == error::too_many_diagnostics ||
        ends_decode(d.code)) {
      continue;
    }
    // A DOM number has lost its token: 1e19 and a 400-digit integer are both doubles there
    // (integral and >= 2^63, or infinite), so the text front end may say not_integer where
    // the DOM front end says integer_overflow or the reverse (decode.hpp: "numbers are taken
    // as Boost.JSON converted them"). Both mean "no integer of that width"; same pointer.
    error code = d.code == error::integer_overflow ? error::not_integer : d.code;
    out.emplace_back(static_cast<int>(code), static_cast<int>(d.level), d.pointer);
  }
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace conform_fuzz;
  using conform::modelarts::training_job;
  current().harness = "fuzz_decode_dom";
  exact_copy copy(data, size);
  input in = read_input(copy.data(), copy.size());

  auto from_text = conform::decode<training_job>(in.text, in.options);
  check_result(from_text, in.options, in.text, true);
  boost::system::error_code ec;
  auto dom = parse_dom(in.text, ec);
  check_syntax_agreement(from_text.diagnostics, in.options, dom.has_value(), ec);
  if (!dom) {
    return 0;
  }
  dom_facts facts = scan_text(in.text, *dom);
  if (!facts.repeated_keys) {
    check_pointers(from_text.diagnostics, *dom);
  }

  auto from_dom = conform::decode<training_job>(*dom, in.options);
  check_result(from_dom, in.options, in.text, false);
  check_pointers(from_dom.diagnostics, *dom);
  check_recycled(from_dom, *dom, in.text, in.options);
  if (from_dom.ok()) {
    check_round_trip(from_dom.value, in.options);
    check_validate(from_dom, in.options);
  }

  // The two front ends agree unless the text repeats a key (the DOM holds the last value,
  // the text decode the first or the last by policy, and reports it), Boost.JSON misread a
  // number (the DOM holds another value than the text: 0e400 is NaN there, -0 is +0, 17-digit
  // numbers may be an ulp off, which moves range checks), or a limit ended one of them
  // (max_input_bytes exists only for text; where a limit stops differs).
  if (facts.repeated_keys || facts.misread_double) {
    return 0;
  }
  conform::decode_options uncapped = in.options;
  uncapped.max_diagnostics = std::size_t(-1);
  if (ended_early(from_text, [&] { return conform::decode<training_job>(in.text, uncapped); }) ||
      ended_early(from_dom, [&] { return conform::decode<training_job>(*dom, uncapped); })) {
    return 0;
  }
  auto const& td = from_text.diagnostics;
  auto const& dd = from_dom.diagnostics;
  auto both = [&] { return "*** text:\n" + show(td) + "*** dom:\n" + show(dd); };
  check(td.error_count() == dd.error_count() && td.warning_count() == dd.warning_count(),
        "text and DOM front ends count different errors or warnings", both);
  if (!capped(td) && !capped(dd)) {
    check(comparable(td) == comparable(dd),
          "text and DOM front ends report different (code, severity, pointer)", both);
  }
  // Boost.JSON 1.81 converts some doubles an ulp off; the text front end re-reads the raw
  // token exactly. Without doubles the decoded values are the same.
  if (!has_double(*dom)) {
    std::string a = conform::encode(from_text.value);
    std::string b = conform::encode(from_dom.value);
    check(a == b, "text and DOM front ends decode different values",
          [&] { return "*** text: " + a + "\n*** dom:  " + b; });
  }
  return 0;
}
