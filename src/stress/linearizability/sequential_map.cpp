#include "stress/linearizability/sequential_map.hpp"

namespace safemap::stress::linearizability {

step_outcome run_alone(const key_operation& operation, const key_state& before) {
  const bool present = before.has_value();
  switch (operation.kind) {
    case operation_kind::find:
    case operation_kind::for_each:
    case operation_kind::snapshot: return {before, operation_result::read(before)};
    case operation_kind::contains: return {before, operation_result::returned(present)};
    case operation_kind::insert:
      return {present ? before : key_state{operation.argument},
              operation_result::returned(!present)};
    case operation_kind::insert_or_assign:
      return {operation.argument, operation_result::returned(!present)};
    case operation_kind::erase: return {std::nullopt, operation_result::returned(present)};
    case operation_kind::update:
      if (!present) return {before, operation_result::returned(false)};
      if (operation.callback_throws) return {before, operation_result::thrown()};
      return {*before + operation.argument, operation_result::returned(true)};
    case operation_kind::upsert:
      if (operation.callback_throws) return {before, operation_result::thrown()};
      if (!present) return {operation.initial, operation_result::returned(true)};
      return {*before + operation.argument, operation_result::returned(false)};
    case operation_kind::clear: return {std::nullopt, {}};
    case operation_kind::size:
    case operation_kind::empty: break;  // belong to no key
  }
  return {before, operation.result};
}

bool leaves_state_unchanged(const key_operation& operation) {
  if (operation.result.threw) return true;
  switch (operation.kind) {
    case operation_kind::find:
    case operation_kind::contains:
    case operation_kind::for_each:
    case operation_kind::snapshot: return true;
    case operation_kind::insert:
    case operation_kind::erase:
    case operation_kind::update: return !operation.result.flag;
    default: return false;
  }
}

std::optional<key_state> state_after(const key_operation& operation) {
  switch (operation.kind) {
    case operation_kind::find:
    case operation_kind::for_each:
    case operation_kind::snapshot: return operation.result.value;
    case operation_kind::contains:
      if (!operation.result.flag) return key_state{};
      return std::nullopt;
    case operation_kind::insert_or_assign: return key_state{operation.argument};
    case operation_kind::erase:
    case operation_kind::clear: return key_state{};
    case operation_kind::insert:
      if (operation.result.flag) return key_state{operation.argument};
      return std::nullopt;
    case operation_kind::upsert:
      if (operation.result.flag) return key_state{operation.initial};
      return std::nullopt;
    default: return std::nullopt;
  }
}

}  // namespace safemap::stress::linearizability
