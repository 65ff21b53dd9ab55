#include "CityGeometry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcGeo, "opsdeck.core.geo")

// The resource lives in a static library: make sure its initializer is linked in.
static void initCityResource()
{
    Q_INIT_RESOURCE(city);
}

namespace opsdeck::core::geo {

namespace {

// A GeoJSON position [lng, lat]; false for anything else or a place off the globe.
bool readPosition(const QJsonValue &v, LatLng *out)
{
    const QJsonArray a = v.toArray();
    if (a.size() < 2 || !a.at(0).isDouble() || !a.at(1).isDouble())
        return false;
    const LatLng p{a.at(1).toDouble(), a.at(0).toDouble()};
    if (!isValid(p))
        return false;
    *out = p;
    return true;
}

// The readable positions of a line or ring; unreadable ones are left out.
std::vector<LatLng> readPositions(const QJsonArray &coords)
{
    std::vector<LatLng> out;
    out.reserve(static_cast<std::size_t>(coords.size()));
    for (const QJsonValue &c : coords) {
        LatLng p;
        if (readPosition(c, &p))
            out.push_back(p);
    }
    return out;
}

// A Polygon's rings: the first is the outer one, the rest are holes. A ring needs three
// positions; a hole with fewer is dropped, an outer ring with fewer fails the polygon.
bool readPolygon(const QJsonArray &rings, Polygon *out)
{
    out->outer = readPositions(rings.at(0).toArray());
    if (out->outer.size() < 3)
        return false;
    for (qsizetype i = 1; i < rings.size(); ++i) {
        std::vector<LatLng> hole = readPositions(rings.at(i).toArray());
        if (hole.size() >= 3)
            out->holes.push_back(std::move(hole));
    }
    return true;
}

RoadClass roadClassOf(const QString &cls)
{
    if (cls == QLatin1String("ring"))
        return RoadClass::Ring;
    if (cls == QLatin1String("arterial"))
        return RoadClass::Arterial;
    return RoadClass::Street;
}

std::string text(const QJsonObject &props, const char *key)
{
    return props.value(QLatin1String(key)).toString().toStdString();
}

// Stand-in zone of a depot the file draws none for: about 2 km square.
Polygon squareAround(LatLng c)
{
    return {{{c.lat - 0.009, c.lng - 0.012}, {c.lat - 0.009, c.lng + 0.012}, {c.lat + 0.009, c.lng + 0.012},
             {c.lat + 0.009, c.lng - 0.012}},
            {}};
}

} // namespace

// Reads one feature at a time into the city; false when the feature is unusable.
struct CityGeometry::Reader {
    CityGeometry &city;

    bool feature(const QJsonObject &feature)
    {
        const QJsonObject props = feature.value(QLatin1String("properties")).toObject();
        const QJsonArray coords =
            feature.value(QLatin1String("geometry")).toObject().value(QLatin1String("coordinates")).toArray();
        const QString kind = props.value(QLatin1String("kind")).toString();
        if (kind == QLatin1String("road"))
            return road(props, coords);
        if (kind == QLatin1String("zone"))
            return zone(props, coords);
        if (kind == QLatin1String("depot") || kind == QLatin1String("merchant"))
            return place(kind, props, feature.value(QLatin1String("geometry")).toObject().value(QLatin1String("coordinates")));
        return false;
    }

    bool road(const QJsonObject &props, const QJsonArray &coords)
    {
        Road r;
        r.points = readPositions(coords);
        if (r.points.size() < 2)
            return false;
        r.roadClass = roadClassOf(props.value(QLatin1String("class")).toString());
        r.name = text(props, "name");
        // Nodes are numbered in file order: the simulator's routes (and so its streams for
        // a seed) depend on that numbering.
        int prev = -1;
        for (const LatLng &p : r.points) {
            const int id = city.m_graph.addNode(p);
            if (prev >= 0)
                city.m_graph.addEdge(prev, id, r.roadClass, r.name);
            prev = id;
        }
        city.m_roads.push_back(std::move(r));
        return true;
    }

    bool zone(const QJsonObject &props, const QJsonArray &coords)
    {
        Zone z;
        if (!readPolygon(coords, &z.area))
            return false;
        z.depotId = text(props, "depot");
        z.name = text(props, "name");
        city.m_zones.push_back(std::move(z));
        return true;
    }

    bool place(const QString &kind, const QJsonObject &props, const QJsonValue &coords)
    {
        LatLng at;
        if (!readPosition(coords, &at))
            return false;
        if (kind == QLatin1String("depot")) {
            city.m_depots.push_back({text(props, "id"), text(props, "name"), text(props, "district"), at, -1, {}, {}, false});
        } else {
            city.m_merchants.push_back(
                {text(props, "id"), text(props, "name"), text(props, "channel"), text(props, "depot"), at, -1});
        }
        return true;
    }
};

std::shared_ptr<const CityGeometry> CityGeometry::fromGeoJson(const QByteArray &json, QString *error)
{
    // QJsonDocument is fine here: the city is read once at start-up.
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (doc.isNull() || !doc.isObject()) {
        if (error)
            *error = doc.isNull() ? QStringLiteral("not JSON: %1").arg(err.errorString())
                                  : QStringLiteral("not a GeoJSON FeatureCollection");
        return nullptr;
    }
    auto city = std::make_shared<CityGeometry>();
    Reader reader{*city};
    const QJsonArray features = doc.object().value(QLatin1String("features")).toArray();
    for (qsizetype i = 0; i < features.size(); ++i) {
        if (!reader.feature(features.at(i).toObject())) {
            ++city->m_skipped;
            qCDebug(lcGeo) << "feature" << i << "skipped: unknown kind or unreadable geometry";
        }
    }
    if (city->m_roads.empty() && city->m_zones.empty() && city->m_depots.empty() && city->m_merchants.empty()) {
        if (error)
            *error = QStringLiteral("no roads, zones, depots or merchants");
        return nullptr;
    }
    city->resolve();
    if (city->m_skipped > 0)
        qCWarning(lcGeo) << city->m_skipped << "unreadable features skipped";
    return city;
}

void CityGeometry::resolve()
{
    m_graph.finalize();
    for (Depot &d : m_depots) {
        d.node = m_graph.nearestNode(d.position);
        for (const Zone &z : m_zones) { // the last zone drawn for a depot wins
            if (z.depotId == d.id) {
                d.zone = z.area;
                d.zoneName = z.name;
                d.zoneDrawn = true;
            }
        }
        if (!d.zoneDrawn)
            d.zone = squareAround(d.position);
    }
    for (Merchant &m : m_merchants) {
        m.node = m_graph.nearestNode(m.position);
        if (m.depot.empty()) {
            for (const Depot &d : m_depots)
                if (pointInPolygon(m.position, d.zone))
                    m.depot = d.id;
        }
    }
}

std::shared_ptr<const CityGeometry> CityGeometry::load(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot open city file %1: %2").arg(path, f.errorString());
        return nullptr;
    }
    QString why;
    auto city = fromGeoJson(f.readAll(), &why);
    if (!city) {
        if (error)
            *error = QStringLiteral("city file %1: %2").arg(path, why);
        return nullptr;
    }
    qCInfo(lcGeo) << "city" << path << "nodes" << city->m_graph.nodeCount() << "edges" << city->m_graph.edgeCount()
                  << "zones" << city->m_zones.size() << "depots" << city->m_depots.size() << "merchants"
                  << city->m_merchants.size() << "skipped" << city->m_skipped;
    return city;
}

QString CityGeometry::builtInPath()
{
    initCityResource();
    return QStringLiteral(":/city/beijing.geojson");
}

std::shared_ptr<const CityGeometry> CityGeometry::builtIn()
{
    // Parsed once per process: the simulator, geofences, alert zones and the map share it.
    static const std::shared_ptr<const CityGeometry> city = [] {
        QString error;
        auto c = load(builtInPath(), &error);
        if (!c)
            qCCritical(lcGeo) << "built-in city unusable:" << error;
        return c;
    }();
    return city;
}

const Depot *CityGeometry::findDepot(std::string_view id) const
{
    const auto it = std::find_if(m_depots.begin(), m_depots.end(), [id](const Depot &d) { return d.id == id; });
    return it == m_depots.end() ? nullptr : &*it;
}

const Depot *CityGeometry::depotWhoseZoneContains(LatLng p) const
{
    for (const Depot &d : m_depots)
        if (pointInPolygon(p, d.zone))
            return &d;
    return nullptr;
}

const Depot *CityGeometry::nearestDepot(LatLng p, double *metres) const
{
    const Depot *best = nullptr;
    double bestM = 0.0;
    for (const Depot &d : m_depots) {
        const double m = distanceMetres(p, d.position);
        if (!best || m < bestM) {
            best = &d;
            bestM = m;
        }
    }
    if (metres)
        *metres = bestM;
    return best;
}

Route CityGeometry::route(LatLng from, LatLng to) const
{
    Route route;
    const RoadPoint start = m_graph.snapToRoad(from);
    const RoadPoint goal = m_graph.snapToRoad(to);
    if (!start.valid() || !goal.valid())
        return route;
    PathFinder finder(m_graph); // per query: keeps route() const and thread-safe
    std::vector<int> nodes;
    const double metres = finder.shortestPath(start, goal, nodes);
    if (metres < 0)
        return route;
    route.metres = metres;
    const auto append = [&route](LatLng p) {
        // Points a few centimetres apart (a rider standing on a node) would make zero-length legs.
        if (route.points.empty() || distanceMetres(route.points.back(), p) > 0.03)
            route.points.push_back(p);
    };
    append(from);
    append(start.position);
    for (int n : nodes)
        append(m_graph.node(n));
    append(goal.position);
    append(to);
    return route;
}

} // namespace opsdeck::core::geo
