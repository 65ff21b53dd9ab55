#pragma once

// What the kill loop reads from the console's database file while the console runs or
// after it died: raw SQL on the real file, read-only, so the test never checkpoints or
// recovers the file in the console's place.
#include "store/db/Sqlite.h"

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace opsdeck::killtest {

class KillFile final
{
public:
    explicit KillFile(const std::string &path) : m_db(path, SQLITE_OPEN_READONLY)
    {
        sqlite3_busy_timeout(m_db.handle(), 5000);
    }

    // 0 while the console has not yet created its tables.
    std::int64_t eventsLogged()
    {
        if (!m_db.hasTable("totals"))
            return 0;
        return m_db.queryInt("SELECT value FROM totals WHERE key = 'events_logged'");
    }
    std::int64_t eventRows() { return m_db.queryInt("SELECT count(*) FROM events"); }
    // Each resync's row commits with the batch of its snapshot's records.
    std::int64_t resyncRows() { return m_db.hasTable("resyncs") ? m_db.queryInt("SELECT count(*) FROM resyncs") : 0; }

    // depot -> (epoch, seq) as committed.
    std::map<std::string, std::pair<std::string, std::int64_t>> cursors()
    {
        std::map<std::string, std::pair<std::string, std::int64_t>> out;
        if (!m_db.hasTable("cursors"))
            return out;
        store::Statement s = m_db.prepare("SELECT depot, epoch, seq FROM cursors");
        while (s.step())
            out[s.columnText(0)] = {s.columnText(1), s.columnInt(2)};
        return out;
    }

    std::map<std::string, std::string> orderStates()
    {
        std::map<std::string, std::string> out;
        store::Statement s = m_db.prepare("SELECT order_id, state FROM orders");
        while (s.step())
            out[s.columnText(0)] = s.columnText(1);
        return out;
    }

    // The log's key (stream << 40 | seq, i.e. epoch, depot, seq) and the gateway's event
    // id: a key or an id stored twice is an event applied twice.
    std::int64_t duplicateKeys()
    {
        return m_db.queryInt("SELECT count(*) FROM (SELECT key FROM events GROUP BY key HAVING count(*) > 1)");
    }
    std::int64_t duplicateIds()
    {
        return m_db.queryInt("SELECT count(*) FROM (SELECT id FROM events GROUP BY id HAVING count(*) > 1)");
    }

    // Each stream's last logged key (the log's key is stream << 40 | seq).
    std::map<std::int64_t, std::int64_t> streamEnds()
    {
        std::map<std::int64_t, std::int64_t> out;
        if (!m_db.hasTable("streams"))
            return out;
        store::Statement streams = m_db.prepare("SELECT id FROM streams");
        store::Statement last = m_db.prepare("SELECT max(key) FROM events WHERE key >= ?1 AND key < ?2");
        while (streams.step()) {
            const std::int64_t id = streams.columnInt(0);
            last.bind(1, id << 40).bind(2, (id + 1) << 40);
            if (last.step() && !last.columnIsNull(0))
                out[id] = last.columnInt(0);
            last.reset();
        }
        return out;
    }

    // Order events (order.*, what the board indexes) of the log, up to `ends` (all when empty), missing from the board's
    // timeline index, which commits in its own transaction a core tick after the log:
    // an order's timeline would lack them. -1 before the index exists.
    std::int64_t unindexedOrderEvents(const std::map<std::int64_t, std::int64_t> &ends = {})
    {
        if (!m_db.hasTable("board_order_events"))
            return -1;
        store::Statement count = m_db.prepare(
            "SELECT count(*) FROM events e JOIN streams s ON s.id = e.key >> 40"
            " WHERE e.key >= ?1 AND e.key <= ?2 AND e.order_id IS NOT NULL AND e.order_id <> ''"
            " AND e.type LIKE 'order.%'"
            " AND NOT EXISTS (SELECT 1 FROM board_order_events b WHERE b.order_id = e.order_id"
            " AND b.epoch = s.epoch AND b.depot = s.depot AND b.seq = e.seq)");
        const std::map<std::int64_t, std::int64_t> all = {{0, INT64_MAX}};
        std::int64_t n = 0;
        for (const auto &[stream, end] : ends.empty() ? all : ends) {
            count.bind(1, ends.empty() ? 0 : stream << 40).bind(2, end);
            n += count.step() ? count.columnInt(0) : 0;
            count.reset();
        }
        return n;
    }

    // Rider fixes in the track store (its counter commits with its rows).
    std::int64_t fixesStored()
    {
        return m_db.hasTable("totals") ? m_db.queryInt("SELECT value FROM totals WHERE key = 'fixes_stored'") : 0;
    }
    std::int64_t trackRows()
    {
        if (!m_db.hasTable("track_tail"))
            return 0;
        return m_db.queryInt("SELECT (SELECT count(*) FROM track_tail) + (SELECT count(*) FROM track_blocks)");
    }

    std::string integrityCheck()
    {
        std::string out;
        store::Statement s = m_db.prepare("PRAGMA integrity_check");
        while (s.step()) {
            if (!out.empty())
                out.push_back('\n');
            out.append(s.columnText(0));
        }
        return out;
    }

private:
    store::Database m_db;
};

} // namespace opsdeck::killtest
