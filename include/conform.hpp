// conform: the umbrella header of the generic library (everything but the ModelArts schema,
// which is <conform/modelarts.hpp>).
#ifndef CONFORM_HPP
#define CONFORM_HPP

#include <conform/boost_error_code.hpp>
#include <conform/config.hpp>
#include <conform/constraints.hpp>
#include <conform/cross_member.hpp>
#include <conform/decode.hpp>
#include <conform/decode_value.hpp>
#include <conform/decode_options.hpp>
#include <conform/diagnostic.hpp>
#include <conform/encode.hpp>
#include <conform/enum_spelling.hpp>
#include <conform/error.hpp>
#include <conform/generate.hpp>
#include <conform/json_pointer.hpp>
#include <conform/open_enum.hpp>
#include <conform/schema.hpp>
#include <conform/validate.hpp>

#endif // CONFORM_HPP
