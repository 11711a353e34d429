// object/: one call of a spec's operation, with its arguments and (once run) its result, typed:
// a std::variant with one alternative per operation, so nothing is erased or parsed.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "stress/object/describe.hpp"
#include "stress/object/operation.hpp"
#include "stress/object/spec.hpp"
#include "stress/schedule/no_atomic_points.hpp"

namespace safemap::stress::object {

template <class Spec>
using operations_t = std::remove_cvref_t<decltype(Spec::operations)>;
template <class Spec>
inline constexpr std::size_t operation_count = std::tuple_size_v<operations_t<Spec>>;
template <class Spec, std::size_t Index>
using operation_at = std::tuple_element_t<Index, operations_t<Spec>>;

template <class Spec, std::size_t Index>
struct invocation {
  static constexpr std::size_t index = Index;
  using result_type = result_t<operation_at<Spec, Index>, typename Spec::object>;

  arguments_t<operation_at<Spec, Index>> arguments;
  std::optional<result_type> result{};  // once run on the object

  static const auto& operation() { return std::get<Index>(Spec::operations); }
};

namespace detail {
template <class Spec, class Indices>
struct call_variant;
template <class Spec, std::size_t... Index>
struct call_variant<Spec, std::index_sequence<Index...>> {
  using type = std::variant<invocation<Spec, Index>...>;
};
}  // namespace detail

template <class Spec>
using call =
    typename detail::call_variant<Spec, std::make_index_sequence<operation_count<Spec>>>::type;

// An operation drawn uniformly, with its arguments drawn by its own draw.
template <class Spec>
call<Spec> draw_call(random_source& random) {
  constexpr auto draws = []<std::size_t... Index>(std::index_sequence<Index...>) {
    return std::array<call<Spec> (*)(random_source&), sizeof...(Index)>{
        +[](random_source& source) -> call<Spec> {
          return invocation<Spec, Index>{draw_arguments(std::get<Index>(Spec::operations), source)};
        }...};
  }(std::make_index_sequence<operation_count<Spec>>{});
  const auto chosen = std::uniform_int_distribution<std::size_t>{0, draws.size() - 1}(random);
  return draws[chosen](random);
}

// The call with each smaller arguments its operation's draw offers (smaller_arguments), not run.
template <class Spec>
std::vector<call<Spec>> with_smaller_arguments(const call<Spec>& made) {
  return std::visit(
      [](const auto& invoked) {
        using invoked_t = std::remove_cvref_t<decltype(invoked)>;
        std::vector<call<Spec>> closer;
        for (auto& arguments : smaller_arguments(invoked.operation(), invoked.arguments)) {
          closer.push_back(invoked_t{std::move(arguments)});
        }
        return closer;
      },
      made);
}

// `push(3)`.
template <class Spec>
std::string describe_call(const call<Spec>& made) {
  return std::visit(
      [](const auto& invoked) {
        return describe_call(invoked.operation().name, invoked.arguments);
      },
      made);
}

// What the call returned on the object, or `-` before it ran (or while it waits).
template <class Spec>
std::string describe_result(const call<Spec>& made) {
  return std::visit(
      [](const auto& invoked) { return invoked.result ? describe(*invoked.result) : "-"; }, made);
}

// Runs the call on `object`. Only the object's own code is the code under test: the arguments
// are copied to this thread's stack first and the result stored after, outside the scope where
// its atomics and memory accesses are scheduling points (no_atomic_points.hpp).
template <class Spec>
void run_on_object(call<Spec>& made, typename Spec::object& object) {
  std::visit(
      [&object](auto& invoked) {
        const auto arguments = invoked.arguments;
        auto result = [&] {
          const schedule::code_under_test object_call;
          return apply_to_object(invoked.operation(), object, arguments);
        }();
        invoked.result = std::move(result);
      },
      made);
}

enum class model_step { waits, agrees, disagrees };

// Runs the call on `model` and compares with what the object returned; `allowed` (when given)
// gets what the model returned. The model is unchanged when it says the call blocks.
template <class Spec>
model_step run_on_model(const call<Spec>& made, typename Spec::model& model,
                        std::string* allowed = nullptr) {
  return std::visit(
      [&model, allowed](const auto& invoked) {
        using result = typename std::remove_cvref_t<decltype(invoked)>::result_type;
        const auto expected =
            apply_to_model<std::remove_cvref_t<decltype(invoked.operation())>, typename Spec::model,
                           result>(invoked.operation(), model, invoked.arguments);
        if (!expected) return model_step::waits;
        if (allowed != nullptr) *allowed = describe(*expected);
        return invoked.result && *invoked.result == *expected ? model_step::agrees
                                                              : model_step::disagrees;
      },
      made);
}

}  // namespace safemap::stress::object
