#include "GeofenceLog.h"

#include "store/db/Sqlite.h"

#include <algorithm>

namespace opsdeck::store {

void GeofenceLog::ensureSchema(Database &db)
{
    db.exec("CREATE TABLE IF NOT EXISTS geofence_events (id INTEGER PRIMARY KEY, ts_ms INTEGER NOT NULL,"
            " rider_id TEXT NOT NULL, order_id TEXT, kind TEXT NOT NULL, place TEXT)");
    // Crossings are rare next to positions (a few per rider per hour): indexes for the
    // timelines cost nothing on a hot path.
    db.exec("CREATE INDEX IF NOT EXISTS geofence_events_rider ON geofence_events (rider_id, ts_ms)");
    db.exec("CREATE INDEX IF NOT EXISTS geofence_events_order ON geofence_events (order_id) WHERE order_id IS NOT NULL");
}

void GeofenceLog::append(Database &db, const std::vector<GeofenceEntry> &entries)
{
    if (entries.empty())
        return;
    Transaction tx(db);
    Statement st = db.prepare("INSERT INTO geofence_events (ts_ms, rider_id, order_id, kind, place) VALUES (?1, ?2, ?3, ?4, ?5)",
                              true);
    for (const GeofenceEntry &e : entries) {
        st.bind(1, e.tsMs).bindText(2, e.riderId).bindTextOrNull(3, e.orderId).bindText(4, e.kind).bindTextOrNull(5, e.place);
        st.run();
    }
    tx.commit();
}

namespace {
std::vector<GeofenceEntry> read(Statement &st)
{
    std::vector<GeofenceEntry> out;
    while (st.step())
        out.push_back({st.columnInt(0), st.columnText(1), st.columnText(2), st.columnText(3), st.columnText(4)});
    return out;
}
} // namespace

std::vector<GeofenceEntry> GeofenceLog::forOrder(Database &db, const std::string &orderId)
{
    Statement st = db.prepare("SELECT ts_ms, rider_id, order_id, kind, place FROM geofence_events WHERE order_id = ?1"
                              " ORDER BY ts_ms, id");
    st.bindText(1, orderId);
    return read(st);
}

std::vector<GeofenceEntry> GeofenceLog::forOrderTimeline(Database &db, const std::string &orderId,
                                                         const std::vector<RiderSpan> &spans)
{
    std::vector<GeofenceEntry> out = forOrder(db, orderId);
    Statement st = db.prepare("SELECT ts_ms, rider_id, ?4, kind, place FROM geofence_events"
                              " WHERE rider_id = ?1 AND ts_ms >= ?2 AND ts_ms <= ?3 AND order_id IS NULL"
                              " AND kind IN ('arrived_depot', 'left_depot') ORDER BY ts_ms, id");
    for (const RiderSpan &span : spans) {
        st.reset();
        st.bindText(1, span.riderId).bind(2, span.fromMs).bind(3, span.toMs).bindText(4, orderId);
        for (GeofenceEntry &e : read(st))
            out.push_back(std::move(e));
    }
    std::stable_sort(out.begin(), out.end(), [](const GeofenceEntry &a, const GeofenceEntry &b) { return a.tsMs < b.tsMs; });
    return out;
}

std::vector<GeofenceEntry> GeofenceLog::forRider(Database &db, const std::string &riderId)
{
    Statement st = db.prepare("SELECT ts_ms, rider_id, order_id, kind, place FROM geofence_events WHERE rider_id = ?1"
                              " ORDER BY ts_ms, id");
    st.bindText(1, riderId);
    return read(st);
}

} // namespace opsdeck::store
