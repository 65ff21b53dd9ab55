#include "RiderStore.h"

#include "MapProjection.h"

#include <cmath>
#include <utility>

namespace opsdeck::widgets {

void RiderStore::enqueue(const QList<sdk::RiderRow> &rows)
{
    for (const sdk::RiderRow &row : rows) {
        if (row.riderId.isEmpty()) {
            ++m_rejected;
            continue;
        }
        const int i = m_index.value(row.riderId, -1);
        apply(i < 0 ? insertRider(row.riderId) : i, row);
    }
    m_changed += static_cast<int>(rows.size());
}

int RiderStore::takeChanged()
{
    return std::exchange(m_changed, 0);
}

void RiderStore::replaceAll(const QList<sdk::RiderRow> &rows)
{
    const QSet<QString> alerted = m_alertedIds;
    const qint64 window = m_trailWindowMs, sample = m_trailSampleMs, rejected = m_rejected;
    *this = RiderStore{};
    m_trailWindowMs = window;
    m_trailSampleMs = sample;
    m_rejected = rejected;
    m_alertedIds = alerted;
    m_changed = static_cast<int>(rows.size()) + 1;
    for (const sdk::RiderRow &row : rows) {
        if (row.riderId.isEmpty()) {
            ++m_rejected;
            continue;
        }
        int i = m_index.value(row.riderId, -1);
        apply(i < 0 ? insertRider(row.riderId) : i, row);
    }
    for (auto &t : m_trails)
        t.clear(); // a past moment has no trail of its own
}

void RiderStore::setAlerted(const QSet<QString> &riderIds)
{
    m_alertedIds = riderIds;
    for (std::size_t i = 0; i < m_ids.size(); ++i)
        m_alerted[i] = m_alertedIds.contains(m_ids[i]) ? 1 : 0;
}

void RiderStore::setTrailWindow(qint64 windowMs, qint64 sampleMs)
{
    m_trailWindowMs = std::max<qint64>(0, windowMs);
    m_trailSampleMs = std::max<qint64>(0, sampleMs);
    // A shorter window applies at once, not only to riders that report again: a parked
    // rider would otherwise keep drawing the old, longer trail.
    for (std::size_t i = 0; i < m_trails.size(); ++i) {
        if (m_trailWindowMs == 0)
            m_trails[i].clear();
        else
            trimTrail(static_cast<int>(i), m_fixAt[i]);
    }
}

int RiderStore::insertRider(const QString &id)
{
    const int i = static_cast<int>(m_ids.size());
    m_index.insert(id, i);
    m_ids.push_back(id);
    m_names.emplace_back();
    m_depots.emplace_back();
    m_x.push_back(0);
    m_y.push_back(0);
    m_lat.push_back(0);
    m_lng.push_back(0);
    m_status.push_back(RiderStatus::Unknown);
    m_heading.push_back(0);
    m_speed.push_back(0);
    m_battery.push_back(-1);
    m_fixAt.push_back(0);
    m_alerted.push_back(m_alertedIds.contains(id) ? 1 : 0);
    m_hasFix.push_back(0);
    m_trails.emplace_back();
    return i;
}

void RiderStore::apply(int i, const sdk::RiderRow &row)
{
    const auto u = static_cast<std::size_t>(i);
    // Names repeat with every fix: skip the (atomic) string assignment when shared.
    if (!row.name.isEmpty() && !row.name.isSharedWith(m_names[u]))
        m_names[u] = row.name;
    if (!row.depot.isEmpty() && !row.depot.isSharedWith(m_depots[u]))
        m_depots[u] = row.depot;
    if (!row.status.isEmpty())
        m_status[u] = riderStatusFromWire(row.status);
    const bool validFix = std::isfinite(row.lat) && std::isfinite(row.lng) && std::abs(row.lat) <= 90.0
        && std::abs(row.lng) <= 180.0 && !(row.lat == 0.0 && row.lng == 0.0);
    if (!validFix) {
        if (row.lat != 0.0 || row.lng != 0.0)
            ++m_rejected; // a fix off the globe: keep the previous one
        return;
    }
    const qint64 fixAt = row.fixAtMs > 0 ? row.fixAtMs : row.updatedAtMs;
    if (m_hasFix[u] && fixAt < m_fixAt[u])
        return; // a late, older fix must not move the rider backwards
    const QPointF w = mercator::projectFast(row.lat, row.lng);
    m_x[u] = w.x();
    m_y[u] = w.y();
    m_lat[u] = row.lat;
    m_lng[u] = row.lng;
    m_heading[u] = static_cast<float>(row.headingDeg);
    m_speed[u] = static_cast<float>(row.speedMps);
    m_battery[u] = static_cast<float>(row.batteryPct);
    m_fixAt[u] = fixAt;
    m_hasFix[u] = 1;
    if (m_trailWindowMs > 0) {
        auto &t = m_trails[u];
        const qint64 at = m_fixAt[u];
        if (t.empty() || at - t.back().atMs >= m_trailSampleMs)
            t.push_back({w.x(), w.y(), at});
        else
            t.back() = {w.x(), w.y(), t.back().atMs}; // merge into the newest sample
        trimTrail(i, at);
    }
}

void RiderStore::trimTrail(int i, qint64 nowMs)
{
    auto &t = m_trails[static_cast<std::size_t>(i)];
    std::size_t drop = 0;
    while (drop < t.size() && nowMs - t[drop].atMs > m_trailWindowMs)
        ++drop;
    if (drop > 0)
        t.erase(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(drop));
}

} // namespace opsdeck::widgets
