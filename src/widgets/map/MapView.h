#pragma once

#include "BaseMapPainter.h"
#include "CityBaseMap.h"
#include "MapLabels.h"
#include "MapProjection.h"
#include "RiderLayout.h"
#include "RiderSprites.h"
#include "RiderStore.h"
#include "sdk/Rows.h"
#include "widgets/WidgetsExport.h"

#include <QCache>
#include <QGeoCoordinate>
#include <QHash>
#include <QImage>
#include <QLoggingCategory>
#include <QMultiHash>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>

namespace opsdeck::sdk {
class MapTileService;
}

namespace opsdeck::widgets {

Q_DECLARE_LOGGING_CATEGORY(lcMap)

// The live rider map: a custom-painted Web Mercator view of the city's vector base map
// with every rider on it. Rows come in at any rate through enqueueRiders()/enqueueOrders()
// (connect them to sdk::ConsoleContext's signals); the newest row per rider wins and one
// repaint timer applies them, so 20k riders at 1 Hz cost one layout and one paint per
// tick, never one per row. No business rules: it draws what it is given.
class OPSDECK_WIDGETS_EXPORT MapView final : public QWidget
{
    Q_OBJECT
public:
    enum class Layer { Riders, Trails, Zones, Destinations, Heatmap };
    static constexpr double kMinZoom = 3.0;
    static constexpr double kMaxZoom = 19.0;

    explicit MapView(QWidget *parent = nullptr);
    ~MapView() override;

    void setBaseMap(std::shared_ptr<const CityBaseMap> map);
    const CityBaseMap *baseMap() const { return m_map.get(); }
    // Optional raster tiles under the riders (zones and depots stay drawn on top). The
    // view never waits for a tile: it draws the vector base where a tile is missing.
    void setTileService(sdk::MapTileService *tiles);
    int cachedTiles() const { return m_tiles.size(); }
    void setDarkPalette(bool dark);
    bool darkPalette() const { return m_dark; }

    // --- data (GUI thread; cheap, never paints directly) ---
    void enqueueRiders(const QList<opsdeck::sdk::RiderRow> &rows);
    void enqueueOrders(const QList<opsdeck::sdk::OrderRow> &rows);
    // Riders with an open alert: drawn with a red ring and never folded into a cluster.
    void setAlertedRiders(const QSet<QString> &riderIds);
    // Depots whose feed is degraded (sdk::FeedHealthService): their label says so.
    void setDegradedDepots(const QStringList &depotIds);
    // Applies pending rows now instead of at the next repaint tick (tests, benchmarks).
    void flushPending();
    // Rows are waiting for the repaint tick (a test can then tell "no repaint to come").
    bool repaintScheduled() const { return m_repaintTimer.isActive(); }
    void setRepaintIntervalMs(int ms);
    void setClock(std::function<qint64()> nowMs);
    void setStaleAfterMs(qint64 ms);
    void setTrailMinutes(int minutes);
    int trailMinutes() const;
    void setTrailsForAllRiders(bool all);
    bool trailsForAllRiders() const { return m_trailsForAll; }

    // --- replay: the fleet at a past moment instead of the live one ---
    // Shows `riders` as the whole fleet at atMs (ages and staleness relative to atMs).
    // Live rows keep arriving meanwhile and are shown again by leaveReplay().
    void showFleetAt(const QList<opsdeck::sdk::RiderRow> &riders, qint64 atMs);
    void leaveReplay();
    bool inReplay() const { return m_replaying; }
    qint64 replayAtMs() const { return m_replayAt; }
    // The banner's text while replaying ("Replay · 07:16:10"), local time like the bar's.
    QString replayBannerText() const;

    // --- view ---
    QGeoCoordinate center() const { return mercator::unproject(m_vp.center); }
    void setCenter(const QGeoCoordinate &c);
    double zoom() const { return m_vp.zoom; }
    void setZoom(double zoom);
    // Zooms by `delta` levels keeping the world point under `anchor` (widget pixels) still.
    void zoomAbout(double delta, QPointF anchor);
    void panBy(QPointF pixels);
    void fitToCity();
    void fitToDepot(const QString &depotId);
    QStringList depotIds() const;
    void setLayerVisible(Layer layer, bool on);
    bool isLayerVisible(Layer layer) const { return (m_layers & bit(layer)) != 0; }
    void setClusterBelowZoom(double zoom);

    // --- selection ---
    void selectRider(const QString &riderId);
    QString selectedRider() const;
    void selectOrder(const QString &orderId);
    QString selectedOrder() const { return m_selectedOrder; }
    void setFollowSelected(bool follow);
    bool followSelected() const { return m_follow; }
    // A "Following <name>" banner while following, so the user sees why the view moves.
    // Off by default: a small map that always follows (the order detail's) needs none.
    void setFollowBanner(bool on);
    bool followBanner() const { return m_followBanner; }

    // --- what the user sees (for panels and tests) ---
    MapViewport viewport() const { return m_vp; }
    QString riderAt(QPointF widgetPos);
    QPointF screenPositionOf(const QString &riderId) const; // (-1,-1) when unknown
    QString hoveredRider() const;
    QStringList hoverCardLines() const;
    // Where the hover card goes: beside the rider, flipped left or up near an edge, always
    // inside the widget. Empty when nothing is hovered.
    QRectF hoverCardRect() const;
    // The labels of the last paint (depots and riders), none overlapping another.
    const std::vector<MapLabel> &labels() const { return m_placer.labels(); }
    // The view's live clock (not the replayed moment): what "today" means for the map.
    qint64 liveNowMs() const { return m_now(); }
    QGeoCoordinate cursorCoordinate() const { return m_cursor; }
    QString cursorText() const;
    int riderCount() const { return m_riders.size(); }
    qint64 rejectedRows() const { return m_riders.rejected() + m_rejectedOrders; }
    const RiderLayout &riderLayout();
    QPolygonF selectedRoute() const { return m_route; }
    QStringList ordersOfRider(const QString &riderId) const;
    // The scale bar as painted: a round distance (1, 2 or 5 x 10^n m) and its length at
    // the centre's latitude. Public so a test or a panel can read what the bar says.
    struct ScaleBar {
        double metres = 0;
        double pixels = 0;
        QString label;
    };
    ScaleBar scaleBar() const;

signals:
    void replayChanged(bool replaying);
    void riderSelected(const QString &riderId);
    void orderSelected(const QString &orderId);
    void viewChanged();
    void followChanged(bool follow);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void onRepaintTick();
    void scheduleRepaint();
    void viewportChanged();
    void ensureLayout();
    void updateHover(QPointF pos);
    void rebuildOrderIndex();
    void recomputeRoute();
    void centerOnSelected();
    bool isStale(int rider, qint64 now) const { return now - m_riders.m_fixAt[static_cast<std::size_t>(rider)] > m_staleAfterMs; }
    qint64 nowMs() const { return m_replaying ? m_replayAt : m_now(); }
    QString orderAtDestination(QPointF pos) const;

    // Painting (MapViewPaint.cpp)
    void paintBase(QPainter &p);
    void paintTiles(QPainter &p);
    void paintHeatmap(QPainter &p);
    void paintTrails(QPainter &p);
    void paintOrders(QPainter &p);
    void paintRiders(QPainter &p, qint64 now);
    // Overlays (MapViewOverlays.cpp)
    void placeLabels();
    void placeRiderLabel(int rider, QPointF at, MapLabel::Kind kind);
    void paintLabels(QPainter &p, bool selectedOnly);
    void paintSelectedRider(QPainter &p, qint64 now);
    void paintRing(QPainter &p, QPointF at, bool selected, bool alerted);
    void paintBanners(QPainter &p);
    void paintHoverCard(QPainter &p);
    const QImage &markerOf(int rider, qint64 now)
    {
        const auto u = static_cast<std::size_t>(rider);
        // Below walking pace a GPS heading is noise: such a rider gets no arrow.
        return m_sprites.marker(m_riders.m_status[u], isStale(rider, now),
                                m_riders.m_speed[u] > 0.5f ? std::optional<double>(m_riders.m_heading[u]) : std::nullopt);
    }
    void paintScaleBar(QPainter &p);
    void paintStatusLine(QPainter &p);
    void paintLegend(QPainter &p, qint64 now);
    const MapPalette &palette() const;

    std::shared_ptr<const CityBaseMap> m_map;
    MapViewport m_vp;
    bool m_dark = false;
    static constexpr unsigned bit(Layer l) { return 1u << static_cast<unsigned>(l); }
    unsigned m_layers = bit(Layer::Riders) | bit(Layer::Zones) | bit(Layer::Trails) | bit(Layer::Destinations);
    double m_clusterBelowZoom = 14.0;

    RiderStore m_riders;      // what is drawn: the live fleet, or the replayed one
    RiderStore m_liveRiders;  // the live fleet while a replay is shown
    bool m_replaying = false;
    qint64 m_replayAt = 0;
    RiderLayout m_layout;
    bool m_layoutDirty = true;
    RiderSprites m_sprites;
    QTimer m_repaintTimer;
    std::function<qint64()> m_now;
    qint64 m_staleAfterMs = 60000;
    bool m_trailsForAll = false;
    QSet<QString> m_alerted;
    QSet<QString> m_degradedDepots;

    QHash<QString, sdk::OrderRow> m_orders; // open orders only
    QHash<QString, sdk::OrderRow> m_pendingOrders;
    QMultiHash<QString, QString> m_ordersByRider;
    bool m_orderIndexDirty = false;
    quint64 m_ordersVersion = 0;
    qint64 m_rejectedOrders = 0;

    QString m_selected;
    QString m_selectedOrder;
    QString m_hovered;
    QPolygonF m_route;
    LabelPlacer m_placer;
    QPointF m_selectedAt{-1, -1}; // the selected rider's marker as laid out, (-1,-1) when not drawn
    bool m_follow = false;
    bool m_followBanner = false;
    bool m_autoFit = true;

    QImage m_baseCache;
    MapViewport m_baseCacheVp;
    bool m_baseCacheDark = false;
    bool m_baseCacheZones = true;
    QPointer<sdk::MapTileService> m_tileService;
    QCache<quint64, QImage> m_tiles{256}; // 64 MB at most; a 1920x1080 view needs ~40 tiles
    QHash<quint64, qint64> m_tileAskedAt;
    QImage m_heatCache;
    MapViewport m_heatCacheVp;
    quint64 m_heatCacheVersion = ~0ull;

    QPointF m_pressPos;
    QPointF m_lastDragPos;
    bool m_dragging = false;
    QPointF m_mousePos{-1, -1};
    QGeoCoordinate m_cursor;
};

} // namespace opsdeck::widgets
