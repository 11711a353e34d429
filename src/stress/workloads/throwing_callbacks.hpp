// throwing_callbacks: the stress driver's fault mode. Every thread writes its own keys, mostly
// with upsert and update, and one callback in 16 (chosen from the round's seed) throws before it
// changes anything, while the other threads keep working. Whatever a variant promises for a
// callback that has changed the value (headers differ there), one that throws before touching
// it must leave the map exactly as it was: a throwing make() inserts nothing, a throwing mutate
// changes nothing, and no lock stays held (the watchdog sees a thread that would wait for one).
// The owner's bookkeeping skips the thrown operation and reads the key back at once: an entry a
// failed operation left behind is reported against that operation (the invariant oracle,
// owned_keys.hpp), and the final check sees anything else.
#pragma once

#include <cstdint>
#include <string_view>

#include "stress/injected_failure.hpp"
#include "stress/invariants/checks.hpp"
#include "stress/invariants/owned_keys.hpp"
#include "stress/workloads/workload.hpp"

namespace safemap::stress {

template <class Map>
class throwing_callbacks : public owned_keys_workload {
 public:
  static constexpr std::string_view name = "throwing_callbacks";
  static constexpr std::string_view summary =
      "upsert and update of own keys; one callback in 16 throws";
  static constexpr std::uint64_t one_in = 16;  // callbacks that throw

  using owned_keys_workload::owned_keys_workload;

  void work(Map& map, worker_context& context) {
    auto& own = owned_[context.index()];
    while (context.next_op()) {
      const std::size_t index = context.random_below(own.size());
      const bool fails = context.random_below(one_in) == 0;
      switch (context.random_below(4)) {
        case 0: upsert_own(map, own, index, fails); break;
        case 1: update_own(map, own, index, fails); break;
        case 2: apply_to_own_key(map, own, index, own_op::erase, found_); break;
        default: apply_to_own_key(map, own, index, own_op::find, found_); break;
      }
    }
  }

  void verify(Map& map) { verify_owned_and_size(map); }

 private:
  void upsert_own(Map& map, owned_keys& own, std::size_t index, bool fails) {
    const std::uint64_t key = own.key(index);
    auto& expected = own.expected(index);
    const std::uint64_t value = own.fresh_value(index);
    try {
      const bool inserted = map.upsert(
          key,
          [&] {
            if (fails) throw injected_callback_failure{};
            return value;
          },
          [&](std::uint64_t& stored) {
            if (fails) throw injected_callback_failure{};
            stored = value;
          });
      check_result(found_, operation_kind::upsert, key, inserted, !expected);
      expected = value;
    } catch (const injected_callback_failure&) {
      check_owned(found_, key, map.find(key), expected, "after upsert's callback threw",
                  operation_kind::upsert);
    }
  }

  void update_own(Map& map, owned_keys& own, std::size_t index, bool fails) {
    const std::uint64_t key = own.key(index);
    auto& expected = own.expected(index);
    const std::uint64_t value = own.fresh_value(index);
    try {
      const bool updated = map.update(key, [&](std::uint64_t& stored) {
        if (fails) throw injected_callback_failure{};
        stored = value;
      });
      check_result(found_, operation_kind::update, key, updated, expected.has_value());
      if (expected) expected = value;
    } catch (const injected_callback_failure&) {
      check_owned(found_, key, map.find(key), expected, "after update's callback threw",
                  operation_kind::update);
    }
  }
};

}  // namespace safemap::stress
