// object/: an argument or a result as a scenario table prints it: numbers and bools as C++
// writes them, strings quoted, an empty optional as `none`, `done` for an operation that returns
// nothing, and anything else through its operator<<.
#pragma once

#include <concepts>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "stress/object/operation.hpp"

namespace safemap::stress::object {

template <class Value>
concept streamable = requires(std::ostream& out, const Value& value) { out << value; };

template <class Value>
inline constexpr bool is_optional = false;
template <class Value>
inline constexpr bool is_optional<std::optional<Value>> = true;

template <class Value>
concept describable =
    std::same_as<Value, done> || std::same_as<Value, bool> || std::integral<Value> ||
    std::convertible_to<Value, std::string_view> || streamable<Value> ||
    (is_optional<Value> && (requires { typename Value::value_type; }));

template <class Value>
std::string describe(const Value& value) {
  if constexpr (std::same_as<Value, done>) {
    return "done";
  } else if constexpr (std::same_as<Value, bool>) {
    return value ? "true" : "false";
  } else if constexpr (std::integral<Value>) {
    return std::to_string(value);
  } else if constexpr (std::convertible_to<Value, std::string_view>) {
    return '"' + std::string{std::string_view{value}} + '"';
  } else if constexpr (is_optional<Value>) {
    return value ? describe(*value) : "none";
  } else {
    std::ostringstream out;
    out << value;
    return out.str();
  }
}

// `name(a, b)`.
template <class... Arguments>
std::string describe_call(std::string_view name, const std::tuple<Arguments...>& arguments) {
  std::string text{name};
  text += '(';
  std::apply(
      [&text](const auto&... argument) {
        bool first = true;
        ((text += (first ? "" : ", ") + describe(argument), first = false), ...);
      },
      arguments);
  return text + ')';
}

}  // namespace safemap::stress::object
