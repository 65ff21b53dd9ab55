#pragma once

#include "core/pipeline/ConsoleCore.h"
#include "sdk/ConsoleContext.h"

#include <QHash>
#include <QLoggingCategory>

#include <algorithm>
#include <deque>
#include <functional>
#include <memory>
#include <vector>

namespace opsdeck::app {

Q_DECLARE_LOGGING_CATEGORY(lcContext)

class ConsoleBridge;

// The host's sdk::ConsoleContext: turns core deltas (std::string records) into the sdk's
// Qt rows, masks personal data for roles that must not see it, and keeps the current
// picture so late panels can start from it. One ordersChanged per delta, never per row.
// The riders of a followed delta (every rider's fix of a second can come in one) are
// applied in slices, one slice per event-loop turn, so a city's fleet never holds the GUI
// thread for longer than a frame.
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
    // Orders at once; riders at most riderSlice() now and the rest in later event-loop
    // turns, in order. deltaApplied() when every row of the delta is in.
    void followDelta(std::shared_ptr<const core::ConsoleDelta> delta);
    static constexpr int kRiderSlice = 2000;
    void setRiderSlice(int riders) { m_riderSlice = std::max(1, riders); }
    int riderSlice() const { return m_riderSlice; }
    bool ridersPending() const { return !m_pendingRiders.empty(); }

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

signals:
    void deltaApplied();

private:
    void beginDelta(const core::ConsoleDelta &delta);
    const sdk::RiderRow &storeRider(const core::RiderRecord &rider);
    void applyRiderSlice();
    void completeDelta(const core::ConsoleDelta &delta);

    struct PendingRiders {
        std::shared_ptr<const core::ConsoleDelta> delta;
        std::size_t next = 0; // first rider not applied yet
    };

    Identity m_identity;
    // First-seen order is kept so currentOrders() is stable between calls.
    std::vector<sdk::OrderRow> m_orders;
    QHash<QString, std::size_t> m_orderIndex;
    std::vector<sdk::RiderRow> m_riders;
    QHash<QString, std::size_t> m_riderIndex;
    qint64 m_applied = 0;
    qint64 m_deltas = 0;
    std::vector<core::FeedReceipt> m_receipts;
    std::int64_t m_emittedNs = 0;
    std::deque<PendingRiders> m_pendingRiders;
    int m_riderSlice = kRiderSlice;
    bool m_sliceScheduled = false;
};

} // namespace opsdeck::app
