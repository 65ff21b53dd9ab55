// The board's store side on a real, encrypted SQLite file: live events go through the
// core and its BoardIndexFeeder into the search index (in memory) and the order ->
// event side table; search finds 张伟 by 张 and by the phone's last 4 digits; names and
// phones never reach the database file in plain text; the detail timeline of an order
// is exactly its stored events, and the detail panel shows it with the items, the
// e-signature reference and the actions; a restart refills the index from the projections.
#include "access/TestAccess.h"
#include "BoardEvents.h"
#include "app/features/board/BoardServices.h"
#include "app/shell/ConsoleContextAdapter.h"
#include "app/features/board/StoreOrderHistory.h"
#include "app/features/board/StoreOrderSearch.h"
#include "core/pipeline/ConsoleCore.h"
#include "store/log/EventStore.h"
#include "store/db/StoreWorker.h"
#include "widgets/board/BoardModel.h"
#include "widgets/map/CityBaseMap.h"
#include "widgets/map/MapView.h"
#include "widgets/board/OrderDetailPanel.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QTextBrowser>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <memory>

using namespace opsdeck;
using boardtest::created;
using boardtest::kSpinach;
using boardtest::kT0;
using boardtest::orderEvent;

namespace {

core::Event withReason(core::Event e, const std::string &reason)
{
    e.reason = reason;
    return e;
}

// The ",eta" member of a data object, minutes after kT0. Out here because moc cannot
// parse this raw string inside a class body.
std::string eta(std::int64_t minutes)
{
    return R"(,"eta":")" + core::formatTimestampMs(kT0 + minutes * 60000) + '"';
}

// The order as the board's row has it: the detail panel's summary comes from there, the
// rest of the detail from the store.
sdk::OrderRow boardRow(const QString &orderId, const QString &state)
{
    sdk::OrderRow row;
    row.orderId = orderId;
    row.depot = QStringLiteral("BJ-CY-01");
    row.state = state;
    return row;
}

// A running store + core with the board's services, as main.cpp assembles them.
struct Pipeline {
    explicit Pipeline(const QString &db)
    {
        auto store = std::make_unique<store::EventStore>();
        store->open(db);
        worker = std::make_unique<store::StoreWorker>(std::move(store));
        core::ConsoleCore::Options options;
        options.tickIntervalMs = 20;
        options.wallClockMs = [this] {
            ++ticks; // read once per tick: settle() counts ticks, not time
            return kT0;
        };
        core = std::make_unique<core::ConsoleCore>(
            core::Projections{}, [this](core::StoreBatch &&b) { worker->submit(std::move(b)); },
            [](core::ConsoleDelta &&) {}, options);
        services.assemble(*core, *worker);
        core->start();
        // The control endpoint is never used here: no action is taken.
        services.provideTo(context, *worker, "tcp://127.0.0.1:9", {}, access.guard);
    }
    ~Pipeline()
    {
        core->stop();
        worker->stop();
    }
    bool settle()
    {
        // The feeder posts what it collected once per tick, after the tick's batches.
        // Three more clock reads: a tick that began after everything posted so far was
        // taken has finished, so its post is with the writer.
        const int from = ticks.load();
        return QTest::qWaitFor([&] { return ticks.load() >= from + 3; }, 10000)
            && worker->waitUntilIdle(std::chrono::seconds(10));
    }

    std::atomic<int> ticks{0};
    app::BoardServices services;
    std::unique_ptr<store::StoreWorker> worker;
    std::unique_ptr<core::ConsoleCore> core;
    app::ConsoleContextAdapter context{{QStringLiteral("dispatcher"), QStringLiteral("disp1"), true}};
    accesstest::TestAccess access{"disp1", "dispatcher"};
};

QStringList search(app::StoreOrderSearch &search, const QString &text)
{
    QSignalSpy spy(&search, &sdk::OrderSearch::resultsReady);
    const quint64 ticket = search.search(text, 50);
    if (!spy.wait(5000))
        return {QStringLiteral("<no answer>")};
    if (spy.first().at(0).toULongLong() != ticket)
        return {QStringLiteral("<wrong ticket>")};
    QStringList ids = spy.first().at(2).toStringList();
    ids.sort();
    return ids;
}

// `line` is in the detail's section `title` (between its heading and the next one).
bool inSection(const QString &text, const QString &title, const QString &line)
{
    static const QStringList kTitles{QStringLiteral("ETA and its updates"), QStringLiteral("Items"),
                                     QStringLiteral("E-signature"), QStringLiteral("Exception notes"),
                                     QStringLiteral("Actions taken")};
    const qsizetype start = text.indexOf(title + QLatin1Char('\n'));
    if (start < 0)
        return false;
    qsizetype end = text.size();
    const qsizetype next = kTitles.indexOf(title) + 1;
    if (next > 0 && next < kTitles.size()) {
        const qsizetype nextStart = text.indexOf(kTitles.at(next) + QLatin1Char('\n'), start);
        if (nextStart > start)
            end = nextStart;
    }
    const qsizetype at = text.indexOf(line, start);
    return at > start && at < end;
}

bool fileContains(const QString &path, const QByteArray &needle)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.readAll().contains(needle);
}

} // namespace

class TestBoardStore final : public QObject
{
    Q_OBJECT
private slots:
    // Issue 18: a refund and a message to the customer (protocol.md "Extensions") are
    // applied without moving the order and show on its timeline in words.
    void refundAndMessageOnTheTimeline()
    {
        QTemporaryDir dir;
        Pipeline p(dir.filePath(QStringLiteral("console.db")));
        core::FeedBatch batch;
        batch.events.push_back(created(1, "o-9", "张伟", "13812345678"));
        core::Event refund = orderEvent(core::EventKind::OrderRefunded, 2, "o-9", R"(,"amount":3.5,"reason":"late")");
        refund.amount = 3.5;
        batch.events.push_back(withReason(refund, "late"));
        batch.events.push_back(withReason(
            orderEvent(core::EventKind::CustomerNotified, 3, "o-9", R"(,"template":"delay_apology","lang":"en")"),
            "delay_apology"));
        p.core->post(std::move(batch));
        QVERIFY(p.settle());
        app::StoreOrderHistory &history = *p.services.history();
        QSignalSpy details(&history, &sdk::OrderHistory::detailReady);
        history.requestDetail(QStringLiteral("o-9"));
        QVERIFY(details.wait(5000));
        const auto detail = details.first().at(0).value<sdk::OrderDetail>();
        QCOMPARE(detail.timeline.size(), 3);
        QCOMPARE(detail.timeline.at(1).type, QStringLiteral("order.refunded"));
        QVERIFY2(detail.timeline.at(1).what.startsWith(QStringLiteral("Refunded 3.5")), qPrintable(detail.timeline.at(1).what));
        QCOMPARE(detail.timeline.at(2).type, QStringLiteral("customer.notified"));
        QVERIFY2(detail.timeline.at(2).what.contains(QStringLiteral("delay apology")), qPrintable(detail.timeline.at(2).what));
    }

    void searchTimelineAndEncryption()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("console.db"));
        {
            Pipeline p(db);
            core::FeedBatch batch;
            batch.events.push_back(created(1, "o-1", "张伟", "13812345678", kSpinach));
            batch.events.push_back(created(2, "o-2", "张三", "13900001111", kSpinach));
            batch.events.push_back(created(3, "o-3", "王芳", "13700002222", kSpinach));
            batch.events.push_back(created(4, "o-4", "Zhang Wei", "13600003333", kSpinach));
            batch.events.push_back(orderEvent(core::EventKind::OrderPaid, 5, "o-1", R"(,"amount":42.5,"method":"wechat")"));
            batch.events.push_back(withReason(
                orderEvent(core::EventKind::OrderHeld, 6, "o-1", R"(,"reason":"suspicious_burst")"), "suspicious_burst"));
            batch.events.push_back(orderEvent(core::EventKind::OrderReleased, 7, "o-1", R"(,"by":"alice")"));
            batch.events.push_back(orderEvent(core::EventKind::OrderPaid, 8, "o-2", R"(,"amount":9,"method":"card")"));
            batch.events.push_back(withReason(
                orderEvent(core::EventKind::OrderCancelled, 9, "o-1", R"(,"reason":"customer_request")"),
                "customer_request"));
            // Illegal for o-3 (CREATED -> SIGNED): kept in the log, so on its timeline too.
            batch.events.push_back(orderEvent(core::EventKind::OrderSigned, 10, "o-3", R"(,"signed_by":"王芳","signature_ref":"sig-3")"));
            p.core->post(std::move(batch));
            QVERIFY(p.settle());

            // An order learnt from a snapshot (a resync) never passes through onEvent:
            // the feeder notices the projections grew and indexes it on its tick.
            core::FeedBatch resync;
            core::Event snap = created(0, "o-5", "欧阳娜娜", "13500009999", kSpinach);
            snap.kind = core::EventKind::OrderSnapshot;
            snap.snapshotState = core::OrderState::Paid;
            resync.events.push_back(snap);
            p.core->post(std::move(resync));
            QVERIFY(p.settle());

            // The dispatcher's own search (a masked role, issue 17): order ids and phone
            // tails, never a name, so it cannot confirm who is a customer.
            app::StoreOrderSearch &masked = *p.services.search();
            QCOMPARE(search(masked, QStringLiteral("张伟")), QStringList{});
            QCOMPARE(search(masked, QStringLiteral("Zhang")), QStringList{});
            QCOMPARE(search(masked, QStringLiteral("Zhnag Wei")), QStringList{});
            QCOMPARE(search(masked, QStringLiteral("5678")), QStringList{"o-1"});
            QCOMPARE(search(masked, QStringLiteral("o-3")), QStringList{"o-3"});
            // A role that may view personal data searches names too.
            app::StoreOrderSearch s(*p.worker, p.services.indexes(), true);
            QCOMPARE(search(s, QStringLiteral("欧阳")), QStringList{"o-5"});
            QCOMPARE(search(s, QStringLiteral("9999")), QStringList{"o-5"});
            QCOMPARE(search(s, QStringLiteral("张")), (QStringList{"o-1", "o-2"}));
            QCOMPARE(search(s, QStringLiteral("张伟")), QStringList{"o-1"});
            QCOMPARE(search(s, QStringLiteral("5678")), QStringList{"o-1"});
            QCOMPARE(search(s, QStringLiteral("zhang")), QStringList{"o-4"});   // case-insensitive substring
            QCOMPARE(search(s, QStringLiteral("Zhnag Wei")), QStringList{"o-4"}); // typo: fuzzy
            QCOMPARE(search(s, QStringLiteral("o-3")), QStringList{"o-3"});
            QCOMPARE(search(s, QStringLiteral("李")), QStringList{});
            // Chinese fuzzy: one character wrong (a homophone typed in its place).
            QCOMPARE(search(s, QStringLiteral("欧阳那娜")), QStringList{"o-5"});
            QCOMPARE(search(s, QStringLiteral("王方")), QStringList{"o-3"});
            QCOMPARE(search(s, QStringLiteral("张为")), (QStringList{"o-1", "o-2"}));
            QCOMPARE(search(s, QStringLiteral("刘洋")), QStringList{}); // no character in common
            QCOMPARE(search(s, QStringLiteral("\"; DROP TABLE x; --")), QStringList{}); // quoted, not SQL

            // Only the newest keystroke is answered.
            QSignalSpy answers(&s, &sdk::OrderSearch::resultsReady);
            const quint64 first = s.search(QStringLiteral("张"), 50);
            const quint64 second = s.search(QStringLiteral("王"), 50);
            QTRY_COMPARE(answers.size(), 1);
            // Every answer has left the store thread and been delivered: none follows.
            QVERIFY(p.worker->waitUntilIdle(std::chrono::seconds(5)));
            QCoreApplication::sendPostedEvents();
            QCOMPARE(answers.size(), 1);
            QVERIFY(first != second);
            QCOMPARE(answers.first().at(0).toULongLong(), second);

            // The timeline is exactly the stored events of the order, in order.
            QStringList stored;
            p.worker->post([&stored](store::EventStore &st) {
                st.forEachEvent([&stored](const store::LoggedEvent &e) {
                    if (e.orderId == "o-1")
                        stored << QString::fromStdString(e.type);
                });
            });
            QVERIFY(p.worker->waitUntilIdle(std::chrono::seconds(5)));
            QCOMPARE(stored.size(), 5);
            app::StoreOrderHistory &history = *p.services.history();
            QSignalSpy details(&history, &sdk::OrderHistory::detailReady);
            history.requestDetail(QStringLiteral("o-1"));
            QVERIFY(details.wait(5000));
            const auto detail = details.first().at(0).value<sdk::OrderDetail>();
            QStringList types;
            for (const auto &entry : detail.timeline)
                types << entry.type;
            QCOMPARE(types, stored);
            QCOMPARE(detail.timeline.at(3).who, QStringLiteral("alice"));
            QCOMPARE(detail.items, QStringList{QStringLiteral("2 bag × spinach")});

            history.requestDetail(QStringLiteral("o-3"));
            QVERIFY(details.wait(5000));
            const auto illegal = details.last().at(0).value<sdk::OrderDetail>();
            QCOMPARE(illegal.timeline.size(), 2);
            QCOMPARE(illegal.signatureRef, QStringLiteral("sig-3"));
            QCOMPARE(illegal.timeline.at(1).who, QStringLiteral("王*")); // signed_by is personal data

            // The detail panel shows the same timeline.
            widgets::BoardModel model;
            sdk::OrderRow row = boardRow(QStringLiteral("o-1"), QStringLiteral("CANCELLED"));
            row.merchantId = QStringLiteral("m-1");
            row.channel = QStringLiteral("fresh");
            row.customerName = QStringLiteral("张*");
            row.customerPhone = QStringLiteral("138****5678");
            row.promisedAtMs = kT0 + 1801000;
            model.reset({row});
            widgets::OrderDetailPanel panel(&model, &history);
            QSignalSpy shown(&panel, &widgets::OrderDetailPanel::detailShown);
            panel.showOrder(QStringLiteral("o-1"));
            QVERIFY(shown.wait(5000));
            QCOMPARE(panel.timelineCount(), 5);
            // Its details: the items line under "Items", not signed, no actions.
            auto *browser = panel.findChild<QTextBrowser *>(QStringLiteral("detailsBrowser"));
            QVERIFY(browser);
            QString text = browser->toPlainText();
            QVERIFY2(inSection(text, QStringLiteral("Items"), QStringLiteral("2 bag × spinach")), qPrintable(text));
            QVERIFY2(inSection(text, QStringLiteral("E-signature"), QStringLiteral("Not signed.")), qPrintable(text));
            QVERIFY2(inSection(text, QStringLiteral("Actions taken"), QStringLiteral("No console actions")), qPrintable(text));
            panel.resize(460, 620);
            panel.show();
            QVERIFY(QTest::qWaitForWindowExposed(&panel));
            QDir().mkpath(QStringLiteral(OPSDECK_SCREENSHOT_DIR));
            QVERIFY(panel.grab().save(QStringLiteral(OPSDECK_SCREENSHOT_DIR "/order-detail.png")));

            // The signed order's e-signature reference, on screen under "E-signature".
            panel.showOrder(QStringLiteral("o-3"));
            QVERIFY(shown.wait(5000));
            QCOMPARE(shown.last().at(0).toString(), QStringLiteral("o-3"));
            text = browser->toPlainText();
            QVERIFY2(inSection(text, QStringLiteral("E-signature"), QStringLiteral("sig-3")), qPrintable(text));
            QVERIFY2(!text.contains(QLatin1String("Not signed.")), qPrintable(text));
        }
        // Personal data never reaches the file in plain text (the index is in memory).
        for (const QString &file : {db, db + QStringLiteral("-wal")}) {
            QVERIFY2(!fileContains(file, QByteArrayLiteral("张伟")), qPrintable(file));
            QVERIFY2(!fileContains(file, QByteArrayLiteral("13812345678")), qPrintable(file));
            QVERIFY2(!fileContains(file, QByteArrayLiteral("Zhang Wei")), qPrintable(file));
        }
        // A restart refills the in-memory index from the decrypted projections.
        Pipeline again(db);
        QVERIFY(again.settle());
        app::StoreOrderSearch personal(*again.worker, again.services.indexes(), true);
        QCOMPARE(search(personal, QStringLiteral("张伟")), QStringList{"o-1"});
        QCOMPARE(search(*again.services.search(), QStringLiteral("5678")), QStringList{"o-1"});
    }

    // The detail lists every ETA (dispatch, each update with its reason, reassignment)
    // and every exception with its note and reporter, from the stored events; a change
    // to the order on the board brings the new ETA without reopening it. The summary
    // shows the priority and the customer's note to a role that may read it.
    void detailShowsEtaUpdatesAndExceptionNotes()
    {
        QTemporaryDir dir;
        Pipeline p(dir.filePath(QStringLiteral("console.db")));
        core::FeedBatch batch;
        batch.events.push_back(created(1, "o-7", "张伟", "13812345678", kSpinach));
        batch.events.push_back(orderEvent(core::EventKind::OrderPaid, 2, "o-7", R"(,"amount":42.5,"method":"wechat")"));
        batch.events.push_back(orderEvent(core::EventKind::OrderStockChecked, 3, "o-7", R"(,"ok":true,"short_skus":[])"));
        batch.events.push_back(orderEvent(core::EventKind::OrderDispatched, 4, "o-7",
                                          R"(,"rider_id":"r-1")" + eta(30)));
        batch.events.push_back(orderEvent(core::EventKind::OrderEtaUpdated, 5, "o-7",
                                          eta(38) + R"(,"reason":"traffic")"));
        batch.events.push_back(withReason(orderEvent(core::EventKind::OrderException, 6, "o-7",
                                                     R"(,"reason":"delayed","note":"电动车没电了","reported_by":"r-1")"),
                                          "delayed"));
        p.core->post(std::move(batch));
        QVERIFY(p.settle());

        app::StoreOrderHistory &history = *p.services.history();
        widgets::BoardModel model;
        sdk::OrderRow row = boardRow(QStringLiteral("o-7"), QStringLiteral("EXCEPTION"));
        row.riderId = QStringLiteral("r-1");
        row.customerName = QStringLiteral("张伟");
        row.customerNote = QStringLiteral("放门卫室");
        row.hasCustomerNote = true;
        row.priority = 2;
        model.reset({row});
        widgets::OrderDetailPanel panel(&model, &history);
        QSignalSpy shown(&panel, &widgets::OrderDetailPanel::detailShown);
        panel.showOrder(QStringLiteral("o-7"));
        QVERIFY(shown.wait(5000));
        auto *details = panel.findChild<QTextBrowser *>(QStringLiteral("detailsBrowser"));
        auto *summary = panel.findChild<QLabel *>(QStringLiteral("summaryLabel"));
        QVERIFY(details && summary);
        const auto hhmm = [](std::int64_t minutes) {
            return QDateTime::fromMSecsSinceEpoch(kT0 + minutes * 60000).toString(QStringLiteral("HH:mm:ss"));
        };
        QString text = details->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("ETA %1 (Dispatched)").arg(hhmm(30))), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("ETA %1 (Traffic)").arg(hhmm(38))), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Delayed: 电动车没电了 (reported by r-1)")), qPrintable(text));
        QVERIFY2(summary->text().contains(QStringLiteral("放门卫室")), qPrintable(summary->text()));
        QVERIFY2(summary->text().contains(QStringLiteral("Urgent order")), qPrintable(summary->text()));

        // The exception is resolved by a new rider: the board's batch re-reads the detail.
        core::FeedBatch more;
        more.events.push_back(orderEvent(core::EventKind::OrderReassigned, 7, "o-7",
                                         R"(,"rider_id":"r-2")" + eta(52)));
        p.core->post(std::move(more));
        QVERIFY(p.settle());
        row.state = QStringLiteral("DELIVERING");
        row.riderId = QStringLiteral("r-2");
        model.enqueue({row});
        model.flush();
        QVERIFY(shown.wait(5000));
        text = details->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("ETA %1 (Reassigned)").arg(hhmm(52))), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("ETA %1 (Traffic)").arg(hhmm(38))), qPrintable(text)); // history kept
        QCOMPARE(panel.timelineCount(), 7);

        // A masked role: the note is withheld, its existence is not.
        row.customerNote.clear();
        model.enqueue({row});
        model.flush();
        QVERIFY2(summary->text().contains(QStringLiteral("hidden for your role")), qPrintable(summary->text()));
        QVERIFY(!summary->text().contains(QStringLiteral("放门卫室")));
    }

    // The detail's small map selects the shown order's rider (their trail) and the order
    // (its route), follows the rider, and moves to the new rider on a reassignment.
    void detailMapFollowsTheOrdersRider()
    {
        widgets::BoardModel model;
        sdk::OrderRow row = boardRow(QStringLiteral("o-9"), QStringLiteral("DELIVERING"));
        row.riderId = QStringLiteral("r-1");
        row.lat = 39.93;
        row.lng = 116.46;
        model.reset({row});
        auto *map = new widgets::MapView;
        map->setClock([] { return kT0; }); // the feed's clock, as the plugin hands it over
        map->setBaseMap(widgets::CityBaseMap::builtIn());
        sdk::RiderRow r1;
        r1.riderId = QStringLiteral("r-1");
        r1.status = QStringLiteral("delivering");
        r1.lat = 39.92;
        r1.lng = 116.44;
        r1.fixAtMs = kT0;
        sdk::RiderRow r2 = r1;
        r2.riderId = QStringLiteral("r-2");
        r2.lng = 116.45;
        map->enqueueRiders({r1, r2});
        map->enqueueOrders({row});
        map->flushPending();
        widgets::OrderDetailPanel panel(&model, nullptr);
        panel.setTrajectoryMap(map);
        QCOMPARE(map->parentWidget() != nullptr, true); // owned by the panel from now on
        QVERIFY(map->isHidden()); // no order shown yet
        panel.showOrder(QStringLiteral("o-9"));
        QVERIFY(!map->isHidden());
        QCOMPARE(map->selectedRider(), QStringLiteral("r-1"));
        QCOMPARE(map->selectedOrder(), QStringLiteral("o-9"));
        QVERIFY(map->followSelected());

        row.riderId = QStringLiteral("r-2");
        model.enqueue({row});
        model.flush(); // the batch shows the order again
        map->enqueueOrders({row});
        map->flushPending();
        panel.showOrder(QStringLiteral("o-9"));
        QCOMPARE(map->selectedRider(), QStringLiteral("r-2"));
        QCOMPARE(map->selectedOrder(), QStringLiteral("o-9"));
    }
};

QTEST_MAIN(TestBoardStore)
#include "tst_board_store.moc"
