#include "EventStoreImpl.h"

namespace opsdeck::store {

namespace {

// One row of the event_log view, in the column order both readers below select.
constexpr const char *kLoggedEventColumns = "SELECT epoch, depot, seq, id, ts_ms, type, order_id, rider_id, sealed, body ";

} // namespace

void EventStore::Impl::readLogged(Statement &stmt, LoggedEvent &e)
{
    e.epoch = stmt.columnText(0);
    e.depot = stmt.columnText(1);
    e.seq = stmt.columnInt(2);
    e.id = stmt.columnText(3);
    e.tsMs = stmt.columnInt(4);
    e.type = stmt.columnText(5);
    e.orderId = stmt.columnText(6);
    e.riderId = stmt.columnText(7);
    e.body = stmt.columnBlob(9);
    if (stmt.columnInt(8) != 0)
        e.body = openSealed(e.body, eventBodyAd(e.epoch, e.depot, e.seq), "events.body");
}

void EventStore::forEachEvent(const std::function<void(const LoggedEvent &)> &visit)
{
    if (!m_impl)
        throw StoreError(StoreError::Code::Sqlite, "read from a closed EventStore");
    Impl &d = *m_impl;
    Statement stmt = d.db.prepare(std::string(kLoggedEventColumns) + "FROM event_log ORDER BY epoch, depot, seq");
    LoggedEvent e;
    while (stmt.step()) {
        d.readLogged(stmt, e);
        visit(e);
    }
}

void EventStore::forEachRecentEvent(const std::string &type, std::int64_t spanMs,
                                    const std::function<bool(const LoggedEvent &)> &visit)
{
    if (!m_impl)
        throw StoreError(StoreError::Code::Sqlite, "read from a closed EventStore");
    Impl &d = *m_impl;
    Statement latest = d.db.prepare("SELECT MAX(ts_ms) FROM events WHERE type = ?1");
    latest.bindText(1, type);
    if (!latest.step() || latest.columnIsNull(0))
        return;
    const std::int64_t fromMs = latest.columnInt(0) - spanMs;
    Statement stmt = d.db.prepare(std::string(kLoggedEventColumns) +
                                  "FROM event_log WHERE type = ?1 AND ts_ms >= ?2 ORDER BY ts_ms, epoch, depot, seq");
    stmt.bindText(1, type);
    stmt.bind(2, fromMs);
    LoggedEvent e;
    while (stmt.step()) {
        d.readLogged(stmt, e);
        if (!visit(e))
            return;
    }
}

void EventStore::forEachRejected(const std::function<void(const core::Rejected &)> &visit)
{
    if (!m_impl)
        throw StoreError(StoreError::Code::Sqlite, "read from a closed EventStore");
    Impl &d = *m_impl;
    Statement stmt =
        d.db.prepare("SELECT at_ms, reason, detail, topic, size, sealed, raw FROM rejected ORDER BY id");
    core::Rejected r;
    while (stmt.step()) {
        r.atMs = stmt.columnInt(0);
        r.reason = rejectReasonFromString(stmt.columnText(1)).value_or(core::RejectReason::MalformedJson);
        r.detail = stmt.columnText(2);
        r.topic = stmt.columnText(3);
        r.size = stmt.columnInt(4);
        r.raw = stmt.columnBlob(6);
        if (stmt.columnInt(5) != 0)
            r.raw = d.openSealed(r.raw, kRejectedRawAd, "rejected.raw");
        visit(r);
    }
}

} // namespace opsdeck::store
