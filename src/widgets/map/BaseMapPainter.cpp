#include "BaseMapPainter.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace opsdeck::widgets {

namespace {

QPolygonF toScreen(const QPolygonF &world, const MapViewport &vp)
{
    QPolygonF out;
    out.reserve(world.size());
    for (const QPointF &w : world)
        out.append(vp.toScreen(w));
    return out;
}

bool visible(const QRectF &worldBounds, const MapViewport &vp, double marginPx)
{
    const QRectF view(vp.toWorld({-marginPx, -marginPx}), vp.toWorld({vp.width + marginPx, vp.height + marginPx}));
    return view.intersects(worldBounds.adjusted(-1e-9, -1e-9, 1e-9, 1e-9));
}

// Road widths grow with zoom like a printed street map: thin at city scale, wide enough
// for a name at street scale.
double roadWidth(CityBaseMap::RoadClass cls, double zoom)
{
    const double k = std::exp2((zoom - 13.0) * 0.55);
    switch (cls) {
    case CityBaseMap::RoadClass::Ring: return std::clamp(4.0 * k, 2.0, 22.0);
    case CityBaseMap::RoadClass::Arterial: return std::clamp(3.0 * k, 1.4, 18.0);
    case CityBaseMap::RoadClass::Street: return std::clamp(1.6 * k, 0.6, 12.0);
    }
    return 1.0;
}

void drawHaloText(QPainter &p, QPointF at, const QString &text, const QColor &color, const QColor &halo)
{
    QPainterPath path;
    path.addText(at, p.font(), text);
    p.setPen(QPen(halo, 3.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    p.drawPath(path);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawPath(path);
}

} // namespace

void BaseMapPainter::paint(QPainter &p, const CityBaseMap &map, const MapViewport &vp, const MapPalette &palette,
                           const Options &options)
{
    p.fillRect(QRectF(0, 0, vp.width, vp.height), palette.background);
    p.setRenderHint(QPainter::Antialiasing);
    if (options.zones)
        paintZones(p, map, vp, palette);
    paintRoads(p, map, vp, palette);
    if (vp.zoom >= 15.0)
        paintRoadNames(p, map, vp, palette);
    paintPlaces(p, map, vp, palette, options);
}

void BaseMapPainter::paintOverlay(QPainter &p, const CityBaseMap &map, const MapViewport &vp, const MapPalette &palette)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    paintZones(p, map, vp, palette);
    Options o;
    o.merchants = false;
    paintPlaces(p, map, vp, palette, o);
    p.restore();
}

void BaseMapPainter::paintZones(QPainter &p, const CityBaseMap &map, const MapViewport &vp, const MapPalette &palette)
{
    QPen edge(palette.zoneEdge, 1.6, Qt::DashLine);
    edge.setDashPattern({6, 4});
    for (const auto &zone : map.zones()) {
        if (!visible(zone.world.boundingRect(), vp, 0))
            continue;
        const QPolygonF poly = toScreen(zone.world, vp);
        p.setPen(edge);
        p.setBrush(palette.zoneFill);
        if (zone.holes.isEmpty()) {
            p.drawPolygon(poly);
            continue;
        }
        // Holes are not part of the zone (the geofences' even-odd rule): leave them untinted.
        QPainterPath path;
        path.setFillRule(Qt::OddEvenFill);
        path.addPolygon(poly);
        path.closeSubpath();
        for (const QPolygonF &hole : zone.holes) {
            path.addPolygon(toScreen(hole, vp));
            path.closeSubpath();
        }
        p.drawPath(path);
    }
}

void BaseMapPainter::paintRoads(QPainter &p, const CityBaseMap &map, const MapViewport &vp, const MapPalette &palette)
{
    // Casings first, then fills, streets under arterials under ring roads: crossings
    // read as a network instead of a pile of strokes.
    const CityBaseMap::RoadClass order[] = {CityBaseMap::RoadClass::Street, CityBaseMap::RoadClass::Arterial,
                                            CityBaseMap::RoadClass::Ring};
    std::vector<QPolygonF> screen(map.roads().size());
    for (std::size_t i = 0; i < map.roads().size(); ++i)
        if (visible(map.roads()[i].bounds, vp, 40))
            screen[i] = toScreen(map.roads()[i].world, vp);
    p.setBrush(Qt::NoBrush);
    for (const auto cls : order) {
        const double w = roadWidth(cls, vp.zoom);
        const QColor casing = cls == CityBaseMap::RoadClass::Ring ? palette.ringCasing : palette.arterialCasing;
        if (cls != CityBaseMap::RoadClass::Street || vp.zoom >= 14) {
            p.setPen(QPen(casing, w + 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            for (std::size_t i = 0; i < screen.size(); ++i)
                if (map.roads()[i].roadClass == cls && !screen[i].isEmpty())
                    p.drawPolyline(screen[i]);
        }
        const QColor fill = cls == CityBaseMap::RoadClass::Ring ? palette.ringRoad
            : cls == CityBaseMap::RoadClass::Arterial           ? palette.arterial
                                                                : palette.street;
        p.setPen(QPen(fill, w, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        for (std::size_t i = 0; i < screen.size(); ++i)
            if (map.roads()[i].roadClass == cls && !screen[i].isEmpty())
                p.drawPolyline(screen[i]);
    }
}

void BaseMapPainter::paintRoadNames(QPainter &p, const CityBaseMap &map, const MapViewport &vp, const MapPalette &palette)
{
    QFont f = p.font();
    f.setPixelSize(11);
    p.setFont(f);
    const QFontMetricsF fm(f);
    const QRectF view(0, 0, vp.width, vp.height);
    for (const auto &road : map.roads()) {
        if (road.name.isEmpty() || !visible(road.bounds, vp, 0))
            continue;
        // One label per road, on its longest on-screen run of segments.
        const QPolygonF s = toScreen(road.world, vp);
        double bestLen = 0;
        QPointF a, b;
        for (int i = 1; i < s.size(); ++i) {
            const QLineF seg(s[i - 1], s[i]);
            if (seg.length() > bestLen && view.contains(seg.center())) {
                bestLen = seg.length();
                a = seg.p1();
                b = seg.p2();
            }
        }
        const double tw = fm.horizontalAdvance(road.name);
        if (bestLen < tw + 12)
            continue;
        QLineF line(a, b);
        double angle = line.angle();
        if (angle > 90 && angle <= 270)
            angle -= 180;
        p.save();
        p.translate(line.center());
        p.rotate(-angle);
        drawHaloText(p, QPointF(-tw / 2, fm.ascent() / 2 - 1), road.name, palette.roadLabel, palette.labelHalo);
        p.restore();
    }
}

void BaseMapPainter::paintPlaces(QPainter &p, const CityBaseMap &map, const MapViewport &vp, const MapPalette &palette,
                                 const Options &options)
{
    if (options.merchants && vp.zoom >= 14) {
        p.setPen(QPen(palette.labelHalo, 1.0));
        p.setBrush(palette.merchant);
        for (const auto &m : map.merchants()) {
            const QPointF s = vp.toScreen(m.world);
            if (s.x() > -10 && s.y() > -10 && s.x() < vp.width + 10 && s.y() < vp.height + 10)
                p.drawRect(QRectF(s.x() - 3.5, s.y() - 3.5, 7, 7));
        }
    }
    for (const auto &d : map.depots()) {
        const QPointF s = vp.toScreen(d.world);
        if (s.x() < -100 || s.y() < -40 || s.x() > vp.width + 100 || s.y() > vp.height + 40)
            continue;
        // A depot pin: rounded square with a white house mark, readable on both palettes.
        const QRectF box(s.x() - 9, s.y() - 9, 18, 18);
        p.setPen(QPen(palette.labelHalo, 2.0));
        p.setBrush(palette.depot);
        p.drawRoundedRect(box, 4, 4);
        QPainterPath house;
        house.moveTo(s.x() - 5, s.y() - 0.5);
        house.lineTo(s.x(), s.y() - 5.5);
        house.lineTo(s.x() + 5, s.y() - 0.5);
        house.lineTo(s.x() + 3.5, s.y() - 0.5);
        house.lineTo(s.x() + 3.5, s.y() + 5);
        house.lineTo(s.x() - 3.5, s.y() + 5);
        house.lineTo(s.x() - 3.5, s.y() - 0.5);
        house.closeSubpath();
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(255, 255, 255));
        p.drawPath(house);
    }
}

} // namespace opsdeck::widgets
