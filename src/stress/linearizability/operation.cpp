#include "stress/linearizability/operation.hpp"

namespace safemap::stress::linearizability {

std::string describe_call(const key_operation& operation, std::uint64_t key) {
  const std::string name{name_of(operation.kind)};
  const std::string k = std::to_string(key);
  const std::string throwing = operation.callback_throws ? ", callbacks throw" : "";
  switch (operation.kind) {
    case operation_kind::insert:
    case operation_kind::insert_or_assign:
      return name + "(" + k + ", " + std::to_string(operation.argument) + ")";
    case operation_kind::update:
      return name + "(" + k + ", add " + std::to_string(operation.argument) + throwing + ")";
    case operation_kind::upsert:
      return name + "(" + k + ", insert " + std::to_string(operation.initial) + " or add " +
             std::to_string(operation.argument) + throwing + ")";
    case operation_kind::clear:
    case operation_kind::for_each:
    case operation_kind::snapshot: return name + "(), seen by key " + k;
    default: return name + "(" + k + ")";
  }
}

std::string describe_result(operation_kind kind, const operation_result& result) {
  if (result.threw) return "threw";
  switch (kind) {
    case operation_kind::find:
    case operation_kind::for_each:
    case operation_kind::snapshot:
      return result.value ? std::to_string(*result.value) : std::string{"absent"};
    case operation_kind::clear: return "-";
    default: return result.flag ? "true" : "false";
  }
}

}  // namespace safemap::stress::linearizability
