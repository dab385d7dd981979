// Tests for <conform/json_pointer.hpp>: building RFC 6901 pointers (escaping `~` as `~0` and
// `/` as `~1`), splitting them back into tokens, and resolving them against a value,
// including the array-index rules (no leading zeros, `-` designates nothing).
#include <conform/json_pointer.hpp>

#include "support/test.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

TEST_SUITE("json_pointer") {
  TEST_CASE("json_pointer: append_pointer_key escapes ~ and / and nothing else") {
    struct row {
      std::string key;
      std::string pointer;
    };
    row const rows[] = {
        {"a", "/a"},
        {"", "/"},
        {"a/b", "/a~1b"},
        {"m~n", "/m~0n"},
        {"~1", "/~01"},
        {"~0", "/~00"},
        {"/~", "/~1~0"},
        {"~/", "/~0~1"},
        {"//", "/~1~1"},
        {"a b", "/a b"},
        {"\"quoted\"\\", "/\"quoted\"\\"},
        {"\xC3\xA9", "/\xC3\xA9"},
        {std::string("a\0b", 3), std::string("/a\0b", 4)},
        {"0", "/0"},
        {"-", "/-"},
        {"#", "/#"},
    };
    for (auto const& r : rows) {
      CAPTURE(r.key);
      std::string p;
      conform::append_pointer_key(p, r.key);
      CHECK(p == r.pointer);
      // Appending extends an existing pointer.
      std::string q = "/root";
      conform::append_pointer_key(q, r.key);
      CHECK(q == "/root" + r.pointer);
    }
  }

  TEST_CASE("json_pointer: append_pointer_index writes decimal indices") {
    struct row {
      std::size_t index;
      std::string pointer;
    };
    row const rows[] = {
        {0, "/0"},
        {7, "/7"},
        {10, "/10"},
        {123, "/123"},
        {1000000, "/1000000"},
        {std::numeric_limits<std::size_t>::max(), "/18446744073709551615"},
    };
    for (auto const& r : rows) {
      CAPTURE(r.index);
      std::string p = "/a";
      conform::append_pointer_index(p, r.index);
      CHECK(p == "/a" + r.pointer);
    }
  }

  TEST_CASE("json_pointer: split_pointer unescapes valid pointers into tokens") {
    struct row {
      std::string pointer;
      std::vector<std::string> tokens;
    };
    row const rows[] = {
        {"", {}},
        {"/", {""}},
        {"//", {"", ""}},
        {"/a", {"a"}},
        {"/a/b", {"a", "b"}},
        {"/a/", {"a", ""}},
        {"/a~1b/m~0n", {"a/b", "m~n"}},
        {"/~01", {"~1"}},
        {"/~10", {"/0"}},
        {"/~0~1~0", {"~/~"}},
        {"/0/-", {"0", "-"}},
        {"/ /\"", {" ", "\""}},
        {"/\xC3\xA9", {"\xC3\xA9"}},
    };
    for (auto const& r : rows) {
      CAPTURE(r.pointer);
      auto tokens = conform::split_pointer(r.pointer);
      CHECK(tokens.has_value());
      if (tokens) {
        CHECK(*tokens == r.tokens);
      }
    }
  }

  TEST_CASE("json_pointer: split_pointer rejects what RFC 6901 does not allow") {
    for (std::string pointer :
         {"a", "#/a", "a/b", " /a", "/~2", "/~", "/a~", "/~a", "/a/~/b", "/~~", "/~-1"}) {
      CAPTURE(pointer);
      CHECK(!conform::split_pointer(pointer).has_value());
    }
  }

  TEST_CASE("json_pointer: split_pointer inverts append_pointer_key") {
    std::vector<std::string> keys = {"", "a", "~", "/", "~0", "~1", "a/b~c", "//~~", "\xC3\xA9"};
    std::string p;
    for (auto const& k : keys) {
      conform::append_pointer_key(p, k);
    }
    CAPTURE(p);
    auto tokens = conform::split_pointer(p);
    REQUIRE(tokens.has_value());
    CHECK(*tokens == keys);
  }

  TEST_CASE("json_pointer: resolve_pointer finds values in objects and arrays") {
    auto doc = boost::json::parse(R"({
      "a": [10, 20, {"b/c": 1, "m~n": 2, "": 3, "0": 4}],
      "01": "leading zero key",
      "-": "dash key",
      "": {"": "empty in empty"},
      "n": null
    })");
    struct row {
      std::string pointer;
      std::optional<std::string> value; // serialised; nullopt: does not resolve
    };
    row const rows[] = {
        {"",
         R"({"a":[10,20,{"b/c":1,"m~n":2,"":3,"0":4}],"01":"leading zero key","-":"dash key","":{"":"empty in empty"},"n":null})"},
        {"/a", R"([10,20,{"b/c":1,"m~n":2,"":3,"0":4}])"},
        {"/a/0", "10"},
        {"/a/1", "20"},
        {"/a/2/b~1c", "1"},
        {"/a/2/m~0n", "2"},
        {"/a/2/", "3"},
        {"/a/2/0", "4"},
        {"/01", R"("leading zero key")"},
        {"/-", R"("dash key")"},
        {"/", R"({"":"empty in empty"})"},
        {"//", R"("empty in empty")"},
        {"/n", "null"},
        // Array indices: decimal, no leading zeros, in range; "-" designates nothing.
        {"/a/01", std::nullopt},
        {"/a/00", std::nullopt},
        {"/a/-", std::nullopt},
        {"/a/3", std::nullopt},
        {"/a/", std::nullopt},
        {"/a/+1", std::nullopt},
        {"/a/-1", std::nullopt},
        {"/a/1a", std::nullopt},
        {"/a/ 1", std::nullopt},
        {"/a/0x1", std::nullopt},
        {"/a/1e0", std::nullopt},
        {"/a/9999999999999999999", std::nullopt},
        {"/a/18446744073709551616", std::nullopt},
        {"/a/99999999999999999999999", std::nullopt},
        // Missing keys, scalars, malformed pointers.
        {"/x", std::nullopt},
        {"/A", std::nullopt},
        {"/a/0/b", std::nullopt},
        {"/n/0", std::nullopt},
        {"/a/2/b/c", std::nullopt},
        {"a", std::nullopt},
        {"/~2", std::nullopt},
        {"/a~", std::nullopt},
    };
    for (auto const& r : rows) {
      CAPTURE(r.pointer);
      auto const* v = conform::resolve_pointer(doc, r.pointer);
      if (!r.value) {
        CHECK(v == nullptr);
      } else {
        CHECK(v != nullptr);
        if (v != nullptr) {
          CHECK(boost::json::serialize(*v) == *r.value);
        }
      }
    }
    // The result is the element itself, not a copy.
    CHECK(conform::resolve_pointer(doc, "/a/1") == &doc.at("a").at(1));
  }

  TEST_CASE("json_pointer: resolve_pointer on a scalar root") {
    boost::json::value v = 5;
    CHECK(conform::resolve_pointer(v, "") == &v);
    CHECK(conform::resolve_pointer(v, "/0") == nullptr);
    CHECK(conform::resolve_pointer(v, "/") == nullptr);
  }
}
