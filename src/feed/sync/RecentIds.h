#pragma once

#include <cstddef>
#include <cstdint>

#include <string_view>
#include <vector>

namespace opsdeck::feed {

// The last N event ids, to apply an event delivered twice (under a new seq) only once.
// Stores 64-bit hashes, not strings: 500k ids cost ~12 MB instead of ~80 MB, and a false
// "seen" needs a 64-bit collision within the window.
// The set is one flat array probed linearly, at most half full: the insert and the evict
// done for every feed event each touch one cache line of it. A node set allocated on every
// event (~15% of the feed thread under a flood); QSet's spans cost two cache misses per
// lookup, four per event (`perf`: a quarter of the feed thread, docs/bench.md).
class RecentIds final
{
public:
    explicit RecentIds(std::size_t capacity);

    // True when id was not in the window (and is now); false for a repeat.
    bool insert(std::string_view id);
    std::size_t size() const { return m_ring.size(); }

private:
    void erase(std::uint64_t key);

    std::size_t m_capacity;
    std::vector<std::uint64_t> m_ring; // insertion order, for eviction
    std::size_t m_next = 0;
    std::vector<std::uint64_t> m_slots; // 0: empty (a hash of 0 is stored as 1)
    std::size_t m_mask = 0;
};

} // namespace opsdeck::feed
