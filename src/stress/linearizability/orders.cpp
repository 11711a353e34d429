#include "stress/linearizability/orders.hpp"

#include <cstdint>
#include <tuple>
#include <vector>

namespace safemap::stress::linearizability {
namespace {

using operation_set = std::uint32_t;  // a bit per operation; max_ordered fits

class order_search {
 public:
  order_search(std::span<const key_operation> operations, std::size_t free)
      : ops_{operations}, free_{free} {
    for (std::size_t i = 0; i < ops_.size(); ++i) {
      operation_set before = 0;
      for (std::size_t j = 0; j < ops_.size(); ++j) {
        if (ops_[j].responded < ops_[i].invoked) before |= operation_set{1} << j;
      }
      predecessors_.push_back(before);
    }
  }

  std::optional<std::set<operation_result>> run(const key_state& start) {
    visit(0, start, std::nullopt);
    if (seen_.size() > max_order_nodes) return std::nullopt;
    return std::move(results_);
  }

 private:
  void visit(operation_set placed, const key_state& state,
             const std::optional<operation_result>& free_result) {
    if (seen_.size() > max_order_nodes || !seen_.emplace(placed, state, free_result).second) return;
    if (placed == (operation_set{1} << ops_.size()) - 1) {
      results_.insert(*free_result);
      return;
    }
    for (std::size_t i = 0; i < ops_.size(); ++i) {
      const operation_set bit = operation_set{1} << i;
      if ((placed & bit) != 0 || (predecessors_[i] & ~placed) != 0) continue;
      const auto step = run_alone(ops_[i], state);
      if (i == free_) {
        visit(placed | bit, step.after, step.result);
      } else if (step.result == ops_[i].result) {
        visit(placed | bit, step.after, free_result);
      }
    }
  }

  std::span<const key_operation> ops_;
  std::size_t free_;
  std::vector<operation_set> predecessors_;
  std::set<std::tuple<operation_set, key_state, std::optional<operation_result>>> seen_;
  std::set<operation_result> results_;
};

}  // namespace

std::optional<std::set<operation_result>> legal_results(std::span<const key_operation> operations,
                                                        const key_state& start, std::size_t free) {
  if (operations.size() > max_ordered) return std::nullopt;
  return order_search{operations, free}.run(start);
}

}  // namespace safemap::stress::linearizability
