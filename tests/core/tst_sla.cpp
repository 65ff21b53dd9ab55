// The SLA rule (core/model/Sla.h) at its boundaries: the one definition the board's
// cards and "late only", the KPI on-time rate and the delivered-late alert share.
#include "core/model/Sla.h"

#include <QtTest>

using namespace opsdeck::core;

namespace {
constexpr std::int64_t kMin = 60000;
constexpr std::int64_t kPromise = 1795312800000; // 2026-11-22T02:00:00Z

// Compile-time too: the rule is constexpr so widgets pay nothing for it.
static_assert(slaLevelAt(kPromise, kPromise) == SlaLevel::AtRisk);
static_assert(lateByMs(kPromise, kPromise + 1) == 1);
} // namespace

class TestSla final : public QObject
{
    Q_OBJECT

private slots:
    void levelAt_data()
    {
        QTest::addColumn<qint64>("promisedAtMs");
        QTest::addColumn<qint64>("atMs");
        QTest::addColumn<int>("level");
        auto row = [](const char *name, qint64 promised, qint64 at, SlaLevel level) {
            QTest::newRow(name) << promised << at << int(level);
        };
        row("half an hour left", kPromise, kPromise - 30 * kMin, SlaLevel::OnTime);
        row("exactly 10 min left is on time", kPromise, kPromise - 10 * kMin, SlaLevel::OnTime);
        row("1 ms under 10 min left", kPromise, kPromise - 10 * kMin + 1, SlaLevel::AtRisk);
        row("1 ms left", kPromise, kPromise - 1, SlaLevel::AtRisk);
        row("due now is not late", kPromise, kPromise, SlaLevel::AtRisk);
        row("1 ms past", kPromise, kPromise + 1, SlaLevel::Late);
        row("an hour past", kPromise, kPromise + 60 * kMin, SlaLevel::Late);
        row("no promise", 0, kPromise, SlaLevel::None);
        row("negative promise is none", -5, kPromise, SlaLevel::None);
    }

    void levelAt()
    {
        QFETCH(qint64, promisedAtMs);
        QFETCH(qint64, atMs);
        QFETCH(int, level);
        QCOMPARE(int(slaLevelAt(promisedAtMs, atMs)), level);
        // An open order shows that level; a final one none, whatever the time.
        QCOMPARE(int(liveSlaLevel(promisedAtMs, false, atMs)), level);
        QCOMPARE(int(liveSlaLevel(promisedAtMs, true, atMs)), int(SlaLevel::None));
        // Late exactly when lateByMs says by how much.
        QCOMPARE(level == int(SlaLevel::Late), lateByMs(promisedAtMs, atMs) > 0);
    }

    void lateBy()
    {
        QCOMPARE(lateByMs(kPromise, kPromise - kMin), 0);
        QCOMPARE(lateByMs(kPromise, kPromise), 0);
        QCOMPARE(lateByMs(kPromise, kPromise + 1), 1);
        QCOMPARE(lateByMs(kPromise, kPromise + 30 * kMin), 30 * kMin);
        QCOMPARE(lateByMs(0, kPromise), 0); // no promise: never late
        QVERIFY(hasPromise(1));
        QVERIFY(!hasPromise(0));
        QCOMPARE(kSlaAtRiskMs, 10 * kMin);
    }
};

QTEST_GUILESS_MAIN(TestSla)
#include "tst_sla.moc"
