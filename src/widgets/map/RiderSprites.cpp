#include "RiderSprites.h"

#include <QFont>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace opsdeck::widgets {

RiderSprites::RiderSprites(qreal devicePixelRatio)
    : m_dpr(devicePixelRatio)
{
}

const QImage &RiderSprites::marker(RiderStatus status, bool stale, std::optional<double> headingDeg)
{
    int bucket = kHeadingBuckets; // stationary
    if (headingDeg && std::isfinite(*headingDeg)) {
        double h = std::fmod(*headingDeg, 360.0);
        if (h < 0)
            h += 360.0;
        bucket = static_cast<int>(std::lround(h / (360.0 / kHeadingBuckets))) % kHeadingBuckets;
    }
    const std::size_t k = (static_cast<std::size_t>(status) * 2 + (stale ? 1 : 0)) * (kHeadingBuckets + 1)
        + static_cast<std::size_t>(bucket);
    QImage &img = m_markers[k];
    if (img.isNull())
        img = renderMarker(status, stale, bucket);
    return img;
}

QImage RiderSprites::renderMarker(RiderStatus status, bool stale, int bucket) const
{
    const int px = static_cast<int>(std::ceil(kMarkerPx * m_dpr));
    QImage img(px, px, QImage::Format_ARGB32_Premultiplied);
    img.setDevicePixelRatio(m_dpr);
    img.fill(Qt::transparent);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    const QPointF c(kMarkerPx / 2.0, kMarkerPx / 2.0);
    const QColor fill = stale ? MapPalette::staleColor() : MapPalette::statusColor(status);
    if (bucket < kHeadingBuckets) {
        // Heading: a wedge poking out of the disc in the direction of travel.
        p.save();
        p.translate(c);
        p.rotate(bucket * (360.0 / kHeadingBuckets));
        QPainterPath arrow;
        arrow.moveTo(0, -kMarkerPx / 2.0 + 0.5);
        arrow.lineTo(4.2, -3.0);
        arrow.lineTo(-4.2, -3.0);
        arrow.closeSubpath();
        p.setPen(QPen(QColor(255, 255, 255, 230), 1.0));
        p.setBrush(fill.darker(125));
        p.drawPath(arrow);
        p.restore();
    }
    p.setPen(QPen(QColor(255, 255, 255), 1.6));
    p.setBrush(fill);
    p.drawEllipse(c, 5.2, 5.2);
    if (stale) { // a hollow centre reads as "no recent fix" even in grey-scale prints
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(255, 255, 255));
        p.drawEllipse(c, 2.0, 2.0);
    }
    return img;
}

int RiderSprites::clusterDiameter(int count)
{
    // Area grows with the logarithm of the count: 3 riders and 3000 stay comparable.
    return std::min(54, 22 + static_cast<int>(std::round(6.0 * std::log10(std::max(1, count)))) * 2);
}

const QImage &RiderSprites::cluster(int count, const MapPalette &palette)
{
    if (palette.cluster.rgba() != m_clusterColor || m_clusters.size() > 4096) {
        m_clusters.clear();
        m_clusterColor = palette.cluster.rgba();
    }
    auto it = m_clusters.find(count);
    if (it != m_clusters.end())
        return *it;
    const int d = clusterDiameter(count);
    const int px = static_cast<int>(std::ceil((d + 8) * m_dpr));
    QImage img(px, px, QImage::Format_ARGB32_Premultiplied);
    img.setDevicePixelRatio(m_dpr);
    img.fill(Qt::transparent);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    const QPointF c((d + 8) / 2.0, (d + 8) / 2.0);
    QColor halo = palette.cluster;
    halo.setAlpha(70);
    p.setPen(Qt::NoPen);
    p.setBrush(halo);
    p.drawEllipse(c, d / 2.0 + 4, d / 2.0 + 4);
    p.setBrush(palette.cluster);
    p.setPen(QPen(palette.clusterText, 1.5));
    p.drawEllipse(c, d / 2.0, d / 2.0);
    QFont f;
    f.setPixelSize(count >= 1000 ? 10 : 11);
    f.setBold(true);
    p.setFont(f);
    p.setPen(palette.clusterText);
    const QString text = count >= 10000 ? QStringLiteral("%1k").arg(count / 1000) : QString::number(count);
    p.drawText(QRectF(0, 0, d + 8, d + 8), Qt::AlignCenter, text);
    return *m_clusters.insert(count, img);
}

} // namespace opsdeck::widgets
