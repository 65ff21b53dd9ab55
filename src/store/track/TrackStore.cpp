// TrackStore: the write path (take/flush inside EventStore::write), the repack of a
// generation into per-rider blocks, and the recovery at open.
#include "TrackStore.h"
#include "TrackStatements.h"

#include "core/model/Event.h"
#include "store/db/StoreLog.h"

#include <sqlite3.h>

#include <algorithm>
#include <limits>

namespace opsdeck::store {

namespace {

// A tail row's id: part << 32 | commit seq. Rows of one part of the riders are one id
// range, so moving a part to blocks deletes exactly its rows of the frozen generation.
constexpr std::int64_t kSeqMask = 0xffffffff;

} // namespace

void TrackStore::ensureTables(Database &db)
{
    db.exec("CREATE TABLE IF NOT EXISTS track_riders(id INTEGER PRIMARY KEY, rider_id TEXT NOT NULL UNIQUE);"
            "CREATE TABLE IF NOT EXISTS track_tail(id INTEGER PRIMARY KEY, t_max INTEGER NOT NULL, data BLOB NOT NULL);"
            "CREATE TABLE IF NOT EXISTS track_blocks(rider INTEGER NOT NULL, t_start INTEGER NOT NULL,"
            " t_end INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY(rider, t_start, t_end)) WITHOUT ROWID;"
            "CREATE TABLE IF NOT EXISTS track_spans(id INTEGER PRIMARY KEY, t_start INTEGER NOT NULL, t_end INTEGER NOT NULL);"
            "CREATE TABLE IF NOT EXISTS track_state(key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;");
}

PositionFix toFix(const QuantFix &q)
{
    PositionFix f;
    f.tsMs = q.t;
    f.lat = static_cast<double>(q.lat) / kLatLngScale;
    f.lng = static_cast<double>(q.lng) / kLatLngScale;
    f.speedMps = static_cast<double>(q.spd) / kSpeedScale;
    f.headingDeg = static_cast<double>(q.hdg) / kHeadingScale;
    f.batteryPct = static_cast<double>(q.bat) / kBatteryScale;
    return f;
}

TrackStore::TrackStore() = default;
TrackStore::~TrackStore() = default;

std::int64_t TrackStore::riderInt(Database &db, const std::string &riderId)
{
    Statement ins = db.prepare("INSERT OR IGNORE INTO track_riders(rider_id) VALUES(?1)", true);
    ins.bindText(1, riderId).run();
    Statement get = db.prepare("SELECT id FROM track_riders WHERE rider_id = ?1", true);
    get.bindText(1, riderId);
    return get.step() ? get.columnInt(0) : 0;
}

std::int64_t TrackStore::writeBlocks(Database &db, std::int64_t rider, std::vector<QuantFix> fixes, std::int64_t spanMs)
{
    std::stable_sort(fixes.begin(), fixes.end(), [](const QuantFix &a, const QuantFix &b) { return a.t < b.t; });
    fixes.erase(std::unique(fixes.begin(), fixes.end()), fixes.end());
    Statement ins = db.prepare("INSERT OR REPLACE INTO track_blocks(rider, t_start, t_end, data) VALUES(?1, ?2, ?3, ?4)",
                               true);
    std::int64_t blocks = 0;
    BlobCodec codec;
    for (std::size_t i = 0; i < fixes.size();) {
        std::string bytes;
        DeltaState state;
        const std::int64_t start = fixes[i].t;
        std::size_t j = i;
        for (; j < fixes.size() && fixes[j].t < start + spanMs; ++j)
            encodeFix(bytes, state, fixes[j]);
        ins.bind(1, rider).bind(2, start).bind(3, fixes[j - 1].t).bindBlob(4, codec.pack(bytes)).run();
        ++blocks;
        i = j;
    }
    return blocks;
}

void TrackStore::open(Database &db, const Options &options)
{
    m_db = &db;
    m_options = options;
    m_counters = {};
    ensureTables(db);
    m_st = std::make_unique<Statements>(db);
    Transaction tx(db);
    recover();
    tx.commit();
    m_inWrite = false;
}

void TrackStore::reload()
{
    m_ids.clear();
    m_names.clear();
    Statement ids = m_db->prepare("SELECT id, rider_id FROM track_riders ORDER BY id");
    while (ids.step()) {
        const auto id = ids.columnInt(0);
        m_names.resize(static_cast<std::size_t>(id));
        m_names[static_cast<std::size_t>(id - 1)] = ids.columnText(1);
        m_ids[m_names.back()] = id;
    }
    m_open.assign(m_names.size(), Open{});
    m_frozen.clear();
    m_taken.clear();
    m_genMin = m_genMax = 0;
    auto value = [&](const char *key) {
        m_st->getState.bindText(1, key);
        const std::int64_t v = m_st->getState.step() ? m_st->getState.columnInt(0) : 0;
        m_st->getState.reset();
        return v;
    };
    m_cut = value("cut");
    m_flushNext = value("flush_next");
    m_commitSeq = std::max(m_cut, m_db->queryInt("SELECT COALESCE(max(id & 4294967295), 0) FROM track_tail"));
}

// What a kill (or a rolled back write) left in the tail: the frozen generation's riders
// not yet moved go to blocks now and its rows are deleted; the current generation's rows
// stay and are decoded back into memory, exactly as they were before.
void TrackStore::recover()
{
    reload();
    std::vector<Open> frozen(m_names.size());
    Statement rows = m_db->prepare("SELECT id, data FROM track_tail ORDER BY id");
    while (rows.step()) {
        const std::int64_t id = rows.columnInt(0);
        const bool old = m_flushNext > 0 && (id & kSeqMask) <= m_cut;
        std::vector<Open> &gen = old ? frozen : m_open;
        const auto raw = m_codec.unpack(rows.columnBlob(1));
        std::string_view in = raw ? std::string_view(*raw) : std::string_view();
        std::int64_t rider = 0;
        std::uint64_t step = 0;
        bool ok = raw.has_value();
        while (ok && !in.empty()) {
            QuantFix f;
            ok = getVarint(in, step);
            rider = static_cast<std::int64_t>(static_cast<std::uint64_t>(rider) + step); // wraps on damage, then rejected
            ok = ok && rider >= 1 && rider <= static_cast<std::int64_t>(gen.size());
            if (!ok)
                break;
            Open &o = gen[static_cast<std::size_t>(rider - 1)];
            const char *from = in.data();
            ok = decodeFix(in, o.state, f);
            if (!ok)
                break;
            const bool first = o.bytes.empty();
            o.bytes.append(from, static_cast<std::size_t>(in.data() - from));
            o.tMin = first ? f.t : std::min(o.tMin, f.t);
            o.tMax = first ? f.t : std::max(o.tMax, f.t);
            if (!old) {
                m_genMin = m_genMin == 0 ? f.t : std::min(m_genMin, f.t);
                m_genMax = std::max(m_genMax, f.t);
            }
        }
        if (!ok) {
            ++m_counters.damaged;
            qCWarning(lcStore) << "track store: tail row" << id << "does not decode; skipped";
        }
    }
    if (m_flushNext > 0) {
        for (std::int64_t r = m_flushNext; r <= static_cast<std::int64_t>(frozen.size()); ++r) {
            const Open &o = frozen[static_cast<std::size_t>(r - 1)];
            if (!o.bytes.empty())
                m_st->insertBlock.bind(1, r).bind(2, o.tMin).bind(3, o.tMax).bindBlob(4, m_codec.pack(o.bytes)).run();
        }
        m_st->deleteTailUpTo.bind(1, m_cut).run();
        m_flushNext = 0;
        m_cut = 0;
        saveState();
    }
}

std::int64_t TrackStore::idFor(const std::string &riderId)
{
    if (const auto it = m_ids.find(riderId); it != m_ids.end())
        return it->second;
    m_st->insertRider.bindText(1, riderId).run();
    const std::int64_t id = sqlite3_last_insert_rowid(m_db->handle());
    if (id != static_cast<std::int64_t>(m_names.size()) + 1) // ids are dense: anything else is a stale map
        throw StoreError(StoreError::Code::Sqlite, "track store: rider ids out of step");
    m_names.push_back(riderId);
    m_ids.emplace(riderId, id);
    m_open.emplace_back();
    return id;
}

bool TrackStore::take(const core::Event &e)
{
    if (e.kind != core::EventKind::RiderPosition || !e.hasPosition || !m_db || e.riderId.empty())
        return false;
    m_taken.push_back({idFor(e.riderId), quantise(e.tsMs, e.lat, e.lng, e.speedMps, e.headingDeg, e.batteryPct)});
    return true;
}

void TrackStore::begin()
{
    if (!m_db)
        return;
    if (m_inWrite)
        recover(); // the previous write() rolled back: memory is ahead of the file
    m_taken.clear();
    m_inWrite = true;
}

std::int64_t TrackStore::flush()
{
    if (!m_db)
        return 0;
    const std::int64_t before = m_counters.fixes;
    if (!m_taken.empty())
        writeTail();
    repackStep();
    return m_counters.fixes - before;
}

void TrackStore::writeTail()
{
    std::stable_sort(m_taken.begin(), m_taken.end(), [](const Taken &a, const Taken &b) { return a.rider < b.rider; });
    ++m_commitSeq;
    std::string blob, record;
    std::int64_t prevRider = 0, tMax = std::numeric_limits<std::int64_t>::min(), stored = 0, part = -1;
    auto putRow = [&] {
        if (!blob.empty())
            m_st->insertTail.bind(1, (part << 32) | m_commitSeq).bind(2, tMax).bindBlob(3, m_codec.pack(blob)).run();
        blob.clear();
        prevRider = 0;
        tMax = std::numeric_limits<std::int64_t>::min();
    };
    for (const Taken &t : m_taken) {
        Open &o = m_open[static_cast<std::size_t>(t.rider - 1)];
        if (o.state.started && o.state.prev == t.fix) {
            ++m_counters.duplicates;
            continue;
        }
        if (const std::int64_t p = (t.rider - 1) / m_options.ridersPerPart; p != part) {
            putRow();
            part = p;
        }
        record.clear();
        encodeFix(record, o.state, t.fix);
        putVarint(blob, static_cast<std::uint64_t>(t.rider - prevRider));
        blob += record;
        prevRider = t.rider;
        o.tMin = o.bytes.empty() ? t.fix.t : std::min(o.tMin, t.fix.t);
        o.tMax = o.bytes.empty() ? t.fix.t : std::max(o.tMax, t.fix.t);
        o.bytes += record;
        tMax = std::max(tMax, t.fix.t);
        m_genMin = m_genMin == 0 ? t.fix.t : std::min(m_genMin, t.fix.t);
        m_genMax = std::max(m_genMax, t.fix.t);
        ++stored;
    }
    putRow();
    m_taken.clear();
    if (stored == 0)
        return;
    m_st->bumpTotal.bindText(1, "fixes_stored").bind(2, stored).run();
    m_counters.fixes += stored;
}

void TrackStore::saveState()
{
    m_st->putState.bindText(1, "cut").bind(2, m_cut).run();
    m_st->putState.bindText(1, "flush_next").bind(2, m_flushNext).run();
}

void TrackStore::seal()
{
    m_cut = m_commitSeq;
    m_flushNext = 1;
    m_st->insertSpan.bind(1, m_genMin).bind(2, m_genMax).run();
    m_frozen = std::move(m_open);
    m_open.assign(m_names.size(), Open{});
    m_genMin = m_genMax = 0;
    saveState();
}

void TrackStore::repackStep()
{
    if (m_flushNext == 0) {
        if (m_genMin != 0 && m_genMax - m_genMin >= m_options.blockSpanMs)
            seal();
        return;
    }
    // One part of the riders per write(): its tail rows of the frozen generation go
    // first, so the blocks written next reuse their pages and the file does not hold the
    // generation twice.
    const std::int64_t part = (m_flushNext - 1) / m_options.ridersPerPart;
    const std::int64_t end = std::min<std::int64_t>(static_cast<std::int64_t>(m_frozen.size()) + 1,
                                                    (part + 1) * m_options.ridersPerPart + 1);
    m_st->deleteTailSlice.bind(1, part << 32).bind(2, (part << 32) | m_cut).run();
    for (std::int64_t r = m_flushNext; r < end; ++r) {
        Open &o = m_frozen[static_cast<std::size_t>(r - 1)];
        if (o.bytes.empty())
            continue;
        m_st->insertBlock.bind(1, r).bind(2, o.tMin).bind(3, o.tMax).bindBlob(4, m_codec.pack(o.bytes)).run();
        ++m_counters.blocks;
        o = Open{};
    }
    m_flushNext = end;
    if (m_flushNext > static_cast<std::int64_t>(m_frozen.size())) {
        m_frozen.clear();
        m_frozen.shrink_to_fit();
        m_flushNext = 0;
        m_cut = 0;
    }
    saveState();
}

} // namespace opsdeck::store
