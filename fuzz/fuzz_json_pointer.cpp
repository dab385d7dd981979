// conform fuzzing: RFC 6901 JSON Pointers (json_pointer.hpp). The input is a pointer, a
// newline, and a JSON document. Checked: split_pointer accepts exactly the pointers RFC 6901
// allows and append_pointer_key rebuilds them byte for byte; resolve_pointer agrees with an
// independent reference resolver; and the pointer built for every value of the document
// resolves to that very value (keys holding '~', '/', '' and escapes included).
#include "harness.hpp"

#include <conform/json_pointer.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using conform_fuzz::check;

// The RFC 6901 grammar, written independently of json_pointer.hpp: "" or '/'-separated
// tokens in which '~' is always followed by '0' or '1'.
std::optional<std::vector<std::string>> reference_split(std::string_view p) {
  std::vector<std::string> tokens;
  if (p.empty()) {
    return tokens;
  }
  if (p[0] != '/') {
    return std::nullopt;
  }
  std::size_t start = 1;
  while (true) {
    std::size_t end = p.find('/', start);
    std::string_view raw = p.substr(start, end == std::string_view::npos ? p.npos : end - start);
    std::string token;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] != '~') {
        token.push_back(raw[i]);
      } else if (i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
        token.push_back(raw[i + 1] == '0' ? '~' : '/');
        ++i;
      } else {
        return std::nullopt;
      }
    }
    tokens.push_back(std::move(token));
    if (end == std::string_view::npos) {
      return tokens;
    }
    start = end + 1;
  }
}

// RFC 6901 section 4: an array index is "0" or digits without a leading zero; "-" and
// anything past the end designate no element.
boost::json::value const* reference_resolve(boost::json::value const& root, std::string_view p) {
  auto tokens = reference_split(p);
  if (!tokens) {
    return nullptr;
  }
  boost::json::value const* at = &root;
  for (auto const& t : *tokens) {
    if (at->is_object()) {
      auto const& o = at->get_object();
      auto it = o.find(boost::json::string_view(t.data(), t.size()));
      if (it == o.end()) {
        return nullptr;
      }
      at = &it->value();
    } else if (at->is_array()) {
      auto const& a = at->get_array();
      if (t.empty() || (t[0] == '0' && t.size() != 1)) {
        return nullptr;
      }
      std::size_t index = 0;
      for (char c : t) {
        if (c < '0' || c > '9') {
          return nullptr;
        }
        if (index > a.size()) { // already past the end: stop before it can overflow
          return nullptr;
        }
        index = index * 10 + std::size_t(c - '0');
      }
      if (index >= a.size()) {
        return nullptr;
      }
      at = &a[index];
    } else {
      return nullptr;
    }
  }
  return at;
}

std::string join(std::vector<std::string> const& tokens) {
  std::string p;
  for (auto const& t : tokens) {
    conform::append_pointer_key(p, t);
  }
  return p;
}

// Builds the pointer of every value (at most `budget` of them) and resolves it back.
void walk(boost::json::value const& root, boost::json::value const& v, std::string& pointer,
          std::size_t depth, std::size_t& budget) {
  if (budget == 0) {
    return;
  }
  --budget;
  check(conform::resolve_pointer(root, pointer) == &v,
        "the pointer built for a value does not resolve to it",
        [&] { return "*** pointer: " + pointer; });
  auto tokens = conform::split_pointer(pointer);
  check(tokens && tokens->size() == depth, "the pointer built for a value does not split back",
        [&] { return "*** pointer: " + pointer; });
  std::size_t keep = pointer.size();
  if (auto const* o = v.if_object()) {
    for (auto const& kv : *o) {
      std::string_view key(kv.key().data(), kv.key().size());
      conform::append_pointer_key(pointer, key);
      auto split = conform::split_pointer(pointer);
      check(split && !split->empty() && split->back() == key,
            "append_pointer_key does not split back to the key",
            [&] { return "*** pointer: " + pointer; });
      walk(root, kv.value(), pointer, depth + 1, budget);
      pointer.resize(keep);
    }
  } else if (auto const* a = v.if_array()) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      conform::append_pointer_index(pointer, i);
      check(pointer.substr(keep + 1) == std::to_string(i),
            "append_pointer_index does not write the decimal index",
            [&] { return "*** pointer: " + pointer; });
      walk(root, (*a)[i], pointer, depth + 1, budget);
      pointer.resize(keep);
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace conform_fuzz;
  current().harness = "fuzz_json_pointer";
  exact_copy copy(data, size);
  std::string_view all(copy.data(), copy.size());
  current().text = all;
  current().options = "(none)";
  std::size_t newline = all.find('\n');
  std::string_view pointer = all.substr(0, newline);
  std::string_view document =
      newline == std::string_view::npos ? std::string_view() : all.substr(newline + 1);

  auto tokens = conform::split_pointer(pointer);
  auto expected = reference_split(pointer);
  check(tokens.has_value() == expected.has_value(), "split_pointer accepts or rejects wrongly");
  if (tokens) {
    check(*tokens == *expected, "split_pointer yields the wrong tokens");
    check(join(*tokens) == pointer, "append_pointer_key does not rebuild the pointer");
  }

  boost::system::error_code ec;
  auto dom = parse_dom(document, ec);
  if (!dom) {
    // Still resolve against something: a pointer into a scalar or an empty document.
    boost::json::value scalar = nullptr;
    check(conform::resolve_pointer(scalar, pointer) == reference_resolve(scalar, pointer),
          "resolve_pointer disagrees with the reference on a scalar");
    return 0;
  }
  check(conform::resolve_pointer(*dom, pointer) == reference_resolve(*dom, pointer),
        "resolve_pointer disagrees with the reference resolver");
  std::string built;
  std::size_t budget = 4096;
  walk(*dom, *dom, built, 0, budget);
  return 0;
}
