// What published_config.hpp and its planted twin share, which differ only in how a change
// publishes: the versions of a configuration, each holding the one before it (a reader may still
// use it, so none is freed before the configuration: reclaiming them safely is RCU's or hazard
// pointers' job, not this example's), and the read side, one acquire load of the pointer to the
// version in force.
#pragma once

#include <atomic>
#include <memory>

#include <safemap/thread_annotations.hpp>

namespace safemap::object_examples::config {

struct settings {
  int version = 0;
  std::unique_ptr<settings> older;
};

class config_versions {
 public:
  explicit config_versions(int version)
      : newest_{std::make_unique<settings>(version)}, current_{newest_.get()} {}

  int version() const { return current_.load(std::memory_order_acquire)->version; }

 protected:
  mutex changing_;  // changes take turns; readers never take it
  std::unique_ptr<settings> newest_ SAFEMAP_GUARDED_BY(changing_);
  std::atomic<const settings*> current_;
};

}  // namespace safemap::object_examples::config
