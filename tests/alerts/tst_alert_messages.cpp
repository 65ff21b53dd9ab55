// Structured alert messages: every message code worded by the view in English and in
// Simplified Chinese (the real catalogue, :/i18n/opsdeck_zh_CN.qm), one row per code
// per language; the view's English is the core's English (store, search, logs) word for
// word, except that the view words code arguments (states, reasons, sensor kinds); arguments survive the store's JSON encoding and the trip core -> sdk -> view;
// texts without a code (a user's note, alerts stored before codes) show as stored.
#include "app/features/alerts/AlertServiceHost.h"
#include "core/alerts/AlertMessage.h"
#include "widgets/alerts/AlertMessageText.h"
#include "widgets/alerts/AlertQueueModel.h"

#include <QApplication>
#include <QTest>
#include <QTranslator>

#include <set>

using namespace opsdeck;
using core::AlertCode;
using core::alertMessage;

namespace {

constexpr std::int64_t kMin = 60000;
constexpr std::int64_t kT0 = 1795312800000; // 2026-11-22T02:00:00Z

struct Sample {
    core::AlertMessage message;
    const char *english; // the core's, for the store, search and logs
    const char *chinese;
    const char *viewEnglish = nullptr; // when the view words a code argument: what it shows
};

// One sample per code (a few codes twice, for both duration units); the texts are
// written out, not derived, so a changed template or translation is caught.
const std::vector<Sample> &samples()
{
    static const std::vector<Sample> all{
        {alertMessage(AlertCode::IllegalTransition, "order.signed", "PAID", 12),
         "order.signed not allowed in state PAID (seq 12)", "签收 在“已支付”状态下不允许（序号 12）",
         "Signing not allowed in state Paid (seq 12)"},
        {alertMessage(AlertCode::StateTimeout, "PAID", 12 * kMin + 5000, 10), "in PAID for 12 min (limit 10 min)",
         "处于“已支付”状态已 12 分钟（上限 10 分钟）", "in Paid for 12 min (limit 10 min)"},
        {alertMessage(AlertCode::StateTimeout, "EXCEPTION", 119999, 5), "in EXCEPTION for 119 s (limit 5 min)",
         "处于“异常”状态已 119 秒（上限 5 分钟）", "in Exception for 119 s (limit 5 min)"},
        {alertMessage(AlertCode::PastEta, 3 * kMin, "r7"), "delivering 3 min past ETA, rider r7",
         "配送已超过预计送达时间 3 分钟，骑手 r7"},
        {alertMessage(AlertCode::DeliveredLate, 31), "delivered 31 min after the promised time", "晚于承诺时间 31 分钟送达"},
        {alertMessage(AlertCode::PromiseMissed, 12 * kMin), "not signed 12 min after the promised time",
         "已超过承诺送达时间 12 分钟，仍未签收"},
        {alertMessage(AlertCode::FixStale, 75000), "last GPS fix 75 s ago", "最后一次定位在 75 秒前"},
        {alertMessage(AlertCode::Stationary, 50, 11 * kMin), "delivering but within 50 m of one spot for 11 min",
         "配送中，但已在 50 米范围内停留 11 分钟"},
        {alertMessage(AlertCode::BatteryLow, 12.0), "battery at 12.0 %", "电量 12.0 %"},
        {alertMessage(AlertCode::OutOfZone, "BJ-CY-01"), "outside the zone of BJ-CY-01", "已离开 BJ-CY-01 的配送区域"},
        {alertMessage(AlertCode::RiderReport, "r9", "flat_tyre"), "rider r9 reported flat_tyre", "骑手 r9 上报 flat tyre",
         "rider r9 reported flat tyre"},
        // A note that itself holds "%2" stays as the rider typed it.
        {alertMessage(AlertCode::RiderReportNote, "r9", "traffic_accident", "scooter hit, 50%2 off"),
         "rider r9 reported traffic_accident: scooter hit, 50%2 off", "骑手 r9 上报 交通事故：scooter hit, 50%2 off",
         "rider r9 reported Traffic accident: scooter hit, 50%2 off"},
        {alertMessage(AlertCode::StockBelowReorder, "Milk", "SKU-1", 3.0, "box", 10.0),
         "Milk (SKU-1) at 3.0 box, reorder point 10.0", "Milk（SKU-1）库存 3.0 box，补货点 10.0"},
        {alertMessage(AlertCode::SensorOutOfRangeVehicle, "temperature", 9.46, "C", 2.0, 8.0, "V-1"),
         "temperature 9.5 C outside 2.0..8.0 (vehicle V-1)", "温度 9.5 C 超出 2.0..8.0（车辆 V-1）",
         "Temperature 9.5 C outside 2.0..8.0 (vehicle V-1)"},
        {alertMessage(AlertCode::SensorOutOfRangeDepot, "humidity", 91.0, "%", 20.0, 80.0, "BJ-CY-01"),
         "humidity 91.0 % outside 20.0..80.0 (depot BJ-CY-01)", "湿度 91.0 % 超出 20.0..80.0（站点 BJ-CY-01）",
         "Humidity 91.0 % outside 20.0..80.0 (depot BJ-CY-01)"},
        {alertMessage(AlertCode::BurstAccount, 5, 10, "o-38, o-39, o-40, o-41, o-42"),
         "5 orders within 10 min from one account: o-38, o-39, o-40, o-41, o-42",
         "同一账户在 10 分钟内下单 5 笔：o-38, o-39, o-40, o-41, o-42"},
        {alertMessage(AlertCode::BurstAddress, 8, 10, "o-43"), "8 orders within 10 min from one address: o-43",
         "同一地址在 10 分钟内下单 8 笔：o-43"},
        {alertMessage(AlertCode::OrderStorm, 30, 4.5, 8.5), "30 orders/min vs 4.5 usual at this weekday-hour (z 8.5)",
         "每分钟 30 单，该星期时段通常为 4.5（z 值 8.5）"},
        {alertMessage(AlertCode::StockOutRate, 50.0, 40, 15), "50.0 % of 40 stock checks failed in 15 min",
         "15 分钟内 40 次库存检查中 50.0 % 失败"},
        {alertMessage(AlertCode::RepeatedResyncs, 3, 10), "3 resyncs within 10 min", "10 分钟内重新同步 3 次"},
        {alertMessage(AlertCode::IntakeOverCapacity, 118, 295, 40),
         "118 orders/min offered, 295 % of the capacity of 40/min set in the rule",
         "每分钟进单 118 单，为规则设定容量（每分钟 40 单）的 295 %"},
        {alertMessage(AlertCode::IntakeOverRateLimit, 118, 236, 50),
         "118 orders/min offered, 236 % of the depot's rate limit of 50/min",
         "每分钟进单 118 单，为站点限流（每分钟 50 单）的 236 %"},
        {alertMessage(AlertCode::AcceptanceCollapse, 46, 236, 2, 0, 127),
         "46 % of 236 new orders accepted in 2 min (0 rate limited, 127 turned away by a breaker)",
         "2 分钟内 236 笔新订单仅接单 46 %（限流拒绝 0 笔，熔断拒绝 127 笔）"},
        {alertMessage(AlertCode::BreakerOpen, 90000, 3, 55.0),
         "breaker open or probing for 90 s of the last 3 min: new orders in its scope are turned away (error rate 55.0 %)",
         "最近 3 分钟内熔断器打开或试探共 90 秒：其范围内的新订单被拒绝（错误率 55.0 %）"},
        {alertMessage(AlertCode::BreakerForcedOpen, 3 * kMin, 3),
         "breaker forced open for 3 min of the last 3 min: no new orders in its scope",
         "最近 3 分钟内熔断器被强制打开共 3 分钟：其范围内不接新订单"},
        {alertMessage(AlertCode::FeedDegraded, "D1", "order.paid", "bad_value", 42),
         "feed of depot D1 degraded: order.paid frames keep failing (bad_value), 42 so far; resyncs backed off",
         "站点 D1 的数据流降级：order.paid 帧持续出错（bad_value），已 42 条；重新同步已退避"},
        {alertMessage(AlertCode::ClearedOrderMoved, "PICKING"), "condition cleared: order moved to PICKING",
         "条件已解除：订单已转为“拣货中”", "condition cleared: order moved to Picking"},
        {alertMessage(AlertCode::ClearedOrderIs, "DELIVERED"), "condition cleared: order is DELIVERED",
         "条件已解除：订单当前为“DELIVERED”"},
        {alertMessage(AlertCode::ClearedOrderUnknown), "condition cleared: order no longer known", "条件已解除：订单已不存在"},
        {alertMessage(AlertCode::ClearedOrderRetired), "retired by gateway", "已由网关注销"},
        {alertMessage(AlertCode::ClearedNewEta, kT0 + 1234), "condition cleared: new ETA 2026-11-22T02:00:01.234Z",
         "条件已解除：新的预计送达时间 2026-11-22T02:00:01.234Z"},
        {alertMessage(AlertCode::ClearedFreshFix), "condition cleared: fresh GPS fix", "条件已解除：已收到新的定位"},
        {alertMessage(AlertCode::ClearedBattery, 80.0), "condition cleared: battery at 80.0 %", "条件已解除：电量 80.0 %"},
        {alertMessage(AlertCode::ClearedBackInZone, "BJ-CY-01"), "condition cleared: back inside the zone of BJ-CY-01",
         "条件已解除：已回到 BJ-CY-01 的配送区域"},
        {alertMessage(AlertCode::ClearedRiderOffline), "condition cleared: rider went offline", "条件已解除：骑手已离线"},
        {alertMessage(AlertCode::ClearedNotDelivering), "condition cleared: no longer delivering", "条件已解除：已不在配送中"},
        {alertMessage(AlertCode::ClearedMovingAgain), "condition cleared: moving again", "条件已解除：已重新移动"},
        {alertMessage(AlertCode::ClearedRestocked, 40.0), "condition cleared: restocked to 40.0", "条件已解除：已补货至 40.0"},
        {alertMessage(AlertCode::ClearedSensorInRange, 5.0), "condition cleared: reading back in range (5.0)",
         "条件已解除：读数已恢复正常（5.0）"},
        {alertMessage(AlertCode::ClearedBurst, 4, 10), "condition cleared: 4 orders in the last 10 min",
         "条件已解除：最近 10 分钟内 4 笔订单"},
        {alertMessage(AlertCode::ClearedStorm, 6, 4.5), "condition cleared: 6 orders/min (usual 4.5)",
         "条件已解除：每分钟 6 单（通常 4.5）"},
        {alertMessage(AlertCode::ClearedStockOutRate, 10.0), "condition cleared: out-of-stock rate 10.0 %",
         "条件已解除：缺货率 10.0 %"},
        {alertMessage(AlertCode::ClearedResyncs, 1), "condition cleared: 1 resyncs in the window",
         "条件已解除：窗口内重新同步 1 次"},
        {alertMessage(AlertCode::ClearedIntakeRate, 30, 40), "condition cleared: 30 orders/min offered (capacity 40/min)",
         "条件已解除：每分钟进单 30 单（容量每分钟 40 单）"},
        {alertMessage(AlertCode::ClearedAcceptance, 92), "condition cleared: 92 % of new orders accepted",
         "条件已解除：新订单接单率 92 %"},
        {alertMessage(AlertCode::ClearedBreakerClosed, 3), "condition cleared: breaker closed most of the last 3 min",
         "条件已解除：最近 3 分钟内熔断器大部分时间已关闭"},
        {alertMessage(AlertCode::ClearedFeedClean, "D1"), "condition cleared: frames of depot D1 read cleanly again",
         "条件已解除：站点 D1 的帧已恢复正常读取"},
        {alertMessage(AlertCode::ClearedQuiet, 60), "condition cleared: no new occurrence in 60 min",
         "条件已解除：60 分钟内未再发生"},
        {alertMessage(AlertCode::RuleRetired), "rule removed or disabled", "规则已删除或停用"},
        {alertMessage(AlertCode::NotAcknowledged, 10), "not acknowledged within 10 min", "10 分钟内未确认"},
        {alertMessage(AlertCode::StillNotSigned, 30), "still not signed 30 min after the promised time", "超过承诺送达时间 30 分钟仍未签收"},
        {alertMessage(AlertCode::AssignedTo, "bob"), "to bob", "指派给 bob"},
    };
    return all;
}

// The row the service hands to the views, for a message.
sdk::AlertRow rowWith(const core::AlertMessage &message, const core::AlertMessage &note = {})
{
    core::Alert a;
    a.id = 1;
    a.ruleId = "rule";
    a.kind = "kind";
    a.subject.key = "o1";
    a.message = message;
    a.note = note;
    a.roles = {"dispatcher"};
    return app::AlertServiceHost::toRow(a);
}

} // namespace

class TestAlertMessages final : public QObject
{
    Q_OBJECT

private:
    void useChinese(bool on)
    {
        QCoreApplication::removeTranslator(&m_chinese);
        if (on)
            QVERIFY(QCoreApplication::installTranslator(&m_chinese));
    }

    QTranslator m_chinese;

private slots:
    void initTestCase()
    {
        QVERIFY(m_chinese.load(QStringLiteral(":/i18n/opsdeck_zh_CN.qm")));
    }

    void everyCodeHasASampleAndATemplate()
    {
        std::set<AlertCode> sampled;
        for (const Sample &s : samples())
            sampled.insert(s.message.code);
        QStringList coreCodes;
        for (int c = 0; c < core::kAlertCodeCount; ++c) {
            const auto code = static_cast<AlertCode>(c);
            if (code == AlertCode::Text)
                continue;
            QVERIFY2(sampled.count(code), core::toString(code).data());
            coreCodes.push_back(QString::fromUtf8(core::toString(code)));
            QVERIFY2(widgets::isKnownAlertCode(coreCodes.back()), core::toString(code).data());
        }
        QCOMPARE(widgets::knownAlertCodes(), coreCodes); // none in the view the core lacks
    }

    void codeInEachLanguage_data()
    {
        QTest::addColumn<int>("sample");
        QTest::addColumn<bool>("chinese");
        QTest::addColumn<QString>("expected");
        for (std::size_t i = 0; i < samples().size(); ++i) {
            const Sample &s = samples()[i];
            const std::string name(core::toString(s.message.code));
            QTest::addRow("en %s #%zu", name.c_str(), i)
                << int(i) << false << QString::fromUtf8(s.viewEnglish ? s.viewEnglish : s.english);
            QTest::addRow("zh_CN %s #%zu", name.c_str(), i) << int(i) << true << QString::fromUtf8(s.chinese);
        }
    }

    void codeInEachLanguage()
    {
        QFETCH(int, sample);
        QFETCH(bool, chinese);
        QFETCH(QString, expected);
        const core::AlertMessage &message = samples()[static_cast<std::size_t>(sample)].message;
        QVERIFY(core::argsFit(message.code, message.args));
        useChinese(chinese);
        // As a message and as a note, through the row the service builds.
        const sdk::AlertRow row = rowWith(message, message);
        QCOMPARE(row.messageCode, QString::fromUtf8(core::toString(message.code)));
        QCOMPARE(widgets::alertMessageText(row), expected);
        QCOMPARE(widgets::alertNoteText(row), expected);
        // The stored English (message column, search) is what the English view shows.
        const QString english = QString::fromStdString(core::formatEnglish(message));
        QCOMPARE(row.message, english);
        QCOMPARE(english, QString::fromUtf8(samples()[static_cast<std::size_t>(sample)].english));
        useChinese(false);
    }

    // A breaker alert's subject is its scope: words, not `depot:BJ-CY-01` or `global`.
    void scopeSubjectsInWords()
    {
        const QString depot = widgets::alertSubjectText(QStringLiteral("depot"), QStringLiteral("depot:BJ-CY-01"), {}, {});
        QVERIFY2(!depot.contains(QLatin1String("depot:")) && depot.contains(QLatin1String("BJ-CY-01")), qPrintable(depot));
        QCOMPARE(widgets::alertSubjectText(QStringLiteral("depot"), QStringLiteral("global"), {}, {}),
                 QStringLiteral("Whole city"));
        useChinese(true);
        const QString city = widgets::alertSubjectText(QStringLiteral("depot"), QStringLiteral("global"), {}, {});
        useChinese(false);
        QVERIFY2(city != QLatin1String("global") && city != QLatin1String("Whole city"), qPrintable(city));
    }

    void argsSurviveTheStoresEncoding()
    {
        for (const Sample &s : samples()) {
            std::vector<core::AlertArg> back;
            QVERIFY2(core::argsFromJson(s.message.code, core::argsToJson(s.message.args), &back), s.english);
            QVERIFY2(back == s.message.args, s.english);
        }
        std::vector<core::AlertArg> args;
        QVERIFY(!core::argsFromJson(AlertCode::StateTimeout, R"(["PAID",60000])", &args)); // too few
        QVERIFY(!core::argsFromJson(AlertCode::StateTimeout, R"(["PAID","1 min",10])", &args)); // a text for a duration
        QVERIFY(!core::argsFromJson(AlertCode::BatteryLow, "not json", &args));
        QVERIFY(core::argsFromJson(AlertCode::ClearedFreshFix, "[]", &args));
        QVERIFY(args.empty());
    }

    // A user's note, an alert stored before codes existed, a code this build does not
    // know or arguments that do not fit: the stored text, in every language.
    void textWithoutACodeShowsAsStored()
    {
        useChinese(true);
        const sdk::AlertRow typed = rowWith(core::AlertMessage::text("battery at 12.0 %"),
                                            core::AlertMessage::text("called the customer, all fine"));
        QVERIFY(typed.messageCode.isEmpty());
        QCOMPARE(widgets::alertMessageText(typed), QStringLiteral("battery at 12.0 %"));
        QCOMPARE(widgets::alertNoteText(typed), QStringLiteral("called the customer, all fine"));
        QCOMPARE(widgets::alertMessageText(QStringLiteral("order.teleported"), {}, QStringLiteral("as stored")),
                 QStringLiteral("as stored"));
        QCOMPARE(widgets::alertMessageText(QStringLiteral("rider.battery_low"), {QStringLiteral("12")},
                                           QStringLiteral("as stored")),
                 QStringLiteral("as stored"));
        QCOMPARE(widgets::alertMessageText(QStringLiteral("rider.battery_low"), {12.0}, QStringLiteral("as stored")),
                 QStringLiteral("电量 12.0 %"));
        sdk::AlertHistoryRow history;
        history.message = QStringLiteral("in PAID for 12 min (limit 10 min)"); // an old row: English only
        QCOMPARE(widgets::alertHistoryText(history), history.message);
        history.noteCode = QStringLiteral("cleared.order_moved");
        history.noteArgs = {QStringLiteral("PICKING")};
        history.note = QStringLiteral("condition cleared: order moved to PICKING");
        QCOMPARE(widgets::alertHistoryText(history), QStringLiteral("条件已解除：订单已转为“拣货中”"));
        useChinese(false);
    }

    // The queue's details column and tooltip word the code, not the stored English.
    void queueShowsTheMessageInTheUsersLanguage()
    {
        useChinese(true);
        widgets::AlertQueueModel model(QStringLiteral("dispatcher"), [] { return kT0; });
        sdk::AlertRow coded = rowWith(alertMessage(AlertCode::FixStale, 3 * kMin));
        coded.firstAtMs = kT0;
        sdk::AlertRow old = rowWith(core::AlertMessage::text("last GPS fix 3 min ago"));
        old.id = 2;
        old.firstAtMs = kT0 + 1;
        model.reset({coded, old});
        QCOMPARE(model.rowCount(), 2);
        const QModelIndex first = model.index(model.rowOf(1), widgets::AlertQueueModel::MessageColumn);
        QCOMPARE(first.data().toString(), QStringLiteral("最后一次定位在 3 分钟前"));
        QCOMPARE(first.data(Qt::ToolTipRole).toString(), QStringLiteral("最后一次定位在 3 分钟前"));
        const QModelIndex second = model.index(model.rowOf(2), widgets::AlertQueueModel::MessageColumn);
        QCOMPARE(second.data().toString(), QStringLiteral("last GPS fix 3 min ago"));
        useChinese(false);
        QCOMPARE(first.data().toString(), QStringLiteral("last GPS fix 3 min ago"));
    }
};

QTEST_MAIN(TestAlertMessages)
#include "tst_alert_messages.moc"
