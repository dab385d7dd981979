// The generate subcommand: valid documents by construction (conform::generate), for fuzzing
// pipelines and corpora that are not written in C++. Each document's choices are a splitmix64
// stream seeded from --seed and the document's index, so a document can be made again from
// those two alone, whatever the count.
#include "conform_cli.hpp"

#include <conform/encode.hpp>
#include <conform/generate.hpp>
#include <conform/modelarts/error_body.hpp>
#include <conform/modelarts/training_job.hpp>
#include <conform/render.hpp>

#include <fmt/core.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <ostream>
#include <string>

namespace conform_cli {

namespace {

/// The choices of document `index`: the stream seeded with the seed, then moved on by the
/// index through one step of its own mixing (so neighbouring seeds do not share documents).
void fill_choices(std::string& bytes, std::uint64_t seed, std::uint64_t index) {
  std::uint64_t state = seed;
  state = conform::detail::splitmix64(state) ^ index;
  for (std::size_t i = 0; i < bytes.size(); i += 8) {
    std::uint64_t w = conform::detail::splitmix64(state);
    for (std::size_t k = 0; k < 8 && i + k < bytes.size(); ++k) {
      bytes[i + k] = static_cast<char>(w >> (8 * k) & 0xFF);
    }
  }
}

} // namespace

bool generate_documents(generate_settings const& s, std::ostream& out, std::ostream& err) {
  conform::generate_options g;
  g.max_elements = s.max_elements;
  g.max_string_length = s.max_string_length;
  g.max_depth = s.max_depth;
  g.unknown_open_enum_values = s.unknown_enum_values;
  g.all_optional_members = s.all_members;
  conform::encode_options e;
  e.indent = s.out_dir.empty() ? 0 : s.indent; // NDJSON: one document per line
  char const* const name = s.schema == schema_choice::error_body ? "error_body" : "training_job";
  std::string dir = s.out_dir; // "corpus/" names corpus/training_job-..., not corpus//...
  while (dir.size() > 1 && dir.back() == '/') {
    dir.pop_back();
  }
  std::string bytes(s.bytes, '\0');
  std::string text;
  for (std::uint64_t i = 0; i < s.count; ++i) {
    fill_choices(bytes, s.seed, i);
    conform::byte_source in(bytes);
    text.clear();
    if (s.schema == schema_choice::error_body) {
      conform::encode_to(text, conform::generate<conform::modelarts::error_body>(in, g), e);
    } else {
      conform::encode_to(text, conform::generate<conform::modelarts::training_job>(in, g), e);
    }
    if (s.out_dir.empty()) {
      text += '\n';
      out.write(text.data(), static_cast<std::streamsize>(text.size()));
      continue;
    }
    std::string const path =
        fmt::format("{}{}{}-{}-{}.json", dir, dir == "/" ? "" : "/", name, s.seed, i);
    errno = 0;
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(text.data(), static_cast<std::streamsize>(text.size()));
    file.close();
    if (!file) {
      std::string shown; // the directory came from the user: no raw control characters
      conform::detail::append_printable(shown, path);
      err << "conform: cannot write " << shown << ": "
          << (errno != 0 ? std::strerror(errno) : "write failed") << '\n';
      return false;
    }
  }
  return true;
}

} // namespace conform_cli
