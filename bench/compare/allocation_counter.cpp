// The replaced global operator new and operator delete of safemap-compare, all forms (plain,
// array, sized, aligned, nothrow): each allocates with malloc / aligned_alloc like the library's
// own, and while a counted_allocations is alive adds or subtracts the block's usable size. Sizes
// come from malloc_usable_size rather than the size argument because unsized operator delete
// has none, so both sides of every allocation count the same figure. Outside a count each call
// costs one relaxed load more than the library's operators, so the timed benchmarks are unaffected.
//
// Compiled with SAFEMAP_BENCH_COUNT_ALLOCATIONS=0 under the sanitizer presets (CMakeLists.txt):
// their runtimes define operator new themselves, and there the memory table is skipped.
#include "allocation_counter.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

#include <malloc.h>

namespace safemap::bench {
namespace {

std::atomic<bool> counting{false};
std::atomic<std::int64_t> live_bytes_counted{0};

}  // namespace

bool allocations_counted() { return SAFEMAP_BENCH_COUNT_ALLOCATIONS != 0; }

counted_allocations::counted_allocations() {
  live_bytes_counted.store(0, std::memory_order_relaxed);
  counting.store(true, std::memory_order_relaxed);
}

counted_allocations::~counted_allocations() { counting.store(false, std::memory_order_relaxed); }

std::int64_t counted_allocations::live_bytes() const {
  return live_bytes_counted.load(std::memory_order_relaxed);
}

}  // namespace safemap::bench

#if SAFEMAP_BENCH_COUNT_ALLOCATIONS
namespace {

constexpr std::size_t default_alignment = __STDCPP_DEFAULT_NEW_ALIGNMENT__;

void count(void* block, int sign) {
  if (block != nullptr && safemap::bench::counting.load(std::memory_order_relaxed)) {
    safemap::bench::live_bytes_counted.fetch_add(
        sign * static_cast<std::int64_t>(malloc_usable_size(block)), std::memory_order_relaxed);
  }
}

// As the standard library's operator new: on failure, call the new-handler and retry, or throw
// std::bad_alloc when there is none.
void* allocate(std::size_t size, std::size_t alignment) {
  size = size == 0 ? 1 : size;
  for (;;) {
    void* block =
        alignment <= default_alignment
            ? std::malloc(size)
            : std::aligned_alloc(alignment, (size + alignment - 1) / alignment * alignment);
    if (block != nullptr) {
      count(block, +1);
      return block;
    }
    const std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) throw std::bad_alloc{};
    handler();
  }
}

// The nothrow forms: the same, with nullptr for the exception.
void* allocate_or_null(std::size_t size, std::size_t alignment) noexcept {
  try {
    return allocate(size, alignment);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}

void release(void* block) noexcept {
  count(block, -1);
  std::free(block);
}

}  // namespace

void* operator new(std::size_t size) { return allocate(size, default_alignment); }
void* operator new[](std::size_t size) { return allocate(size, default_alignment); }
void* operator new(std::size_t size, std::align_val_t alignment) {
  return allocate(size, static_cast<std::size_t>(alignment));
}
void* operator new[](std::size_t size, std::align_val_t alignment) {
  return allocate(size, static_cast<std::size_t>(alignment));
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return allocate_or_null(size, default_alignment);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return allocate_or_null(size, default_alignment);
}
void* operator new(std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
  return allocate_or_null(size, static_cast<std::size_t>(alignment));
}
void* operator new[](std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
  return allocate_or_null(size, static_cast<std::size_t>(alignment));
}

void operator delete(void* block) noexcept { release(block); }
void operator delete[](void* block) noexcept { release(block); }
void operator delete(void* block, std::size_t) noexcept { release(block); }
void operator delete[](void* block, std::size_t) noexcept { release(block); }
void operator delete(void* block, std::align_val_t) noexcept { release(block); }
void operator delete[](void* block, std::align_val_t) noexcept { release(block); }
void operator delete(void* block, std::size_t, std::align_val_t) noexcept { release(block); }
void operator delete[](void* block, std::size_t, std::align_val_t) noexcept { release(block); }
void operator delete(void* block, const std::nothrow_t&) noexcept { release(block); }
void operator delete[](void* block, const std::nothrow_t&) noexcept { release(block); }
void operator delete(void* block, std::align_val_t, const std::nothrow_t&) noexcept {
  release(block);
}
void operator delete[](void* block, std::align_val_t, const std::nothrow_t&) noexcept {
  release(block);
}
#endif
