// bench::counted_allocations — the heap bytes a piece of code leaves allocated, seen through the
// global operator new / operator delete that allocation_counter.cpp replaces. The memory pass
// (memory_footprint.hpp) fills one map inside a counted_allocations and divides by its entries.
#pragma once

#include <cstdint>

namespace safemap::bench {

// Whether this build counts allocations: not under the sanitizers, whose runtimes (TSan's,
// ASan's) define operator new themselves, so allocation_counter.cpp does not replace it there.
bool allocations_counted();

// Counts from construction to destruction; one instance at a time, while no other thread
// allocates (the memory pass runs before the benchmarks start their threads).
class counted_allocations {
 public:
  counted_allocations();
  ~counted_allocations();
  counted_allocations(const counted_allocations&) = delete;
  counted_allocations& operator=(const counted_allocations&) = delete;

  // Bytes allocated and not yet freed since construction, as the heap sizes them
  // (malloc_usable_size: the request rounded up to glibc's 16-byte granule).
  std::int64_t live_bytes() const;
};

}  // namespace safemap::bench
