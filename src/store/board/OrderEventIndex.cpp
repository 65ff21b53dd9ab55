#include "OrderEventIndex.h"

#include "store/db/PersonalDataCipher.h"
#include "store/db/RowCodec.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreError.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace opsdeck::store {

namespace {

// The index commits in its own transaction, a core tick after the log's, so a console
// killed in between leaves the newest order events of a stream logged but not indexed:
// their orders' timelines would lack them for good. Jobs run in order on the one store
// thread, so what is missing is always a stream's tail: walk each stream's log back from
// its end to the first order event already indexed.
void indexUnindexedTails(Database &db)
{
    Statement streams = db.prepare("SELECT id, epoch, depot FROM streams");
    // Order events only, as the live feed indexes them (app/features/board/BoardIndexFeeder).
    Statement tail = db.prepare("SELECT seq, order_id FROM events WHERE key >= ?1 AND key < ?2"
                                " AND order_id IS NOT NULL AND order_id <> '' AND type LIKE 'order.%'"
                                " ORDER BY key DESC");
    Statement indexed = db.prepare("SELECT 1 FROM board_order_events WHERE order_id = ?1 AND epoch = ?2"
                                   " AND depot = ?3 AND seq = ?4");
    Statement insert = db.prepare("INSERT INTO board_order_events(order_id, epoch, depot, seq) VALUES(?1, ?2, ?3, ?4)");
    std::vector<std::pair<std::int64_t, std::string>> missing;
    while (streams.step()) {
        const std::int64_t stream = streams.columnInt(0);
        const std::string epoch = streams.columnText(1), depot = streams.columnText(2);
        missing.clear();
        tail.bind(1, stream << 40).bind(2, (stream + 1) << 40);
        while (tail.step()) {
            const std::int64_t seq = tail.columnInt(0);
            std::string orderId = tail.columnText(1);
            indexed.bindText(1, orderId).bindText(2, epoch).bindText(3, depot).bind(4, seq);
            const bool found = indexed.step();
            indexed.reset();
            if (found)
                break;
            missing.emplace_back(seq, std::move(orderId));
        }
        tail.reset();
        for (const auto &[seq, orderId] : missing)
            insert.bindText(1, orderId).bindText(2, epoch).bindText(3, depot).bind(4, seq).run();
    }
}

} // namespace

OrderEventIndex::OrderEventIndex(EventStore &store) : m_store(store)
{
    Database &db = m_store.database();
    const bool existed = db.hasTable("board_order_events");
    Transaction tx(db);
    db.exec("CREATE TABLE IF NOT EXISTS board_order_events("
            " order_id TEXT NOT NULL, epoch TEXT NOT NULL, depot TEXT NOT NULL, seq INTEGER NOT NULL,"
            " PRIMARY KEY(order_id, epoch, depot, seq)) WITHOUT ROWID");
    if (!existed) // a database from before the board: index its log once
        db.exec("INSERT OR IGNORE INTO board_order_events SELECT order_id, epoch, depot, seq FROM event_log"
                " WHERE order_id IS NOT NULL AND order_id <> ''");
    else
        indexUnindexedTails(db);
    tx.commit();
}

void OrderEventIndex::add(const std::vector<Key> &keys)
{
    if (keys.empty())
        return;
    Database &db = m_store.database();
    Transaction tx(db);
    Statement insert =
        db.prepare("INSERT OR IGNORE INTO board_order_events(order_id, epoch, depot, seq) VALUES(?1, ?2, ?3, ?4)");
    for (const Key &k : keys)
        insert.bindText(1, k.orderId).bindText(2, k.epoch).bindText(3, k.depot).bind(4, k.seq).run();
    tx.commit();
}

std::vector<LoggedEvent> OrderEventIndex::eventsOf(const std::string &orderId) const
{
    Database &db = m_store.database();
    // The log's key is stream << 40 | seq (schema v2): look the stream up by its unique
    // (epoch, depot), then each event by rowid.
    Statement stmt = db.prepare("SELECT s.epoch, s.depot, e.seq, e.id, e.ts_ms, e.type, e.order_id, e.rider_id,"
                                " e.sealed, e.body FROM board_order_events k"
                                " JOIN streams s ON s.epoch = k.epoch AND s.depot = k.depot"
                                " JOIN events e ON e.key = (s.id << 40) | k.seq"
                                " WHERE k.order_id = ?1");
    stmt.bindText(1, orderId);
    std::vector<LoggedEvent> out;
    while (stmt.step()) {
        LoggedEvent e;
        e.epoch = stmt.columnText(0);
        e.depot = stmt.columnText(1);
        e.seq = stmt.columnInt(2);
        e.id = stmt.columnText(3);
        e.tsMs = stmt.columnInt(4);
        e.type = stmt.columnText(5);
        e.orderId = stmt.columnText(6);
        e.riderId = stmt.columnText(7);
        e.body = stmt.columnBlob(9);
        if (stmt.columnInt(8) != 0) {
            const PersonalDataCipher *cipher = m_store.cipher();
            auto plain = cipher ? cipher->open(e.body, eventBodyAd(e.epoch, e.depot, e.seq)) : std::nullopt;
            e.body = plain ? std::move(*plain) : std::string(); // unreadable body: keep the row, not the bytes
        }
        out.push_back(std::move(e));
    }
    std::stable_sort(out.begin(), out.end(), [](const LoggedEvent &a, const LoggedEvent &b) {
        return a.tsMs != b.tsMs ? a.tsMs < b.tsMs : a.seq < b.seq;
    });
    return out;
}

} // namespace opsdeck::store
