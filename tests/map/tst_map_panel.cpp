// The "Live map" panel on the host's real ConsoleContext: riders and orders arrive
// through the context's batched signals, and the toolbar drives the view.
#include "app/shell/ConsoleContextAdapter.h"
#include "sdk/RiderHistoryService.h"
#include "widgets/map/MapPanel.h"
#include "widgets/map/MapTimeText.h"
#include "widgets/map/MapView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QHash>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QTest>
#include <QTimeZone>
#include <QToolButton>

#include <ctime>

using namespace opsdeck;

namespace {

// The panel as a window shows it, following the given console context.
bool showAttached(widgets::MapPanel &panel, app::ConsoleContextAdapter &context)
{
    panel.resize(1000, 700);
    panel.attach(&context);
    panel.show();
    return QTest::qWaitForWindowExposed(&panel);
}

// Stored positions without a store: the range is given, every moment answers at once.
class FakeHistory final : public sdk::RiderHistoryService
{
public:
    qint64 fromMs = 0;
    qint64 toMs = 0;
    QList<qint64> asked;
    void requestFleetAt(qint64 atMs) override
    {
        asked.append(atMs);
        emit fleetAt(atMs, {});
    }
    void requestRange() override { emit rangeKnown(fromMs, toMs); }
};

core::ConsoleDelta riderOf(const char *id, const char *depot, double lat, double lng)
{
    core::ConsoleDelta d;
    core::RiderRecord r;
    r.riderId = id;
    r.depot = depot;
    r.status = "idle";
    r.lat = lat;
    r.lng = lng;
    r.fixAtMs = 1000;
    d.riders.push_back(r);
    return d;
}

} // namespace

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
        r.depot = "BJ-CY-01";
        first.riders.push_back(r);
        context.applyDelta(first); // before the panel exists: picked up from currentRiders()

        widgets::MapPanel panel;
        QVERIFY(showAttached(panel, context));
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
        QCOMPARE(fit->count(), 2); // the city and the one depot the feed has
        const double cityZoom = map->zoom();
        fit->activated(1);
        QVERIFY(map->zoom() != cityZoom);
    }

    // Each layer button changes what is drawn (and only the map's layer state says so
    // otherwise); the trail settings reach the view.
    void layerTogglesAndTrailSettingsChangeTheDrawing()
    {
        app::ConsoleContextAdapter context({QStringLiteral("dispatcher"), QStringLiteral("li"), true});
        widgets::MapPanel panel;
        QVERIFY(showAttached(panel, context));
        widgets::MapView *map = panel.mapView();
        map->setClock([] { return qint64(200'000); });
        // R1 drives east for two minutes (a trail), carrying an order to the north-east.
        for (int i = 0; i <= 12; ++i) {
            core::ConsoleDelta d;
            core::RiderRecord r;
            r.riderId = "R1";
            r.status = "delivering";
            r.lat = 39.930;
            r.lng = 116.440 + i * 0.002;
            r.fixAtMs = 80'000 + i * 10'000;
            d.riders.push_back(r);
            if (i == 0) {
                core::OrderRecord o;
                o.orderId = "O1";
                o.depot = "BJ-CY-01";
                o.state = core::OrderState::Delivering;
                o.riderId = "R1";
                o.lat = 39.945;
                o.lng = 116.47;
                d.orders.push_back(o);
            }
            context.applyDelta(d);
            QTRY_COMPARE(map->riderCount(), 1);
            map->flushPending();
        }
        map->setZoom(14);
        map->setCenter(QGeoCoordinate(39.937, 116.455));
        map->selectRider(QStringLiteral("R1"));
        const auto drawn = [map] {
            map->repaint();
            return map->grab().toImage();
        };
        for (const char *name : {"trailsButton", "zonesButton", "destinationsButton"}) {
            auto *button = panel.findChild<QToolButton *>(QLatin1String(name));
            QVERIFY2(button, name);
            const QImage before = drawn();
            button->click();
            const QImage after = drawn();
            QVERIFY2(before != after, name);
            button->click();
            QVERIFY2(drawn() == before, name); // back as it was
        }

        auto *minutes = panel.findChild<QSpinBox *>(QStringLiteral("trailMinutesSpin"));
        QVERIFY(minutes);
        minutes->setValue(25);
        QCOMPARE(map->trailMinutes(), 25);
        auto *all = panel.findChild<QCheckBox *>(QStringLiteral("allTrailsCheck"));
        QVERIFY(all && !map->trailsForAllRiders());
        all->click();
        QVERIFY(map->trailsForAllRiders());
    }

    // The Dark button switches the map's palette and back (the drawing with it); the
    // Follow button keeps the selected rider centred until clicked again, is inert while
    // nothing is selected, and unchecks itself when the user pans the map by hand.
    void paletteAndFollowButtons()
    {
        app::ConsoleContextAdapter context({QStringLiteral("dispatcher"), QStringLiteral("li"), true});
        widgets::MapPanel panel;
        QVERIFY(showAttached(panel, context));
        widgets::MapView *map = panel.mapView();
        qint64 fixAt = 1000;
        const auto fix = [&](double lat, double lng) {
            core::ConsoleDelta d;
            core::RiderRecord r;
            r.riderId = "R1";
            r.status = "delivering";
            r.lat = lat;
            r.lng = lng;
            r.fixAtMs = fixAt += 1000;
            d.riders.push_back(r);
            context.applyDelta(d);
            // The context batches its signal: wait for the row, then take the repaint tick.
            QTRY_VERIFY(QLineF(map->screenPositionOf(QStringLiteral("R1")),
                               map->viewport().toScreen(widgets::mercator::project(lat, lng))).length() < 0.5);
            map->flushPending();
        };
        fix(39.930, 116.440);
        map->setZoom(15);
        map->setCenter(QGeoCoordinate(39.925, 116.450));
        const auto drawn = [map] {
            map->repaint();
            return map->grab().toImage().convertToFormat(QImage::Format_RGB32);
        };
        const auto ground = [](const QImage &img) { // the most common colour
            QHash<QRgb, int> counts;
            for (int y = 0; y < img.height(); y += 2)
                for (int x = 0; x < img.width(); x += 2)
                    ++counts[img.pixel(x, y)];
            return std::max_element(counts.keyValueBegin(), counts.keyValueEnd(),
                                    [](auto a, auto b) { return a.second < b.second; })->first;
        };

        auto *dark = panel.findChild<QToolButton *>(QStringLiteral("darkButton"));
        QVERIFY(dark && dark->isCheckable() && !dark->isChecked() && !map->darkPalette());
        const QImage light = drawn();
        dark->click();
        QVERIFY(map->darkPalette());
        const QImage night = drawn();
        QVERIFY(night != light);
        // The ground of each rendering is its palette's (luminance far apart).
        QVERIFY2(qGray(ground(light)) > 180 && qGray(ground(night)) < 60,
                 qPrintable(QStringLiteral("%1 / %2").arg(QColor(ground(light)).name(), QColor(ground(night)).name())));
        dark->click();
        QVERIFY(!map->darkPalette());
        QCOMPARE(drawn(), light);

        auto *follow = panel.findChild<QToolButton *>(QStringLiteral("followButton"));
        QVERIFY(follow && follow->isCheckable() && !follow->isChecked());
        // (Distances in metres: rider fixes are projected through a table, centimetres off.)
        const QGeoCoordinate still = map->center();
        // Nothing selected: the button moves nothing, nor does a new fix.
        follow->click();
        fix(39.931, 116.441);
        QVERIFY(map->center().distanceTo(still) < 0.5);
        follow->click();
        QVERIFY(!map->followSelected());

        map->selectRider(QStringLiteral("R1"));
        QVERIFY(map->center().distanceTo(still) < 0.5); // selecting alone does not move the map
        follow->click();
        QVERIFY(map->followSelected());
        QVERIFY(map->center().distanceTo(QGeoCoordinate(39.931, 116.441)) < 0.5);
        fix(39.936, 116.448);
        QVERIFY(map->center().distanceTo(QGeoCoordinate(39.936, 116.448)) < 0.5);
        follow->click(); // off: the next fix leaves the map where it is
        QVERIFY(!map->followSelected());
        fix(39.941, 116.455);
        QVERIFY(map->center().distanceTo(QGeoCoordinate(39.936, 116.448)) < 0.5);

        // F on the map turns it on (the button follows), an arrow key pan ends it.
        map->setFocus();
        QTest::keyClick(map, Qt::Key_F);
        QVERIFY(map->followSelected() && follow->isChecked());
        QVERIFY(map->center().distanceTo(QGeoCoordinate(39.941, 116.455)) < 0.5);
        QTest::keyClick(map, Qt::Key_Left);
        QVERIFY(!map->followSelected());
        QVERIFY(!follow->isChecked());
    }

    // The fit combo lists "Whole city" and only the depots the feed has reported, in
    // rider and order rows, added as they appear (sorted, once each). A depot the city
    // map does not know is listed by its id and fitted to its riders.
    void depotComboListsTheFeedsDepots()
    {
        app::ConsoleContextAdapter context({QStringLiteral("dispatcher"), QStringLiteral("li"), true});
        context.applyDelta(riderOf("R1", "BJ-HD-02", 39.98, 116.31)); // before the panel: from the snapshot
        widgets::MapPanel panel;
        QVERIFY(showAttached(panel, context));
        auto *fit = panel.findChild<QComboBox *>(QStringLiteral("fitCombo"));
        QVERIFY(fit);
        QCOMPARE(fit->count(), 2);
        QCOMPARE(fit->itemData(0).toString(), QString());
        QCOMPARE(fit->itemData(1).toString(), QStringLiteral("BJ-HD-02"));
        QVERIFY(fit->itemText(1).contains(QStringLiteral("海淀中关村站")));

        core::ConsoleDelta order;
        core::OrderRecord o;
        o.orderId = "O1";
        o.depot = "BJ-CY-01";
        o.state = core::OrderState::Created;
        order.orders.push_back(o);
        context.applyDelta(order);
        QTRY_COMPARE(fit->count(), 3);
        QCOMPARE(fit->itemData(1).toString(), QStringLiteral("BJ-CY-01"));
        context.applyDelta(riderOf("R7", "ZZ-NEW-09", 39.90, 116.60));
        context.applyDelta(riderOf("R8", "ZZ-NEW-09", 39.92, 116.62));
        context.applyDelta(riderOf("R2", "BJ-HD-02", 39.97, 116.32));
        QTRY_COMPARE(fit->count(), 4);
        QTRY_COMPARE(panel.mapView()->riderCount(), 4);
        panel.mapView()->flushPending();
        QCOMPARE(fit->itemData(3).toString(), QStringLiteral("ZZ-NEW-09"));
        QCOMPARE(fit->itemText(3), QStringLiteral("ZZ-NEW-09"));
        fit->setCurrentIndex(3);
        fit->activated(3);
        QVERIFY(panel.mapView()->center().distanceTo(QGeoCoordinate(39.91, 116.61)) < 200);
        QCOMPARE(fit->itemText(0), QStringLiteral("Whole city"));
    }

    // Choosing a depot (or the whole city) while following turns Follow off, visibly
    // (the button unchecks) and for good: new fixes leave the chosen view alone until
    // Follow is clicked again, which brings the rider back to the centre.
    void depotChoiceEndsFollow()
    {
        app::ConsoleContextAdapter context({QStringLiteral("dispatcher"), QStringLiteral("li"), true});
        widgets::MapPanel panel;
        QVERIFY(showAttached(panel, context));
        widgets::MapView *map = panel.mapView();
        context.applyDelta(riderOf("R1", "BJ-CY-01", 39.930, 116.440));
        QTRY_COMPARE(map->riderCount(), 1);
        map->flushPending();
        map->selectRider(QStringLiteral("R1"));
        auto *follow = panel.findChild<QToolButton *>(QStringLiteral("followButton"));
        auto *fit = panel.findChild<QComboBox *>(QStringLiteral("fitCombo"));
        QVERIFY(map->followBanner()); // the map says when it follows (tst_map_labels)
        QTRY_COMPARE(fit->count(), 2);
        follow->click();
        QVERIFY(map->followSelected());
        QVERIFY(map->center().distanceTo(QGeoCoordinate(39.930, 116.440)) < 0.5);

        fit->setCurrentIndex(1);
        fit->activated(1);
        QVERIFY(!map->followSelected());
        QVERIFY(!follow->isChecked());
        const QGeoCoordinate chosen = map->center();
        QVERIFY(chosen.distanceTo(QGeoCoordinate(39.930, 116.440)) > 50);
        core::ConsoleDelta moved = riderOf("R1", "BJ-CY-01", 39.935, 116.445);
        moved.riders.front().fixAtMs = 2000;
        context.applyDelta(moved);
        QTRY_VERIFY(QLineF(map->screenPositionOf(QStringLiteral("R1")),
                           map->viewport().toScreen(widgets::mercator::project(39.935, 116.445))).length() < 0.5);
        map->flushPending();
        QVERIFY(map->center().distanceTo(chosen) < 0.5);

        follow->click(); // explicitly back on
        QVERIFY(map->followSelected());
        QVERIFY(map->center().distanceTo(QGeoCoordinate(39.935, 116.445)) < 0.5);
        fit->setCurrentIndex(0);
        fit->activated(0); // the whole city ends it as well
        QVERIFY(!map->followSelected() && !follow->isChecked());
    }

    // The replay bar and the map's banner show local time ("07:16:10", no zone name,
    // the same text in both), with the date only when the moment is not today; -5 min
    // and +5 min move the replayed moment, within the stored range.
    void replayTimeIsLocalAndStepsFiveMinutes()
    {
        qputenv("TZ", "Asia/Shanghai");
        tzset();
        QLocale::setDefault(QLocale::c());
        // 07:16:10 in Beijing is 23:16:10 UTC the day before.
        const qint64 to = QDateTime(QDate(2026, 12, 7), QTime(7, 16, 10)).toMSecsSinceEpoch();
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(to, QTimeZone::utc()).time(), QTime(23, 16, 10));

        app::ConsoleContextAdapter context({QStringLiteral("dispatcher"), QStringLiteral("li"), true});
        widgets::MapPanel panel;
        FakeHistory history;
        history.fromMs = to - 3'600'000;
        history.toMs = to;
        QVERIFY(showAttached(panel, context));
        panel.setHistoryService(&history);
        widgets::MapView *map = panel.mapView();
        qint64 now = to + 60'000;
        map->setClock([&now] { return now; });
        auto *label = panel.findChild<QLabel *>(QStringLiteral("timeLabel"));
        auto *back = panel.findChild<QToolButton *>(QStringLiteral("back5Button"));
        auto *forward = panel.findChild<QToolButton *>(QStringLiteral("forward5Button"));
        QVERIFY(label && back && forward && !back->isEnabled());

        panel.findChild<QToolButton *>(QStringLiteral("replayButton"))->click();
        QVERIFY(map->inReplay() && back->isEnabled() && forward->isEnabled());
        QCOMPARE(label->text(), QStringLiteral("07:16:10"));
        QCOMPARE(map->replayBannerText(), QStringLiteral("Replay · 07:16:10"));
        QCOMPARE(history.asked.last(), to);

        back->click();
        QCOMPARE(history.asked.last(), to - 300'000);
        QCOMPARE(label->text(), QStringLiteral("07:11:10"));
        QCOMPARE(map->replayBannerText(), QStringLiteral("Replay · 07:11:10"));
        forward->click();
        forward->click(); // not beyond the newest stored moment
        QCOMPARE(history.asked.last(), to);
        for (int k = 0; k < 13; ++k)
            back->click(); // nor before the oldest
        QCOMPARE(history.asked.last(), to - 3'600'000);
        QCOMPARE(label->text(), QStringLiteral("06:16:10"));

        now = to + 86'400'000; // the moment is yesterday's: its date is shown
        forward->click();
        const QString yesterday = QLocale().toString(QDate(2026, 12, 7), QLocale::ShortFormat);
        QCOMPARE(label->text(), yesterday + QStringLiteral(" 06:21:10"));
        QCOMPARE(map->replayBannerText(), QStringLiteral("Replay · ") + yesterday + QStringLiteral(" 06:21:10"));
        // In every locale the time has its seconds and no zone name.
        for (const char *name : {"en_US", "en_GB", "zh_CN", "de_DE"}) {
            const QString text = widgets::mapTimeText(to, to, QLocale(QString::fromLatin1(name)));
            QVERIFY2(text.contains(QStringLiteral("16:10")) && !text.contains(QStringLiteral("UTC"))
                         && !text.contains(QStringLiteral("CST")) && !text.contains(QStringLiteral("GMT")),
                     qPrintable(text));
        }
    }
};

QTEST_MAIN(TestMapPanel)
#include "tst_map_panel.moc"
