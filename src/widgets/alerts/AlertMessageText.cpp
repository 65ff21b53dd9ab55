#include "AlertMessageText.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <functional>
#include <vector>

namespace opsdeck::widgets {

namespace {

// "12 min" / "40 s", as the core's ago() writes them.
QString duration(const QString &n, const QString &unit)
{
    return unit == QLatin1String("min") ? QCoreApplication::translate("AlertMessages", "%1 min").arg(n) : QCoreApplication::translate("AlertMessages", "%1 s").arg(n);
}

QString subjectWord(const QString &by)
{
    return by == QLatin1String("account") ? QCoreApplication::translate("AlertMessages", "account") : by == QLatin1String("address") ? QCoreApplication::translate("AlertMessages", "address") : by;
}

struct Form {
    QRegularExpression pattern;
    std::function<QString(const QRegularExpressionMatch &)> build;
};

const std::vector<Form> &forms()
{
    static const std::vector<Form> all = [] {
        std::vector<Form> f;
        const auto add = [&f](const char *pattern, std::function<QString(const QRegularExpressionMatch &)> build) {
            f.push_back({QRegularExpression(QLatin1String(pattern)), std::move(build)});
        };
        add(R"(^(\S+) not allowed in state (\S+) \(seq (\d+)\)$)", [](const auto &m) {
            return QCoreApplication::translate("AlertMessages", "%1 not allowed in state %2 (seq %3)").arg(m.captured(1), m.captured(2), m.captured(3));
        });
        add(R"(^in (\S+) for (\d+) (min|s) \(limit (\d+) min\)$)", [](const auto &m) {
            return QCoreApplication::translate("AlertMessages", "in %1 for %2 (limit %3 min)").arg(m.captured(1), duration(m.captured(2), m.captured(3)), m.captured(4));
        });
        add(R"(^delivering (\d+) (min|s) past ETA, rider (.+)$)", [](const auto &m) {
            return QCoreApplication::translate("AlertMessages", "delivering %1 past ETA, rider %2").arg(duration(m.captured(1), m.captured(2)), m.captured(3));
        });
        add(R"(^last GPS fix (\d+) (min|s) ago$)", [](const auto &m) {
            return QCoreApplication::translate("AlertMessages", "last GPS fix %1 ago").arg(duration(m.captured(1), m.captured(2)));
        });
        add(R"(^delivering but within (\d+) m of one spot for (\d+) (min|s)$)", [](const auto &m) {
            return QCoreApplication::translate("AlertMessages", "delivering but within %1 m of one spot for %2").arg(m.captured(1), duration(m.captured(2), m.captured(3)));
        });
        add(R"(^delivered (\d+) min after the promised time$)",
            [](const auto &m) { return QCoreApplication::translate("AlertMessages", "delivered %1 min after the promised time").arg(m.captured(1)); });
        add(R"(^battery at (\S+) %$)", [](const auto &m) { return QCoreApplication::translate("AlertMessages", "battery at %1 %").arg(m.captured(1)); });
        add(R"(^outside the zone of (.+)$)", [](const auto &m) { return QCoreApplication::translate("AlertMessages", "outside the zone of %1").arg(m.captured(1)); });
        add(R"(^rider (\S+) reported (\S+): (.*)$)", [](const auto &m) {
            return QCoreApplication::translate("AlertMessages", "rider %1 reported %2: %3").arg(m.captured(1), m.captured(2), m.captured(3));
        });
        add(R"(^rider (\S+) reported (\S+)$)",
            [](const auto &m) { return QCoreApplication::translate("AlertMessages", "rider %1 reported %2").arg(m.captured(1), m.captured(2)); });
        add(R"(^(.*) \(([^()]+)\) at (\S+) (\S*), reorder point (\S+)$)", [](const auto &m) {
            return QCoreApplication::translate("AlertMessages", "%1 (%2) at %3 %4, reorder point %5")
                .arg(m.captured(1), m.captured(2), m.captured(3), m.captured(4), m.captured(5));
        });
        add(R"(^restocked to (\S+)$)", [](const auto &m) { return QCoreApplication::translate("AlertMessages", "restocked to %1").arg(m.captured(1)); });
        add(R"(^(\S+) (\S+) (\S*) outside (\S+)\.\.(\S+) \((.*)\)$)", [](const auto &m) {
            return QCoreApplication::translate("AlertMessages", "%1 %2 %3 outside %4..%5 (%6)")
                .arg(m.captured(1), m.captured(2), m.captured(3), m.captured(4), m.captured(5), m.captured(6));
        });
        add(R"(^reading back in range \((\S+)\)$)",
            [](const auto &m) { return QCoreApplication::translate("AlertMessages", "reading back in range (%1)").arg(m.captured(1)); });
        add(R"(^(\d+) orders within (\d+) min from one (\S+) \(latest (\S+)\)$)", [](const auto &m) {
            return QCoreApplication::translate("AlertMessages", "%1 orders within %2 min from one %3 (latest %4)")
                .arg(m.captured(1), m.captured(2), subjectWord(m.captured(3)), m.captured(4));
        });
        add(R"(^(\d+) orders/min vs (\S+) usual at this weekday-hour \(z (\S+)\)$)", [](const auto &m) {
            return QCoreApplication::translate("AlertMessages", "%1 orders/min vs %2 usual at this weekday-hour (z %3)").arg(m.captured(1), m.captured(2), m.captured(3));
        });
        add(R"(^(\d+) orders/min \(usual (\S+)\)$)",
            [](const auto &m) { return QCoreApplication::translate("AlertMessages", "%1 orders/min (usual %2)").arg(m.captured(1), m.captured(2)); });
        add(R"(^(.+) of (\d+) stock checks failed in (\d+) min$)", [](const auto &m) {
            return QCoreApplication::translate("AlertMessages", "%1 of %2 stock checks failed in %3 min").arg(m.captured(1), m.captured(2), m.captured(3));
        });
        add(R"(^out-of-stock rate (.+)$)", [](const auto &m) { return QCoreApplication::translate("AlertMessages", "out-of-stock rate %1").arg(m.captured(1)); });
        add(R"(^(\d+) resyncs within (\d+) min$)",
            [](const auto &m) { return QCoreApplication::translate("AlertMessages", "%1 resyncs within %2 min").arg(m.captured(1), m.captured(2)); });
        add(R"(^(\d+) resyncs in the window$)", [](const auto &m) { return QCoreApplication::translate("AlertMessages", "%1 resyncs in the window").arg(m.captured(1)); });
        // System notes when an alert clears itself or escalates.
        add(R"(^(\d+) orders in the last (\d+) min$)",
            [](const auto &m) { return QCoreApplication::translate("AlertMessages", "%1 orders in the last %2 min").arg(m.captured(1), m.captured(2)); });
        add(R"(^order is (\S+)$)", [](const auto &m) { return QCoreApplication::translate("AlertMessages", "order is %1").arg(m.captured(1)); });
        add(R"(^order moved to (\S+)$)", [](const auto &m) { return QCoreApplication::translate("AlertMessages", "order moved to %1").arg(m.captured(1)); });
        add(R"(^order no longer known$)", [](const auto &) { return QCoreApplication::translate("AlertMessages", "order no longer known"); });
        add(R"(^new ETA (.+)$)", [](const auto &m) { return QCoreApplication::translate("AlertMessages", "new ETA %1").arg(m.captured(1)); });
        add(R"(^fresh GPS fix$)", [](const auto &) { return QCoreApplication::translate("AlertMessages", "fresh GPS fix"); });
        add(R"(^back inside the zone of (.+)$)", [](const auto &m) { return QCoreApplication::translate("AlertMessages", "back inside the zone of %1").arg(m.captured(1)); });
        add(R"(^rider went offline$)", [](const auto &) { return QCoreApplication::translate("AlertMessages", "rider went offline"); });
        add(R"(^no longer delivering$)", [](const auto &) { return QCoreApplication::translate("AlertMessages", "no longer delivering"); });
        add(R"(^moving again$)", [](const auto &) { return QCoreApplication::translate("AlertMessages", "moving again"); });
        add(R"(^no new occurrence in (\d+) min$)",
            [](const auto &m) { return QCoreApplication::translate("AlertMessages", "no new occurrence in %1 min").arg(m.captured(1)); });
        add(R"(^rule removed or disabled$)", [](const auto &) { return QCoreApplication::translate("AlertMessages", "rule removed or disabled"); });
        add(R"(^not acknowledged within (\d+) min$)",
            [](const auto &m) { return QCoreApplication::translate("AlertMessages", "not acknowledged within %1 min").arg(m.captured(1)); });
        return f;
    }();
    return all;
}

} // namespace

QString translateAlertMessage(const QString &english, bool *matched)
{
    static const QRegularExpression cleared(QStringLiteral("^condition cleared: (.*)$"));
    if (const auto m = cleared.match(english); m.hasMatch())
        return QCoreApplication::translate("AlertMessages", "condition cleared: %1").arg(translateAlertMessage(m.captured(1), matched));
    for (const Form &form : forms()) {
        if (const auto m = form.pattern.match(english); m.hasMatch()) {
            if (matched)
                *matched = true;
            return form.build(m);
        }
    }
    if (matched)
        *matched = english.isEmpty();
    return english;
}

} // namespace opsdeck::widgets
