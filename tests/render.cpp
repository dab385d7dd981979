// Tests for <conform/render.hpp>: the compiler-style text (location, message, code, source line,
// caret, pointer), its cutting of long lines and its refusal to echo control characters, and
// the JSON form (stable member names, always valid JSON whatever the input held).
#include <conform/render.hpp>
#include <conform/render.hpp> // the include guard holds

#include "support/test.hpp"

#include <conform/decode.hpp>

#include <boost/json/parse.hpp>

#include <cstdint>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace render_test {

// A schema without a described struct (BOOST_DESCRIBE_STRUCT trips clang's -Wpedantic in C++17):
// a map of int32, so that 4.5 is a not_integer diagnostic with a pointer and a position.
using policy = std::map<std::string, std::int32_t>;

std::string text_of(conform::diagnostic const& d, std::string_view source,
                    conform::render_options const& options = {}) {
  std::ostringstream os;
  conform::render_text(os, d, source, "doc.json", options);
  return os.str();
}

std::string json_of(conform::diagnostic const& d, conform::render_options const& options = {}) {
  std::ostringstream os;
  conform::render_json(os, d, options);
  return os.str();
}

conform::diagnostic at(std::size_t offset, std::size_t line, std::size_t column) {
  conform::diagnostic d;
  d.code = conform::error::out_of_range;
  d.pointer = "/priority";
  d.expected = "an integer in [0, 3]";
  d.found = "4";
  d.offset = offset;
  d.line = line;
  d.column = column;
  return d;
}

// The column of the caret in a rendering (its position in the caret line).
std::size_t caret_column(std::string const& caret_line) {
  return caret_line.find('^');
}

} // namespace render_test

using namespace render_test;

TEST_SUITE("render") {
  TEST_CASE("render: a decoded diagnostic reads like a compiler's") {
    std::string text = "{\n  \"name\": 1,\n  \"priority\": 4.5\n}\n";
    auto r = conform::decode<policy>(text);
    REQUIRE(r.diagnostics.size() == 1);
    std::ostringstream os;
    conform::render_text(os, r.diagnostics, text, "doc.json");
    auto lines = conform_test::lines(os.str());
    REQUIRE(lines.size() == 4);
    // The message is the library's own (its wording belongs to the constraint).
    CHECK(lines[0] ==
          "doc.json:3:15: error: " + r.diagnostics.front().message() + " [not_integer]");
    CHECK(lines[1] == "    3 |   \"priority\": 4.5");
    CHECK(lines[2] == "      |               ^");
    CHECK(lines[3] == "  pointer: /priority");
    // The caret sits under the offending value.
    CHECK(lines[1][caret_column(lines[2])] == '4');
  }

  TEST_CASE("render: first_line shifts the reported line, not the line looked up") {
    std::string line = "{\"priority\":4.5}";
    auto r = conform::decode<policy>(line);
    REQUIRE(r.diagnostics.size() == 1);
    conform::render_options options;
    options.first_line = 1234;
    auto lines = conform_test::lines(text_of(r.diagnostics.front(), line, options));
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].rfind("doc.json:1234:13: error:", 0) == 0);
    CHECK(lines[1] == " 1234 | {\"priority\":4.5}");
    CHECK(lines[1][caret_column(lines[2])] == '4');
    CHECK(json_of(r.diagnostics.front(), options).find("\"line\":1234,\"column\":13") !=
          std::string::npos);
  }

  TEST_CASE("render: line and column alone (no offset) still find the source line") {
    auto d = at(conform::diagnostic::no_offset, 2, 3);
    auto lines = conform_test::lines(text_of(d, "abc\nxyZw\n"));
    REQUIRE(lines.size() == 4);
    CHECK(lines[1] == "    2 | xyZw");
    CHECK(lines[1][caret_column(lines[2])] == 'Z');
  }

  TEST_CASE("render: without a position there is no excerpt") {
    auto d = at(conform::diagnostic::no_offset, 0, 0);
    auto lines = conform_test::lines(text_of(d, "{}"));
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "doc.json: error: number out of range: expected an integer in [0, 3], "
                      "found 4 [out_of_range]");
    CHECK(lines[1] == "  pointer: /priority");
  }

  TEST_CASE("render: the root pointer is spelled out, warnings say warning") {
    auto d = at(0, 1, 1);
    d.pointer.clear();
    d.level = conform::severity::warning;
    auto lines = conform_test::lines(text_of(d, "{}"));
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].find(": warning: ") != std::string::npos);
    CHECK(lines[3] == "  pointer: \"\" (the whole document)");
  }

  TEST_CASE("render: tabs are expanded so the caret lines up") {
    std::string text = "\t\"priority\":\t4";
    auto d = at(text.find('4'), 1, 14);
    auto lines = conform_test::lines(text_of(d, text));
    REQUIRE(lines.size() == 4);
    CHECK(lines[1].find('\t') == std::string::npos);
    CHECK(lines[1][caret_column(lines[2])] == '4');
  }

  TEST_CASE("render: columns count characters, not bytes") {
    std::string text = "{\"name\":\"\xC3\xA9t\xC3\xA9\",\"priority\":4}"; // "été"
    auto d = at(text.find('4'), 1, 27);
    auto lines = conform_test::lines(text_of(d, text));
    REQUIRE(lines.size() == 4);
    // Two 2-byte characters before the caret: its display column is two less than its byte.
    std::size_t prefix = std::string("    1 | ").size();
    CHECK(caret_column(lines[2]) == prefix + text.find('4') - 2);
  }

  TEST_CASE("render: a very long line is cut around the caret") {
    std::string text = "{\"name\":\"" + std::string(100000, 'a') + "\",\"priority\":4,\"x\":\"" +
                       std::string(100000, 'b') + "\"}";
    std::size_t four = text.find(":4,") + 1;
    auto d = at(four, 1, four + 1);
    conform::render_options options;
    options.max_excerpt_width = 60;
    auto lines = conform_test::lines(text_of(d, text, options));
    REQUIRE(lines.size() == 4);
    std::string prefix = "    1 | ";
    CHECK(lines[1].size() <= prefix.size() + 60);
    CHECK(lines[1].substr(prefix.size(), 3) == "...");
    CHECK(lines[1].substr(lines[1].size() - 3) == "...");
    CHECK(lines[1][caret_column(lines[2])] == '4');
    CHECK(lines[1].find("\"priority\":4") != std::string::npos);
  }

  TEST_CASE("render: the caret after the last character marks an unexpected end") {
    std::string text = "{\"priority\":";
    auto r = conform::decode<policy>(text);
    REQUIRE(!r.diagnostics.empty());
    CHECK(r.diagnostics.front().code == conform::error::syntax_error);
    auto lines = conform_test::lines(text_of(r.diagnostics.front(), text));
    REQUIRE(lines.size() == 4);
    CHECK(caret_column(lines[2]) == lines[1].size());
  }

  TEST_CASE("render: control characters and bad UTF-8 from the input are not echoed") {
    std::string text = "{\"\x1b[31mkey\":4\x01\x80}";
    auto d = at(0, 1, 1);
    d.pointer = "/\x1b[31mkey";
    d.found = "\x1b]0;title\x07";
    auto out = text_of(d, text);
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out.find('\x07') == std::string::npos);
    CHECK(out.find('\x01') == std::string::npos);
    CHECK(out.find('\x80') == std::string::npos);
    CHECK(out.find("?[31mkey") != std::string::npos);
  }

  TEST_CASE("render: bidirectional formatting characters from the input are not echoed") {
    // U+202E (right-to-left override) in the document, the pointer and the found text would
    // make the terminal show the report's text in another order; C1 controls act on some
    // terminals. Each is one '?', so the caret still lines up.
    std::string const rlo = "\xE2\x80\xAE", lri = "\xE2\x81\xA6", alm = "\xD8\x9C";
    std::string const csi = "\xC2\x9B";
    std::string text = "{\"k" + rlo + "x\":" + lri + alm + csi + "4}";
    auto d = at(text.size() - 2, 1, 10);
    d.pointer = "/k" + rlo + "x";
    d.found = "\"" + lri + "\"";
    auto out = text_of(d, text);
    for (auto const& hidden : {rlo, lri, alm, csi}) {
      CHECK(out.find(hidden) == std::string::npos);
    }
    CHECK(out.find("/k?x") != std::string::npos);
    CHECK(out.find("{\"k?x\":???4}") != std::string::npos);
    auto lines = conform_test::lines(out);
    REQUIRE(lines.size() == 4);
    CHECK(lines[1][caret_column(lines[2])] == '4');
    // Other non-ASCII text is echoed as it is.
    d.found = "\"\xC3\xA9t\xC3\xA9\"";
    CHECK(text_of(d, text).find("\"\xC3\xA9t\xC3\xA9\"") != std::string::npos);
  }

  TEST_CASE(
      "render: a found text's invalid byte is copied alone, and the control after it escaped") {
    // append_quoted (detail/text.hpp) writes the found texts. A lead byte whose continuation
    // is missing begins no sequence: it is one byte (render_text masks it, the JSON writer
    // replaces it), and the control character after it is escaped on its own. Decoding the
    // pair as one character had turned it into a made-up U+0085.
    std::string out;
    conform::detail::append_quoted(out, "a\xC2\x05z");
    CHECK(out == "\"a\xC2\\u0005z\"");
    out.clear();
    conform::detail::append_quoted(out, "\xC2\x85\xE2\x80\xAE\xC3\xA9"); // valid: NEL, RLO, e-acute
    CHECK(out == "\"\\u0085\\u202E\xC3\xA9\"");
  }

  TEST_CASE("render: a long pointer is cut at a character, with its length") {
    auto d = at(0, 1, 1);
    auto pointer_line = [&](conform::render_options const& options = {}) {
      auto lines = conform_test::lines(text_of(d, "{}", options));
      REQUIRE(!lines.empty());
      return lines.back();
    };
    d.pointer = "/" + std::string(399, 'k');
    CHECK(pointer_line() == "  pointer: " + d.pointer);
    std::string const first400 = d.pointer;
    d.pointer += "/";
    for (int i = 0; i < 100; ++i) {
      d.pointer += "\xC3\xA9"; // one character, two bytes
    }
    CHECK(pointer_line() == "  pointer: " + first400 + "... (501 characters)");
    d.pointer = "/" + std::string(3, 'k');
    for (int i = 0; i < 600; ++i) {
      d.pointer += "\xC3\xA9";
    }
    std::string cut = "/kkk";
    for (int i = 0; i < 396; ++i) {
      cut += "\xC3\xA9";
    }
    CHECK(pointer_line() == "  pointer: " + cut + "... (604 characters)");
    conform::render_options narrow;
    narrow.max_pointer_width = 3; // treated as 40
    CHECK(pointer_line(narrow) ==
          "  pointer: " + cut.substr(0, 4 + 2 * 36) + "... (604 characters)");
    // The diagnostic keeps it whole, and so does the JSON form.
    CHECK(json_of(d).find(d.pointer) != std::string::npos);
  }

  TEST_CASE("render: colour only when asked for") {
    auto d = at(0, 1, 1);
    CHECK(text_of(d, "{}").find('\x1b') == std::string::npos);
    conform::render_options options;
    options.color = true;
    auto coloured = text_of(d, "{}", options);
    CHECK(coloured.find("\x1b[1;31merror:") != std::string::npos);
    CHECK(coloured.find("\x1b[1;32m^") != std::string::npos);
    d.level = conform::severity::warning;
    CHECK(text_of(d, "{}", options).find("\x1b[1;35mwarning:") != std::string::npos);
  }

  TEST_CASE("render: the JSON form has the stable member names") {
    auto d = at(12, 1, 13);
    CHECK(json_of(d) ==
          "{\"severity\":\"error\",\"code\":\"out_of_range\",\"pointer\":\"/priority\","
          "\"line\":1,\"column\":13,\"message\":\"number out of range: expected an "
          "integer in [0, 3], found 4\",\"expected\":\"an integer in [0, 3]\","
          "\"found\":\"4\"}");
    auto none = at(conform::diagnostic::no_offset, 0, 0);
    CHECK(json_of(none).find("\"line\":0,\"column\":0") != std::string::npos);
  }

  TEST_CASE("render: the JSON form escapes bidirectional formatting characters and DEL") {
    auto d = at(0, 1, 1);
    d.pointer = "/k\xE2\x80\xAEx";
    d.found = "\xE2\x81\xA7";
    d.expected = "a\x7F"; // found by fuzz_cli_input: an unknown member's name, raw in its pointer
    auto text = json_of(d);
    CHECK(text.find("\xE2\x80\xAE") == std::string::npos);
    CHECK(text.find("\xE2\x81\xA7") == std::string::npos);
    CHECK(text.find('\x7F') == std::string::npos);
    CHECK(text.find(R"("pointer":"/k\u202Ex")") != std::string::npos);
    CHECK(text.find(R"("found":"\u2067")") != std::string::npos);
    CHECK(text.find(R"("expected":"a\u007F")") != std::string::npos);
  }

  TEST_CASE("render: the JSON form stays valid JSON whatever the input held") {
    auto d = at(0, 1, 1);
    d.pointer = "/a\"b\\c\x01\n";
    d.found = std::string("\xff\xfe bad \xC3", 8) + std::string(1, '\0');
    auto text = json_of(d);
    boost::system::error_code ec;
    auto v = boost::json::parse(text, ec);
    REQUIRE_MESSAGE(!ec, text);
    CHECK(v.at("pointer").as_string() == "/a\"b\\c\x01\n");
    CHECK(v.at("found").as_string() ==
          "\xEF\xBF\xBD\xEF\xBF\xBD bad \xEF\xBF\xBD" + std::string(1, '\0'));
  }

  TEST_CASE("render: a list renders as a JSON array") {
    conform::diagnostics ds;
    ds.push_back(at(0, 1, 1));
    ds.push_back(at(5, 1, 6));
    std::ostringstream os;
    conform::render_json(os, ds);
    auto v = boost::json::parse(os.str());
    REQUIRE(v.is_array());
    CHECK(v.as_array().size() == 2);
    CHECK(v.as_array()[1].at("column").as_int64() == 6);
    std::ostringstream empty;
    conform::render_json(empty, conform::diagnostics{});
    CHECK(empty.str() == "[]");
  }
}
