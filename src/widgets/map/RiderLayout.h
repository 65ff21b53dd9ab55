#pragma once

#include "MapProjection.h"
#include "widgets/WidgetsExport.h"

#include <QPointF>

#include <vector>

namespace opsdeck::widgets {

class RiderStore;

// Where each rider lands on screen for one viewport: either as its own marker or folded
// into a cluster. Clusters use a grid anchored to the world (not to the screen) so they
// do not jump while panning. A rider with an open alert, and the selected rider, are
// always their own markers. The
// same pass fills a screen grid of the markers for hit-testing, so a hover costs a few
// cells instead of 20k distance checks.
class OPSDECK_WIDGETS_EXPORT RiderLayout final
{
public:
    struct Cluster {
        QPointF pos;
        int count = 0;
        int firstRider = -1;
    };
    struct Options {
        bool cluster = true;
        double cellPx = 56.0;   // cluster cell edge
        int minClusterSize = 4; // fewer riders in a cell are drawn one by one
        double marginPx = 24.0; // riders just outside still draw their half-visible marker
        int keepSingle = -1;    // rider index never folded into a cluster (the selected one)
    };

    void build(const RiderStore &store, const MapViewport &viewport, const Options &options);

    const std::vector<int> &singles() const { return m_singles; }
    const std::vector<QPointF> &singlePositions() const { return m_singlePos; }
    const std::vector<Cluster> &clusters() const { return m_clusters; }
    int visibleRiders() const { return m_visible; }

    // Rider index of the marker nearest to `screen` within radiusPx, or -1.
    int hitTest(QPointF screen, double radiusPx) const;
    // Index into clusters() of the bubble under `screen`, or -1.
    int clusterAt(QPointF screen, double radiusPx) const;

private:
    struct Frame; // the viewport's world-to-screen transform and its margins
    void placeEveryRider(const RiderStore &store, const Frame &f);
    void placeClustered(const RiderStore &store, const Frame &f, const Options &options);
    void buildHitGrid(const MapViewport &vp, const Options &options);

    std::vector<int> m_singles;
    std::vector<QPointF> m_singlePos;
    std::vector<Cluster> m_clusters;
    int m_visible = 0;
    // Hit grid over the markers (counting sort: m_cellStart has cols*rows+1 entries).
    double m_hitCell = 32.0;
    int m_cols = 0;
    int m_rows = 0;
    std::vector<int> m_cellStart;
    std::vector<int> m_cellItems; // indices into m_singles
    // Scratch kept between frames so a frame allocates nothing.
    std::vector<int> m_cellOfRider;
    std::vector<qint64> m_keys;
    double m_hitMargin = 0.0;
};

} // namespace opsdeck::widgets
