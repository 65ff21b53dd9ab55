#pragma once

// Riders and orders placed on the real city's roads, for the map tests and screenshots.
#include "sdk/Rows.h"
#include "widgets/map/CityBaseMap.h"
#include "widgets/map/MapProjection.h"

#include <QColor>
#include <QLineF>
#include <QRandomGenerator>

#include <cmath>

namespace opsdeck::maptest {

inline constexpr qint64 kNowMs = 1'790'000'000'000;

inline QList<sdk::RiderRow> ridersOnRoads(const widgets::CityBaseMap &map, int count, quint32 seed = 3)
{
    static const char *const statuses[] = {"idle", "to_pickup", "delivering", "delivering", "break", "offline"};
    QRandomGenerator rng(seed);
    QList<sdk::RiderRow> rows;
    const auto &roads = map.roads();
    for (int i = 0; i < count; ++i) {
        const auto &road = roads[static_cast<std::size_t>(rng.bounded(static_cast<int>(roads.size())))];
        const int k = rng.bounded(road.world.size() - 1);
        const double t = rng.generateDouble();
        const QPointF w = road.world[k] + (road.world[k + 1] - road.world[k]) * t;
        const QGeoCoordinate c = widgets::mercator::unproject(w);
        sdk::RiderRow r;
        r.riderId = QStringLiteral("R%1").arg(i, 4, 10, QLatin1Char('0'));
        r.name = QStringLiteral("Rider %1").arg(i);
        r.depot = map.depots()[static_cast<std::size_t>(i) % map.depots().size()].id;
        r.status = QString::fromLatin1(statuses[rng.bounded(6)]);
        r.lat = c.latitude();
        r.lng = c.longitude();
        const QLineF seg(road.world[k], road.world[k + 1]);
        r.headingDeg = std::fmod(90.0 - seg.angle() + 360.0, 360.0); // QLineF: counter-clockwise from east
        r.speedMps = r.status == QLatin1String("offline") || r.status == QLatin1String("break") ? 0.0 : 2.0 + rng.bounded(6);
        r.batteryPct = 20 + rng.bounded(80);
        r.fixAtMs = kNowMs - (i % 23 == 0 ? 300'000 : rng.bounded(20'000)); // some stale fixes
        r.updatedAtMs = r.fixAtMs;
        rows.append(r);
    }
    return rows;
}

// How far apart two rendered pixels are: the sum of the channel differences.
inline int colourDistance(QRgb a, QRgb b)
{
    return std::abs(qRed(a) - qRed(b)) + std::abs(qGreen(a) - qGreen(b)) + std::abs(qBlue(a) - qBlue(b));
}

inline sdk::OrderRow orderFor(const QString &orderId, const QString &riderId, const QGeoCoordinate &dest,
                              const QString &state = QStringLiteral("DELIVERING"))
{
    sdk::OrderRow o;
    o.orderId = orderId;
    o.riderId = riderId;
    o.state = state;
    o.lat = dest.latitude();
    o.lng = dest.longitude();
    return o;
}

} // namespace opsdeck::maptest
