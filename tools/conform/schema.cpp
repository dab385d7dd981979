// `conform schema`: the JSON Schema of the bodies conform validates (conform::json_schema),
// for validators, editors and gateways that are not C++. Its own translation unit, as
// check.cpp is the decoder's: the exporter's templates are compiled once, here.
#include "conform_cli.hpp"

#include <conform/json_schema.hpp>
#include <conform/modelarts.hpp>

#include <string>

namespace conform_cli {

std::string schema_document(schema_choice schema, bool strict, std::size_t indent) {
  conform::json_schema_options o;
  if (strict) { // the policies of `conform validate --strict`
    o.decode.unknown_members = conform::unknown_member_policy::error;
    o.decode.unknown_open_enum_values = conform::open_enum_policy::error;
  }
  o.indent = indent;
  std::string out = schema == schema_choice::error_body
                        ? conform::json_schema<conform::modelarts::error_body>(o)
                        : conform::json_schema<conform::modelarts::training_job>(o);
  out += '\n';
  return out;
}

} // namespace conform_cli
