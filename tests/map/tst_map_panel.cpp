// The "Live map" panel on the host's real ConsoleContext: riders and orders arrive
// through the context's batched signals, and the toolbar drives the view.
#include "app/ConsoleContextAdapter.h"
#include "widgets/MapPanel.h"
#include "widgets/MapView.h"

#include <QComboBox>
#include <QTest>
#include <QToolButton>

using namespace opsdeck;

class TestMapPanel final : public QObject
{
    Q_OBJECT
private slots:
    void followsTheContextAndTheToolbar()
    {
        app::ConsoleContextAdapter context({QStringLiteral("dispatcher"), QStringLiteral("li"), true});
        core::ConsoleDelta first;
        core::RiderRecord r;
        r.riderId = "R1";
        r.name = "Zhang San";
        r.status = "delivering";
        r.lat = 39.93;
        r.lng = 116.46;
        r.fixAtMs = 1000;
        first.riders.push_back(r);
        context.applyDelta(first); // before the panel exists: picked up from currentRiders()

        widgets::MapPanel panel;
        panel.resize(1000, 700);
        panel.attach(&context);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        widgets::MapView *map = panel.mapView();
        map->flushPending();
        QCOMPARE(map->riderCount(), 1);

        core::ConsoleDelta second;
        r.riderId = "R2";
        second.riders.push_back(r);
        r.riderId = "R1";
        r.lat = 39.94;
        r.fixAtMs = 2000;
        second.riders.push_back(r);
        context.applyDelta(second);
        QTRY_COMPARE(map->riderCount(), 2); // through the repaint timer, not a flush call
        map->setZoom(16);
        map->setCenter(QGeoCoordinate(39.94, 116.46));
        QCOMPARE(map->riderAt(map->screenPositionOf(QStringLiteral("R1"))), QStringLiteral("R1"));
        QVERIFY(std::abs(map->screenPositionOf(QStringLiteral("R1")).y() - map->height() / 2.0) < 1.0);

        auto *heat = panel.findChild<QToolButton *>(QStringLiteral("heatmapButton"));
        QVERIFY(heat && !map->isLayerVisible(widgets::MapView::Layer::Heatmap));
        heat->click();
        QVERIFY(map->isLayerVisible(widgets::MapView::Layer::Heatmap));
        auto *riders = panel.findChild<QToolButton *>(QStringLiteral("ridersButton"));
        riders->click();
        QVERIFY(map->riderAt(map->screenPositionOf(QStringLiteral("R1"))).isEmpty());

        auto *fit = panel.findChild<QComboBox *>(QStringLiteral("fitCombo"));
        QCOMPARE(fit->count(), 6); // the city and its five depots
        const double cityZoom = map->zoom();
        fit->activated(2);
        QVERIFY(map->zoom() != cityZoom);
    }
};

QTEST_MAIN(TestMapPanel)
#include "tst_map_panel.moc"
