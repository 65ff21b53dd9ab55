#include "ConsoleBridge.h"

#include <QMetaObject>

#include <chrono>
#include <string>
#include <unordered_map>
#include <utility>

namespace opsdeck::app {

ConsoleBridge::ConsoleBridge(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<std::shared_ptr<const core::ConsoleDelta>>();
}

namespace {

// Latest value wins, first-seen order kept (views append rows in that order).
template <typename Record, typename Key>
void mergeLatest(std::vector<Record> &into, std::vector<Record> &&newer, Key key)
{
    std::unordered_map<std::string, std::size_t> at; // copies: the records move
    at.reserve(into.size());
    for (std::size_t i = 0; i < into.size(); ++i)
        at.emplace(key(into[i]), i);
    for (auto &r : newer) {
        const auto it = at.find(key(r));
        if (it != at.end()) {
            into[it->second] = std::move(r);
        } else {
            into.push_back(std::move(r));
            at.emplace(key(into.back()), into.size() - 1);
        }
    }
}

} // namespace

void ConsoleBridge::publish(core::ConsoleDelta &&delta)
{
    // The merge runs outside the lock: the GUI thread's deliver() only ever waits for a
    // pointer swap, never for the core merging a fleet's riders.
    std::unique_ptr<core::ConsoleDelta> merged;
    {
        std::lock_guard lock(m_mutex);
        merged = std::move(m_pending);
    }
    if (merged) {
        mergeLatest(merged->orders, std::move(delta.orders),
                    [](const core::OrderRecord &o) -> const std::string & { return o.orderId; });
        mergeLatest(merged->riders, std::move(delta.riders),
                    [](const core::RiderRecord &r) -> const std::string & { return r.riderId; });
        merged->ordersByState = delta.ordersByState;
        merged->applied = delta.applied;
        merged->illegal = delta.illegal;
        // Its feed batches reach the GUI with the merged delta: the latency a view sees
        // is measured from the oldest of them (the hand-over time stays the first one's).
        merged->receipts.insert(merged->receipts.end(), delta.receipts.begin(), delta.receipts.end());
    } else {
        merged = std::make_unique<core::ConsoleDelta>(std::move(delta));
    }
    bool post = false;
    {
        std::lock_guard lock(m_mutex);
        m_pending = std::move(merged); // the core is the one publisher: nothing came meanwhile
        post = !std::exchange(m_deliveryPosted, true);
    }
    if (post)
        QMetaObject::invokeMethod(this, [this] { deliver(); }, Qt::QueuedConnection);
}

void ConsoleBridge::deliver()
{
    std::unique_ptr<core::ConsoleDelta> delta;
    {
        std::lock_guard lock(m_mutex);
        delta = std::move(m_pending);
        m_deliveryPosted = false;
    }
    if (!delta)
        return;
    delta->deliveredNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                             std::chrono::steady_clock::now().time_since_epoch())
                             .count();
    emit deltaReady(std::shared_ptr<const core::ConsoleDelta>(std::move(delta)));
}

} // namespace opsdeck::app
