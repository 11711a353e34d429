// Planted bug: a configuration change that publishes the new settings' address first and fills
// them in after. Field bug: the change holds a lock and "nobody sees it until it is done", but
// readers take no lock: one that follows the pointer between the store and the writes reads
// settings nobody wrote (version 0). The fields are plain: ThreadSanitizer reports the race, and
// a normal build shows the wrong version only at a switch between the store and the write, so it
// is found where plain memory accesses are scheduling points (docs/objects.md).
// Correct twin: ../published_config.hpp
// Needs: memory scheduling points
#pragma once

#include <atomic>
#include <memory>
#include <utility>

#include "../config_versions.hpp"

namespace safemap::object_examples::config {

class published_before_filled_in : public config_versions {
 public:
  using config_versions::config_versions;

  void publish(int version) {
    const lock_guard lock{changing_};
    auto fresh = std::make_unique<settings>();
    // BUG: readers can follow the pointer before the version below is written.
    current_.store(fresh.get(), std::memory_order_release);  // <- BUG
    fresh->version = version;                                // <- BUG
    fresh->older = std::move(newest_);
    newest_ = std::move(fresh);
  }
};

}  // namespace safemap::object_examples::config
