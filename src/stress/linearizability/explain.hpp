// Why a small witness fails: for each of its operations, the results it could have returned in
// some legal order of all of them, the others returning what they really returned. An operation
// with such results is one whose result no legal order explains (a finding blames it and prints
// what every legal order would have returned instead); an operation with none is not the one
// that went wrong on its own.
// Exhaustive (orders.hpp); a witness too large for that is not explained (the report then lists
// its operations without blame). Thread safety: pure function.
#pragma once

#include <cstddef>
#include <vector>

#include "stress/linearizability/operation.hpp"
#include "stress/linearizability/shrink.hpp"

namespace safemap::stress::linearizability {

struct explanation {
  bool explained = false;
  // Per operation of the witness: the results legal orders allow it (empty: not to blame).
  std::vector<std::vector<operation_result>> legal_results;
};

explanation explain(const witness& failing);

}  // namespace safemap::stress::linearizability
