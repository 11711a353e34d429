#include "stress/differential/program.hpp"

#include <algorithm>
#include <array>

namespace safemap::stress::differential {
namespace {

// Kind codes: each kind but clear gets the same share of the 32 codes (clear: one).
constexpr std::array<operation_kind, 32> kind_of_code = [] {
  std::array<operation_kind, 32> kinds{};
  std::array<operation_kind, all_operations.size() - 1> shared{};
  std::ranges::remove_copy(all_operations, shared.begin(), operation_kind::clear);
  for (std::size_t code = 0; code + 1 < kinds.size(); ++code) {
    kinds[code] = shared[code % shared.size()];
  }
  kinds.back() = operation_kind::clear;
  return kinds;
}();

}  // namespace

std::vector<operation> decode(std::span<const std::uint8_t> bytes) {
  std::vector<operation> program;
  program.reserve(bytes.size() / bytes_per_operation);
  for (std::size_t at = 0; at + bytes_per_operation <= bytes.size(); at += bytes_per_operation) {
    program.push_back({.kind = kind_of_code[bytes[at] % kind_of_code.size()],
                       .key = static_cast<std::uint8_t>(bytes[at + 1] % key_count),
                       .argument = bytes[at + 2]});
  }
  return program;
}

std::string describe(const operation& step) {
  const std::string key = "k" + std::to_string(step.key);
  const std::string argument = std::to_string(step.argument);
  std::string text{name_of(step.kind)};
  switch (step.kind) {
    case operation_kind::insert:
    case operation_kind::insert_or_assign: return text + "(" + key + ", " + argument + ")";
    case operation_kind::update: return text + "(" + key + ", +" + argument + ")";
    case operation_kind::upsert:
      return text + "(" + key + ", " + argument + " or +" + argument + ")";
    case operation_kind::erase:
    case operation_kind::find:
    case operation_kind::contains: return text + "(" + key + ")";
    case operation_kind::size:
    case operation_kind::empty:
    case operation_kind::for_each:
    case operation_kind::snapshot:
    case operation_kind::clear: return text + "()";
  }
  return text;
}

}  // namespace safemap::stress::differential
