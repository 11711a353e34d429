#include "stress/map/operation_sites.hpp"

#include <safemap/detail/stack_trace.hpp>
#include <string>
#include <string_view>
#include <utility>

namespace safemap::stress {
namespace {

// `bool ns::map<K, V>::upsert<F, G>(unsigned long const&, F&&, G&&)` -> `ns::map<K, V>::upsert<F,
// G>`: reports carry functions without their parameter lists (as gdb's frames do) and without the
// return type the demangler prints for a function template.
std::string qualified_name(std::string name) {
  for (std::string_view qualifier : {" const", " volatile", " &&", " &", " noexcept"}) {
    if (name.ends_with(qualifier)) name.resize(name.size() - qualifier.size());
  }
  int depth = 0;
  if (name.ends_with(')')) {
    for (std::size_t i = name.size(); i-- > 0;) {
      if (name[i] == ')') ++depth;
      if (name[i] == '(' && --depth == 0) {
        name.resize(i);
        break;
      }
    }
  }
  depth = 0;
  for (std::size_t i = name.size(); i-- > 0;) {
    if (name[i] == '>' || name[i] == ')') ++depth;
    if (name[i] == '<' || name[i] == '(') --depth;
    if (name[i] == ' ' && depth == 0) return name.substr(i + 1);
  }
  return name;
}

}  // namespace

std::optional<frame> operation_sites::frame_of(operation_kind kind) const {
  const std::uintptr_t address = addresses_[static_cast<std::size_t>(kind)];
  if (address == 0) return std::nullopt;
  const auto described = safemap::detail::describe_code_address(address);
  if (described.function.empty() && described.file.empty()) return std::nullopt;
  return frame{.address = address,
               .function = qualified_name(described.function),
               .file = described.file,
               .line = described.line,
               .module = {}};
}

std::optional<stack> operation_sites::shown_by(operation_kind kind) const {
  auto site = frame_of(kind);
  if (!site) return std::nullopt;
  return stack{.title = "Shown by the result of " + std::string{name_of(kind)} + ":",
               .frames = {std::move(*site)}};
}

}  // namespace safemap::stress
