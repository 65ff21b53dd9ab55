#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace opsdeck::feed {

// The last N event ids, to apply an event delivered twice (under a new seq) only once.
// Stores 64-bit hashes, not strings: 500k ids cost ~20 MB instead of ~80 MB, and a false
// "seen" needs a 64-bit collision within the window.
class RecentIds final
{
public:
    explicit RecentIds(std::size_t capacity);

    // True when id was not in the window (and is now); false for a repeat.
    bool insert(std::string_view id);
    std::size_t size() const { return m_set.size(); }

private:
    std::size_t m_capacity;
    std::vector<std::uint64_t> m_ring; // insertion order, for eviction
    std::size_t m_next = 0;
    std::unordered_set<std::uint64_t> m_set;
};

} // namespace opsdeck::feed
