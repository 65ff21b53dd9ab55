// StreamSync's answer to a gateway that keeps breaking one event type (issue 21): every
// rejected frame still takes a seq, so each one is a hole. Resyncing at once for each hole
// made thousands of snapshots a minute; here a depot that needs resyncs faster than
// resyncMinIntervalMs is "degraded": its resyncs back off (doubling up to backoffMaxMs)
// while the events above the holes are applied in order, and it becomes clean again once
// neither a hole nor a rejected frame was seen for cleanMs after its last resync.
#include "StreamSync.h"

#include "feed/wire/FeedLog.h"

#include <algorithm>

namespace opsdeck::feed {

namespace {

constexpr std::size_t kMaxFailureKeys = 64; // garbage topics must not grow the map without end
constexpr std::size_t kMaxTypeChars = 64;
constexpr std::size_t kMaxDetailChars = 160;

} // namespace

bool StreamSync::degraded(const std::string &depot) const
{
    const auto it = m_tracks.find(depot);
    return it != m_tracks.end() && it->second.degraded;
}

void StreamSync::noteCoalesced(Track &t, const core::Event &event, bool replay)
{
    if (replay)
        return; // counted when it was first buffered
    std::int64_t before = -1;
    if (!t.buffered.empty() && t.buffered.back().epoch == event.epoch)
        before = t.buffered.back().seq;
    else if (t.buffered.empty() && t.known && t.epoch == event.epoch)
        before = t.seq;
    if (before >= 0 && event.seq > before + 1) {
        // A hole while this depot's resync is queued or running: that resync covers it.
        m_stats.resyncsCoalesced.fetch_add(1, std::memory_order_relaxed);
        t.lastTroubleMs = m_nowMs;
    }
}

bool StreamSync::deferResync(Track &t, const char *reason, bool countJoin)
{
    t.lastTroubleMs = m_nowMs;
    if (t.owed) {
        if (countJoin)
            m_stats.resyncsCoalesced.fetch_add(1, std::memory_order_relaxed);
        ++t.holes;
        m_publishDue = true;
        return true;
    }
    const bool tooSoon = t.lastResyncMs >= 0 && m_nowMs - t.lastResyncMs < m_options.resyncMinIntervalMs;
    if (!t.degraded) {
        if (!tooSoon)
            return false;
        t.degraded = true;
        t.degradedSinceMs = m_nowMs;
        t.backoffMs = m_options.backoffInitialMs;
        t.holes = 0;
        ++m_degradedCount;
        qCWarning(lcFeed) << "feed of depot" << t.depot.c_str() << "degraded: holes keep coming; resyncs back off"
                          << t.backoffMs << "ms while events above the holes are applied";
    } else if (tooSoon) {
        t.backoffMs = std::min(t.backoffMs * 2, m_options.backoffMaxMs);
        qCInfo(lcFeed) << "feed of depot" << t.depot.c_str() << "still degraded: resync backoff now" << t.backoffMs
                       << "ms";
    }
    ++t.holes;
    t.owed = true;
    t.owedReason = reason;
    t.owedAtMs = (t.lastResyncMs >= 0 ? t.lastResyncMs : m_nowMs) + t.backoffMs;
    m_publishDue = true;
    return true;
}

void StreamSync::noteFailure(const core::Rejected &rejected)
{
    // The topic is "<depot>/<type>"; a frame whose depot we do not follow counts for the gateway.
    const std::string_view topic = rejected.topic;
    const auto slash = topic.find('/');
    Failures *failures = &m_gatewayFailures;
    std::string type;
    if (slash != std::string_view::npos) {
        type.assign(topic.substr(slash + 1, kMaxTypeChars));
        const auto it = m_tracks.find(std::string(topic.substr(0, slash)));
        if (it != m_tracks.end()) {
            failures = &it->second.failures;
            it->second.lastTroubleMs = m_nowMs;
            m_publishDue = m_publishDue || it->second.degraded;
        }
    }
    if (failures == &m_gatewayFailures)
        m_gatewayTroubleMs = m_nowMs;
    std::pair<std::string, std::string> key{std::move(type), std::string(core::toString(rejected.reason))};
    if (failures->counts.size() >= kMaxFailureKeys && !failures->counts.count(key))
        key.first = "other";
    ++failures->counts[key];
    failures->lastDetail = rejected.detail.substr(0, kMaxDetailChars);
}

void StreamSync::tickBackoff(std::int64_t nowMs)
{
    if (m_lastTickMs >= 0 && m_degradedCount > 0 && nowMs > m_lastTickMs)
        m_stats.degradedMs.fetch_add(nowMs - m_lastTickMs, std::memory_order_relaxed);
    m_lastTickMs = nowMs;
    if (!m_gatewayFailures.counts.empty() && nowMs - m_gatewayTroubleMs >= m_options.cleanMs)
        m_gatewayFailures = {};
    for (auto &[depot, t] : m_tracks) {
        if (!t.degraded) {
            if (!t.failures.counts.empty() && nowMs - t.lastTroubleMs >= m_options.cleanMs)
                t.failures = {};
            continue;
        }
        if (buffering(t))
            continue;
        if (t.owed && nowMs >= t.owedAtMs)
            queueResync(t, t.owedReason, true);
        else if (!t.owed && nowMs - t.lastTroubleMs >= m_options.cleanMs)
            leaveDegraded(t, nowMs);
    }
    if (m_publishDue)
        publishDegraded();
}

void StreamSync::leaveDegraded(Track &t, std::int64_t nowMs)
{
    qCInfo(lcFeed) << "feed of depot" << t.depot.c_str() << "reads cleanly again after" << (nowMs - t.degradedSinceMs)
                   << "ms degraded," << t.holes << "holes";
    t.degraded = false;
    t.backoffMs = 0;
    t.holes = 0;
    t.failures = {};
    --m_degradedCount;
    m_publishDue = true;
}

core::FeedDegradation StreamSync::describe(const Track &t) const
{
    core::FeedDegradation d;
    d.depot = t.depot;
    d.holes = t.holes;
    d.backoffMs = t.backoffMs;
    d.reason = "gap";
    // Name what fails most: the depot's own rejected frames, else those not tied to a depot.
    const Failures &source = t.failures.counts.empty() ? m_gatewayFailures : t.failures;
    const auto top = std::max_element(source.counts.begin(), source.counts.end(),
                                      [](const auto &a, const auto &b) { return a.second < b.second; });
    if (top != source.counts.end()) {
        d.eventType = top->first.first;
        d.reason = top->first.second;
        d.failures = top->second;
        d.detail = source.lastDetail;
    }
    return d;
}

void StreamSync::publishDegraded()
{
    m_publishDue = false;
    std::vector<core::FeedDegradation> out;
    for (const auto &[depot, t] : m_tracks) {
        if (t.degraded)
            out.push_back(describe(t));
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.depot < b.depot; });
    m_stats.setDegraded(std::move(out));
}

} // namespace opsdeck::feed
