#pragma once

#include "MapPalette.h"
#include "widgets/WidgetsExport.h"

#include <QHash>
#include <QImage>

#include <array>
#include <optional>

namespace opsdeck::widgets {

// Pre-rendered rider markers and cluster bubbles. A frame blits these instead of
// building paths and antialiasing 20k circles; heading is quantised to 15 degrees,
// which is finer than a 14-pixel arrow can show anyway.
class OPSDECK_WIDGETS_EXPORT RiderSprites final
{
public:
    static constexpr int kHeadingBuckets = 24;
    static constexpr int kMarkerPx = 18; // sprite edge; the disc itself is smaller

    explicit RiderSprites(qreal devicePixelRatio = 1.0);

    // No heading: stationary (no arrow). A heading is any finite angle in degrees, clockwise
    // from north; the wire allows -360..360, so west may arrive as -90. A non-finite one
    // (a plugin's row) draws no arrow rather than a wrong sprite.
    const QImage &marker(RiderStatus status, bool stale, std::optional<double> headingDeg);
    const QImage &cluster(int count, const MapPalette &palette);
    qreal devicePixelRatio() const { return m_dpr; }
    static int clusterDiameter(int count);

private:
    QImage renderMarker(RiderStatus status, bool stale, int bucket) const;
    qreal m_dpr;
    std::array<QImage, kRiderStatusCount * 2 * (kHeadingBuckets + 1)> m_markers;
    QHash<int, QImage> m_clusters;
    QRgb m_clusterColor = 0;
};

} // namespace opsdeck::widgets
