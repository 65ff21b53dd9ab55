// Issue 18, live lateness: sla.promise_missed fires when an open order passes its promised
// time, escalates 30 min later while it is still not signed, is not cleared by a moved
// ETA, and clears when the order is signed or cancelled. The engine's clock is the
// injected wall time of each tick.
#include "AlertFeed.h"
#include "widgets/alerts/AlertMessageText.h"

#include <QTest>

using namespace alerttest;

namespace {
const std::string kRule = "sla.promise_missed";
} // namespace

class TestAlertPromise final : public QObject
{
    Q_OBJECT

private:
    // Created at kT0, promised at kT0 + 45 min, out for delivery with an ETA before the promise.
    static void deliveringOrder(Harness &h, const std::string &id)
    {
        QVERIFY(h.feed(created(id, kT0, "13800000000", "1 Test Road", kT0 + 45 * kMin)));
        QVERIFY(h.feed(make(EventKind::OrderPaid, kT0, id)));
        QVERIFY(h.feed(stockChecked(id, kT0 + kMin, true)));
        QVERIFY(h.feed(dispatched(id, kT0 + 2 * kMin, "r1", kT0 + 40 * kMin)));
    }

    static void paidOrder(Harness &h, const std::string &id)
    {
        QVERIFY(h.feed(created(id, kT0, "13800000000", "1 Test Road", kT0 + 45 * kMin)));
        QVERIFY(h.feed(make(EventKind::OrderPaid, kT0, id)));
    }

private slots:
    void firesAtThePromisedTimeAndEscalatesThirtyMinutesLater()
    {
        Harness h;
        deliveringOrder(h, "p1");
        h.tick(kT0 + 45 * kMin - 1000);
        QVERIFY(!h.open(kRule, "p1"));
        h.tick(kT0 + 45 * kMin);
        QVERIFY(h.open(kRule, "p1"));
        const Alert *a = h.openAlert(kRule, "p1");
        QCOMPARE(static_cast<int>(a->severity), static_cast<int>(AlertSeverity::Warning));
        QVERIFY(!a->escalated);
        QCOMPARE(a->subject.orderId, std::string("p1"));
        // Acknowledging does not stop the lateness from escalating.
        AlertCommand ack;
        ack.kind = AlertCommand::Kind::Acknowledge;
        ack.alertId = a->id;
        ack.by = "ana";
        h.engine.post(ack);
        h.tick(kT0 + 75 * kMin - 1000);
        QVERIFY(!h.openAlert(kRule, "p1")->escalated);
        h.tick(kT0 + 75 * kMin);
        a = h.openAlert(kRule, "p1");
        QVERIFY(a->escalated);
        QCOMPARE(static_cast<int>(a->severity), static_cast<int>(AlertSeverity::Major));
        QVERIFY(std::find(a->roles.begin(), a->roles.end(), "ops_manager") != a->roles.end());
        const AlertChange *c = h.lastChange(kRule, "p1");
        QCOMPARE(c->action, std::string("escalated"));
        QCOMPARE(formatEnglish(c->note), std::string("still not signed 30 min after the promised time"));
        // Once: later ticks add nothing.
        const std::size_t changes = h.changes.size();
        h.tick(kT0 + 90 * kMin);
        QCOMPARE(h.changes.size(), changes);
    }

    void aMovedEtaDoesNotClearItSigningDoes()
    {
        Harness h;
        deliveringOrder(h, "p2");
        h.tick(kT0 + 46 * kMin);
        QVERIFY(h.open(kRule, "p2"));
        Event eta = make(EventKind::OrderEtaUpdated, kT0 + 47 * kMin, "p2");
        eta.etaMs = kT0 + 80 * kMin;
        QVERIFY(h.feed(eta));
        h.tick(kT0 + 48 * kMin);
        QVERIFY(h.open(kRule, "p2"));
        QVERIFY(!h.open("sla.delivering_past_eta", "p2")); // the ETA rule did clear
        QVERIFY(h.feed(make(EventKind::OrderSigned, kT0 + 50 * kMin, "p2")));
        QVERIFY(!h.open(kRule, "p2"));
        const AlertChange *c = h.lastChange(kRule, "p2");
        QCOMPARE(c->action, std::string("auto_resolved"));
        QVERIFY(formatEnglish(c->note).find("SIGNED") != std::string::npos);
        // The after-the-fact KPI rule still counts the late delivery.
        QVERIFY(!h.open("sla.delivered_late", "p2")); // 5 min late: under its 30 min
        h.tick(kT0 + 120 * kMin);
        QVERIFY(!h.open(kRule, "p2"));
    }

    void anEtaMovedPastThePromiseFiresAtThePromiseNotTheEta()
    {
        Harness h;
        deliveringOrder(h, "p3");
        Event eta = make(EventKind::OrderEtaUpdated, kT0 + 10 * kMin, "p3");
        eta.etaMs = kT0 + 90 * kMin;
        QVERIFY(h.feed(eta));
        h.tick(kT0 + 45 * kMin);
        QVERIFY(h.open(kRule, "p3"));
        QVERIFY(!h.open("sla.delivering_past_eta", "p3"));
    }

    void signedInTimeOrCancelledNeverFires()
    {
        Harness h;
        deliveringOrder(h, "p4");
        QVERIFY(h.feed(make(EventKind::OrderSigned, kT0 + 44 * kMin, "p4")));
        paidOrder(h, "p5");
        QVERIFY(h.feed(make(EventKind::OrderCancelled, kT0 + 30 * kMin, "p5")));
        h.tick(kT0 + 100 * kMin);
        QVERIFY(!h.open(kRule, "p4"));
        QVERIFY(!h.open(kRule, "p5"));
        // An order late (still PAID: any open state counts) and then cancelled resolves:
        // a cancelled order is not late.
        paidOrder(h, "p6");
        h.tick(kT0 + 101 * kMin);
        QVERIFY(h.open(kRule, "p6"));
        QVERIFY(h.feed(make(EventKind::OrderCancelled, kT0 + 102 * kMin, "p6")));
        QVERIFY(!h.open(kRule, "p6"));
    }

    void titleAndMessagesAreWordedInChinese()
    {
        const AlertRuleSet set = loadAlertRules({});
        const auto rule = std::find_if(set.rules.begin(), set.rules.end(), [](const AlertRule &r) { return r.id == kRule; });
        QVERIFY(rule != set.rules.end());
        QVERIFY(rule->kind == AlertRuleKind::OrderPromiseMissed);
        QCOMPARE(rule->threshold("escalate_minutes"), 30.0);
        QCOMPARE(formatEnglish(alertMessage(AlertCode::PromiseMissed, 5 * kMin)),
                 std::string("not signed 5 min after the promised time"));
    }
};

QTEST_GUILESS_MAIN(TestAlertPromise)
#include "tst_alert_promise.moc"
