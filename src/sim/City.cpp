#include "City.h"

#include "SimLog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <stdexcept>

// The resource lives in a static library: make sure its initializer is linked in.
static void initCityResource()
{
    Q_INIT_RESOURCE(city);
}

namespace opsdeck::sim {

namespace {
LatLng toLatLng(const QJsonArray &coord)
{
    return {coord.at(1).toDouble(), coord.at(0).toDouble()};
}

RoadClass roadClassOf(const QString &cls)
{
    if (cls == QLatin1String("ring"))
        return RoadClass::Ring;
    if (cls == QLatin1String("arterial"))
        return RoadClass::Arterial;
    return RoadClass::Street;
}
} // namespace

std::shared_ptr<const City> City::load(const QString &path)
{
    initCityResource();
    const QString file = path.isEmpty() ? QStringLiteral(":/city/beijing.geojson") : path;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot open city file " + file.toStdString() + ": " + f.errorString().toStdString());
    return fromGeoJson(f.readAll(), file);
}

std::shared_ptr<const City> City::fromGeoJson(const QByteArray &json, const QString &origin)
{
    // QJsonDocument is fine here: the city is read once at start-up.
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (doc.isNull() || !doc.isObject())
        throw std::runtime_error("city file " + origin.toStdString() + " is not JSON: " + err.errorString().toStdString());
    auto city = std::make_shared<City>();
    const QJsonArray features = doc.object().value(QLatin1String("features")).toArray();
    std::vector<std::pair<std::string, std::vector<LatLng>>> zones;
    for (const QJsonValue &fv : features) {
        const QJsonObject feature = fv.toObject();
        const QJsonObject props = feature.value(QLatin1String("properties")).toObject();
        const QJsonObject geometry = feature.value(QLatin1String("geometry")).toObject();
        const QString kind = props.value(QLatin1String("kind")).toString();
        const QJsonArray coords = geometry.value(QLatin1String("coordinates")).toArray();
        if (kind == QLatin1String("road")) {
            const RoadClass cls = roadClassOf(props.value(QLatin1String("class")).toString());
            const std::string name = props.value(QLatin1String("name")).toString().toStdString();
            int prev = -1;
            for (const QJsonValue &c : coords) {
                const int id = city->m_graph.addNode(toLatLng(c.toArray()));
                if (prev >= 0)
                    city->m_graph.addEdge(prev, id, cls, name);
                prev = id;
            }
        } else if (kind == QLatin1String("zone")) {
            std::vector<LatLng> ring;
            for (const QJsonValue &c : coords.at(0).toArray())
                ring.push_back(toLatLng(c.toArray()));
            zones.emplace_back(props.value(QLatin1String("depot")).toString().toStdString(), std::move(ring));
            zones.back().first += '\n' + props.value(QLatin1String("name")).toString().toStdString();
        } else if (kind == QLatin1String("depot")) {
            Depot d;
            d.id = props.value(QLatin1String("id")).toString().toStdString();
            d.name = props.value(QLatin1String("name")).toString().toStdString();
            d.district = props.value(QLatin1String("district")).toString().toStdString();
            d.position = toLatLng(coords);
            city->m_depots.push_back(std::move(d));
        } else if (kind == QLatin1String("merchant")) {
            Merchant m;
            m.id = props.value(QLatin1String("id")).toString().toStdString();
            m.name = props.value(QLatin1String("name")).toString().toStdString();
            m.channel = props.value(QLatin1String("channel")).toString().toStdString();
            m.depot = props.value(QLatin1String("depot")).toString().toStdString();
            m.position = toLatLng(coords);
            city->m_merchants.push_back(std::move(m));
        }
    }
    city->m_graph.finalize();
    if (city->m_graph.nodeCount() < 2 || city->m_depots.empty())
        throw std::runtime_error("city file " + origin.toStdString() + " has no roads or no depots");

    for (Depot &d : city->m_depots) {
        d.node = city->m_graph.nearestNode(d.position);
        for (const auto &[key, ring] : zones) {
            const auto nl = key.find('\n');
            if (key.substr(0, nl) == d.id) {
                d.zone = ring;
                d.zoneName = key.substr(nl + 1);
            }
        }
        if (d.zone.empty()) // no zone drawn: a 2 km square around the depot
            d.zone = {{d.position.lat - 0.009, d.position.lng - 0.012}, {d.position.lat - 0.009, d.position.lng + 0.012},
                      {d.position.lat + 0.009, d.position.lng + 0.012}, {d.position.lat + 0.009, d.position.lng - 0.012}};
        if (d.district.empty())
            d.district = "北京市";
    }
    for (Merchant &m : city->m_merchants) {
        m.node = city->m_graph.nearestNode(m.position);
        if (m.depot.empty()) {
            for (const Depot &d : city->m_depots)
                if (pointInPolygon(m.position, d.zone))
                    m.depot = d.id;
        }
    }
    qCInfo(lcSim) << "city" << origin << "nodes" << city->m_graph.nodeCount() << "edges" << city->m_graph.edgeCount()
                  << "depots" << city->m_depots.size() << "merchants" << city->m_merchants.size();
    return city;
}

std::vector<int> City::streetNodesInZone(const Depot &depot) const
{
    std::vector<int> out;
    for (int i = 0; i < m_graph.nodeCount(); ++i) {
        if (!pointInPolygon(m_graph.node(i), depot.zone))
            continue;
        for (const RoadEdge &e : m_graph.edges(i)) {
            if (e.roadClass == RoadClass::Street) {
                out.push_back(i);
                break;
            }
        }
    }
    if (out.empty() && depot.node >= 0)
        out.push_back(depot.node);
    return out;
}

const std::string &City::streetNameAt(int node) const
{
    const auto edges = m_graph.edges(node);
    for (const RoadEdge &e : edges)
        if (e.roadClass == RoadClass::Street)
            return m_graph.name(e.nameIndex);
    static const std::string none;
    return edges.empty() ? none : m_graph.name(edges.front().nameIndex);
}

} // namespace opsdeck::sim
