#include "AlertZones.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace opsdeck::core {

int AlertZones::loadGeoJson(const QByteArray &geojson)
{
    const QJsonArray features = QJsonDocument::fromJson(geojson).object().value(QStringLiteral("features")).toArray();
    int read = 0;
    for (const auto &f : features) {
        const QJsonObject props = f.toObject().value(QStringLiteral("properties")).toObject();
        const QJsonObject geometry = f.toObject().value(QStringLiteral("geometry")).toObject();
        if (props.value(QStringLiteral("kind")).toString() != QLatin1String("zone")
            || geometry.value(QStringLiteral("type")).toString() != QLatin1String("Polygon"))
            continue;
        const QJsonArray outer = geometry.value(QStringLiteral("coordinates")).toArray().at(0).toArray();
        std::vector<std::pair<double, double>> ring;
        for (const auto &p : outer) {
            const QJsonArray xy = p.toArray();
            if (xy.size() >= 2)
                ring.emplace_back(xy.at(0).toDouble(), xy.at(1).toDouble());
        }
        const std::string depot = props.value(QStringLiteral("depot")).toString().toStdString();
        if (ring.size() >= 3 && !depot.empty()) {
            addZone(depot, std::move(ring));
            ++read;
        }
    }
    return read;
}

void AlertZones::addZone(const std::string &depot, std::vector<std::pair<double, double>> lngLatRing)
{
    m_zones[depot] = std::move(lngLatRing);
}

bool AlertZones::inside(const std::string &depot, double lat, double lng) const
{
    const auto it = m_zones.find(depot);
    if (it == m_zones.end())
        return true;
    const auto &ring = it->second;
    bool in = false;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const auto [xi, yi] = ring[i];
        const auto [xj, yj] = ring[j];
        if ((yi > lat) != (yj > lat) && lng < (xj - xi) * (lat - yi) / (yj - yi) + xi)
            in = !in;
    }
    return in;
}

} // namespace opsdeck::core
