// A price quote: the bid and the ask of one instrument, which a reader must see as one pair.
#pragma once

#include <ostream>

namespace safemap::object_examples::seqlock {

struct quote {
  int bid = 0;
  int ask = 0;
  friend bool operator==(const quote&, const quote&) = default;
  friend std::ostream& operator<<(std::ostream& out, const quote& shown) {
    return out << shown.bid << '/' << shown.ask;
  }
};

}  // namespace safemap::object_examples::seqlock
