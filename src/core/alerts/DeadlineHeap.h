#pragma once

#include <cstdint>
#include <functional>
#include <queue>
#include <vector>

namespace opsdeck::core {

// "Tell me which subjects are due": a min-heap of (due time, subject slot, generation).
// A subject that changes gets a new generation instead of a heap update, so stale
// entries are dropped when they surface (lazy deletion). A tick costs O(due · log n),
// not a scan of every order.
class DeadlineHeap final
{
public:
    struct Entry {
        std::int64_t dueMs = 0;
        std::uint32_t slot = 0;
        std::uint32_t generation = 0;
        bool operator>(const Entry &o) const { return dueMs > o.dueMs; }
    };

    void push(std::int64_t dueMs, std::uint32_t slot, std::uint32_t generation) { m_heap.push({dueMs, slot, generation}); }

    // Pops every entry due at or before nowMs and hands it to fn (which checks the generation).
    template<typename Fn>
    void popDue(std::int64_t nowMs, Fn &&fn)
    {
        while (!m_heap.empty() && m_heap.top().dueMs <= nowMs) {
            const Entry e = m_heap.top();
            m_heap.pop();
            fn(e);
        }
    }

    std::size_t size() const { return m_heap.size(); }
    void clear() { m_heap = {}; }

private:
    std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> m_heap;
};

} // namespace opsdeck::core
