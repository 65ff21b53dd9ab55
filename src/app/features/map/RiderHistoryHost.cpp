#include "RiderHistoryHost.h"

#include "store/log/EventStore.h"
#include "store/track/TrackStore.h"
#include "store/db/StoreWorker.h"

#include <QMetaObject>

#include <mutex>

namespace opsdeck::app {

struct RiderHistoryHost::Link {
    std::mutex mutex;
    RiderHistoryHost *host = nullptr;

    // Runs fn on the GUI thread if the host still exists (called from the store thread).
    template<typename Fn>
    void post(Fn &&fn)
    {
        std::lock_guard lock(mutex);
        if (host)
            QMetaObject::invokeMethod(host, std::forward<Fn>(fn), Qt::QueuedConnection);
    }
};

RiderHistoryHost::RiderHistoryHost(store::StoreWorker *store, QObject *parent)
    : sdk::RiderHistoryService(parent)
    , m_link(std::make_shared<Link>())
    , m_store(store)
{
    m_link->host = this;
}

RiderHistoryHost::~RiderHistoryHost()
{
    std::lock_guard lock(m_link->mutex);
    m_link->host = nullptr;
}

void RiderHistoryHost::requestFleetAt(qint64 atMs)
{
    if (m_inFlight) {
        m_nextAt = atMs; // latest wins
        return;
    }
    startFleetQuery(atMs);
}

void RiderHistoryHost::startFleetQuery(qint64 atMs)
{
    if (!m_store) {
        emit fleetAt(atMs, {});
        return;
    }
    m_inFlight = true;
    const bool posted = m_store->post([link = m_link, atMs](store::EventStore &s) {
        const auto fixes = s.tracks().fleetAt(atMs);
        QList<sdk::RiderRow> rows;
        rows.reserve(static_cast<qsizetype>(fixes.size()));
        for (const auto &f : fixes) {
            sdk::RiderRow r;
            r.riderId = QString::fromStdString(f.riderId);
            r.name = QString::fromStdString(f.name);
            r.status = QString::fromStdString(f.status);
            r.lat = f.lat;
            r.lng = f.lng;
            r.speedMps = f.speedMps;
            r.headingDeg = f.headingDeg;
            r.batteryPct = f.batteryPct;
            r.fixAtMs = f.tsMs;
            r.updatedAtMs = f.tsMs;
            rows.append(std::move(r));
        }
        link->post([link, atMs, rows = std::move(rows)] {
            if (link->host)
                link->host->fleetArrived(atMs, rows);
        });
    });
    if (!posted) {
        m_inFlight = false;
        emit fleetAt(atMs, {});
    }
}

void RiderHistoryHost::fleetArrived(qint64 atMs, const QList<sdk::RiderRow> &riders)
{
    m_inFlight = false;
    emit fleetAt(atMs, riders);
    if (m_nextAt >= 0) {
        const qint64 next = std::exchange(m_nextAt, -1);
        if (next != atMs)
            startFleetQuery(next);
    }
}

void RiderHistoryHost::requestRange()
{
    if (!m_store) {
        emit rangeKnown(0, 0);
        return;
    }
    m_store->post([link = m_link](store::EventStore &s) {
        const auto [from, to] = s.tracks().timeRange();
        link->post([link, from = from, to = to] {
            if (link->host)
                emit link->host->rangeKnown(from, to);
        });
    });
}

} // namespace opsdeck::app
