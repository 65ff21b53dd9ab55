// Painting of MapView: one pass per layer, cheapest first to skip. Everything here runs
// for the widget and for offscreen renders alike (QWidget::render goes through
// paintEvent), which is what opsdeck-bench map measures.
#include "MapView.h"

#include "sdk/MapTileService.h"

#include <QDateTime>
#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <climits>
#include <cmath>

namespace opsdeck::widgets {

namespace {

QString formatDistance(double metres)
{
    // Whole numbers only: the bar's distances are 1, 2 or 5 x 10^n m, and 'g' formatting
    // turned the 1000 km of the widest zoom into "1e+03 km".
    return metres >= 1000 ? MapView::tr("%1 km").arg(std::llround(metres / 1000.0))
                          : MapView::tr("%1 m").arg(std::llround(metres));
}

} // namespace

void MapView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    ensureLayout();
    const qint64 now = nowMs();
    paintBase(p);
    if (isLayerVisible(Layer::Heatmap))
        paintHeatmap(p);
    p.setRenderHint(QPainter::Antialiasing);
    if (isLayerVisible(Layer::Trails))
        paintTrails(p);
    if (isLayerVisible(Layer::Destinations))
        paintOrders(p);
    if (isLayerVisible(Layer::Riders))
        paintRiders(p, now);
    // Labels go over the crowd, the selected rider over them: a dispatcher's rider is
    // never hidden under a depot plate or a neighbour's name.
    placeLabels();
    paintLabels(p, false);
    if (isLayerVisible(Layer::Riders)) {
        paintSelectedRider(p, now);
        paintLabels(p, true);
    }
    paintScaleBar(p);
    paintStatusLine(p);
    if (isLayerVisible(Layer::Riders))
        paintLegend(p, now);
    paintBanners(p);
    if (isLayerVisible(Layer::Riders))
        paintHoverCard(p);
}

void MapView::paintBase(QPainter &p)
{
    if (!m_map) {
        p.fillRect(rect(), palette().background);
        return;
    }
    const bool zones = isLayerVisible(Layer::Zones);
    const qreal dpr = devicePixelRatioF();
    if (m_baseCache.isNull() || !(m_baseCacheVp == m_vp) || m_baseCacheDark != m_dark || m_baseCacheZones != zones
        || m_baseCache.devicePixelRatio() != dpr) {
        m_baseCache = QImage(QSize(std::max(1, int(m_vp.width * dpr)), std::max(1, int(m_vp.height * dpr))),
                             QImage::Format_RGB32); // opaque: blitting it is a plain copy
        m_baseCache.setDevicePixelRatio(dpr);
        QPainter bp(&m_baseCache);
        bp.setFont(font());
        BaseMapPainter::Options o;
        o.zones = zones;
        BaseMapPainter::paint(bp, *m_map, m_vp, palette(), o);
        m_baseCacheVp = m_vp;
        m_baseCacheDark = m_dark;
        m_baseCacheZones = zones;
    }
    p.drawImage(QPoint(0, 0), m_baseCache);
    if (m_tileService)
        paintTiles(p);
}

void MapView::paintTiles(QPainter &p)
{
    // Tiles of the nearest integer zoom, scaled to the fractional one. Missing tiles are
    // requested (at most once every 30 s each) and the vector base shows through.
    const int z = std::clamp(static_cast<int>(std::lround(m_vp.zoom)), 0, 19);
    const int n = 1 << z;
    const QPointF tl = m_vp.toWorld({0, 0}), br = m_vp.toWorld({m_vp.width, m_vp.height});
    const int x0 = std::max(0, int(std::floor(tl.x() * n))), x1 = std::min(n - 1, int(std::floor(br.x() * n)));
    const int y0 = std::max(0, int(std::floor(tl.y() * n))), y1 = std::min(n - 1, int(std::floor(br.y() * n)));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    bool any = false;
    p.save();
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x) {
            const quint64 k = (quint64(z) << 58) | (quint64(x) << 29) | quint64(y);
            if (const QImage *img = m_tiles.object(k)) {
                const QPointF a = m_vp.toScreen({double(x) / n, double(y) / n});
                const QPointF b = m_vp.toScreen({double(x + 1) / n, double(y + 1) / n});
                p.drawImage(QRectF(a, b), *img);
                any = true;
            } else if (now - m_tileAskedAt.value(k, 0) > 30000) {
                m_tileAskedAt.insert(k, now);
                m_tileService->requestTile(z, x, y); // asynchronous: answered via tileReady
            }
        }
    }
    p.restore();
    if (any && m_map) // our own geometry stays on top of a foreign raster
        BaseMapPainter::paintOverlay(p, *m_map, m_vp, palette());
    if (any && !m_tileService->attribution().isEmpty()) {
        QFont f = font();
        f.setPixelSize(10);
        p.setFont(f);
        const QRectF box(width() - 330, height() - 48, 320, 14);
        p.setPen(palette().panelText);
        p.drawText(box, Qt::AlignRight | Qt::AlignVCenter, m_tileService->attribution());
    }
}

void MapView::paintHeatmap(QPainter &p)
{
    // Open orders binned on an 8-pixel grid and blurred by a 7x7 Gaussian kernel: where demand
    // piles up, not where each order is. Rebuilt only when orders or the view change.
    constexpr int cell = 8;
    if (m_heatCacheVersion != m_ordersVersion || !(m_heatCacheVp == m_vp)) {
        const int cols = int(m_vp.width) / cell + 1, rows = int(m_vp.height) / cell + 1;
        std::vector<float> grid(static_cast<std::size_t>(cols * rows), 0.f);
        static constexpr float kernel[7] = {0.11f, 0.32f, 0.7f, 1.0f, 0.7f, 0.32f, 0.11f}; // Gaussian, sigma 1.5 cells
        for (const sdk::OrderRow &o : std::as_const(m_orders)) {
            if (o.lat == 0 && o.lng == 0)
                continue;
            const QPointF s = m_vp.toScreen(mercator::project(o.lat, o.lng));
            // floor, not truncation: an order just left of or above the view belongs to
            // the cell outside it, not to the first cell inside.
            const double fx = std::floor(s.x() / cell), fy = std::floor(s.y() / cell);
            if (fx < -3 || fy < -3 || fx > cols + 3 || fy > rows + 3)
                continue; // beyond the blur's reach (and far beyond int range when zoomed in)
            const int cx = int(fx), cy = int(fy);
            for (int dy = -3; dy <= 3; ++dy)
                for (int dx = -3; dx <= 3; ++dx) {
                    const int x = cx + dx, y = cy + dy;
                    if (x >= 0 && y >= 0 && x < cols && y < rows)
                        grid[static_cast<std::size_t>(y * cols + x)] += kernel[dx + 3] * kernel[dy + 3];
                }
        }
        const float peak = std::max(3.0f, *std::max_element(grid.begin(), grid.end()));
        m_heatCache = QImage(cols, rows, QImage::Format_ARGB32_Premultiplied);
        for (int y = 0; y < rows; ++y) {
            auto *line = reinterpret_cast<QRgb *>(m_heatCache.scanLine(y));
            for (int x = 0; x < cols; ++x) {
                const float v = std::min(1.0f, grid[static_cast<std::size_t>(y * cols + x)] / peak);
                if (v <= 0.02f) {
                    line[x] = 0;
                    continue;
                }
                // yellow → orange → red, more opaque where denser
                const int r = 255, g = int(220 * (1.0f - v)), b = int(60 * (1.0f - v));
                const int a = int(60 + 150 * v);
                line[x] = qPremultiply(qRgba(r, g, b, a));
            }
        }
        m_heatCacheVp = m_vp;
        m_heatCacheVersion = m_ordersVersion;
    }
    p.save();
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.drawImage(QRectF(0, 0, m_heatCache.width() * cell, m_heatCache.height() * cell), m_heatCache);
    p.restore();
}

void MapView::paintTrails(QPainter &p)
{
    auto drawTrail = [&](int i, qreal width, QColor color) {
        const auto &t = m_riders.trail(i);
        if (t.empty())
            return;
        QPolygonF line;
        line.reserve(static_cast<int>(t.size()) + 1);
        for (const auto &pt : t)
            line.append(m_vp.toScreen({pt.x, pt.y}));
        line.append(m_vp.toScreen({m_riders.m_x[static_cast<std::size_t>(i)], m_riders.m_y[static_cast<std::size_t>(i)]}));
        p.setPen(QPen(color, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawPolyline(line);
    };
    p.setBrush(Qt::NoBrush);
    if (m_trailsForAll) {
        QColor c = palette().trail;
        c.setAlpha(90);
        for (int i : m_layout.singles())
            drawTrail(i, 1.5, c);
    }
    const int sel = m_riders.indexOf(m_selected);
    if (sel >= 0)
        drawTrail(sel, 3.5, palette().trail);
}

void MapView::paintOrders(QPainter &p)
{
    const int sel = m_riders.indexOf(m_selected);
    if (sel < 0)
        return;
    const MapPalette &pal = palette();
    if (m_route.size() >= 2) {
        QPolygonF route;
        for (const QPointF &w : std::as_const(m_route))
            route.append(m_vp.toScreen(w));
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(pal.labelHalo, 7, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawPolyline(route);
        p.setPen(QPen(pal.route, 4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawPolyline(route);
    }
    const QPointF from = m_vp.toScreen({m_riders.m_x[static_cast<std::size_t>(sel)], m_riders.m_y[static_cast<std::size_t>(sel)]});
    QFont f = font();
    f.setPixelSize(11);
    f.setBold(true);
    p.setFont(f);
    for (const QString &id : ordersOfRider(m_selected)) {
        const sdk::OrderRow &o = m_orders[id];
        if (o.lat == 0 && o.lng == 0)
            continue;
        const QPointF s = m_vp.toScreen(mercator::project(o.lat, o.lng));
        const bool chosen = id == m_selectedOrder;
        if (!chosen) {
            QPen dash(pal.panelText, 1.2, Qt::DashLine);
            dash.setDashPattern({3, 3});
            p.setPen(dash);
            p.drawLine(from, s);
        }
        // Destination pin: a drop with its tip on the address.
        QPainterPath pin;
        pin.moveTo(s);
        pin.cubicTo(s + QPointF(-3, -5), s + QPointF(-8, -9), s + QPointF(-8, -13));
        pin.arcTo(QRectF(s.x() - 8, s.y() - 21, 16, 16), 180, -180);
        pin.cubicTo(s + QPointF(8, -9), s + QPointF(3, -5), s);
        p.setPen(QPen(Qt::white, 1.5));
        p.setBrush(chosen ? pal.route : MapPalette::alertColor().darker(110));
        p.drawPath(pin);
        p.setBrush(Qt::white);
        p.setPen(Qt::NoPen);
        p.drawEllipse(s + QPointF(0, -13), 3, 3);
        if (m_vp.zoom >= 14 || chosen) {
            p.setPen(pal.panelText);
            p.drawText(s + QPointF(10, -14), id);
        }
    }
}

void MapView::paintRiders(QPainter &p, qint64 now)
{
    const MapPalette &pal = palette();
    for (const auto &c : m_layout.clusters()) {
        const QImage &img = m_sprites.cluster(c.count, pal);
        const QSizeF sz = img.deviceIndependentSize();
        p.drawImage(QPoint(int(c.pos.x() - sz.width() / 2), int(c.pos.y() - sz.height() / 2)), img);
    }
    const auto &singles = m_layout.singles();
    const auto &pos = m_layout.singlePositions();
    const int half = RiderSprites::kMarkerPx / 2;
    const int selected = m_riders.indexOf(m_selected);
    for (std::size_t k = 0; k < singles.size(); ++k) {
        const int i = singles[k];
        const auto u = static_cast<std::size_t>(i);
        if (i == selected || m_riders.m_alerted[u])
            continue; // drawn on top below, the selected one after the labels
        p.drawImage(QPoint(int(pos[k].x()) - half, int(pos[k].y()) - half), markerOf(i, now));
    }
    // Alerted riders on top of the others, each with its red ring.
    for (std::size_t k = 0; k < singles.size(); ++k) {
        const int i = singles[k];
        const auto u = static_cast<std::size_t>(i);
        if (!m_riders.m_alerted[u] || i == selected)
            continue;
        paintRing(p, pos[k], false, true);
        p.drawImage(QPoint(int(pos[k].x()) - half, int(pos[k].y()) - half), markerOf(i, now));
    }
}

MapView::ScaleBar MapView::scaleBar() const
{
    const double mpp = mercator::metresPerPixel(center().latitude(), m_vp.zoom);
    const double maxMetres = 120 * mpp;
    const double mag = std::pow(10.0, std::floor(std::log10(maxMetres)));
    double metres = mag;
    for (double step : {5.0, 2.0, 1.0})
        if (step * mag <= maxMetres) {
            metres = step * mag;
            break;
        }
    return {metres, metres / mpp, formatDistance(metres)};
}

void MapView::paintScaleBar(QPainter &p)
{
    const ScaleBar bar = scaleBar();
    const double px = bar.pixels;
    const MapPalette &pal = palette();
    const QRectF box(10, height() - 34, px + 20, 24);
    p.setPen(Qt::NoPen);
    p.setBrush(pal.panel);
    p.drawRoundedRect(box, 4, 4);
    p.setPen(QPen(pal.panelText, 2, Qt::SolidLine, Qt::FlatCap));
    const double y = box.bottom() - 7, x0 = box.left() + 10;
    p.drawLine(QPointF(x0, y), QPointF(x0 + px, y));
    p.drawLine(QPointF(x0, y - 5), QPointF(x0, y));
    p.drawLine(QPointF(x0 + px, y - 5), QPointF(x0 + px, y));
    QFont f = font();
    f.setPixelSize(10);
    p.setFont(f);
    p.drawText(QRectF(x0, box.top() + 1, px, 12), Qt::AlignCenter, bar.label);
}

void MapView::paintLegend(QPainter &p, qint64 now)
{
    // Status key with live counts, so the colours explain themselves.
    int counts[kRiderStatusCount] = {};
    int stale = 0;
    for (int i = 0; i < m_riders.size(); ++i) {
        if (isStale(i, now))
            ++stale;
        else
            ++counts[static_cast<int>(m_riders.m_status[static_cast<std::size_t>(i)])];
    }
    const RiderStatus order[] = {RiderStatus::Idle, RiderStatus::ToPickup, RiderStatus::Delivering, RiderStatus::Break,
                                 RiderStatus::Offline};
    QFont f = font();
    f.setPixelSize(11);
    p.setFont(f);
    const QFontMetricsF fm(f);
    const double lh = fm.height() + 3;
    QStringList texts;
    for (RiderStatus st : order)
        texts << tr("%1  %2").arg(riderStatusLabel(st), QLocale().toString(counts[static_cast<int>(st)]));
    texts << tr("stale fix  %1").arg(QLocale().toString(stale));
    double w = 0;
    for (const QString &t : std::as_const(texts))
        w = std::max(w, fm.horizontalAdvance(t));
    const QRectF box(10, 10, w + 34, lh * texts.size() + 10);
    const MapPalette &pal = palette();
    p.setPen(QPen(pal.panelBorder, 1));
    p.setBrush(pal.panel);
    p.drawRoundedRect(box, 5, 5);
    for (int k = 0; k < texts.size(); ++k) {
        const double y = box.top() + 5 + k * lh + lh / 2;
        const QColor c = k < 5 ? MapPalette::statusColor(order[k]) : MapPalette::staleColor();
        p.setPen(QPen(Qt::white, 1.2));
        p.setBrush(c);
        p.drawEllipse(QPointF(box.left() + 13, y), 5, 5);
        p.setPen(pal.panelText);
        p.drawText(QPointF(box.left() + 25, y + fm.ascent() / 2 - 1), texts[k]);
    }
}

void MapView::paintStatusLine(QPainter &p)
{
    QFont f = font();
    f.setPixelSize(11);
    p.setFont(f);
    const QFontMetricsF fm(f);
    QString text = tr("%1 riders · %2").arg(QLocale().toString(m_riders.size()), cursorText());
    if (const qint64 bad = rejectedRows(); bad > 0)
        text += tr(" · %n bad row(s) ignored", nullptr, static_cast<int>(std::min<qint64>(bad, INT_MAX)));
    const double w = fm.horizontalAdvance(text) + 16;
    const QRectF box(width() - w - 10, height() - 30, w, 20);
    p.setPen(Qt::NoPen);
    p.setBrush(palette().panel);
    p.drawRoundedRect(box, 4, 4);
    p.setPen(palette().panelText);
    p.drawText(box, Qt::AlignCenter, text);
}

} // namespace opsdeck::widgets
