// A planted bug for the differential fuzzer, one no thread interleaving is needed for: erase()
// returns true whether or not the key was there. The test
// differential.fuzz_maps.finds_erase_always_succeeds runs the fuzzer on it until it reports the
// mismatch, and passes only when sanitizer-report locates the finding at the line marked BUG,
// the member function whose result differed (docs/faults.md, "Differential programs").
#pragma once

#include <safemap/mutex_map.hpp>

namespace safemap::differential_fixture {

template <class Key, class Value>
class erase_always_succeeds : public mutex_map<Key, Value> {
 public:
  bool erase(const Key& key) {  // <- BUG: true even when there was nothing to erase
    mutex_map<Key, Value>::erase(key);
    return true;
  }
};

}  // namespace safemap::differential_fixture
