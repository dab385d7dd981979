// Checks the ModelArts schema against the API page itself: every response parameter table of
// tests/fixtures/spec/show-training-job-details.txt has a C++ type with exactly its keys, every
// type reachable from training_job has a page table (or is accounted for), and the members the
// page lacks are exactly the ones annotated sdk_only.
#include <conform/modelarts.hpp>

#include <doctest/doctest.h>

#include <boost/core/demangle.hpp>
#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeindex>
#include <typeinfo>
#include <utility>
#include <vector>

#ifndef CONFORM_SPEC_DIR
#error                                                                                             \
    "the build must define CONFORM_SPEC_DIR (the directory holding show-training-job-details.txt)"
#endif

namespace {

namespace ma = conform::modelarts;
using key_set = std::set<std::string>;

// ---------------------------------------------------------------------------------------------
// Our side: the described types reachable from training_job.

template <class L>
struct contains_sdk_only : std::false_type {};
template <class... Cs>
struct contains_sdk_only<conform::rules<Cs...>>
    : std::bool_constant<(std::is_same_v<Cs, ma::sdk_only> || ...)> {};

/// Whether member M of T carries the sdk_only annotation.
template <class T, auto M>
inline constexpr bool is_sdk_only_v =
    contains_sdk_only<conform::detail::member_rules_t<T, M>>::value;

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};
template <class T>
struct is_map : std::false_type {};
template <class K, class V, class C, class A>
struct is_map<std::map<K, V, C, A>> : std::true_type {};

/// The described struct inside optional/vector/map layers of V, or void.
template <class V, class = void>
struct struct_inside {
  using type = void;
};
template <class V>
struct struct_inside<V, std::enable_if_t<is_optional<V>::value || is_vector<V>::value>> {
  using type = typename struct_inside<typename V::value_type>::type;
};
template <class V>
struct struct_inside<V, std::enable_if_t<is_map<V>::value>> {
  using type = typename struct_inside<typename V::mapped_type>::type;
};
template <class V>
struct struct_inside<V, std::enable_if_t<conform::is_described_struct_v<V>>> {
  using type = V;
};

struct type_info_row {
  std::type_index id;
  std::string name;
  std::vector<std::string> members; // every described member, in declaration order
  key_set page_keys;                // members without sdk_only
  key_set sdk_keys;                 // members with sdk_only
};

/// A member whose value is (or holds) a described struct: parent.member -> child.
struct edge {
  std::string parent;
  std::string member;
  std::type_index child;
  bool sdk_only;
};

struct registry {
  std::vector<type_info_row> types; // in discovery order
  std::vector<edge> edges;

  type_info_row const* find(std::type_index id) const {
    for (auto const& t : types) {
      if (t.id == id) {
        return &t;
      }
    }
    return nullptr;
  }
};

template <class T>
void visit_struct(registry& reg) {
  std::type_index id(typeid(T));
  if (reg.find(id)) {
    return;
  }
  std::size_t index = reg.types.size();
  reg.types.push_back({id, boost::core::demangle(typeid(T).name()), {}, {}, {}});
  boost::mp11::mp_for_each<
      boost::describe::describe_members<T, boost::describe::mod_public>>([&](auto d) {
    using D = decltype(d);
    using M = std::remove_cv_t<std::remove_reference_t<decltype(std::declval<T&>().*D::pointer)>>;
    constexpr bool sdk = is_sdk_only_v<T, D::pointer>;
    {
      type_info_row& row = reg.types[index]; // re-fetched: recursion grows the vector
      row.members.emplace_back(D::name);
      (sdk ? row.sdk_keys : row.page_keys).insert(D::name);
    }
    using child = typename struct_inside<M>::type;
    if constexpr (!std::is_void_v<child>) {
      reg.edges.push_back({reg.types[index].name, D::name, std::type_index(typeid(child)), sdk});
      visit_struct<child>(reg);
    }
  });
}

registry const& reachable_types() {
  static registry const reg = [] {
    registry r;
    visit_struct<ma::training_job>(r);
    return r;
  }();
  return reg;
}

/// Types the page references in a Type cell but never prints a table for (reference.md §3.2
/// item 10). Their members come from the SDK yet are not sdk_only, since the page does name the
/// members that hold them; so they are left out of both the table matching and the key union.
/// (Tensorboard and MindStudioInsight happen to share JupyterLab's {url, token}; search_params
/// matches nothing.) The second element is the Type cell text the page uses for them.
std::vector<std::pair<std::type_index, std::string_view>> const& tableless_types() {
  static std::vector<std::pair<std::type_index, std::string_view>> const list = {
      {std::type_index(typeid(ma::search_param)), "Array of search_params objects |"},
      {std::type_index(typeid(ma::tensorboard_endpoint)), "Tensorboard object |"},
      {std::type_index(typeid(ma::mindstudio_insight_endpoint)), "MindStudioInsight object |"},
  };
  return list;
}

bool is_tableless(std::type_index id) {
  for (auto const& t : tableless_types()) {
    if (t.first == id) {
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// The page's side: its response parameter tables.

struct page_table {
  std::size_t line = 0;          // 1-based line of the table's "Parameter |" header
  std::vector<std::string> keys; // first cells, in page order
  std::size_t cells = 0;         // all cells of the body
};

std::string spec_path() {
  return std::string(CONFORM_SPEC_DIR) + "/show-training-job-details.txt";
}

std::vector<std::string> read_lines(std::string const& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    lines.push_back(line);
  }
  return lines;
}

bool is_key(std::string_view s) {
  if (s.empty() || s.front() < 'a' || s.front() > 'z') {
    return false;
  }
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

bool ends_cell(std::string_view s) {
  return s.size() >= 1 && s.back() == '|';
}

/** The response parameter tables. A table starts with the lines "Parameter |", "Type |",
    "Description |", "---|---|---|"; its body is cells, each ending with "|" (a cell may span
    lines: "...The rules are as follows:" / "Range: N/A |"). The URI table ("Parameter |",
    "Mandatory |", ...) is skipped. Parsing stops at "Example Requests". A key is a body cell
    that is a lower_snake identifier: types ("String", "Cpu object") and descriptions never are.
    Going by identifiers rather than by every third cell matters once: the page's
    main_container_allocated_resources row has two cells (its Type cell is missing). */
std::vector<page_table> parse_page(std::vector<std::string> const& lines) {
  std::vector<page_table> tables;
  enum class state { outside, uri_table, response_table } st = state::outside;
  std::string cell;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string const& l = lines[i];
    if (l == "Example Requests") {
      break;
    }
    if (l == "Parameter |") {
      cell.clear();
      if (i + 3 < lines.size() && lines[i + 1] == "Type |" && lines[i + 2] == "Description |" &&
          lines[i + 3] == "---|---|---|") {
        st = state::response_table;
        tables.push_back({i + 1, {}, 0});
        i += 3;
      } else if (i + 1 < lines.size() && lines[i + 1] == "Mandatory |") {
        st = state::uri_table;
      } else {
        st = state::outside;
      }
      continue;
    }
    if (st != state::response_table) {
      continue;
    }
    if (!ends_cell(l)) {
      if (cell.empty() && (l == "Request Parameters" || l == "Response Parameters")) {
        st = state::outside;
        continue;
      }
      cell += l;
      cell += '\n';
      continue;
    }
    cell += l.substr(0, l.size() - 1);
    while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\n')) {
      cell.pop_back();
    }
    page_table& t = tables.back();
    ++t.cells;
    if (is_key(cell)) {
      t.keys.push_back(cell);
    }
    cell.clear();
  }
  return tables;
}

std::string join(key_set const& s) {
  std::string out = "{";
  for (auto const& k : s) {
    out += out.size() == 1 ? "" : ", ";
    out += k;
  }
  return out + "}";
}

key_set to_set(std::vector<std::string> const& v) {
  return key_set(v.begin(), v.end());
}

} // namespace

TEST_SUITE("modelarts/schema_keys") {

  TEST_CASE("schema_keys: the API page parses into its response parameter tables") {
    auto lines = read_lines(spec_path());
    REQUIRE_MESSAGE(!lines.empty(), "cannot read " << spec_path());
    auto tables = parse_page(lines);
    // 60 response tables: one per object type the page prints (the URI table is not one).
    CHECK(tables.size() == 60);
    for (auto const& t : tables) {
      CAPTURE(t.line);
      CHECK_MESSAGE(!t.keys.empty(), "empty table at line " << t.line);
      CHECK_MESSAGE(to_set(t.keys).size() == t.keys.size(),
                    "a key repeats in the table at line " << t.line);
      bool short_row = std::find(t.keys.begin(), t.keys.end(),
                                 "main_container_allocated_resources") != t.keys.end();
      // Three cells a row, except main_container_allocated_resources (no Type cell).
      CHECK(t.cells == 3 * t.keys.size() - (short_row ? 1 : 0));
    }
  }

  TEST_CASE("schema_keys: every page table has a type with exactly its keys, and back") {
    auto tables = parse_page(read_lines(spec_path()));
    REQUIRE(!tables.empty());
    registry const& reg = reachable_types();
    REQUIRE(!reg.types.empty());

    // (3a) each page table matches the page keys of at least one of our types.
    for (auto const& t : tables) {
      key_set keys = to_set(t.keys);
      bool found = false;
      for (auto const& row : reg.types) {
        found = found || row.page_keys == keys;
      }
      CHECK_MESSAGE(found, "the page table at line " << t.line << " with keys " << join(keys)
                                                     << " matches no type's page keys");
    }

    // (3b) each type's page keys match some page table, with two accounted-for exceptions.
    for (auto const& row : reg.types) {
      CAPTURE(row.name);
      if (is_tableless(row.id)) {
        continue; // referenced by the page without a table; see tableless_types()
      }
      if (row.page_keys.empty()) {
        // Wholly SDK-only (absent from the page): every member carries sdk_only.
        CHECK_MESSAGE(row.sdk_keys.size() == row.members.size(),
                      row.name << " has no page keys but not every member is sdk_only");
        continue;
      }
      bool found = false;
      for (auto const& t : tables) {
        found = found || to_set(t.keys) == row.page_keys;
      }
      CHECK_MESSAGE(found, row.name << " page keys " << join(row.page_keys)
                                    << " match no page table (SDK-only keys: " << join(row.sdk_keys)
                                    << ")");
    }

    // A member that leads to a wholly SDK-only type is itself SDK-only.
    for (auto const& e : reg.edges) {
      type_info_row const* child = reg.find(e.child);
      REQUIRE(child != nullptr);
      if (child->page_keys.empty() && !is_tableless(e.child)) {
        CHECK_MESSAGE(e.sdk_only, e.parent << "::" << e.member << " holds the SDK-only type "
                                           << child->name << " but is not sdk_only");
      }
    }
  }

  TEST_CASE("schema_keys: the page references the tableless types it never prints") {
    auto lines = read_lines(spec_path());
    REQUIRE(!lines.empty());
    for (auto const& t : tableless_types()) {
      CAPTURE(t.second);
      bool referenced = std::find(lines.begin(), lines.end(), t.second) != lines.end();
      CHECK(referenced);
      CHECK(reachable_types().find(t.first) != nullptr);
    }
  }

  TEST_CASE("schema_keys: the page's keys are exactly the union of our page keys") {
    auto tables = parse_page(read_lines(spec_path()));
    REQUIRE(!tables.empty());
    key_set page;
    for (auto const& t : tables) {
      page.insert(t.keys.begin(), t.keys.end());
    }
    key_set ours;
    for (auto const& row : reachable_types().types) {
      if (!is_tableless(row.id)) {
        ours.insert(row.page_keys.begin(), row.page_keys.end());
      }
    }
    key_set only_page;
    key_set only_ours;
    for (auto const& k : page) {
      if (!ours.count(k)) {
        only_page.insert(k);
      }
    }
    for (auto const& k : ours) {
      if (!page.count(k)) {
        only_ours.insert(k);
      }
    }
    CHECK_MESSAGE(only_page.empty(), "keys on the page that no type has: " << join(only_page));
    CHECK_MESSAGE(only_ours.empty(), "page keys of ours not on the page: " << join(only_ours));
    CHECK_MESSAGE(page == ours, page.size() << " keys on the page, " << ours.size() << " ours");
  }

  TEST_CASE("schema_keys: member lists have no repeats and fit Boost.Describe 1.81") {
    registry reg = reachable_types();
    // Also the two types not reachable from the response body.
    visit_struct<ma::error_body>(reg);
    visit_struct<ma::path_parameters>(reg);
    REQUIRE(!reg.types.empty());
    for (auto const& row : reg.types) {
      CAPTURE(row.name);
      key_set unique(row.members.begin(), row.members.end());
      CHECK_MESSAGE(unique.size() == row.members.size(), row.name << " lists a member twice");
      // BOOST_DESCRIBE_STRUCT in Boost 1.81 accepts at most 52 members.
      CHECK(row.members.size() <= 52);
    }
  }

} // TEST_SUITE
