// PositionHistory::catchUp: the recorder's tables after a kill, from the event log.
#include "PositionHistory.h"

#include "core/model/EventDecoder.h"
#include "store/db/Sqlite.h"

#include <algorithm>
#include <variant>

namespace opsdeck::store {

namespace {

constexpr std::int64_t kSeqMask = (std::int64_t(1) << 40) - 1; // the log's key is stream << 40 | seq

void take(const core::Event &e, PositionBatch &batch, PositionHistory::CatchUp &out)
{
    if (e.riderId.empty())
        return;
    if (e.kind == core::EventKind::RiderPosition && e.hasPosition) {
        PositionFix f;
        f.riderId = e.riderId;
        f.tsMs = e.tsMs;
        f.lat = e.lat;
        f.lng = e.lng;
        f.speedMps = e.speedMps;
        f.headingDeg = e.headingDeg;
        f.batteryPct = e.batteryPct;
        batch.fixes.push_back(std::move(f));
        ++out.fixes;
    } else if (e.kind == core::EventKind::RiderStatus) {
        batch.statuses.push_back({e.riderId, e.riderStatus, e.riderName, e.tsMs});
        ++out.statuses;
    }
}

} // namespace

PositionHistory::CatchUp PositionHistory::catchUp(Database &db, std::int64_t maxRowsPerStream)
{
    CatchUp out;
    ensureSchema(db);
    if (!db.hasTable("streams"))
        return out;
    Statement streams = db.prepare("SELECT s.id, s.epoch, s.depot, c.seq FROM streams s"
                                   " LEFT JOIN rider_position_streams c ON c.epoch = s.epoch AND c.depot = s.depot");
    Statement last = db.prepare("SELECT max(key) FROM events WHERE key >= ?1 AND key < ?2");
    // A range of the log's own key (its rowid): the walk reads the tail only.
    Statement tail = db.prepare("SELECT seq, type, sealed, body FROM events WHERE key > ?1 AND key < ?2"
                                " AND type IN ('rider.position', 'rider.status') ORDER BY key");
    core::EventDecoder decoder;
    PositionBatch batch;
    std::string topic;
    while (streams.step()) {
        const std::int64_t id = streams.columnInt(0);
        const std::string epoch = streams.columnText(1), depot = streams.columnText(2);
        // No row: the recorder never committed for this stream (it began after its last
        // tick, or the map feature was not running): walk it from the bounded start.
        const std::int64_t recorded = streams.columnIsNull(3) ? 0 : streams.columnInt(3);
        last.bind(1, id << 40).bind(2, (id + 1) << 40);
        const std::int64_t endKey = last.step() && !last.columnIsNull(0) ? last.columnInt(0) : -1;
        last.reset();
        if (endKey < 0)
            continue;
        const std::int64_t endSeq = endKey & kSeqMask;
        const std::int64_t from = std::max(recorded, endSeq - maxRowsPerStream);
        if (from >= endSeq)
            continue;
        ++out.streams;
        tail.bind(1, (id << 40) | from).bind(2, (id + 1) << 40);
        while (tail.step()) {
            // Rider events carry no personal data and are never sealed (RowCodec's
            // carriesPersonalData); a sealed one is not ours to open here.
            if (tail.columnInt(2) != 0) {
                ++out.unreadable;
                continue;
            }
            topic.assign(depot).append("/").append(tail.columnText(1));
            auto decoded = decoder.decode(topic, tail.columnBlob(3));
            if (const auto *e = std::get_if<core::Event>(&decoded))
                take(*e, batch, out);
            else
                ++out.unreadable;
        }
        tail.reset();
        batch.seen.push_back({epoch, depot, endSeq});
    }
    record(db, batch);
    return out;
}

} // namespace opsdeck::store
