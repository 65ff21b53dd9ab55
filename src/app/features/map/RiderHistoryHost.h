#pragma once

#include "sdk/RiderHistoryService.h"

#include <memory>

namespace opsdeck::store {
class StoreWorker;
}

namespace opsdeck::app {

// The host's RiderHistoryService: queries run as StoreWorker jobs on the store thread
// (the one SQLite connection) and their results come back to the GUI thread as queued
// calls. One fleet query at a time; requests made meanwhile collapse into the newest.
class RiderHistoryHost final : public sdk::RiderHistoryService
{
    Q_OBJECT
public:
    explicit RiderHistoryHost(store::StoreWorker *store, QObject *parent = nullptr);
    ~RiderHistoryHost() override;

    void requestFleetAt(qint64 atMs) override;
    void requestRange() override;

private:
    void startFleetQuery(qint64 atMs);
    void fleetArrived(qint64 atMs, const QList<sdk::RiderRow> &riders);

    struct Link; // lets store-thread jobs reach this object only while it lives
    std::shared_ptr<Link> m_link;
    store::StoreWorker *m_store;
    bool m_inFlight = false;
    qint64 m_nextAt = -1;
};

} // namespace opsdeck::app
