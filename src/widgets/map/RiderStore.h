#pragma once

#include "MapPalette.h"
#include "sdk/Rows.h"
#include "widgets/WidgetsExport.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <vector>

namespace opsdeck::widgets {

// Every rider the map knows, as a struct of arrays: the per-frame passes (project,
// cluster, draw) walk a few dense arrays instead of 20k heap objects. Rows arrive through
// enqueue() at any rate and overwrite the rider's columns in place (latest value wins:
// a rider reporting twice between two repaints is drawn once, at its newest fix); the
// view's one repaint timer asks takeChanged() whether anything needs a new layout.
class OPSDECK_WIDGETS_EXPORT RiderStore final
{
public:
    struct TrailPoint {
        double x, y; // world units
        qint64 atMs;
    };

    // Rows without a rider id are counted and dropped; rows with impossible coordinates
    // keep the rider at its previous fix (and are counted).
    void enqueue(const QList<sdk::RiderRow> &rows);
    // Riders changed since the previous call (and resets the count).
    int takeChanged();
    // Replaces the whole fleet (replay of a past moment); trails are cleared.
    void replaceAll(const QList<sdk::RiderRow> &rows);

    int size() const { return static_cast<int>(m_ids.size()); }
    int indexOf(const QString &riderId) const { return m_index.value(riderId, -1); }
    qint64 rejected() const { return m_rejected; }

    // Alerted riders are never folded into a cluster.
    void setAlerted(const QSet<QString> &riderIds);

    // Trail window, counted back from each rider's newest fix; 0 disables trails. Points
    // closer in time than the sampling interval are merged so a 10-minute trail of 20k
    // riders stays a few tens of MB. A shorter window trims the trails already held.
    void setTrailWindow(qint64 windowMs, qint64 sampleMs = 10000);
    qint64 trailWindowMs() const { return m_trailWindowMs; }
    const std::vector<TrailPoint> &trail(int i) const { return m_trails[static_cast<std::size_t>(i)]; }

    // Dense columns, indexed 0..size()-1 (stable: a rider keeps its index).
    std::vector<QString> m_ids;
    std::vector<QString> m_names;
    std::vector<QString> m_depots;
    std::vector<double> m_x; // world units
    std::vector<double> m_y;
    std::vector<double> m_lat;
    std::vector<double> m_lng;
    std::vector<RiderStatus> m_status;
    std::vector<float> m_heading;
    std::vector<float> m_speed;
    std::vector<float> m_battery;
    std::vector<qint64> m_fixAt;
    std::vector<quint8> m_alerted;
    std::vector<quint8> m_hasFix;

private:
    void apply(int i, const sdk::RiderRow &row);
    int insertRider(const QString &id);
    void trimTrail(int i, qint64 nowMs);

    QHash<QString, int> m_index;
    int m_changed = 0;
    QSet<QString> m_alertedIds;
    std::vector<std::vector<TrailPoint>> m_trails;
    qint64 m_trailWindowMs = 10 * 60 * 1000;
    qint64 m_trailSampleMs = 10000;
    qint64 m_rejected = 0;
};

} // namespace opsdeck::widgets
