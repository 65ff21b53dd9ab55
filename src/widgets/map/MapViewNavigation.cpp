// MapView's navigation: centre, zoom, pan and the fits to the city or a depot. A fit is
// the user choosing a view, so it ends following the selected rider (visibly: the Follow
// button unchecks and the "Following" banner goes), as a pan by hand does.
#include "MapView.h"

#include <algorithm>
#include <cmath>

namespace opsdeck::widgets {

void MapView::viewportChanged()
{
    m_layoutDirty = true;
    emit viewChanged();
    update();
}

void MapView::setCenter(const QGeoCoordinate &c)
{
    m_autoFit = false;
    if (!c.isValid())
        return;
    m_vp.center = mercator::project(c);
    viewportChanged();
}

void MapView::setZoom(double zoom)
{
    m_autoFit = false;
    m_vp.zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    viewportChanged();
}

void MapView::zoomAbout(double delta, QPointF anchor)
{
    m_autoFit = false;
    const QPointF before = m_vp.toWorld(anchor);
    m_vp.zoom = std::clamp(m_vp.zoom + delta, kMinZoom, kMaxZoom);
    const QPointF after = m_vp.toWorld(anchor);
    m_vp.center += before - after; // keep the point under the cursor where it was
    viewportChanged();
}

void MapView::panBy(QPointF pixels)
{
    m_autoFit = false;
    const double s = m_vp.scale();
    m_vp.center -= QPointF(pixels.x() / s, pixels.y() / s);
    m_vp.center.setX(std::clamp(m_vp.center.x(), 0.0, 1.0));
    m_vp.center.setY(std::clamp(m_vp.center.y(), 0.0, 1.0));
    if (m_follow && !pixels.isNull())
        setFollowSelected(false); // the user took the wheel
    viewportChanged();
}

namespace {

double zoomToFit(const QRectF &world, double width, double height, double paddingPx)
{
    const double w = std::max(world.width(), 1e-9), h = std::max(world.height(), 1e-9);
    const double scale = std::min((width - 2 * paddingPx) / w, (height - 2 * paddingPx) / h);
    return std::log2(std::max(scale, 1.0) / mercator::kTileSize);
}

} // namespace

void MapView::fitToCity()
{
    setFollowSelected(false);
    if (!m_map || m_map->worldBounds().isNull())
        return;
    m_vp.center = m_map->worldBounds().center();
    m_vp.zoom = std::clamp(zoomToFit(m_map->worldBounds(), std::max(m_vp.width, 320.0), std::max(m_vp.height, 240.0), 24),
                           kMinZoom, kMaxZoom);
    viewportChanged();
}

QStringList MapView::depotIds() const
{
    QStringList ids;
    if (m_map)
        for (const auto &d : m_map->depots())
            ids.append(d.id);
    return ids;
}

void MapView::fitToDepot(const QString &depotId)
{
    m_autoFit = false;
    setFollowSelected(false);
    // The depot's zone, else its pin, else (a depot the feed has and the city map does
    // not) the area its riders are in.
    QRectF area;
    if (m_map) {
        for (const auto &z : m_map->zones())
            if (z.depotId == depotId)
                area = z.world.boundingRect();
        for (const auto &d : m_map->depots())
            if (area.isNull() && d.id == depotId) {
                m_vp.center = d.world;
                m_vp.zoom = 15;
                viewportChanged();
                return;
            }
    }
    if (area.isNull()) {
        double x0 = 1, y0 = 1, x1 = 0, y1 = 0;
        for (int i = 0; i < m_riders.size(); ++i) {
            const auto u = static_cast<std::size_t>(i);
            if (!m_riders.m_hasFix[u] || m_riders.m_depots[u] != depotId)
                continue;
            x0 = std::min(x0, m_riders.m_x[u]);
            y0 = std::min(y0, m_riders.m_y[u]);
            x1 = std::max(x1, m_riders.m_x[u]);
            y1 = std::max(y1, m_riders.m_y[u]);
        }
        if (x1 >= x0)
            area = QRectF(QPointF(x0, y0), QPointF(x1, y1)).adjusted(-1e-7, -1e-7, 1e-7, 1e-7);
    }
    if (area.isNull())
        return;
    m_vp.center = area.center();
    m_vp.zoom = std::clamp(zoomToFit(area, m_vp.width, m_vp.height, 32), kMinZoom, std::min(kMaxZoom, 16.0));
    viewportChanged();
}

} // namespace opsdeck::widgets
