#pragma once

#include "core/pipeline/ConsoleCore.h"
#include "sdk/ConsoleContext.h"

#include <QHash>
#include <QLoggingCategory>

#include <memory>
#include <vector>

namespace opsdeck::app {

Q_DECLARE_LOGGING_CATEGORY(lcContext)

class ConsoleBridge;

// The host's sdk::ConsoleContext: turns core deltas (std::string records) into the sdk's
// Qt rows, masks personal data for roles that must not see it, and keeps the current
// picture so late panels can start from it. One ordersChanged per delta, never per row.
class ConsoleContextAdapter final : public sdk::ConsoleContext
{
    Q_OBJECT
public:
    struct Identity {
        QString role;
        QString userName;
        bool maskPersonalData = true;
    };

    explicit ConsoleContextAdapter(Identity identity, QObject *parent = nullptr);
    ~ConsoleContextAdapter() override;

    // Customer service calls customers back, so it sees names and phones; every other
    // role (dispatcher, ops manager, unknown) sees them masked.
    static bool roleSeesPersonalData(const QString &role);

    // Follows the bridge's deltas from now on.
    void attach(ConsoleBridge &bridge);
    // Applies one delta (also usable with ConsoleCore::fullPicture() at start-up).
    void applyDelta(const core::ConsoleDelta &delta);

    static sdk::OrderRow toRow(const core::OrderRecord &order, bool mask);
    static sdk::RiderRow toRow(const core::RiderRecord &rider);

    QList<sdk::OrderRow> currentOrders() const override;
    QList<sdk::RiderRow> currentRiders() const override;
    QString role() const override { return m_identity.role; }
    QString userName() const override { return m_identity.userName; }
    bool maskPersonalData() const override { return m_identity.maskPersonalData; }

    qint64 applied() const { return m_applied; }
    // The delta being applied (valid while ordersChanged/ridersChanged are emitted): how
    // many so far and when its feed batches came off the socket (opsdeck-bench console).
    qint64 deltasApplied() const { return m_deltas; }
    const std::vector<core::FeedReceipt> &lastReceipts() const { return m_receipts; }

private:
    Identity m_identity;
    // First-seen order is kept so currentOrders() is stable between calls.
    std::vector<sdk::OrderRow> m_orders;
    QHash<QString, std::size_t> m_orderIndex;
    std::vector<sdk::RiderRow> m_riders;
    QHash<QString, std::size_t> m_riderIndex;
    qint64 m_applied = 0;
    qint64 m_deltas = 0;
    std::vector<core::FeedReceipt> m_receipts;
};

} // namespace opsdeck::app
