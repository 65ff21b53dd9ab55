#include "CityBaseMap.h"

#include "MapProjection.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineF>

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>

static void initMapResource()
{
    Q_INIT_RESOURCE(citymap);
}

namespace opsdeck::widgets {

namespace {

bool readCoordinate(const QJsonValue &v, QGeoCoordinate *out)
{
    const QJsonArray a = v.toArray();
    if (a.size() < 2 || !a.at(0).isDouble() || !a.at(1).isDouble())
        return false;
    const QGeoCoordinate c(a.at(1).toDouble(), a.at(0).toDouble());
    if (!c.isValid())
        return false;
    *out = c;
    return true;
}

CityBaseMap::RoadClass roadClassOf(const QString &cls)
{
    if (cls == QLatin1String("ring"))
        return CityBaseMap::RoadClass::Ring;
    if (cls == QLatin1String("arterial"))
        return CityBaseMap::RoadClass::Arterial;
    return CityBaseMap::RoadClass::Street;
}

quint64 keyOf(QPointF world)
{
    // Vertices shared by two roads are written with identical coordinates: a grid of
    // ~4 cm in world units identifies them.
    const auto x = static_cast<quint64>(world.x() * 1e9);
    const auto y = static_cast<quint64>(world.y() * 1e9);
    return (x << 32) ^ y;
}

} // namespace

std::shared_ptr<const CityBaseMap> CityBaseMap::builtIn()
{
    initMapResource();
    QFile f(QStringLiteral(":/citymap/beijing.geojson"));
    if (!f.open(QIODevice::ReadOnly))
        return nullptr;
    return fromGeoJson(f.readAll());
}

std::shared_ptr<const CityBaseMap> CityBaseMap::fromGeoJson(const QByteArray &json, QString *error)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (doc.isNull() || !doc.isObject()) {
        if (error)
            *error = err.errorString();
        return nullptr;
    }
    auto map = std::make_shared<CityBaseMap>();
    QHash<quint64, int> nodeIndex;
    const QJsonArray features = doc.object().value(QLatin1String("features")).toArray();
    for (const QJsonValue &fv : features) {
        const QJsonObject feature = fv.toObject();
        const QJsonObject props = feature.value(QLatin1String("properties")).toObject();
        const QJsonArray coords = feature.value(QLatin1String("geometry")).toObject().value(QLatin1String("coordinates")).toArray();
        const QString kind = props.value(QLatin1String("kind")).toString();
        if (kind == QLatin1String("road")) {
            Road road;
            road.roadClass = roadClassOf(props.value(QLatin1String("class")).toString());
            road.name = props.value(QLatin1String("name")).toString();
            int prev = -1;
            QGeoCoordinate prevCoord;
            for (const QJsonValue &c : coords) {
                QGeoCoordinate coord;
                if (!readCoordinate(c, &coord))
                    continue;
                const QPointF w = mercator::project(coord);
                road.world.append(w);
                int id = nodeIndex.value(keyOf(w), -1);
                if (id < 0) {
                    id = static_cast<int>(map->m_nodes.size());
                    nodeIndex.insert(keyOf(w), id);
                    map->m_nodes.push_back(w);
                    map->m_nodeCoords.push_back(coord);
                    map->m_adjacency.emplace_back();
                }
                if (prev >= 0 && prev != id)
                    map->addEdge(prev, id, prevCoord, coord);
                prev = id;
                prevCoord = coord;
            }
            if (road.world.size() < 2) {
                ++map->m_skipped;
                continue;
            }
            road.bounds = road.world.boundingRect();
            map->m_bounds = map->m_bounds.isNull() ? road.bounds : map->m_bounds.united(road.bounds);
            map->m_roads.push_back(std::move(road));
        } else if (kind == QLatin1String("zone")) {
            Zone zone;
            zone.depotId = props.value(QLatin1String("depot")).toString();
            zone.name = props.value(QLatin1String("name")).toString();
            for (const QJsonValue &c : coords.at(0).toArray()) {
                QGeoCoordinate coord;
                if (readCoordinate(c, &coord)) {
                    zone.ring.append(coord);
                    zone.world.append(mercator::project(coord));
                }
            }
            if (zone.world.size() < 3) {
                ++map->m_skipped;
                continue;
            }
            map->m_zones.push_back(std::move(zone));
        } else if (kind == QLatin1String("depot") || kind == QLatin1String("merchant")) {
            Place p;
            if (!readCoordinate(coords, &p.coordinate)) {
                ++map->m_skipped;
                continue;
            }
            p.id = props.value(QLatin1String("id")).toString();
            p.name = props.value(QLatin1String("name")).toString();
            p.depotId = kind == QLatin1String("depot") ? p.id : props.value(QLatin1String("depot")).toString();
            p.world = mercator::project(p.coordinate);
            (kind == QLatin1String("depot") ? map->m_depots : map->m_merchants).push_back(std::move(p));
        } else {
            ++map->m_skipped;
        }
    }
    if (map->m_roads.empty() && map->m_depots.empty()) {
        if (error)
            *error = QStringLiteral("no roads and no depots");
        return nullptr;
    }
    for (const Place &d : map->m_depots) {
        const QRectF r(d.world, QSizeF(0, 0));
        map->m_bounds = map->m_bounds.isNull() ? r : map->m_bounds.united(r);
    }
    return map;
}

void CityBaseMap::addEdge(int a, int b, const QGeoCoordinate &ca, const QGeoCoordinate &cb)
{
    const auto m = static_cast<float>(ca.distanceTo(cb));
    m_adjacency[static_cast<std::size_t>(a)].push_back({b, m});
    m_adjacency[static_cast<std::size_t>(b)].push_back({a, m});
}

CityBaseMap::Snap CityBaseMap::snapToRoad(QPointF world) const
{
    // A linear scan over the edges: a few thousand, once per route request. Mercator is
    // conformal, so the nearest point in world units is the nearest on the ground.
    Snap best;
    double bestD = std::numeric_limits<double>::max();
    for (std::size_t a = 0; a < m_adjacency.size(); ++a) {
        const QPointF pa = m_nodes[a];
        for (const Edge &e : m_adjacency[a]) {
            if (e.to < static_cast<int>(a))
                continue; // each undirected edge once
            const QPointF d = m_nodes[static_cast<std::size_t>(e.to)] - pa;
            const double len2 = d.x() * d.x() + d.y() * d.y();
            const QPointF r = world - pa;
            const double t = len2 > 0 ? std::clamp((r.x() * d.x() + r.y() * d.y()) / len2, 0.0, 1.0) : 0.0;
            const QPointF onRoad = pa + d * t;
            const QPointF off = world - onRoad;
            const double d2 = off.x() * off.x() + off.y() * off.y();
            if (d2 < bestD) {
                bestD = d2;
                best = {static_cast<int>(a), e.to, t, onRoad};
            }
        }
    }
    return best;
}

QPolygonF CityBaseMap::route(const QGeoCoordinate &from, const QGeoCoordinate &to) const
{
    const Snap s = snapToRoad(mercator::project(from));
    const Snap g = snapToRoad(mercator::project(to));
    if (s.a < 0 || g.a < 0)
        return {};
    const auto node = [this](int i) -> const QGeoCoordinate & { return m_nodeCoords[static_cast<std::size_t>(i)]; };
    const double startLen = node(s.a).distanceTo(node(s.b));
    const double goalLen = node(g.a).distanceTo(node(g.b));
    const QGeoCoordinate goalCoord = mercator::unproject(g.world);
    const std::size_t n = m_nodes.size();
    std::vector<double> cost(n, std::numeric_limits<double>::infinity());
    std::vector<int> prev(n, -1);
    using Item = std::pair<double, int>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> open;
    const auto seed = [&](int v, double c) {
        if (c < cost[static_cast<std::size_t>(v)]) {
            cost[static_cast<std::size_t>(v)] = c;
            open.push({c + node(v).distanceTo(goalCoord), v});
        }
    };
    // Leave the start segment at either end; a rider mid-block may have to turn around.
    seed(s.a, s.t * startLen);
    seed(s.b, (1.0 - s.t) * startLen);
    // Both points on one segment: straight along it, unless going round is shorter.
    double best = std::numeric_limits<double>::infinity();
    int bestEnd = -1;
    if ((s.a == g.a && s.b == g.b) || (s.a == g.b && s.b == g.a)) {
        const double gt = s.a == g.a ? g.t : 1.0 - g.t;
        best = std::abs(gt - s.t) * startLen;
    }
    while (!open.empty()) {
        const auto [f, u] = open.top();
        open.pop();
        if (f >= best)
            break; // the straight-line estimate never overestimates: nothing left can win
        const double cu = cost[static_cast<std::size_t>(u)];
        if (f - node(u).distanceTo(goalCoord) > cu + 1e-6)
            continue; // stale heap entry
        // Reaching an end of the goal segment is one way in; the other end may be better.
        if (u == g.a || u == g.b) {
            const double total = cu + (u == g.a ? g.t : 1.0 - g.t) * goalLen;
            if (total < best) {
                best = total;
                bestEnd = u;
            }
        }
        for (const Edge &e : m_adjacency[static_cast<std::size_t>(u)]) {
            const double c = cu + e.metres;
            if (c < cost[static_cast<std::size_t>(e.to)]) {
                cost[static_cast<std::size_t>(e.to)] = c;
                prev[static_cast<std::size_t>(e.to)] = u;
                // Straight-line distance never overestimates a road distance: admissible.
                open.push({c + node(e.to).distanceTo(goalCoord), e.to});
            }
        }
    }
    if (!std::isfinite(best))
        return {};
    QPolygonF nodes;
    for (int v = bestEnd; v >= 0; v = prev[static_cast<std::size_t>(v)])
        nodes.prepend(m_nodes[static_cast<std::size_t>(v)]);
    QPolygonF path;
    const auto append = [&path](QPointF w) {
        // Points closer than ~4 cm (a rider standing on a node) would make zero-length legs.
        if (path.isEmpty() || QLineF(path.last(), w).length() > 1e-9)
            path.append(w);
    };
    append(mercator::project(from));
    append(s.world);
    for (const QPointF &w : std::as_const(nodes))
        append(w);
    append(g.world);
    append(mercator::project(to));
    return path;
}

} // namespace opsdeck::widgets
