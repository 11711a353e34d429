// A fork's first draft of a component, registered through the stress driver as
// safemap_add_variant would: it misses five requirements of safemap::concurrent_map. The test
// (fork.concept_check_lists_every_requirement) compiles this file and expects one diagnostic per
// missing requirement, all from one compile, and no other error.
#include <cstdint>
#include <functional>
#include <unordered_map>

#include <stress/driver.hpp>

namespace fork_draft {

class incomplete_map {
 public:
  using key_type = std::uint64_t;
  using mapped_type = std::uint64_t;
  using hasher = std::hash<key_type>;
  using key_equal = std::equal_to<key_type>;

  const mapped_type* find(const key_type& key) const;  // MISSING: find (a pointer in)
  int size() const;                                    // MISSING: size (not std::size_t)
  bool empty() const;
  template <class F>
  void for_each(F&& fn) const;
  std::unordered_map<key_type, mapped_type> snapshot() const;
  bool insert(const key_type& key, mapped_type value);
  void insert_or_assign(const key_type& key, mapped_type value);  // MISSING: insert_or_assign
  bool erase(const key_type& key);
  void clear();
  template <class F>
  bool update(const key_type& key, F&& fn);
  // MISSING: contains
  // MISSING: upsert
};

}  // namespace fork_draft

int main(int argc, char** argv) {
  return safemap::stress::run_variant<fork_draft::incomplete_map>(
      argc, argv, {.name = "incomplete_map", .source_file = __FILE__, .broken = false});
}
