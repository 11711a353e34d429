// object/: is any object linearizable against its spec's model
//
// This header: what an object spec declares, and check_object_spec<Spec>(): every unmet
// requirement at once, each with what to write (as safemap::check_concurrent_map does for maps).
// The rest of the folder: the calls and scenarios drawn from a spec (call.hpp, scenario.hpp),
// the checker (checker.hpp), the explorer and free stress (explore_object.hpp,
// stress_object.hpp), the GoogleTest entry points (gtest.hpp); docs/objects.md.
//
// A spec is a struct naming the object under test, a sequential model of it and its operations:
//
//   struct counter_spec {
//     static constexpr const char* name = "counter";
//     using object = my::counter;                  // the concurrent object
//     using model = std::uint64_t;                 // any copyable, ==-comparable state
//     static object make_object() { return object{}; }
//     static constexpr std::tuple operations{
//         operation{"add", int_between{1, 3},
//                   [](object& c, int n) { c.add(n); },
//                   [](model& m, int n) { m += n; }},
//         operation{"get", no_arguments{},
//                   [](object& c) { return c.get(); },
//                   [](const model& m) { return m; }}};
//   };
//
// Optional: `static model make_model()` when the model does not start default-constructed, and
// `static constexpr scenario_shape shape{...}` when a bug needs longer scenarios than the
// defaults (scenario.hpp).
#pragma once

#include <concepts>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "stress/object/describe.hpp"
#include "stress/object/operation.hpp"

namespace safemap::stress::object {

namespace requirement {

template <class Spec>
concept names_object = requires { typename Spec::object; };
template <class Spec>
concept names_model = requires { typename Spec::model; };
template <class Spec>
concept has_name = requires {
  { Spec::name } -> std::convertible_to<std::string_view>;
};
template <class Spec>
concept makes_object = requires { Spec::make_object(); };

template <class Operation>
inline constexpr bool is_operation = false;
template <class Draw, class OnObject, class OnModel>
inline constexpr bool is_operation<operation<Draw, OnObject, OnModel>> = true;

template <class Tuple>
inline constexpr bool is_operation_list = false;
template <class... Operations>
inline constexpr bool is_operation_list<std::tuple<Operations...>> = sizeof...(Operations) > 0 &&
                                                                     (is_operation<Operations> &&
                                                                      ...);

template <class Spec>
concept lists_operations = requires { Spec::operations; } &&
                           is_operation_list<std::remove_cvref_t<decltype(Spec::operations)>>;

template <class Spec>
concept model_starts = !names_model<Spec> || requires { Spec::make_model(); } ||
                       std::default_initializable<typename Spec::model>;
template <class Spec>
concept model_is_a_value = !names_model<Spec> || (std::copyable<typename Spec::model> &&
                                                  std::equality_comparable<typename Spec::model>);

template <class Callable, class Target, class Arguments>
inline constexpr bool applicable = false;
template <class Callable, class Target, class... Arguments>
inline constexpr bool applicable<Callable, Target, std::tuple<Arguments...>> =
    std::is_invocable_v<const Callable&, Target&, const Arguments&...>;

template <class Arguments>
inline constexpr bool describable_arguments = false;
template <class... Arguments>
inline constexpr bool describable_arguments<std::tuple<Arguments...>> =
    (describable<Arguments> && ...);

template <class Operation, class Object, class Model>
constexpr bool consistent() {
  if constexpr (!requires(const Operation& op, random_source& random) { op.draw(random); }) {
    return false;
  } else {
    using arguments = arguments_t<Operation>;
    if constexpr (!applicable<decltype(Operation::on_object), Object, arguments> ||
                  !applicable<decltype(Operation::on_model), Model, arguments>) {
      return false;
    } else {
      using result = result_t<Operation, Object>;
      using raw_model = model_result_t<Operation, Model>;
      using model_result = std::conditional_t<std::is_void_v<raw_model>, done,
                                              typename detail::unblocked<raw_model>::type>;
      return std::same_as<result, model_result> && std::equality_comparable<result> &&
             describable<result> && describable_arguments<arguments>;
    }
  }
}

template <class Spec, class Operations>
inline constexpr bool all_consistent = false;
template <class Spec, class... Operations>
inline constexpr bool all_consistent<Spec, std::tuple<Operations...>> =
    (consistent<Operations, typename Spec::object, typename Spec::model>() && ...);

template <class Spec>
concept operations_fit = !(names_object<Spec> && names_model<Spec> && lists_operations<Spec>) ||
                         all_consistent<Spec, std::remove_cvref_t<decltype(Spec::operations)>>;

}  // namespace requirement

template <class Spec>
concept object_spec = requirement::names_object<Spec> && requirement::names_model<Spec> &&
                      requirement::has_name<Spec> && requirement::makes_object<Spec> &&
                      requirement::lists_operations<Spec> && requirement::model_starts<Spec> &&
                      requirement::model_is_a_value<Spec> && requirement::operations_fit<Spec>;

template <class Spec>
consteval bool check_object_spec() {
  using namespace requirement;
  static_assert(names_object<Spec>, "object spec: needs `using object = <the type under test>;`");
  static_assert(names_model<Spec>,
                "object spec: needs `using model = <its sequential model>;` (any copyable "
                "class with ==; the team's own single-threaded version will do)");
  static_assert(has_name<Spec>,
                "object spec: needs `static constexpr const char* name = \"...\";` (reports "
                "name the object by it)");
  static_assert(makes_object<Spec>,
                "object spec: needs `static object make_object()` (one fresh object per scenario)");
  static_assert(lists_operations<Spec>,
                "object spec: needs `static constexpr std::tuple operations{operation{...}, "
                "...};` with at least one operation (operation.hpp)");
  static_assert(model_starts<Spec>,
                "object spec: needs `static model make_model()`, or a default-constructible model");
  static_assert(model_is_a_value<Spec>,
                "object spec: the model must be copyable and comparable with == (the checker "
                "copies states and remembers the ones it has seen)");
  static_assert(operations_fit<Spec>,
                "object spec: each operation's draw must give its arguments, its object call and "
                "model call must take them and return one type (`done` for nothing; the model "
                "may return may_block<it>), comparable with == and printable (describe.hpp)");
  return object_spec<Spec>;
}

template <class Spec>
typename Spec::model make_model() {
  if constexpr (requires { Spec::make_model(); }) {
    return Spec::make_model();
  } else {
    return typename Spec::model{};
  }
}

}  // namespace safemap::stress::object
