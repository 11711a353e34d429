#include "stress/linearizability/explain.hpp"

#include "stress/linearizability/orders.hpp"

namespace safemap::stress::linearizability {

explanation explain(const witness& failing) {
  explanation why;
  std::vector<std::vector<operation_result>> legal;
  for (std::size_t i = 0; i < failing.operations.size(); ++i) {
    const auto results = legal_results(failing.operations, failing.start, i);
    if (!results) return why;
    legal.emplace_back(results->begin(), results->end());
  }
  why.explained = true;
  why.legal_results = std::move(legal);
  return why;
}

}  // namespace safemap::stress::linearizability
