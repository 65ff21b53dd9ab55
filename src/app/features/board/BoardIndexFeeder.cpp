#include "BoardIndexFeeder.h"

#include "store/db/StoreWorker.h"

namespace opsdeck::app {

BoardIndexFeeder::BoardIndexFeeder(store::StoreWorker &store, std::shared_ptr<BoardStoreIndexes> indexes)
    : m_store(store), m_indexes(std::move(indexes))
{
}

void BoardIndexFeeder::remember(const core::OrderRecord &order)
{
    if (m_indexed.insert(order.orderId).second)
        m_entries.push_back({order.orderId, order.customerName, order.customerPhone});
}

void BoardIndexFeeder::onEvent(const core::Event &event, bool applied, const core::Projections &projections)
{
    if (!core::isOrderEvent(event.kind) || event.orderId.empty())
        return;
    // Kept-but-not-applied events are in the log too, so they belong on the timeline.
    m_keys.push_back({event.orderId, event.epoch, event.depot, event.seq});
    if (applied && event.kind == core::EventKind::OrderCreated) {
        if (const core::OrderRecord *order = projections.findOrder(event.orderId))
            remember(*order);
        ++m_createdSinceScan;
    }
    if (m_keys.size() + m_entries.size() >= kMaxCollected)
        flush();
}

void BoardIndexFeeder::onTick(const core::Projections &projections, std::int64_t wallMs)
{
    (void)wallMs;
    // Orders learnt from a snapshot never pass through onEvent: catch them by count.
    // Live creations are expected growth, so a steady feed never triggers the scan.
    if (projections.orderCount() != m_lastOrderCount + m_createdSinceScan) {
        projections.forEachOrder([this](const core::OrderRecord &order) { remember(order); });
    }
    m_lastOrderCount = projections.orderCount();
    m_createdSinceScan = 0;
    flush();
}

void BoardIndexFeeder::flush()
{
    if (m_keys.empty() && m_entries.empty())
        return;
    m_store.post([indexes = m_indexes, keys = std::move(m_keys), entries = std::move(m_entries)](store::EventStore &) {
        if (indexes->events)
            indexes->events->add(keys);
        if (indexes->search)
            indexes->search->add(entries);
    });
    m_keys.clear();
    m_entries.clear();
}

} // namespace opsdeck::app
