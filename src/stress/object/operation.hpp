// object/: one operation of an object spec (spec.hpp): its name, how to draw its arguments, and
// how to run it on the object under test and on the sequential model.
//
//   operation{"push", int_between{0, 3},
//             [](queue& q, int v) { q.push(v); },
//             [](model& m, int v) -> may_block<done> {
//               if (m.full()) return blocks;
//               m.push(v);
//               return done{};
//             }}
//
// The two calls must give results of one type, compared with ==: a call that returns nothing
// gives `done`. A model call that returns may_block<R> says, with `blocks`, that the operation
// cannot complete in the model's present state (a pop of an empty blocking queue): the checker
// never places it there, and a scenario in which every thread would wait for ever is never drawn.
#pragma once

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace safemap::stress::object {

// What an operation that returns nothing returned.
struct done {
  friend bool operator==(done, done) = default;
};

struct blocks_t {
  explicit constexpr blocks_t() = default;
};
// The model's answer for an operation that would wait in the state it was asked in.
inline constexpr blocks_t blocks{};

template <class Result>
class may_block {
 public:
  may_block(blocks_t /*unused*/) {}  // NOLINT(google-explicit-constructor): `return blocks;`
  template <class Value>
    requires std::constructible_from<Result, Value&&>
  may_block(
      Value&& value)  // NOLINT(google-explicit-constructor,bugprone-forwarding-reference-overload)
      : result_{std::forward<Value>(value)} {}

  std::optional<Result> result() && { return std::move(result_); }

 private:
  std::optional<Result> result_;
};

// Arguments are drawn from this generator: a scenario is a function of its seed.
using random_source = std::mt19937_64;

struct no_arguments {
  std::tuple<> operator()(random_source& /*unused*/) const { return {}; }
};

// A draw may also offer `smaller(value)`: values it could have drawn that make a simpler
// scenario, the simplest first. The shrinking of a failing scenario (explore_object.hpp) tries
// them once no call can be left out; a draw without it keeps its values.

// A whole number in [low, high]; small ranges make operations collide, which is what finds bugs.
// Smaller means closer to `low`: low itself, then halfway there, then one less.
struct int_between {
  int low = 0;
  int high = 3;
  int operator()(random_source& random) const {
    return std::uniform_int_distribution<int>{low, high}(random);
  }
  std::vector<int> smaller(int value) const {
    std::vector<int> closer;
    for (const int candidate : {low, low + (value - low) / 2, value - 1}) {
      if (candidate >= low && candidate < value &&
          std::ranges::find(closer, candidate) == closer.end()) {
        closer.push_back(candidate);
      }
    }
    return closer;
  }
};

// Several arguments, each drawn in order: `arguments{int_between{0, 2}, int_between{1, 9}}`.
// Smaller: one argument smaller at a time, the first argument's first.
template <class... Draws>
struct arguments {
  constexpr explicit arguments(Draws... each) : draws{each...} {}
  std::tuple<Draws...> draws;
  auto operator()(random_source& random) const {
    // A braced list evaluates left to right: the draws take the generator's values in order.
    return std::apply([&random](const auto&... draw) { return std::tuple{draw(random)...}; },
                      draws);
  }
  template <class Values>
  std::vector<Values> smaller(const Values& values) const {
    std::vector<Values> closer;
    [&]<std::size_t... Index>(std::index_sequence<Index...>) {
      (add_smaller_at<Index>(values, closer), ...);
    }(std::index_sequence_for<Draws...>{});
    return closer;
  }

 private:
  template <std::size_t Index, class Values>
  void add_smaller_at(const Values& values, std::vector<Values>& closer) const {
    const auto& draw = std::get<Index>(draws);
    if constexpr (requires { draw.smaller(std::get<Index>(values)); }) {
      for (auto& candidate : draw.smaller(std::get<Index>(values))) {
        auto changed = values;
        std::get<Index>(changed) = std::move(candidate);
        closer.push_back(std::move(changed));
      }
    }
  }
};

template <class Draw, class OnObject, class OnModel>
struct operation {
  const char* name;
  Draw draw;
  OnObject on_object;
  OnModel on_model;
};

template <class Draw, class OnObject, class OnModel>
operation(const char*, Draw, OnObject, OnModel) -> operation<Draw, OnObject, OnModel>;

namespace detail {

template <class T>
struct is_tuple : std::false_type {};
template <class... T>
struct is_tuple<std::tuple<T...>> : std::true_type {};

template <class T>
struct unblocked {
  using type = T;
};
template <class T>
struct unblocked<may_block<T>> {
  using type = T;
};
template <class T>
inline constexpr bool is_may_block = false;
template <class T>
inline constexpr bool is_may_block<may_block<T>> = true;

// A draw's value as the tuple of arguments it is.
template <class Value>
auto as_arguments(Value&& value) {
  if constexpr (is_tuple<std::remove_cvref_t<Value>>::value) {
    return std::forward<Value>(value);
  } else {
    return std::tuple{std::forward<Value>(value)};
  }
}

template <class Callable, class Target, class Arguments>
auto call_with(const Callable& callable, Target& target, const Arguments& arguments) {
  return std::apply([&](const auto&... argument) { return callable(target, argument...); },
                    arguments);
}

template <class Callable, class Target, class Arguments>
using raw_result_t = decltype(call_with(std::declval<const Callable&>(), std::declval<Target&>(),
                                        std::declval<const Arguments&>()));

}  // namespace detail

template <class Operation>
using arguments_t = decltype(detail::as_arguments(
    std::declval<const Operation&>().draw(std::declval<random_source&>())));

// What the operation returns on the object: its own result, or `done` for nothing.
template <class Operation, class Object>
using result_t = std::conditional_t<
    std::is_void_v<
        detail::raw_result_t<decltype(Operation::on_object), Object, arguments_t<Operation>>>,
    done, detail::raw_result_t<decltype(Operation::on_object), Object, arguments_t<Operation>>>;

template <class Operation, class Model>
using model_result_t =
    detail::raw_result_t<decltype(Operation::on_model), Model, arguments_t<Operation>>;

// Whether the model may say `blocks` for this operation.
template <class Operation, class Model>
inline constexpr bool may_block_v = detail::is_may_block<model_result_t<Operation, Model>>;

template <class Operation>
arguments_t<Operation> draw_arguments(const Operation& operation, random_source& random) {
  return detail::as_arguments(operation.draw(random));
}

// The smaller arguments the operation's draw offers for `drawn` (its `smaller`, if it has one).
template <class Operation>
std::vector<arguments_t<Operation>> smaller_arguments(const Operation& operation,
                                                      const arguments_t<Operation>& drawn) {
  using value = decltype(operation.draw(std::declval<random_source&>()));
  std::vector<arguments_t<Operation>> closer;
  if constexpr (detail::is_tuple<value>::value) {
    if constexpr (requires { operation.draw.smaller(drawn); })
      closer = operation.draw.smaller(drawn);
  } else if constexpr (requires { operation.draw.smaller(std::get<0>(drawn)); }) {
    for (auto& candidate : operation.draw.smaller(std::get<0>(drawn))) {
      closer.push_back(detail::as_arguments(std::move(candidate)));
    }
  }
  return closer;
}

template <class Operation, class Object>
result_t<Operation, Object> apply_to_object(const Operation& operation, Object& object,
                                            const arguments_t<Operation>& arguments) {
  if constexpr (std::is_void_v<detail::raw_result_t<decltype(Operation::on_object), Object,
                                                    arguments_t<Operation>>>) {
    detail::call_with(operation.on_object, object, arguments);
    return done{};
  } else {
    return detail::call_with(operation.on_object, object, arguments);
  }
}

// The model's result, or nothing when the operation would wait in this state (the model is then
// unchanged, as the model call must leave it when it says `blocks`).
template <class Operation, class Model, class Result>
std::optional<Result> apply_to_model(const Operation& operation, Model& model,
                                     const arguments_t<Operation>& arguments) {
  using raw = model_result_t<Operation, Model>;
  if constexpr (std::is_void_v<raw>) {
    detail::call_with(operation.on_model, model, arguments);
    return Result{};
  } else if constexpr (detail::is_may_block<raw>) {
    return detail::call_with(operation.on_model, model, arguments).result();
  } else {
    return Result{detail::call_with(operation.on_model, model, arguments)};
  }
}

}  // namespace safemap::stress::object
