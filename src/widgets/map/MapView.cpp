#include "MapView.h"

#include "sdk/MapTileService.h"

#include <QDateTime>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace opsdeck::widgets {

Q_LOGGING_CATEGORY(lcMap, "opsdeck.widgets.map")

MapView::MapView(QWidget *parent)
    : QWidget(parent)
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    setObjectName(QStringLiteral("mapView"));
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(320, 240);
    setAccessibleName(tr("Live rider map"));
    m_repaintTimer.setSingleShot(true);
    m_repaintTimer.setInterval(100); // ≤ 10 repaints/s for position data arriving at 1 Hz
    connect(&m_repaintTimer, &QTimer::timeout, this, &MapView::onRepaintTick);
    m_vp.width = width();
    m_vp.height = height();
}

MapView::~MapView() = default;

void MapView::setBaseMap(std::shared_ptr<const CityBaseMap> map)
{
    m_map = std::move(map);
    m_baseCache = {};
    if (m_map)
        qCInfo(lcMap) << "base map:" << m_map->roads().size() << "roads," << m_map->zones().size() << "zones,"
                      << m_map->depots().size() << "depots," << m_map->nodeCount() << "road nodes,"
                      << m_map->skippedFeatures() << "features skipped";
    fitToCity();
}

void MapView::setTileService(sdk::MapTileService *tiles)
{
    if (m_tileService)
        disconnect(m_tileService, nullptr, this, nullptr);
    m_tileService = tiles;
    m_tiles.clear();
    m_tileAskedAt.clear();
    if (tiles)
        connect(tiles, &sdk::MapTileService::tileReady, this, [this](int z, int x, int y, const QImage &image) {
            const quint64 k = (quint64(z) << 58) | (quint64(x) << 29) | quint64(y);
            m_tiles.insert(k, new QImage(image));
            m_tileAskedAt.remove(k);
            update();
        });
    update();
}

void MapView::setDarkPalette(bool dark)
{
    if (m_dark == dark)
        return;
    m_dark = dark;
    update();
}

const MapPalette &MapView::palette() const
{
    return m_dark ? MapPalette::dark() : MapPalette::light();
}

// ---------------------------------------------------------------- data

void MapView::enqueueRiders(const QList<sdk::RiderRow> &rows)
{
    if (m_replaying) {
        m_liveRiders.enqueue(rows);
        return;
    }
    m_riders.enqueue(rows);
    scheduleRepaint();
}

void MapView::showFleetAt(const QList<sdk::RiderRow> &riders, qint64 atMs)
{
    if (!m_replaying) {
        m_liveRiders = std::move(m_riders);
        m_riders = RiderStore{};
        m_riders.setTrailWindow(m_liveRiders.trailWindowMs());
        m_riders.setAlerted(m_alerted);
        m_replaying = true;
        emit replayChanged(true);
    }
    m_replayAt = atMs;
    m_riders.replaceAll(riders);
    m_riders.takeChanged();
    m_layoutDirty = true;
    if (m_follow)
        centerOnSelected(); // auto-follow works on the past as on the present
    update();
}

void MapView::leaveReplay()
{
    if (!m_replaying)
        return;
    m_riders = std::move(m_liveRiders);
    m_liveRiders = RiderStore{};
    m_replaying = false;
    m_layoutDirty = true;
    emit replayChanged(false);
    update();
}

void MapView::enqueueOrders(const QList<sdk::OrderRow> &rows)
{
    for (const sdk::OrderRow &row : rows) {
        if (row.orderId.isEmpty()) {
            ++m_rejectedOrders;
            continue;
        }
        m_pendingOrders.insert(row.orderId, row);
    }
    scheduleRepaint();
}

void MapView::setDegradedDepots(const QStringList &depotIds)
{
    m_degradedDepots = QSet<QString>(depotIds.begin(), depotIds.end());
    m_layoutDirty = true;
    update();
}

void MapView::setAlertedRiders(const QSet<QString> &riderIds)
{
    m_alerted = riderIds;
    m_riders.setAlerted(riderIds);
    m_liveRiders.setAlerted(riderIds);
    m_layoutDirty = true;
    update();
}

void MapView::setRepaintIntervalMs(int ms)
{
    m_repaintTimer.setInterval(std::max(0, ms));
}

void MapView::setClock(std::function<qint64()> nowMs)
{
    m_now = std::move(nowMs);
    update();
}

void MapView::setStaleAfterMs(qint64 ms)
{
    m_staleAfterMs = ms;
    update();
}

void MapView::setTrailMinutes(int minutes)
{
    m_riders.setTrailWindow(static_cast<qint64>(std::max(0, minutes)) * 60000);
    m_liveRiders.setTrailWindow(static_cast<qint64>(std::max(0, minutes)) * 60000);
    update();
}

int MapView::trailMinutes() const
{
    return static_cast<int>(m_riders.trailWindowMs() / 60000);
}

void MapView::setTrailsForAllRiders(bool all)
{
    m_trailsForAll = all;
    update();
}

void MapView::scheduleRepaint()
{
    if (!m_repaintTimer.isActive())
        m_repaintTimer.start();
}

void MapView::flushPending()
{
    m_repaintTimer.stop();
    onRepaintTick();
}

void MapView::onRepaintTick()
{
    if (m_riders.takeChanged() > 0)
        m_layoutDirty = true;
    if (!m_pendingOrders.isEmpty()) {
        for (auto it = m_pendingOrders.cbegin(); it != m_pendingOrders.cend(); ++it) {
            if (sdk::isFinalState(it->state))
                m_orders.remove(it.key());
            else
                m_orders.insert(it.key(), it.value());
        }
        m_pendingOrders.clear();
        m_orderIndexDirty = true;
        ++m_ordersVersion;
        if (!m_selectedOrder.isEmpty() && !m_orders.contains(m_selectedOrder))
            selectOrder({});
    }
    if (m_follow)
        centerOnSelected();
    if (!m_hovered.isEmpty() || m_mousePos.x() >= 0)
        updateHover(m_mousePos);
    update();
}

void MapView::rebuildOrderIndex()
{
    if (!m_orderIndexDirty)
        return;
    m_ordersByRider.clear();
    for (auto it = m_orders.cbegin(); it != m_orders.cend(); ++it)
        if (!it->riderId.isEmpty())
            m_ordersByRider.insert(it->riderId, it.key());
    m_orderIndexDirty = false;
}

QStringList MapView::ordersOfRider(const QString &riderId) const
{
    const_cast<MapView *>(this)->rebuildOrderIndex();
    QStringList ids = m_ordersByRider.values(riderId);
    ids.sort();
    return ids;
}

void MapView::setLayerVisible(Layer layer, bool on)
{
    m_layers = on ? (m_layers | bit(layer)) : (m_layers & ~bit(layer));
    m_layoutDirty = true;
    update();
}

void MapView::setClusterBelowZoom(double zoom)
{
    m_clusterBelowZoom = zoom;
    m_layoutDirty = true;
    update();
}

void MapView::ensureLayout()
{
    if (!m_layoutDirty)
        return;
    RiderLayout::Options o;
    o.cluster = m_vp.zoom < m_clusterBelowZoom;
    // The rider a dispatcher is watching stays in sight when they zoom out.
    o.keepSingle = m_selected.isEmpty() ? -1 : m_riders.indexOf(m_selected);
    m_layout.build(m_riders, m_vp, o);
    m_layoutDirty = false;
}

const RiderLayout &MapView::riderLayout()
{
    ensureLayout();
    return m_layout;
}

// ---------------------------------------------------------------- selection

void MapView::selectRider(const QString &riderId)
{
    if (m_selected == riderId)
        return;
    m_selected = riderId;
    m_selectedOrder.clear();
    m_route.clear();
    m_layoutDirty = true; // the selected rider leaves (or rejoins) its cluster
    if (m_follow)
        centerOnSelected();
    emit riderSelected(riderId);
    update();
}

QString MapView::selectedRider() const
{
    return m_selected;
}

void MapView::selectOrder(const QString &orderId)
{
    m_selectedOrder = m_orders.contains(orderId) ? orderId : QString();
    recomputeRoute();
    emit orderSelected(m_selectedOrder);
    update();
}

void MapView::recomputeRoute()
{
    m_route.clear();
    if (!m_map || m_selectedOrder.isEmpty())
        return;
    const sdk::OrderRow &o = m_orders[m_selectedOrder];
    const int r = m_riders.indexOf(o.riderId);
    if (r < 0 || (o.lat == 0 && o.lng == 0))
        return;
    const auto u = static_cast<std::size_t>(r);
    // A* over a few thousand road nodes: well under a millisecond, fine on a click.
    m_route = m_map->route(QGeoCoordinate(m_riders.m_lat[u], m_riders.m_lng[u]), QGeoCoordinate(o.lat, o.lng));
}

void MapView::setFollowSelected(bool follow)
{
    if (m_follow == follow)
        return;
    m_follow = follow;
    if (m_follow) {
        m_autoFit = false; // a resize no longer refits the city under the followed rider
        centerOnSelected();
    }
    emit followChanged(m_follow);
    update(); // the "Following" banner
}

void MapView::centerOnSelected()
{
    const int i = m_riders.indexOf(m_selected);
    if (i < 0 || !m_riders.m_hasFix[static_cast<std::size_t>(i)])
        return;
    const QPointF w(m_riders.m_x[static_cast<std::size_t>(i)], m_riders.m_y[static_cast<std::size_t>(i)]);
    if (w != m_vp.center) {
        m_vp.center = w;
        viewportChanged();
    }
}

QString MapView::riderAt(QPointF widgetPos)
{
    if (!isLayerVisible(Layer::Riders))
        return {};
    ensureLayout();
    const int i = m_layout.hitTest(widgetPos, 10.0);
    return i >= 0 ? m_riders.m_ids[static_cast<std::size_t>(i)] : QString();
}

QPointF MapView::screenPositionOf(const QString &riderId) const
{
    const int i = m_riders.indexOf(riderId);
    if (i < 0 || !m_riders.m_hasFix[static_cast<std::size_t>(i)])
        return {-1, -1};
    return m_vp.toScreen({m_riders.m_x[static_cast<std::size_t>(i)], m_riders.m_y[static_cast<std::size_t>(i)]});
}

QString MapView::hoveredRider() const
{
    return m_hovered;
}

QString MapView::orderAtDestination(QPointF pos) const
{
    if (m_selected.isEmpty() || !isLayerVisible(Layer::Destinations))
        return {};
    for (const QString &id : ordersOfRider(m_selected)) {
        const sdk::OrderRow &o = m_orders[id];
        const QPointF s = m_vp.toScreen(mercator::project(o.lat, o.lng)) + QPointF(0, -12); // pin head
        if (QLineF(s, pos).length() <= 10)
            return id;
    }
    return {};
}

void MapView::updateHover(QPointF pos)
{
    const QString now = pos.x() >= 0 ? riderAt(pos) : QString();
    if (now != m_hovered) {
        m_hovered = now;
        update();
    }
}

QString MapView::cursorText() const
{
    if (!m_cursor.isValid())
        return tr("zoom %1").arg(m_vp.zoom, 0, 'f', 1);
    const double lat = m_cursor.latitude(), lng = m_cursor.longitude();
    return tr("%1° %2, %3° %4 · zoom %5")
        .arg(std::abs(lat), 0, 'f', 5)
        .arg(lat >= 0 ? tr("N") : tr("S"))
        .arg(std::abs(lng), 0, 'f', 5)
        .arg(lng >= 0 ? tr("E") : tr("W"))
        .arg(m_vp.zoom, 0, 'f', 1);
}

// ---------------------------------------------------------------- events

void MapView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_vp.width = width();
    m_vp.height = height();
    if (m_autoFit && m_map)
        fitToCity(); // until the user moves the map, a resize keeps the whole city in view
    viewportChanged();
}

void MapView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_pressPos = event->position();
        m_lastDragPos = event->position();
        m_dragging = false;
    }
}

void MapView::mouseMoveEvent(QMouseEvent *event)
{
    m_mousePos = event->position();
    m_cursor = m_vp.coordinateAt(m_mousePos);
    if (event->buttons() & Qt::LeftButton) {
        if (!m_dragging && QLineF(m_pressPos, m_mousePos).length() > 3)
            m_dragging = true;
        if (m_dragging) {
            panBy(m_mousePos - m_lastDragPos);
            m_lastDragPos = m_mousePos;
            setCursor(Qt::ClosedHandCursor);
            return;
        }
    }
    updateHover(m_mousePos);
    setCursor(m_hovered.isEmpty() ? Qt::ArrowCursor : Qt::PointingHandCursor);
    update(); // the coordinate readout follows the cursor
}

void MapView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    unsetCursor();
    if (m_dragging) {
        m_dragging = false;
        return;
    }
    const QPointF pos = event->position();
    const QString order = orderAtDestination(pos);
    if (!order.isEmpty()) {
        selectOrder(order);
        return;
    }
    const QString rider = riderAt(pos);
    if (!rider.isEmpty() || m_layout.clusterAt(pos, 20) < 0) {
        selectRider(rider);
        return;
    }
    zoomAbout(2.0, pos); // a click on a cluster opens it up
}

void MapView::mouseDoubleClickEvent(QMouseEvent *event)
{
    zoomAbout(1.0, event->position());
}

void MapView::wheelEvent(QWheelEvent *event)
{
    const double notches = event->angleDelta().y() / 120.0;
    if (notches != 0)
        zoomAbout(notches * 0.5, event->position());
    event->accept();
}

void MapView::keyPressEvent(QKeyEvent *event)
{
    const double step = 80.0;
    const QPointF mid(m_vp.width / 2, m_vp.height / 2);
    switch (event->key()) {
    case Qt::Key_Left: panBy({step, 0}); break;
    case Qt::Key_Right: panBy({-step, 0}); break;
    case Qt::Key_Up: panBy({0, step}); break;
    case Qt::Key_Down: panBy({0, -step}); break;
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomAbout(1.0, mid); break;
    case Qt::Key_Minus: zoomAbout(-1.0, mid); break;
    case Qt::Key_F: setFollowSelected(!m_follow); break;
    case Qt::Key_Escape:
        selectRider({});
        setFollowSelected(false);
        break;
    default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

void MapView::leaveEvent(QEvent *event)
{
    QWidget::leaveEvent(event);
    m_mousePos = {-1, -1};
    m_cursor = {};
    if (!m_hovered.isEmpty()) {
        m_hovered.clear();
    }
    update();
}

} // namespace opsdeck::widgets
