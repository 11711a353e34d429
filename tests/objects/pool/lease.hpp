// The right to use one object of a pool (object_pool.hpp) until the lease ends: the object goes
// back to the pool when its lease is destroyed, on every path out of the scope that holds it.
// A lease can be moved (out of try_acquire(), into a container), never copied.
#pragma once

#include <cstddef>
#include <utility>

namespace safemap::object_examples::pool {

template <class Pool>
class lease {
 public:
  // Made by the pool, for an object it has just marked taken.
  lease(Pool& pool, std::size_t slot) : pool_{&pool}, slot_{slot} {}
  lease(lease&& other) noexcept : pool_{std::exchange(other.pool_, nullptr)}, slot_{other.slot_} {}
  lease(const lease&) = delete;
  lease& operator=(const lease&) = delete;
  lease& operator=(lease&&) = delete;
  ~lease() {
    if (pool_ != nullptr) pool_->give_back(slot_);
  }

  auto& operator*() const { return pool_->object_at(slot_); }

 private:
  Pool* pool_;
  std::size_t slot_;
};

}  // namespace safemap::object_examples::pool
