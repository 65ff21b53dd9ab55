#include "RecentIds.h"

#include <bit>
#include <functional>

namespace opsdeck::feed {

RecentIds::RecentIds(std::size_t capacity)
    : m_capacity(capacity == 0 ? 1 : capacity)
{
    m_ring.reserve(m_capacity);
    // Sized once, more than twice the window: probes stay short, nothing rehashes
    // mid-flood, and a slot is free even while a new id and the one it evicts are both in.
    m_slots.assign(std::bit_ceil(2 * m_capacity + 1), 0);
    m_mask = m_slots.size() - 1;
}

bool RecentIds::insert(std::string_view id)
{
    std::uint64_t h = std::hash<std::string_view>{}(id);
    if (h == 0)
        h = 1;
    std::size_t i = h & m_mask;
    for (; m_slots[i] != 0; i = (i + 1) & m_mask) {
        if (m_slots[i] == h)
            return false;
    }
    m_slots[i] = h;
    if (m_ring.size() < m_capacity) {
        m_ring.push_back(h);
    } else {
        erase(m_ring[m_next]);
        m_ring[m_next] = h;
        if (++m_next == m_capacity)
            m_next = 0;
        // The next insert evicts m_ring[m_next]: start loading its slot now, so that cache
        // miss overlaps the decoding of the next event instead of stalling this thread.
        __builtin_prefetch(&m_slots[m_ring[m_next] & m_mask], 1);
    }
    return true;
}

// Backward-shift deletion: every key after the hole that may move into it (its home slot
// is not cyclically in (hole, here]) does, so no probe chain is ever cut short.
void RecentIds::erase(std::uint64_t key)
{
    std::size_t hole = key & m_mask;
    while (m_slots[hole] != key)
        hole = (hole + 1) & m_mask;
    for (std::size_t j = (hole + 1) & m_mask; m_slots[j] != 0; j = (j + 1) & m_mask) {
        const std::size_t home = m_slots[j] & m_mask;
        const bool staysPut = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
        if (staysPut)
            continue;
        m_slots[hole] = m_slots[j];
        hole = j;
    }
    m_slots[hole] = 0;
}

} // namespace opsdeck::feed
