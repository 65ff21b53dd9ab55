// opsdeck-bench map [--frames N] [--riders N]
// 20k riders moving at 1 Hz, rendered offscreen at 1920x1080: MapView (through its own
// paintEvent, via QWidget::render) against a plain QGraphicsView holding one ellipse item
// per rider over the same roads. Between two frames one second of fleet movement happens:
// every rider gets a new fix. A frame is what a repaint costs after that second: the
// rider layout (projection to screen, clustering, hit grid) and the paint. Taking in the
// fixes is timed separately for both contenders (MapView::enqueueRiders, which in the
// console is spread over the second's ridersChanged batches; QGraphicsItem::setPos for
// the baseline) and printed above the RESULT line.
#include "widgets/map/CityBaseMap.h"
#include "widgets/map/MapProjection.h"
#include "widgets/map/MapView.h"

#include <QApplication>
#include <QGraphicsEllipseItem>
#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QRandomGenerator>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <vector>

#include <time.h>

using namespace opsdeck;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kWidth = 1920;
constexpr int kHeight = 1080;
const char *const kStatuses[] = {"idle", "to_pickup", "delivering", "delivering", "delivering", "break", "offline"};

struct Fleet {
    QList<sdk::RiderRow> rows;
    qint64 nowMs = 1'790'000'000'000;

    Fleet(int n, const widgets::CityBaseMap &map)
    {
        QRandomGenerator rng(7);
        const QGeoCoordinate tl = widgets::mercator::unproject(map.worldBounds().topLeft());
        const QGeoCoordinate br = widgets::mercator::unproject(map.worldBounds().bottomRight());
        rows.reserve(n);
        for (int i = 0; i < n; ++i) {
            sdk::RiderRow r;
            r.riderId = QStringLiteral("R%1").arg(i, 5, 10, QLatin1Char('0'));
            r.name = QStringLiteral("Rider %1").arg(i);
            r.status = QString::fromLatin1(kStatuses[rng.bounded(7)]);
            // Riders crowd around depots like a real fleet: half near a depot, half anywhere.
            if (i % 2 == 0 && !map.depots().empty()) {
                const auto &d = map.depots()[static_cast<std::size_t>(i / 2) % map.depots().size()];
                r.lat = d.coordinate.latitude() + rng.generateDouble() * 0.04 - 0.02;
                r.lng = d.coordinate.longitude() + rng.generateDouble() * 0.05 - 0.025;
            } else {
                r.lat = br.latitude() + rng.generateDouble() * (tl.latitude() - br.latitude());
                r.lng = tl.longitude() + rng.generateDouble() * (br.longitude() - tl.longitude());
            }
            r.speedMps = r.status == QLatin1String("offline") ? 0.0 : 3.0 + rng.generateDouble() * 5.0;
            r.headingDeg = rng.bounded(360);
            r.batteryPct = rng.bounded(100);
            r.fixAtMs = nowMs;
            rows.append(r);
        }
    }

    // One simulated second: every rider moves along its heading (and turns a little).
    void step(QRandomGenerator &rng)
    {
        nowMs += 1000;
        for (sdk::RiderRow &r : rows) {
            r.headingDeg = std::fmod(r.headingDeg + rng.bounded(21) - 10 + 360.0, 360.0);
            const double rad = r.headingDeg * widgets::mercator::kPi / 180.0;
            r.lat += std::cos(rad) * r.speedMps / 111320.0;
            r.lng += std::sin(rad) * r.speedMps / (111320.0 * 0.7672);
            if (r.riderId.back() != QLatin1Char('7')) // every tenth rider's fix goes stale
                r.fixAtMs = nowMs;
        }
    }
};

double percentile(std::vector<double> v, double q)
{
    std::sort(v.begin(), v.end());
    const auto k = static_cast<std::size_t>(std::clamp(q * (v.size() - 1) + 0.5, 0.0, double(v.size() - 1)));
    return v[k];
}

// Frame times are the GUI thread's CPU time: the machines this runs on are shared, and
// wall time there measures the neighbours. Everything timed is single-threaded work on
// this thread, so on an idle machine the two agree (the wall p95 is printed as well).
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct Stopwatch {
    double cpu0 = threadCpuMs();
    Clock::time_point wall0 = Clock::now();
    double cpuMs() const { return threadCpuMs() - cpu0; }
    double wallMs() const { return std::chrono::duration<double, std::milli>(Clock::now() - wall0).count(); }
};

std::vector<double> g_wallMs; // wall-clock twin of the last run's CPU figures

// Frames of MapView: apply the second's fixes and render through paintEvent.
std::vector<double> g_applyMs; // taking in one second of fixes, per frame of the last run

std::vector<double> runMapView(widgets::MapView &view, Fleet fleet, int frames, QImage &image)
{
    QRandomGenerator rng(11);
    std::vector<double> ms;
    g_wallMs.clear();
    g_applyMs.clear();
    for (int f = -5; f < frames; ++f) { // 5 warm-up frames fill the sprite caches
        fleet.step(rng);
        const Stopwatch in;
        view.enqueueRiders(fleet.rows);
        const double applied = in.cpuMs();
        const Stopwatch t;
        view.flushPending(); // the repaint tick: marks the layout dirty, schedules paint
        view.render(&image);
        if (f >= 0) {
            ms.push_back(t.cpuMs());
            g_wallMs.push_back(t.wallMs());
            g_applyMs.push_back(applied);
        }
    }
    return ms;
}

QColor naiveColor(const QString &status)
{
    return widgets::MapPalette::statusColor(widgets::riderStatusFromWire(status));
}

// The baseline: the textbook Qt way, one QGraphicsEllipseItem per rider in a scene laid
// out in world pixels at the same zoom, moved with setPos() and rendered by the view.
std::vector<double> runNaive(const widgets::CityBaseMap &map, Fleet fleet, const widgets::MapViewport &vp, int frames,
                             QImage &image)
{
    QGraphicsScene scene;
    const double s = vp.scale();
    scene.setSceneRect(QRectF(vp.toWorld({0, 0}) * s, vp.toWorld({double(kWidth), double(kHeight)}) * s));
    for (const auto &road : map.roads()) {
        QPainterPath path;
        path.moveTo(road.world.first() * s);
        for (int i = 1; i < road.world.size(); ++i)
            path.lineTo(road.world[i] * s);
        auto *item = scene.addPath(path, QPen(QColor(0xc8, 0xc2, 0xb8), 2.0));
        item->setZValue(-1);
    }
    std::vector<QGraphicsEllipseItem *> items;
    items.reserve(static_cast<std::size_t>(fleet.rows.size()));
    for (const sdk::RiderRow &r : std::as_const(fleet.rows)) {
        auto *item = scene.addEllipse(QRectF(-5, -5, 10, 10), QPen(Qt::white, 1.5), naiveColor(r.status));
        item->setPos(widgets::mercator::project(r.lat, r.lng) * s);
        items.push_back(item);
    }
    QGraphicsView view(&scene);
    view.setRenderHint(QPainter::Antialiasing);
    view.setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view.setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view.setFrameShape(QFrame::NoFrame);
    view.resize(kWidth, kHeight);
    view.setSceneRect(scene.sceneRect());
    QRandomGenerator rng(11);
    std::vector<double> ms;
    g_wallMs.clear();
    g_applyMs.clear();
    for (int f = -2; f < frames; ++f) {
        fleet.step(rng);
        const Stopwatch in;
        for (qsizetype i = 0; i < fleet.rows.size(); ++i) {
            const sdk::RiderRow &r = fleet.rows[i];
            items[static_cast<std::size_t>(i)]->setPos(widgets::mercator::project(r.lat, r.lng) * s);
        }
        if (f >= 0)
            g_applyMs.push_back(in.cpuMs());
        const Stopwatch t;
        static_cast<QWidget &>(view).render(&image); // the widget path, like MapView
        if (f >= 0) {
            ms.push_back(t.cpuMs());
            g_wallMs.push_back(t.wallMs());
        }
    }
    return ms;
}

int intArg(const QStringList &args, const QString &name, int fallback)
{
    const int at = args.indexOf(name);
    return at > 0 && at + 1 < args.size() ? args.at(at + 1).toInt() : fallback;
}

} // namespace

int runMapBench(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int frames = std::max(10, intArg(args, QStringLiteral("--frames"), 60));
    const int riders = std::max(1, intArg(args, QStringLiteral("--riders"), 20000));
    const auto map = widgets::CityBaseMap::builtIn();
    if (!map) {
        std::fprintf(stderr, "bench map: no city map\n");
        return 1;
    }
    const Fleet fleet(riders, *map);
    QImage image(kWidth, kHeight, QImage::Format_ARGB32_Premultiplied);

    widgets::MapView view;
    view.resize(kWidth, kHeight);
    view.setAttribute(Qt::WA_DontShowOnScreen);
    view.show();
    view.setBaseMap(map);
    qint64 now = fleet.nowMs;
    view.setClock([&now] { return now; });
    view.fitToCity(); // the dispatcher's default view: the whole city

    const std::vector<double> mapMs = runMapView(view, fleet, frames, image);
    const double wallP95 = percentile(g_wallMs, 0.95);
    const double applyP50 = percentile(g_applyMs, 0.5);
    const widgets::MapViewport cityVp = view.viewport();

    // Context lines (not the RESULT): the same fleet without clustering, and at street
    // level, so the figures do not hide behind cluster bubbles.
    view.setClusterBelowZoom(0);
    const std::vector<double> flatMs = runMapView(view, fleet, frames, image);
    view.fitToDepot(view.depotIds().value(0));
    view.zoomAbout(15.5 - view.zoom(), QPointF(kWidth / 2.0, kHeight / 2.0));
    const std::vector<double> streetMs = runMapView(view, fleet, frames, image);

    const std::vector<double> naiveMs = runNaive(*map, fleet, cityVp, frames, image);
    const double naiveWallP95 = percentile(g_wallMs, 0.95);
    const double naiveApplyP50 = percentile(g_applyMs, 0.5);

    const double p50 = percentile(mapMs, 0.5), p95 = percentile(mapMs, 0.95);
    const double naiveP95 = percentile(naiveMs, 0.95);
    std::printf("component figures: MapView and a QGraphicsView painting offscreen, no console\n");
    std::printf("map view, city zoom %.1f (clustered): %d frames p50 %.2f ms p95 %.2f ms\n", cityVp.zoom, frames, p50, p95);
    std::printf("taking in one second of fixes (%d riders), p50: MapView::enqueueRiders %.2f ms, "
                "QGraphicsItem::setPos %.2f ms\n", riders, applyP50, naiveApplyP50);
    std::printf("map view, city zoom, clustering off (%d markers): p50 %.2f ms p95 %.2f ms\n", riders,
                percentile(flatMs, 0.5), percentile(flatMs, 0.95));
    std::printf("map view, street zoom 15.5 over %s: p50 %.2f ms p95 %.2f ms\n", qPrintable(view.depotIds().value(0)),
                percentile(streetMs, 0.5), percentile(streetMs, 0.95));
    std::printf("QGraphicsView, one item per rider: p50 %.2f ms p95 %.2f ms\n", percentile(naiveMs, 0.5), naiveP95);
    std::printf("wall clock p95 (includes time this machine gave to other processes): map %.2f ms, "
                "QGraphicsView %.2f ms\n", wallP95, naiveWallP95);
    std::printf("RESULT map riders=%d p50_ms=%.2f p95_ms=%.2f naive_p95_ms=%.2f ratio=%.1f\n", riders, p50, p95, naiveP95,
                naiveP95 / p95);
    return 0;
}
