#include "RecentIds.h"

#include <functional>

namespace opsdeck::feed {

RecentIds::RecentIds(std::size_t capacity)
    : m_capacity(capacity == 0 ? 1 : capacity)
{
    m_ring.reserve(m_capacity);
    // Sized once: rehashing a half-million-node set mid-flood stalls the feed thread.
    m_set.reserve(static_cast<qsizetype>(m_capacity + 1));
}

bool RecentIds::insert(std::string_view id)
{
    const std::uint64_t h = std::hash<std::string_view>{}(id);
    const auto before = m_set.size();
    m_set.insert(h);
    if (m_set.size() == before)
        return false;
    if (m_ring.size() < m_capacity) {
        m_ring.push_back(h);
    } else {
        m_set.remove(m_ring[m_next]);
        m_ring[m_next] = h;
        m_next = (m_next + 1) % m_capacity;
    }
    return true;
}

} // namespace opsdeck::feed
