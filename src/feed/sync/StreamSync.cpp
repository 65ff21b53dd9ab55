#include "StreamSync.h"

#include "feed/wire/FeedLog.h"

#include "core/pipeline/QueueBounds.h"

#include <algorithm>
#include <chrono>

namespace opsdeck::feed {

namespace {
constexpr std::size_t kMaxRetiredEpochs = 16;
}

StreamSync::StreamSync(std::vector<std::string> depotFilter, std::vector<core::Cursor> resumeFrom,
                       core::FeedStats &stats, Sink sink, Options options)
    : m_filter(depotFilter.begin(), depotFilter.end())
    , m_stats(stats)
    , m_sink(std::move(sink))
    , m_options(options)
    , m_recentIds(options.recentIds)
{
    for (auto &c : resumeFrom) {
        if (c.depot.empty() || !watched(c.depot))
            continue;
        Track &t = track(c.depot);
        t.epoch = std::move(c.epoch);
        t.seq = c.seq;
        t.known = true;
    }
    // Even with cursors to resume from, the gateway does not replay what we missed while
    // down: only a snapshot brings the console up to date.
    queueAll("join");
}

StreamSync::Track &StreamSync::track(const std::string &depot)
{
    auto it = m_tracks.find(depot);
    if (it == m_tracks.end()) {
        it = m_tracks.emplace(depot, Track{}).first;
        it->second.depot = depot;
    }
    return it->second;
}

bool StreamSync::watched(std::string_view depot) const
{
    return m_filter.empty() || m_filter.count(std::string(depot)) != 0;
}

bool StreamSync::allResyncRunning() const
{
    return m_allQueued || (m_inFlight && m_inFlight->all);
}

bool StreamSync::buffering(const Track &t) const
{
    return t.resyncQueued || allResyncRunning();
}

bool StreamSync::resyncing() const
{
    return m_allQueued || m_inFlight.has_value() || !m_queued.empty();
}

void StreamSync::retire(const std::string &epoch)
{
    if (epoch.empty() || retired(epoch))
        return;
    if (m_retiredEpochs.size() >= kMaxRetiredEpochs)
        m_retiredEpochs.erase(m_retiredEpochs.begin());
    m_retiredEpochs.push_back(epoch);
}

bool StreamSync::retired(const std::string &epoch) const
{
    return std::find(m_retiredEpochs.begin(), m_retiredEpochs.end(), epoch) != m_retiredEpochs.end();
}

void StreamSync::touch(Track &t)
{
    if (!t.touched) {
        t.touched = true;
        m_touched.push_back(&t);
    }
}

void StreamSync::addEvent(core::Event &&event)
{
    if (m_batch.events.size() >= m_options.maxBatchEvents)
        flush();
    m_batch.events.push_back(std::move(event));
}

void StreamSync::onRejected(core::Rejected &&rejected, std::int64_t nowMs)
{
    m_nowMs = nowMs;
    noteFailure(rejected);
    m_batch.rejected.push_back(std::move(rejected));
}

bool StreamSync::batchEmpty() const
{
    return m_batch.events.empty() && m_batch.rejected.empty() && m_batch.resyncs.empty() && m_batch.covers.empty()
        && m_touched.empty();
}

void StreamSync::flush()
{
    for (Track *t : m_touched) {
        m_batch.cursors.push_back(core::Cursor{t->depot, t->epoch, t->seq});
        m_stats.setLastSeq(t->depot, t->seq);
        t->touched = false;
    }
    m_touched.clear();
    if (m_batch.events.empty() && m_batch.rejected.empty() && m_batch.resyncs.empty() && m_batch.cursors.empty()
        && m_batch.covers.empty())
        return;
    core::FeedBatch out = std::move(m_batch);
    m_batch = core::FeedBatch{};
    if (m_options.refuse) {
        if (const auto reason = m_options.refuse(out))
            shed(out, *reason);
    }
    // Full size up front: growing a vector of Events moves every element again.
    m_batch.events.reserve(m_options.maxBatchEvents);
    m_sink(std::move(out));
}

void StreamSync::buffer(Track &t, core::Event &&event)
{
    const std::size_t bytes = core::eventBytes(event);
    if (t.buffered.size() >= m_options.maxBufferedPerDepot
        || (!t.buffered.empty() && t.bufferedBytes + bytes > m_options.maxBufferedBytesPerDepot)) {
        if (!t.bufferFull)
            qCWarning(lcFeed) << "resync buffer full for depot" << t.depot.c_str() << "- later events shed";
        t.bufferFull = true;
        markStale(t, core::ShedReason::ResyncBuffer, 1);
        return;
    }
    t.bufferedBytes += bytes;
    t.buffered.push_back(std::move(event));
}

void StreamSync::queueResync(Track &t, const std::string &reason, bool hole)
{
    if (buffering(t))
        return;
    qCInfo(lcFeed) << "resync of depot" << t.depot.c_str() << "needed:" << reason.c_str();
    if (hole)
        t.lastResyncMs = m_nowMs;
    t.owed = false; // the resync queued now pays what a backed-off hole owed
    t.resyncQueued = true;
    t.resyncReason = reason;
    t.tailDeadlineMs = 0;
    m_queued.push_back(t.depot);
}

void StreamSync::queueAll(const char *reason)
{
    if (allResyncRunning())
        return;
    qCInfo(lcFeed) << "resync of all depots needed:" << reason;
    m_allQueued = true;
    m_allReason = reason;
}

std::optional<SnapshotRequest> StreamSync::takeRequest()
{
    if (m_inFlight)
        return std::nullopt;
    if (m_allQueued) {
        m_allQueued = false;
        SnapshotRequest req{true, std::vector<std::string>(m_filter.begin(), m_filter.end()), m_allReason};
        std::sort(req.depots.begin(), req.depots.end());
        m_inFlight = req;
    } else if (!m_queued.empty()) {
        m_inFlight = SnapshotRequest{false, std::move(m_queued), {}};
        m_queued.clear();
    } else {
        return std::nullopt;
    }
    m_stats.resyncsRequested.fetch_add(1, std::memory_order_relaxed);
    m_snapshotRecords.clear();
    return m_inFlight;
}

void StreamSync::restartInFlight()
{
    std::vector<core::Event>().swap(m_snapshotRecords); // a partial reply: nothing of it is kept
}

void StreamSync::onLive(core::Event &&event, std::int64_t nowMs)
{
    m_nowMs = nowMs;
    if (m_batch.receivedNs == 0) // the batch's oldest arrival: what its latency is measured from
        m_batch.receivedNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                 std::chrono::steady_clock::now().time_since_epoch())
                                 .count();
    process(std::move(event), false);
}

void StreamSync::process(core::Event &&event, bool replay)
{
    Track &t = track(event.depot);
    if (buffering(t)) {
        noteCoalesced(t, event, replay);
        buffer(t, std::move(event));
        return;
    }
    if (!t.known) {
        if (event.seq != 1) {
            // Seen first in mid-stream: what came before is only in a snapshot.
            queueResync(t, "join", false);
            buffer(t, std::move(event));
            return;
        }
        t.epoch = event.epoch;
        t.seq = 0;
        t.known = true;
    }
    if (event.epoch != t.epoch) {
        if (retired(event.epoch)) { // late message of a gateway run we already left behind
            if (!replay)
                m_stats.duplicates.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        queueResync(t, "new_epoch", false);
        buffer(t, std::move(event));
        return;
    }
    if (event.seq <= t.seq) {
        // On replay these are covered by the snapshot just applied, not duplicates.
        if (!replay)
            m_stats.duplicates.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    if (event.seq > t.seq + 1) {
        m_stats.gaps.fetch_add(1, std::memory_order_relaxed);
        if (!deferResync(t, "gap", !replay)) {
            qCInfo(lcFeed) << "hole in depot" << t.depot.c_str() << "after seq" << t.seq << "got" << event.seq;
            queueResync(t, "gap", true);
            buffer(t, std::move(event));
            return;
        }
        // Backed off: apply what is above the hole, in order; the resync makes it exact.
        qCDebug(lcFeed) << "hole in degraded depot" << t.depot.c_str() << "after seq" << t.seq << "got" << event.seq;
    }
    // The cursor moves even for a repeated id: the seq itself arrived, only its content is old.
    t.seq = event.seq;
    touch(t);
    if (!m_recentIds.insert(event.id)) {
        m_stats.duplicates.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    m_stats.accepted.fetch_add(1, std::memory_order_relaxed);
    addEvent(std::move(event));
}

void StreamSync::onHeartbeat(const core::Heartbeat &hb, std::int64_t nowMs)
{
    m_nowMs = nowMs;
    if (allResyncRunning() || m_gatewayEpoch.empty() || retired(hb.epoch))
        return;
    if (heartbeatSaysNewEpoch(hb)) {
        queueAll("new_epoch");
        return;
    }
    for (const auto &[depot, seq] : hb.seqs) {
        if (!watched(depot))
            continue;
        Track &t = track(depot);
        if (buffering(t) || t.tailDeadlineMs != 0 || t.owed) // owed: a resync will cover it anyway
            continue;
        const std::int64_t have = (t.known && t.epoch == hb.epoch) ? t.seq : 0;
        if (seq > have) {
            // The events may still be on their way; give them about one heartbeat.
            t.tailSeq = seq;
            t.tailEpoch = hb.epoch;
            t.tailDeadlineMs = nowMs + m_options.tailGraceMs;
            m_tailWatch.push_back(&t);
        }
    }
}

// A heartbeat speaks only for the depots it names: through a relay the console hears
// several gateways, each in its own epoch, and another gateway's epoch is not a new one.
bool StreamSync::heartbeatSaysNewEpoch(const core::Heartbeat &hb)
{
    for (const auto &[depot, seq] : hb.seqs) {
        const auto it = m_tracks.find(depot);
        if (watched(depot) && it != m_tracks.end() && it->second.known && it->second.epoch != hb.epoch)
            return true;
    }
    return false;
}

void StreamSync::tick(std::int64_t nowMs)
{
    m_nowMs = nowMs;
    tickBackoff(nowMs);
    if (m_tailWatch.empty())
        return;
    auto due = [&](Track *t) { return t->tailDeadlineMs == 0 || t->tailDeadlineMs <= nowMs; };
    for (Track *t : m_tailWatch) {
        if (t->tailDeadlineMs == 0 || t->tailDeadlineMs > nowMs)
            continue;
        t->tailDeadlineMs = 0;
        const bool behind = !t->known || t->epoch != t->tailEpoch || t->seq < t->tailSeq;
        if (behind && !buffering(*t)) {
            m_stats.gaps.fetch_add(1, std::memory_order_relaxed);
            if (deferResync(*t, "tail_loss", true))
                continue;
            qCInfo(lcFeed) << "tail loss in depot" << t->depot.c_str() << ": at seq" << t->seq << "heartbeat said"
                           << t->tailSeq;
            queueResync(*t, "tail_loss", true);
        }
    }
    m_tailWatch.erase(std::remove_if(m_tailWatch.begin(), m_tailWatch.end(), due), m_tailWatch.end());
}

void StreamSync::onSnapshotRecord(core::Event &&record)
{
    if (!m_inFlight || !watched(record.depot))
        return;
    if (!m_inFlight->all
        && std::find(m_inFlight->depots.begin(), m_inFlight->depots.end(), record.depot) == m_inFlight->depots.end())
        return;
    m_snapshotRecords.push_back(std::move(record));
}

void StreamSync::onSnapshotEnd(const wire::SnapshotEnd &end, std::int64_t wallMs)
{
    if (!m_inFlight)
        return; // a late answer to a request we gave up on
    const SnapshotRequest req = std::move(*m_inFlight);
    m_inFlight.reset();
    const std::size_t resyncsBefore = m_batch.resyncs.size();

    std::vector<std::string> covered;
    if (req.all) {
        for (const auto &[depot, t] : m_tracks)
            covered.push_back(depot);
        for (const auto &[depot, seq] : end.seqs) {
            if (watched(depot) && !m_tracks.count(depot))
                covered.push_back(depot);
        }
        for (const auto &r : m_snapshotRecords) {
            if (std::find(covered.begin(), covered.end(), r.depot) == covered.end())
                covered.push_back(r.depot);
        }
    } else {
        covered = req.depots;
    }

    // Only the epochs these depots leave behind retire: another gateway's epoch (relay) lives on.
    for (const auto &depot : covered) {
        Track &t = track(depot);
        if (t.known && t.epoch != end.epochOf(depot))
            retire(t.epoch);
    }
    m_gatewayEpoch = end.epoch;

    const auto recordCount = static_cast<std::int64_t>(m_snapshotRecords.size());
    std::vector<core::SnapshotCover> covers = completeCovers(covered, end, wallMs); // before the records move
    std::unordered_map<std::string, std::int64_t> perDepot;
    for (auto &r : m_snapshotRecords) {
        ++perDepot[r.depot];
        addEvent(std::move(r));
    }
    std::vector<core::Event>().swap(m_snapshotRecords); // clear() would keep ~90 MB at 100k riders

    for (const auto &depot : covered) {
        Track &t = track(depot);
        std::int64_t seq = 0;
        for (const auto &[d, s] : end.seqs) {
            if (d == depot)
                seq = s;
        }
        t.epoch = end.epochOf(depot);
        t.seq = seq;
        t.known = true;
        t.tailDeadlineMs = 0;
        if (!req.all) {
            m_batch.resyncs.push_back(
                core::ResyncRecord{wallMs, depot, t.resyncReason, end.epoch, seq, perDepot[depot]});
        }
        t.resyncQueued = false;
        t.resyncReason.clear();
        t.owed = false; // this snapshot covers the depot: nothing is owed any more
        clearStale(t);
        touch(t);
    }
    if (req.all) {
        m_queued.clear(); // every depot was just covered
        m_batch.resyncs.push_back(core::ResyncRecord{wallMs, {}, req.reason, end.epoch, 0, recordCount});
    }
    // Counted once the records are in the sink: a reader of the stats never sees a resync
    // whose records the console does not hold yet.
    const auto resyncsDone = static_cast<std::int64_t>(m_batch.resyncs.size() - resyncsBefore);
    // After every record: the core judges the depots once the whole reply is applied. The
    // batch ends here, so the buffered events replayed below come after the judgement.
    m_batch.covers = std::move(covers);
    qCInfo(lcFeed) << "snapshot applied:" << recordCount << "records," << covered.size() << "depots, epoch"
                   << end.epoch.c_str();
    flush();
    m_stats.resyncs.fetch_add(resyncsDone, std::memory_order_relaxed);

    for (const auto &depot : covered)
        replay(track(depot));
    m_publishDue = true;
}

std::vector<core::SnapshotCover> StreamSync::completeCovers(const std::vector<std::string> &covered,
                                                           const wire::SnapshotEnd &end, std::int64_t wallMs) const
{
    // The reply is complete for a depot that was asked for and that its SNAPEND names:
    // the core may retire that depot's open orders the records left out. Any other
    // depot's orders are not judged (protocol.md: "Orders the gateway no longer knows").
    std::vector<core::SnapshotCover> covers;
    for (const auto &depot : covered) {
        if (std::none_of(end.seqs.begin(), end.seqs.end(), [&](const auto &s) { return s.first == depot; }))
            continue;
        core::SnapshotCover cover{depot, end.epochOf(depot), wallMs, {}};
        for (const auto &r : m_snapshotRecords)
            if (r.kind == core::EventKind::OrderSnapshot && r.depot == depot)
                cover.orderIds.push_back(r.orderId);
        covers.push_back(std::move(cover));
    }
    return covers;
}

void StreamSync::replay(Track &t)
{
    if (buffering(t) || t.buffered.empty())
        return;
    std::vector<core::Event> pending = std::move(t.buffered);
    t.buffered = {};
    t.bufferedBytes = 0;
    t.bufferFull = false;
    for (auto &ev : pending)
        process(std::move(ev), true);
}

} // namespace opsdeck::feed
