// The words the worked examples' specs are written in (src/stress/object/operation.hpp), named
// once for the namespace every example lives in, so a spec reads as the table it is.
#pragma once

#include "stress/object/operation.hpp"

namespace safemap::object_examples {

using stress::object::arguments;
using stress::object::blocks;
using stress::object::done;
using stress::object::int_between;
using stress::object::may_block;
using stress::object::no_arguments;
using stress::object::operation;

}  // namespace safemap::object_examples
