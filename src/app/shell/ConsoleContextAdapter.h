#pragma once

#include "core/pipeline/ConsoleCore.h"
#include "sdk/ConsoleContext.h"

#include <QHash>
#include <QLoggingCategory>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace opsdeck::app {

Q_DECLARE_LOGGING_CATEGORY(lcContext)

class ConsoleBridge;

// The host's sdk::ConsoleContext: turns core deltas (std::string records) into the sdk's
// Qt rows, masks personal data for roles that must not see it, and keeps the current
// picture so late panels can start from it. One ordersChanged per delta, never per row.
// The riders of a followed delta (every rider's fix of a second can come in one) are
// applied in slices, one slice per event-loop turn (at most riderSlice() riders and about
// sliceBudgetMs() of work), so a city's fleet never holds the GUI thread for longer than a
// frame. Riders still waiting are coalesced: a newer fix of a waiting rider takes the old
// one's place in the queue, so the backlog is bounded by the fleet, not by time, and a
// GUI that fell behind catches up with the latest positions instead of replaying old ones.
class ConsoleContextAdapter final : public sdk::ConsoleContext
{
    Q_OBJECT
public:
    struct Identity {
        QString role;
        QString userName;
        bool maskPersonalData = true;
        // The principal's data scope (core::access::inScope over an order's depot and
        // merchant); empty: every order. The views, the plugins and the SDK services that
        // read orders through this context never see an order outside it.
        std::function<bool(const std::string &depot, const std::string &merchant)> sees = {};
        QString merchant = {}; // a merchant user's merchant (ConsoleContext::merchant())
    };

    explicit ConsoleContextAdapter(Identity identity, QObject *parent = nullptr);
    ~ConsoleContextAdapter() override;

    // The view_personal_data permission of the role (core/access/AccessPolicy): customer
    // service calls customers back, and admin; every other role sees them masked.
    static bool roleSeesPersonalData(const QString &role);

    // Follows the bridge's deltas from now on (followDelta for each).
    void attach(ConsoleBridge &bridge);
    // Applies one delta at once (also usable with ConsoleCore::fullPicture() at start-up),
    // after whatever riders of followed deltas were still waiting.
    void applyDelta(const core::ConsoleDelta &delta);
    // Orders at once; riders (coalesced with those still waiting) one slice now and the
    // rest in later event-loop turns, in order. deltaApplied() when every row of the
    // delta is in, in the order the deltas came.
    void followDelta(std::shared_ptr<const core::ConsoleDelta> delta);
    static constexpr int kRiderSlice = 2000;
    void setRiderSlice(int riders) { m_riderSlice = std::max(1, riders); }
    int riderSlice() const { return m_riderSlice; }
    // Work per slice (the GUI thread's CPU, the views' share included), from the cost per
    // rider of the slices before; 0: riderSlice() alone bounds it. Never fewer than
    // kMinBudgetSlice riders.
    static constexpr int kSliceBudgetMs = 8;
    static constexpr std::size_t kMinBudgetSlice = 512;
    void setSliceBudgetMs(int ms) { m_sliceBudgetMs = std::max(0, ms); }
    int sliceBudgetMs() const { return m_sliceBudgetMs; }
    bool ridersPending() const { return !m_riderQueue.empty(); }
    std::size_t ridersQueued() const { return m_riderQueue.size(); }

    static sdk::OrderRow toRow(const core::OrderRecord &order, bool mask);
    static sdk::RiderRow toRow(const core::RiderRecord &rider);

    QList<sdk::OrderRow> currentOrders() const override;
    QList<sdk::RiderRow> currentRiders() const override;
    QString role() const override { return m_identity.role; }
    QString userName() const override { return m_identity.userName; }
    QString merchant() const override { return m_identity.merchant; }
    bool seesAlert(const QString &orderId, const QString &depot) const override;
    bool maskPersonalData() const override { return m_identity.maskPersonalData; }

    qint64 applied() const { return m_applied; }
    // Deltas begun so far, and when the feed batches of the one just completed came off the
    // socket (valid while deltaApplied is emitted; opsdeck-bench console).
    qint64 deltasBegun() const { return m_deltas; }
    const std::vector<core::FeedReceipt> &lastReceipts() const { return m_receipts; }
    std::int64_t lastEmittedNs() const { return m_emittedNs; } // ConsoleDelta::emittedNs of that delta
    std::int64_t lastDeliveredNs() const { return m_deliveredNs; } // ConsoleDelta::deliveredNs of that delta

signals:
    void deltaApplied();

private:
    void beginDelta(const core::ConsoleDelta &delta);
    const sdk::RiderRow &storeRider(const core::RiderRecord &rider);
    void applyRiderSlice();
    void completeDelta(const core::ConsoleDelta &delta);

    void queueRiders(const core::ConsoleDelta &delta);
    void completeWaiting();
    qsizetype sliceLimit() const;
    qsizetype nextSliceSize() const;
    void applyNow(const core::ConsoleDelta &delta);
    void noteCost(std::int64_t ns, qsizetype riders);

    // A followed delta whose riders are not all in: complete once m_ridersApplied reaches end.
    struct WaitingDelta {
        std::shared_ptr<const core::ConsoleDelta> delta;
        std::uint64_t end = 0;
    };

    Identity m_identity;
    // First-seen order is kept so currentOrders() is stable between calls.
    std::vector<sdk::OrderRow> m_orders;
    QHash<QString, std::size_t> m_orderIndex;
    std::vector<sdk::RiderRow> m_riders;
    // By the wire's id, with the wire's strings of each row: a fix is found and compared
    // without converting a string (a city sends 20,000 fixes a second).
    struct RiderWire {
        std::string name, depot, status;
    };
    std::unordered_map<std::string, std::size_t> m_riderIndex;
    std::vector<RiderWire> m_riderWire;
    qint64 m_applied = 0;
    qint64 m_deltas = 0;
    std::vector<core::FeedReceipt> m_receipts;
    std::int64_t m_emittedNs = 0;
    std::int64_t m_deliveredNs = 0;
    // Riders to apply, oldest first: each points into a waiting delta whose end lies past
    // it, so the record lives until applied. Queue position = sequence - m_ridersApplied.
    std::deque<const core::RiderRecord *> m_riderQueue;
    std::unordered_map<std::string_view, std::uint64_t> m_queuedAt; // rider id -> sequence
    std::uint64_t m_ridersApplied = 0;
    std::deque<WaitingDelta> m_waiting;
    int m_riderSlice = kRiderSlice;
    int m_sliceBudgetMs = kSliceBudgetMs;
    double m_nsPerRider = 0; // 0: no slice measured yet
    bool m_sliceScheduled = false;
};

} // namespace opsdeck::app
