#pragma once

#include <cstddef>
#include <cstdint>
#include <QSet>

#include <string_view>
#include <vector>

namespace opsdeck::feed {

// The last N event ids, to apply an event delivered twice (under a new seq) only once.
// Stores 64-bit hashes, not strings: 500k ids cost ~20 MB instead of ~80 MB, and a false
// "seen" needs a 64-bit collision within the window. QSet, not std::unordered_set: Qt 6's
// hash is open-addressed in spans, so the insert and evict done for every feed event
// allocate nothing (the node set showed up as ~15% of the feed thread under a flood).
class RecentIds final
{
public:
    explicit RecentIds(std::size_t capacity);

    // True when id was not in the window (and is now); false for a repeat.
    bool insert(std::string_view id);
    std::size_t size() const { return static_cast<std::size_t>(m_set.size()); }

private:
    std::size_t m_capacity;
    std::vector<std::uint64_t> m_ring; // insertion order, for eviction
    std::size_t m_next = 0;
    QSet<quint64> m_set;
};

} // namespace opsdeck::feed
