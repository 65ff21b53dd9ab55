// TrackStore reads (fleet at T, a rider's trail, time range) and retention.
#include "TrackStore.h"
#include "TrackStatements.h"

#include "store/db/StoreLog.h"

#include <sqlite3.h>

#include <algorithm>

namespace opsdeck::store {

namespace {

// Calls visit(fix) for every record of a block payload; false if it does not decode.
template<typename Visit>
bool forEachRecord(std::string_view in, Visit &&visit)
{
    DeltaState state;
    QuantFix f;
    while (!in.empty()) {
        if (!decodeFix(in, state, f))
            return false;
        visit(f);
    }
    return true;
}

// The newest fix at or before atMs; the last one stored wins a tie.
void keepBest(const QuantFix &f, std::int64_t atMs, QuantFix &best, bool &found)
{
    if (f.t <= atMs && (!found || f.t >= best.t)) {
        best = f;
        found = true;
    }
}

} // namespace

bool TrackStore::bestIn(const Open &open, std::int64_t atMs, QuantFix &best)
{
    if (open.bytes.empty() || open.tMin > atMs)
        return false;
    bool found = false;
    if (!forEachRecord(open.bytes, [&](const QuantFix &f) { keepBest(f, atMs, best, found); }))
        ++m_counters.damaged;
    return found;
}

std::vector<PositionFix> TrackStore::fleetAt(std::int64_t atMs)
{
    std::vector<PositionFix> out;
    if (!m_db)
        return out;
    std::unordered_map<std::string, std::pair<std::string, std::string>> people; // id -> (status, name)
    Statement riders = m_db->prepare("SELECT rider_id, status, name FROM riders");
    while (riders.step())
        people.emplace(riders.columnText(0), std::make_pair(riders.columnText(1), riders.columnText(2)));
    Statement &seek = m_st->seekBlock;
    for (std::size_t i = 0; i < m_names.size(); ++i) {
        QuantFix best;
        bool found = bestIn(m_open[i], atMs, best);
        if (!found && i < m_frozen.size())
            found = bestIn(m_frozen[i], atMs, best);
        if (!found) {
            // The newest block starting by atMs holds the newest fix by atMs (blocks of a
            // rider follow each other in time; docs/storage.md on fixes arriving late).
            seek.bind(1, static_cast<std::int64_t>(i + 1)).bind(2, atMs);
            if (seek.step()) {
                const auto raw = m_codec.unpack(seek.columnBlob(0));
                if (!raw || !forEachRecord(*raw, [&](const QuantFix &f) { keepBest(f, atMs, best, found); }))
                    ++m_counters.damaged;
            }
            seek.reset();
        }
        if (!found)
            continue;
        PositionFix f = toFix(best);
        f.riderId = m_names[i];
        if (const auto it = people.find(f.riderId); it != people.end()) {
            f.status = it->second.first;
            f.name = it->second.second;
        }
        out.push_back(std::move(f));
    }
    return out;
}

std::vector<PositionFix> TrackStore::trail(const std::string &riderId, std::int64_t fromMs, std::int64_t toMs)
{
    std::vector<PositionFix> out;
    const auto it = m_ids.find(riderId);
    if (!m_db || it == m_ids.end())
        return out;
    const auto index = static_cast<std::size_t>(it->second - 1);
    auto keep = [&](const QuantFix &q) {
        if (q.t >= fromMs && q.t <= toMs) {
            out.push_back(toFix(q));
            out.back().riderId = riderId;
        }
    };
    Statement &blocks = m_st->riderBlocks;
    blocks.bind(1, it->second).bind(2, fromMs).bind(3, toMs);
    while (blocks.step()) {
        const auto raw = m_codec.unpack(blocks.columnBlob(0));
        if (!raw || !forEachRecord(*raw, keep))
            ++m_counters.damaged;
    }
    blocks.reset();
    for (const std::vector<Open> *gen : {&m_frozen, &m_open})
        if (index < gen->size() && !(*gen)[index].bytes.empty())
            forEachRecord((*gen)[index].bytes, keep);
    std::stable_sort(out.begin(), out.end(), [](const PositionFix &a, const PositionFix &b) { return a.tsMs < b.tsMs; });
    return out;
}

std::pair<std::int64_t, std::int64_t> TrackStore::timeRange()
{
    if (!m_db)
        return {0, 0};
    std::int64_t from = 0, to = 0;
    Statement spans = m_db->prepare("SELECT min(t_start), max(t_end) FROM track_spans");
    if (spans.step() && !spans.columnIsNull(0)) {
        from = spans.columnInt(0);
        to = spans.columnInt(1);
    }
    if (m_genMin != 0) {
        from = from == 0 ? m_genMin : std::min(from, m_genMin);
        to = std::max(to, m_genMax);
    }
    return {from, to};
}

TrackStore::PurgeStep TrackStore::purgeStep(std::int64_t beforeMs, std::int64_t riders)
{
    PurgeStep step;
    if (!m_db)
        return {0, true};
    Transaction tx(*m_db);
    const auto count = static_cast<std::int64_t>(m_names.size());
    const std::int64_t end = std::min(count + 1, m_purgeNext + std::max<std::int64_t>(1, riders));
    for (std::int64_t r = m_purgeNext; r < end; ++r) {
        m_st->purgeRider.bind(1, r).bind(2, beforeMs).run();
        step.blocks += sqlite3_changes(m_db->handle());
    }
    m_purgeNext = end;
    if (m_purgeNext > count) {
        Statement spans = m_db->prepare("DELETE FROM track_spans WHERE t_end < ?1");
        spans.bind(1, beforeMs).run();
        // A span partly purged starts at its oldest kept fix at the latest.
        Statement clip = m_db->prepare("UPDATE track_spans SET t_start = ?1 WHERE t_start < ?1");
        clip.bind(1, beforeMs).run();
        m_purgeNext = 1;
        step.done = true;
    }
    tx.commit();
    return step;
}

} // namespace opsdeck::store
