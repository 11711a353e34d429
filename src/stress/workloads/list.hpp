// workloads/: what the threads of a round do, one file per workload
//
// The one list of workloads. Adding one is a file (workload.hpp says what it holds) and a line
// here: the names (--workload, --describe), the dispatch, the ctest tests
// (cmake/SafemapStress.cmake reads the names between the markers below) and the docs check
// (docs.facts) all come from this list.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

#include "stress/invariants/findings.hpp"
#include "stress/progress.hpp"
#include "stress/workloads/clear_while_writing.hpp"
#include "stress/workloads/erase_churn.hpp"
#include "stress/workloads/hot_key_counters.hpp"
#include "stress/workloads/iterate_while_writing.hpp"
#include "stress/workloads/read_heavy.hpp"
#include "stress/workloads/resize_storm.hpp"
#include "stress/workloads/run_round.hpp"
#include "stress/workloads/shared_keys.hpp"
#include "stress/workloads/throwing_callbacks.hpp"
#include "stress/workloads/write_heavy.hpp"

namespace safemap::stress {

template <template <class> class... Workloads>
struct workload_list {};

// In the order a run makes them.
// clang-format off
// workload list begins
using every_workload = workload_list<
    read_heavy,
    write_heavy,
    iterate_while_writing,
    resize_storm,
    hot_key_counters,
    erase_churn,
    clear_while_writing,
    shared_keys,
    throwing_callbacks>;
// workload list ends
// clang-format on

// A workload of the list, by its place in it.
class workload {
 public:
  constexpr explicit workload(std::size_t index) : index_{index} {}
  constexpr std::size_t index() const { return index_; }
  friend constexpr bool operator==(workload, workload) = default;

 private:
  std::size_t index_;
};

namespace detail {
// A map type for naming workloads without one: only the workloads' declarations see it.
struct no_map {};

template <template <class> class... Workloads>
constexpr auto workload_texts(workload_list<Workloads...> /*list*/) {
  return std::array{std::pair<std::string_view, std::string_view>{Workloads<no_map>::name,
                                                                  Workloads<no_map>::summary}...};
}
inline constexpr auto texts = workload_texts(every_workload{});

template <class Map, template <class> class... Workloads>
round_stats run_nth(std::size_t index, const round_plan& plan, progress_board& board,
                    findings& found, workload_list<Workloads...> /*list*/) {
  round_stats stats;
  std::size_t place = 0;
  // Stops at the index-th workload; the fold's value is not needed (clang's -Wunused-value).
  static_cast<void>(
      ((place++ == index ? (stats = run_round<Workloads<Map>, Map>(plan, board, found), true)
                         : false) ||
       ...));
  return stats;
}
}  // namespace detail

inline constexpr auto all_workloads = []<std::size_t... I>(std::index_sequence<I...>) {
  return std::array{workload{I}...};
}(std::make_index_sequence<detail::texts.size()>{});

constexpr std::string_view name_of(workload kind) { return detail::texts[kind.index()].first; }
constexpr std::string_view summary_of(workload kind) { return detail::texts[kind.index()].second; }

constexpr std::optional<workload> workload_named(std::string_view name) {
  for (workload kind : all_workloads) {
    if (name_of(kind) == name) return kind;
  }
  return std::nullopt;
}

// One round of `kind` on a fresh Map.
template <class Map>
round_stats run_workload(workload kind, const round_plan& plan, progress_board& board,
                         findings& found) {
  return detail::run_nth<Map>(kind.index(), plan, board, found, every_workload{});
}

}  // namespace safemap::stress
