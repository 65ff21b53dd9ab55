#include "RiderLayout.h"

#include "RiderStore.h"

#include <algorithm>
#include <cmath>

namespace opsdeck::widgets {

struct RiderLayout::Frame {
    double s, ox, oy, minX, minY, maxX, maxY;
    bool contains(double x, double y) const { return x >= minX && y >= minY && x <= maxX && y <= maxY; }
};

void RiderLayout::build(const RiderStore &store, const MapViewport &vp, const Options &options)
{
    m_singles.clear();
    m_singlePos.clear();
    m_clusters.clear();
    m_visible = 0;
    const double s = vp.scale();
    const Frame f{s,
                  vp.width * 0.5 - vp.center.x() * s,
                  vp.height * 0.5 - vp.center.y() * s,
                  -options.marginPx,
                  -options.marginPx,
                  vp.width + options.marginPx,
                  vp.height + options.marginPx};
    if (!options.cluster)
        placeEveryRider(store, f);
    else
        placeClustered(store, f, options);
    buildHitGrid(vp, options);
}

void RiderLayout::placeEveryRider(const RiderStore &store, const Frame &f)
{
    for (int i = 0; i < store.size(); ++i) {
        const auto u = static_cast<std::size_t>(i);
        if (!store.m_hasFix[u])
            continue;
        const double x = store.m_x[u] * f.s + f.ox, y = store.m_y[u] * f.s + f.oy;
        if (!f.contains(x, y))
            continue;
        ++m_visible;
        m_singles.push_back(i);
        m_singlePos.emplace_back(x, y);
    }
}

void RiderLayout::placeClustered(const RiderStore &store, const Frame &f, const Options &options)
{
    const int n = store.size();
    const double s = f.s, ox = f.ox, oy = f.oy;
    // Pass 1: count riders per world-anchored cell; only the cells over the viewport
    // exist, numbered from the first one at its top-left corner.
    const double cell = options.cellPx;
    const auto cx0 = static_cast<qint64>(std::floor((f.minX - ox) / cell));
    const auto cy0 = static_cast<qint64>(std::floor((f.minY - oy) / cell));
    const auto cols = static_cast<qint64>(std::floor((f.maxX - ox) / cell)) - cx0 + 1;
    const auto rows = static_cast<qint64>(std::floor((f.maxY - oy) / cell)) - cy0 + 1;
    struct Acc {
        double sx = 0, sy = 0;
        int count = 0;
        int first = -1;
    };
    std::vector<Acc> acc(static_cast<std::size_t>(cols * rows));
    m_cellOfRider.assign(static_cast<std::size_t>(n), -1);
    for (int i = 0; i < n; ++i) {
        const auto u = static_cast<std::size_t>(i);
        if (!store.m_hasFix[u])
            continue;
        const double x = store.m_x[u] * s + ox, y = store.m_y[u] * s + oy;
        if (!f.contains(x, y))
            continue;
        ++m_visible;
        if (store.m_alerted[u] || i == options.keepSingle) {
            m_singles.push_back(i);
            m_singlePos.emplace_back(x, y);
            continue;
        }
        const qint64 cx = std::clamp<qint64>(static_cast<qint64>(std::floor(store.m_x[u] * s / cell)) - cx0, 0, cols - 1);
        const qint64 cy = std::clamp<qint64>(static_cast<qint64>(std::floor(store.m_y[u] * s / cell)) - cy0, 0, rows - 1);
        const auto c = static_cast<std::size_t>(cy * cols + cx);
        Acc &a = acc[c];
        a.sx += x;
        a.sy += y;
        if (a.count++ == 0)
            a.first = i;
        m_cellOfRider[u] = static_cast<int>(c);
    }
    // Pass 2: small cells are drawn rider by rider, the rest as one bubble.
    for (int i = 0; i < n; ++i) {
        const int c = m_cellOfRider[static_cast<std::size_t>(i)];
        if (c < 0 || acc[static_cast<std::size_t>(c)].count >= options.minClusterSize)
            continue;
        const auto u = static_cast<std::size_t>(i);
        m_singles.push_back(i);
        m_singlePos.emplace_back(store.m_x[u] * s + ox, store.m_y[u] * s + oy);
    }
    for (const Acc &a : acc)
        if (a.count >= options.minClusterSize)
            m_clusters.push_back({QPointF(a.sx / a.count, a.sy / a.count), a.count, a.first});
}

// Hit grid over the markers (screen cells, counting sort).
void RiderLayout::buildHitGrid(const MapViewport &vp, const Options &options)
{
    m_cols = std::max(1, static_cast<int>(std::ceil((vp.width + 2 * options.marginPx) / m_hitCell)));
    m_rows = std::max(1, static_cast<int>(std::ceil((vp.height + 2 * options.marginPx) / m_hitCell)));
    const std::size_t cells = static_cast<std::size_t>(m_cols) * static_cast<std::size_t>(m_rows);
    m_cellStart.assign(cells + 1, 0);
    m_keys.resize(m_singles.size());
    for (std::size_t k = 0; k < m_singles.size(); ++k) {
        const int cx = std::clamp(static_cast<int>((m_singlePos[k].x() + options.marginPx) / m_hitCell), 0, m_cols - 1);
        const int cy = std::clamp(static_cast<int>((m_singlePos[k].y() + options.marginPx) / m_hitCell), 0, m_rows - 1);
        m_keys[k] = static_cast<qint64>(cy) * m_cols + cx;
        ++m_cellStart[static_cast<std::size_t>(m_keys[k]) + 1];
    }
    for (std::size_t c = 0; c < cells; ++c)
        m_cellStart[c + 1] += m_cellStart[c];
    m_cellItems.assign(m_singles.size(), 0);
    std::vector<int> fill(m_cellStart.begin(), m_cellStart.end() - 1);
    for (std::size_t k = 0; k < m_singles.size(); ++k)
        m_cellItems[static_cast<std::size_t>(fill[static_cast<std::size_t>(m_keys[k])]++)] = static_cast<int>(k);
    m_hitMargin = options.marginPx;
}

int RiderLayout::hitTest(QPointF screen, double radiusPx) const
{
    if (m_cellStart.empty())
        return -1;
    const int cx0 = std::max(0, static_cast<int>((screen.x() + m_hitMargin - radiusPx) / m_hitCell));
    const int cy0 = std::max(0, static_cast<int>((screen.y() + m_hitMargin - radiusPx) / m_hitCell));
    const int cx1 = std::min(m_cols - 1, static_cast<int>((screen.x() + m_hitMargin + radiusPx) / m_hitCell));
    const int cy1 = std::min(m_rows - 1, static_cast<int>((screen.y() + m_hitMargin + radiusPx) / m_hitCell));
    int best = -1;
    double bestD2 = radiusPx * radiusPx;
    for (int cy = cy0; cy <= cy1; ++cy) {
        for (int cx = cx0; cx <= cx1; ++cx) {
            const auto c = static_cast<std::size_t>(cy * m_cols + cx);
            for (int j = m_cellStart[c]; j < m_cellStart[c + 1]; ++j) {
                const auto k = static_cast<std::size_t>(m_cellItems[static_cast<std::size_t>(j)]);
                const QPointF d = m_singlePos[k] - screen;
                const double d2 = d.x() * d.x() + d.y() * d.y();
                if (d2 <= bestD2) { // later markers are drawn on top: prefer them on ties
                    bestD2 = d2;
                    best = m_singles[k];
                }
            }
        }
    }
    return best;
}

int RiderLayout::clusterAt(QPointF screen, double radiusPx) const
{
    int best = -1;
    double bestD2 = radiusPx * radiusPx;
    for (std::size_t k = 0; k < m_clusters.size(); ++k) {
        const QPointF d = m_clusters[k].pos - screen;
        const double d2 = d.x() * d.x() + d.y() * d.y();
        if (d2 <= bestD2) {
            bestD2 = d2;
            best = static_cast<int>(k);
        }
    }
    return best;
}

} // namespace opsdeck::widgets
