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
