// The checks of whole-map reads that no key's history covers (operation.hpp says how the rest
// is projected onto the keys):
//   * size() and empty() made at a segment's end, with no other thread running, must agree with
//     the finds made beside them (exactly: nothing can change between them);
//   * size() made while other threads run is at most the number of keys in play (it belongs to
//     no key, so no narrower bound is sound);
//   * for_each and snapshot list each key at most once, and only keys that were ever written.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "stress/linearizability/history.hpp"
#include "stress/linearizability/witness_report.hpp"

namespace safemap::stress::linearizability {

// `histories`: the workers' and, last, the segment end's (made by thread `segment_end_thread`).
std::optional<history_finding> check_whole_map_reads(std::span<const thread_history> histories,
                                                     std::uint64_t key_count,
                                                     unsigned segment_end_thread);

}  // namespace safemap::stress::linearizability
