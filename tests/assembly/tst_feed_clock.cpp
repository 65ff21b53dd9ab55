// Issue 14, "two clocks": the console judges time by the FEED's clock. The window's
// assembly is fed a seeded simulation whose envelopes' ts (and heartbeats) run 20 times
// faster than the test's driven clock (RuntimeOptions::clockMs), as under
// `opsfeed --time-scale 20`; the board must see a card turn amber and the alert queue
// must see an alert's age grow with the feed's time. No wall clock, no fixed wait.
#include "ScriptedGateway.h"
#include "app/assembly/WindowConsole.h"
#include "app/shell/MainWindow.h"
#include "sim/City.h"
#include "sim/Simulation.h"
#include "widgets/alerts/AlertQueueModel.h"
#include "widgets/alerts/AlertQueueWidget.h"
#include "widgets/board/BoardFilter.h"
#include "widgets/board/BoardModel.h"
#include "widgets/board/OrderCardDelegate.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <map>
#include <set>

using namespace opsdeck;

namespace {

// 2031-03-03 08:00 UTC: years after any wall clock this test will meet, so a console
// that judged by the wall clock would see every promise far ahead (never amber).
constexpr std::int64_t kStartMs = 1930291200000;
constexpr int kTimeScale = 20;
constexpr int kSimMinutes = 45;

struct Slice {
    std::vector<sim::WireMessage> messages; // events, then the heartbeat of the slice's end
    std::int64_t events = 0;                // running count of events up to this slice's end
    std::int64_t feedMs = 0;                // the simulated time at its end
};

std::vector<Slice> simulatedMinutes(std::string *epoch, std::set<std::string> *depots)
{
    sim::SimulationOptions o;
    o.seed = 14;
    o.riders = 3; // too few for the orders: work waits, promises come near, alerts fire
    o.ordersPerMin = 8;
    o.depots = 1;
    o.startMs = kStartMs;
    sim::Simulation simulation(sim::City::load(), o);
    *epoch = simulation.epoch();
    std::vector<Slice> slices;
    std::int64_t events = 0;
    for (int minute = 1; minute <= kSimMinutes; ++minute) {
        Slice slice;
        for (int second = 0; second < 60; ++second) {
            std::vector<sim::WireMessage> out;
            simulation.step(1000, out);
            events += static_cast<std::int64_t>(out.size());
            slice.messages.insert(slice.messages.end(), out.begin(), out.end());
            // The gateway's heartbeat, once a (simulated) second: the clock moves on it too.
            slice.messages.push_back({"$hb", simulation.heartbeatEnvelope()});
        }
        slice.events = events;
        slice.feedMs = kStartMs + minute * 60000LL;
        slices.push_back(std::move(slice));
    }
    for (const auto &[depot, seq] : simulation.seqs())
        depots->insert(depot);
    return slices;
}

// A depot of the test's own, beside the simulation's: one order paid at the first
// minute and never picked, so "paid but not picking" fires 10 feed minutes later and
// stays open while the feed runs on.
const std::string kStuckDepot = "BJ-TEST-99";

std::string tsText(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toStdString();
}

std::vector<sim::WireMessage> stuckOrder(const std::string &epoch, std::int64_t atMs)
{
    const auto envelope = [&](int seq, const std::string &type, const std::string &data) {
        return "{\"v\":1,\"epoch\":\"" + epoch + "\",\"depot\":\"" + kStuckDepot + "\",\"seq\":" + std::to_string(seq)
            + ",\"id\":\"stuck-" + std::to_string(seq) + "\",\"ts\":\"" + tsText(atMs) + "\",\"type\":\"" + type
            + "\",\"data\":" + data + "}";
    };
    std::string created = feed::test::ScriptedGateway::orderCreatedData("STUCK-0001");
    created = created.substr(0, created.find("\"promised_at\"")) + "\"promised_at\":\"" + tsText(atMs + 7200000) + "\"}";
    return {{kStuckDepot + "/order.created", envelope(1, "order.created", created)},
            {kStuckDepot + "/order.paid", envelope(2, "order.paid", "{\"order_id\":\"STUCK-0001\",\"amount\":12.5}")}};
}

// "12 s", "7 min", "1 h 5 min" (AlertQueueModel::ageText) back to ms.
qint64 ageMs(const QString &text)
{
    static const QRegularExpression hm(QStringLiteral("^(\\d+) h (\\d+) min$"));
    static const QRegularExpression m(QStringLiteral("^(\\d+) min$"));
    static const QRegularExpression s(QStringLiteral("^(\\d+) s$"));
    if (const auto r = hm.match(text); r.hasMatch())
        return r.captured(1).toLongLong() * 3600000 + r.captured(2).toLongLong() * 60000;
    if (const auto r = m.match(text); r.hasMatch())
        return r.captured(1).toLongLong() * 60000;
    if (const auto r = s.match(text); r.hasMatch())
        return r.captured(1).toLongLong() * 1000;
    return -1;
}

} // namespace

class TstFeedClock final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // no user's alert rules or settings
        QVERIFY(m_dir.isValid());
    }

    void cardTurnsAmberAndAlertAgesOnTheFeedsClock()
    {
        std::string epoch;
        std::set<std::string> depots;
        const std::vector<Slice> slices = simulatedMinutes(&epoch, &depots);
        feed::test::ScriptedGateway gw(epoch);
        for (const auto &depot : depots)
            gw.lose(depot, 0); // every depot at seq 0 in the snapshot: the stream starts at 1
        gw.lose(kStuckDepot, 0);

        // The test's own clock: one second for every twenty of the feed's.
        auto driven = std::make_shared<std::atomic<std::int64_t>>(kStartMs);
        app::ConsoleOptions options;
        options.runtime.feed = gw.feedEndpoint();
        options.runtime.snapshot = gw.snapshotEndpoint();
        options.runtime.control = gw.controlEndpoint();
        options.runtime.dbPath = m_dir.filePath(QStringLiteral("clock.db"));
        options.runtime.clockMs = [driven] { return driven->load(); };
        options.runtime.tickIntervalMs = 20; // rules look at the clock often; what they see is its value
        options.settingsPath = m_dir.filePath(QStringLiteral("clock.ini"));
        options.user = QStringLiteral("li");
        app::WindowConsole console(options);
        QString error;
        QVERIFY2(console.start(&error), qPrintable(error));

        auto *board = console.window()->findChild<widgets::BoardModel *>();
        QVERIFY(board);
        auto *queue = console.window()->findChild<widgets::AlertQueueWidget *>();
        QVERIFY(queue);
        widgets::AlertQueueModel *alerts = queue->model();
        QAbstractItemModelTester alertsTester(alerts, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester boardTester(board, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(gw.waitForSubscriber(10000));

        std::set<QString> onTime;          // cards seen on time so far
        QString amber;                     // a card seen on time, later at risk
        QString amberText;
        std::map<qint64, qint64> firstAge; // alert id -> its age when first seen
        qint64 grown = 0;                   // the most an alert's age grew while it was open
        qint64 grownAlert = 0;
        std::int64_t stuckEvents = 0;
        for (const Slice &slice : slices) {
            for (const auto &m : slice.messages)
                gw.publishFrames({m.topic, m.envelope});
            if (stuckEvents == 0) {
                for (const auto &m : stuckOrder(epoch, slice.feedMs))
                    gw.publishFrames({m.topic, m.envelope});
                stuckEvents = 2;
            }
            driven->store(kStartMs + (slice.feedMs - kStartMs) / kTimeScale);
            auto &runtime = console.assembly().runtime();
            QTRY_VERIFY_WITH_TIMEOUT(runtime.eventsPersisted() >= slice.events + stuckEvents, 30000);
            QCOMPARE(runtime.feedStats().rejectedTotal(), std::int64_t{0});
            QCOMPARE(runtime.feedStats().gaps.load(), 0);
            // The slice's heartbeat follows its events: the board's clock reaches its end.
            QTRY_VERIFY_WITH_TIMEOUT(board->now() >= slice.feedMs, 5000);
            QTRY_COMPARE(board->rowCount(), static_cast<int>(runtime.coreCounters().orders));

            const qint64 now = board->now();
            for (int row = 0; row < board->rowCount() && amber.isEmpty(); ++row) {
                const sdk::OrderRow &o = board->card(row).row;
                const widgets::SlaLevel level = widgets::slaLevel(o, now);
                if (level == widgets::SlaLevel::OnTime)
                    onTime.insert(o.orderId);
                else if (level == widgets::SlaLevel::AtRisk && onTime.count(o.orderId)) {
                    amber = o.orderId;
                    amberText = widgets::OrderCardDelegate::slaText(o.promisedAtMs, now);
                }
            }
            for (int row = 0; row < alerts->rowCount(); ++row) {
                const qint64 id = alerts->alertAt(row).id;
                const qint64 age = ageMs(alerts->index(row, widgets::AlertQueueModel::AgeColumn).data().toString());
                QVERIFY2(age >= 0, qPrintable(alerts->index(row, widgets::AlertQueueModel::AgeColumn).data().toString()));
                const auto [it, first] = firstAge.emplace(id, age);
                if (!first && age - it->second > grown) {
                    grown = age - it->second;
                    grownAlert = id;
                }
            }
        }
        QVERIFY2(!amber.isEmpty(), "no card went from on time to at risk (amber) on the feed's clock");
        QVERIFY2(amberText.contains(QStringLiteral("min left")), qPrintable(amberText));
        QVERIFY2(!firstAge.empty(), "no alert fired on the feed's clock");
        // The feed ran on for minutes while an alert stayed open: its age grew with the
        // feed, not with the test's twenty-times-slower clock (that gives 1/20 of it).
        QVERIFY2(grown >= 20 * 60000,
                 qPrintable(QStringLiteral("alert %1 aged by %2 ms only").arg(grownAlert).arg(grown)));
        console.shutdown();
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TstFeedClock)
#include "tst_feed_clock.moc"
