// What MapView draws over the riders: labels placed so that none covers another, the
// selected rider on top of everything, the replay and follow banners, the hover card.
#include "MapTimeText.h"
#include "MapView.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace opsdeck::widgets {

namespace {

constexpr double kNamePx = 11;
constexpr double kDepotPx = 12;
constexpr double kSelectedReach = 15; // the selection ring's outer edge (radius 13, pen 2.5)

QFont labelFont(const QFont &base, MapLabel::Kind kind)
{
    QFont f = base;
    f.setPixelSize(int(kind == MapLabel::Kind::Depot ? kDepotPx : kNamePx));
    f.setBold(kind == MapLabel::Kind::Depot || kind == MapLabel::Kind::SelectedRider);
    return f;
}

// Right of the anchor, then left, above and below it, `gap` pixels away.
void around(QPointF at, QSizeF size, double gap, QRectF (&out)[4])
{
    const double w = size.width(), h = size.height();
    out[0] = QRectF(at.x() + gap, at.y() - h / 2, w, h);
    out[1] = QRectF(at.x() - gap - w, at.y() - h / 2, w, h);
    out[2] = QRectF(at.x() - w / 2, at.y() - gap - h, w, h);
    out[3] = QRectF(at.x() - w / 2, at.y() + gap, w, h);
}

QString formatAge(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms / 1000);
    if (s < 90)
        return MapView::tr("%n s ago", nullptr, static_cast<int>(s));
    if (s < 90 * 60)
        return MapView::tr("%n min ago", nullptr, static_cast<int>(s / 60));
    return MapView::tr("%n h ago", nullptr, static_cast<int>(s / 3600));
}

} // namespace

void MapView::placeRiderLabel(int rider, QPointF at, MapLabel::Kind kind)
{
    const auto u = static_cast<std::size_t>(rider);
    const QString &text = m_riders.m_names[u].isEmpty() ? m_riders.m_ids[u] : m_riders.m_names[u];
    const QFontMetricsF fm(labelFont(font(), kind));
    // The box holds the text and its 1.5 px halo.
    const QSizeF size(fm.horizontalAdvance(text) + 3, fm.height() + 2);
    const double gap = kind == MapLabel::Kind::SelectedRider ? kSelectedReach + 1 : 10;
    QRectF boxes[4];
    around(at, size, gap, boxes);
    m_placer.place(kind, m_riders.m_ids[u], text, {boxes[0], boxes[1], boxes[2], boxes[3]});
}

void MapView::placeLabels()
{
    m_placer.reset(QRectF(0, 0, width(), height()));
    m_selectedAt = {-1, -1};
    const bool riders = isLayerVisible(Layer::Riders);
    const auto &singles = m_layout.singles();
    const auto &pos = m_layout.singlePositions();
    const int selected = m_riders.indexOf(m_selected);
    if (riders && selected >= 0) {
        for (std::size_t k = 0; k < singles.size(); ++k)
            if (singles[k] == selected)
                m_selectedAt = pos[k];
    }
    // Priority: the selected rider, alerted riders, depots, everyone else.
    if (m_selectedAt.x() > -1) {
        m_placer.addObstacle(QRectF(m_selectedAt - QPointF(kSelectedReach, kSelectedReach),
                                    QSizeF(2 * kSelectedReach, 2 * kSelectedReach)));
        placeRiderLabel(selected, m_selectedAt, MapLabel::Kind::SelectedRider);
    }
    const bool names = riders && m_vp.zoom >= 16;
    if (names) {
        for (std::size_t k = 0; k < singles.size(); ++k)
            if (singles[k] != selected && m_riders.m_alerted[static_cast<std::size_t>(singles[k])])
                placeRiderLabel(singles[k], pos[k], MapLabel::Kind::AlertedRider);
    }
    if (m_map) {
        const QFontMetricsF fm(labelFont(font(), MapLabel::Kind::Depot));
        for (const auto &d : m_map->depots()) {
            const QPointF s = m_vp.toScreen(d.world);
            if (s.x() < -300 || s.y() < -40 || s.x() > m_vp.width + 300 || s.y() > m_vp.height + 40)
                continue;
            QString label = m_vp.zoom >= 12.5 ? QStringLiteral("%1 · %2").arg(d.name, d.id) : d.id;
            if (m_degradedDepots.contains(d.id))
                label = tr("%1 · feed degraded").arg(label);
            QRectF boxes[4];
            around(s, QSizeF(fm.horizontalAdvance(label) + 10, fm.height() + 4), 12, boxes);
            m_placer.place(MapLabel::Kind::Depot, d.id, label, {boxes[0], boxes[1], boxes[2], boxes[3]});
        }
    }
    // A wall of names helps nobody: beyond 400 markers, zoom further in.
    if (names && singles.size() <= 400) {
        for (std::size_t k = 0; k < singles.size(); ++k)
            if (singles[k] != selected && !m_riders.m_alerted[static_cast<std::size_t>(singles[k])])
                placeRiderLabel(singles[k], pos[k], MapLabel::Kind::Rider);
    }
}

void MapView::paintLabels(QPainter &p, bool selectedOnly)
{
    const MapPalette &pal = palette();
    for (const MapLabel &l : m_placer.labels()) {
        if ((l.kind == MapLabel::Kind::SelectedRider) != selectedOnly)
            continue;
        const QFont f = labelFont(font(), l.kind);
        p.setFont(f);
        if (l.kind == MapLabel::Kind::Depot) {
            // A plate rather than halo text: it stays readable over a crowd of markers.
            const bool degraded = m_degradedDepots.contains(l.id);
            p.setPen(QPen(degraded ? MapPalette::alertColor() : pal.depot, degraded ? 2.0 : 1.2));
            p.setBrush(pal.labelHalo);
            p.drawRoundedRect(l.rect, 4, 4);
            p.setPen(degraded ? MapPalette::alertColor().darker(130) : pal.depotLabel);
            p.drawText(l.rect, Qt::AlignCenter, l.text);
            continue;
        }
        QPainterPath path;
        path.addText(l.rect.topLeft() + QPointF(1.5, 1 + QFontMetricsF(f).ascent()), f, l.text);
        p.setPen(QPen(pal.labelHalo, 3.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.setPen(Qt::NoPen);
        p.setBrush(l.kind == MapLabel::Kind::AlertedRider ? MapPalette::alertColor().darker(130) : pal.panelText);
        p.drawPath(path);
    }
}

void MapView::paintRing(QPainter &p, QPointF c, bool selected, bool alerted)
{
    // The selection's light disc goes under the alert ring: painted over it, it washed a
    // selected rider's red ring out to pink.
    if (selected) {
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(255, 255, 255, 90));
        p.drawEllipse(c, 13, 13);
    }
    if (alerted) {
        QColor halo = MapPalette::alertColor();
        halo.setAlpha(60);
        p.setPen(Qt::NoPen);
        p.setBrush(halo);
        p.drawEllipse(c, 14, 14);
        p.setPen(QPen(MapPalette::alertColor(), 2.5));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(c, 10, 10);
    }
    if (selected) {
        p.setPen(QPen(palette().panelText, 2.5));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(c, 13, 13);
    }
}

void MapView::paintSelectedRider(QPainter &p, qint64 now)
{
    if (m_selectedAt.x() <= -1)
        return;
    const int i = m_riders.indexOf(m_selected);
    paintRing(p, m_selectedAt, true, m_riders.m_alerted[static_cast<std::size_t>(i)]);
    const int half = RiderSprites::kMarkerPx / 2;
    p.drawImage(QPoint(int(m_selectedAt.x()) - half, int(m_selectedAt.y()) - half), markerOf(i, now));
}

void MapView::setFollowBanner(bool on)
{
    m_followBanner = on;
    update();
}

QString MapView::replayBannerText() const
{
    return m_replaying ? tr("Replay · %1").arg(mapTimeText(m_replayAt, m_now())) : QString();
}

void MapView::paintBanners(QPainter &p)
{
    // Amber: this is not the present. Blue: the view moves by itself, and says with whom.
    const auto banner = [&](double y, const QString &text, const QColor &fill) {
        QFont f = font();
        f.setPixelSize(13);
        f.setBold(true);
        p.setFont(f);
        const double w = QFontMetricsF(f).horizontalAdvance(text) + 24;
        const QRectF box((width() - w) / 2, y, w, 26);
        p.setPen(Qt::NoPen);
        p.setBrush(fill);
        p.drawRoundedRect(box, 13, 13);
        p.setPen(Qt::white);
        p.drawText(box, Qt::AlignCenter, text);
    };
    double y = 10;
    if (m_replaying) {
        banner(y, replayBannerText(), QColor(0xb4, 0x53, 0x09, 235));
        y += 32;
    }
    const int sel = m_riders.indexOf(m_selected);
    if (m_follow && m_followBanner && sel >= 0) {
        const QString &name = m_riders.m_names[static_cast<std::size_t>(sel)];
        banner(y, tr("Following %1 · F or a pan stops").arg(name.isEmpty() ? m_selected : name),
               QColor(0x1d, 0x4e, 0xd8, 230));
    }
}

QStringList MapView::hoverCardLines() const
{
    const int i = m_riders.indexOf(m_hovered);
    if (i < 0)
        return {};
    const auto u = static_cast<std::size_t>(i);
    const QString &name = m_riders.m_names[u];
    QStringList lines;
    lines << (name.isEmpty() ? m_riders.m_ids[u] : tr("%1 (%2)").arg(name, m_riders.m_ids[u]));
    const qint64 now = nowMs();
    lines << tr("Status: %1").arg(riderStatusLabel(m_riders.m_status[u]));
    const QStringList orders = ordersOfRider(m_hovered);
    lines << (orders.isEmpty() ? tr("Orders: none")
                               : tr("Orders: %1").arg(orders.size() > 3 ? orders.mid(0, 3).join(QStringLiteral(", "))
                                                              + tr(" +%1").arg(orders.size() - 3)
                                                                        : orders.join(QStringLiteral(", "))));
    lines << tr("Speed: %1 km/h").arg(double(m_riders.m_speed[u]) * 3.6, 0, 'f', 1);
    lines << (m_riders.m_battery[u] < 0 ? tr("Battery: not reported")
                                        : tr("Battery: %1 %").arg(double(m_riders.m_battery[u]), 0, 'f', 0));
    lines << tr("Last fix: %1%2").arg(formatAge(now - m_riders.m_fixAt[u]), isStale(i, now) ? tr(" (stale)") : QString());
    return lines;
}

QRectF MapView::hoverCardRect() const
{
    const QStringList lines = hoverCardLines();
    if (lines.isEmpty())
        return {};
    const QPointF at = screenPositionOf(m_hovered);
    QFont f = font();
    f.setPixelSize(12);
    QFont bold = f;
    bold.setBold(true);
    const QFontMetricsF fm(f), bfm(bold);
    double w = bfm.horizontalAdvance(lines.first());
    for (int k = 1; k < lines.size(); ++k)
        w = std::max(w, fm.horizontalAdvance(lines[k]));
    const double lh = fm.height() + 2;
    QRectF card(at.x() + 16, at.y() - 10, w + 20, lh * lines.size() + 14);
    // Flip to the cursor's left at the right edge, above it at the bottom; then keep it
    // inside whatever the rider's position (a marker half off the view still has a card).
    if (card.right() > width() - 4)
        card.moveRight(at.x() - 16);
    if (card.bottom() > height() - 4)
        card.moveBottom(at.y() + 10);
    card.moveLeft(std::clamp(card.left(), 4.0, std::max(4.0, width() - 4 - card.width())));
    card.moveTop(std::clamp(card.top(), 4.0, std::max(4.0, height() - 4 - card.height())));
    return card;
}

void MapView::paintHoverCard(QPainter &p)
{
    const QStringList lines = hoverCardLines();
    if (lines.isEmpty())
        return;
    const QRectF card = hoverCardRect();
    QFont f = font();
    f.setPixelSize(12);
    QFont bold = f;
    bold.setBold(true);
    const QFontMetricsF fm(f);
    const double lh = fm.height() + 2;
    const MapPalette &pal = palette();
    p.setPen(QPen(pal.panelBorder, 1));
    p.setBrush(pal.panel);
    p.drawRoundedRect(card, 6, 6);
    const int i = m_riders.indexOf(m_hovered);
    p.setPen(Qt::NoPen);
    p.setBrush(MapPalette::statusColor(m_riders.m_status[static_cast<std::size_t>(i)]));
    p.drawRoundedRect(QRectF(card.left(), card.top(), 4, card.height()), 2, 2);
    p.setPen(pal.panelText);
    for (int k = 0; k < lines.size(); ++k) {
        p.setFont(k == 0 ? bold : f);
        p.drawText(QPointF(card.left() + 12, card.top() + 7 + fm.ascent() + k * lh), lines[k]);
    }
}

} // namespace opsdeck::widgets
