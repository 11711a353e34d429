// A configuration that every request reads and an operator's change replaces: readers take no
// lock, they follow one atomic pointer to the settings in force (config_versions.hpp). A change
// builds the new settings whole, then publishes their address with a release store, so a
// reader's acquire load sees them complete. Contract: thread-safe; version() returns the version
// last published (or the first), never a half-built one; readers never wait, changes take turns;
// memory grows with every change until the configuration dies. Choose it for settings read on
// every request and changed rarely; its planted twin (planted/published_before_filled_in.hpp) is
// found only where plain memory accesses are scheduling points (docs/objects.md).
#pragma once

#include <atomic>
#include <memory>
#include <utility>

#include "config_versions.hpp"

namespace safemap::object_examples::config {

class published_config : public config_versions {
 public:
  using config_versions::config_versions;

  void publish(int version) {
    const lock_guard lock{changing_};
    newest_ = std::make_unique<settings>(version, std::move(newest_));
    current_.store(newest_.get(), std::memory_order_release);
  }
};

}  // namespace safemap::object_examples::config
