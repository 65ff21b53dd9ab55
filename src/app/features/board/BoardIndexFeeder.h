#pragma once

#include "BoardStoreIndexes.h"
#include "core/pipeline/CoreObserver.h"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

namespace opsdeck::store {
class StoreWorker;
}

namespace opsdeck::app {

// Keeps the board's store-side indexes current from the core thread: order events go
// to the order -> event side table, new orders (live or learnt from a snapshot) to the
// in-memory search index. Collects on the core thread (a push_back per event) and hands
// one job per tick to the store thread, so the event writer's transactions stay as
// they were; tests/bench measures the cost.
class BoardIndexFeeder final : public core::CoreObserver
{
public:
    BoardIndexFeeder(store::StoreWorker &store, std::shared_ptr<BoardStoreIndexes> indexes);

    void onEvent(const core::Event &event, bool applied, const core::Projections &projections) override;
    void onTick(const core::Projections &projections, std::int64_t wallMs) override;

    // Posts what was collected (also called when the collection grows large).
    void flush();

    static constexpr std::size_t kMaxCollected = 20000;

private:
    void remember(const core::OrderRecord &order);

    store::StoreWorker &m_store;
    std::shared_ptr<BoardStoreIndexes> m_indexes;
    std::vector<store::OrderEventIndex::Key> m_keys;
    std::vector<store::OrderSearchIndex::Entry> m_entries;
    std::unordered_set<std::string> m_indexed;
    std::size_t m_lastOrderCount = 0;   // projections' order count at the last tick
    std::size_t m_createdSinceScan = 0; // live order.created applied since then
};

} // namespace opsdeck::app
