#pragma once

#include "BoardStoreIndexes.h"
#include "GuiReturn.h"
#include "sdk/OrderHistory.h"

#include <functional>
#include <memory>
#include <vector>

namespace opsdeck::core {
struct Event;
} // namespace opsdeck::core

namespace opsdeck::store {
class StoreWorker;
struct LoggedEvent;
struct RiderSpan;
struct GeofenceEntry;
struct ControlAuditEntry;
} // namespace opsdeck::store

namespace opsdeck::app {

// sdk::OrderHistory: reads an order's stored events on the store thread (through the
// order -> event side table), turns them into an OrderDetail there and hands it to the
// GUI. Personal data in the events (signed_by) is masked when the role must not see it.
class StoreOrderHistory final : public sdk::OrderHistory
{
    Q_OBJECT
public:
    // Console commands of this session on an order, for the "actions taken" list.
    using ActionLog = std::function<QStringList(const QString &orderId)>;

    StoreOrderHistory(store::StoreWorker &store, std::shared_ptr<BoardStoreIndexes> indexes, bool maskPersonalData,
                      ActionLog actions, QObject *parent = nullptr);
    ~StoreOrderHistory() override;

    void requestDetail(const QString &orderId) override;

    // Pure: the detail of one order from its events (any order). Public for tests.
    static sdk::OrderDetail buildDetail(const QString &orderId, const std::vector<store::LoggedEvent> &events,
                                        bool maskPersonalData);
    // Audit entries of board actions as the detail lists them ("MM-dd HH:mm:ss hold
    // (reason) by li.na: confirmed — message").
    static QStringList actionLines(const std::vector<store::ControlAuditEntry> &entries);
    // Who carried the order when (dispatch or reassignment to the end of the delivery).
    static std::vector<store::RiderSpan> riderSpans(const std::vector<store::LoggedEvent> &events);
    // Geofence crossings (from GPS) merged into the timeline by time.
    static void addGeofences(sdk::OrderDetail &detail, const std::vector<store::GeofenceEntry> &crossings);

private:
    // One decoded event of the order as a timeline entry, and what it adds to the detail.
    static void describe(const core::Event &event, sdk::TimelineEntry &entry, sdk::OrderDetail &detail,
                         bool maskPersonalData);

    store::StoreWorker &m_store;
    std::shared_ptr<BoardStoreIndexes> m_indexes;
    bool m_mask;
    ActionLog m_actions;
    GuiReturn m_return{this};
};

} // namespace opsdeck::app
