#include "AlertMessageText.h"

#include "sdk/CodeLabels.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>

#include <array>
#include <cstring>

namespace opsdeck::widgets {

namespace {

struct Template {
    const char *code;
    const char *text;  // source text in context "AlertMessages": the core's English template
    const char *kinds; // per argument: t text, i integer, r real, d duration ms, w time ms
    // Per argument, a text that is a code worded by the catalogue (sdk/CodeLabels.h):
    // s order state, k reason or report kind, n sensor kind, '-' as it is. The core's
    // English (store, search, logs) keeps the code; people read its words.
    const char *labels = "";
};

// One row per core::AlertCode except free text; the same order as the core's table.
constexpr std::array kTemplates{
    Template{"order.illegal_transition", QT_TRANSLATE_NOOP("AlertMessages", "%1 not allowed in state %2 (seq %3)"), "tti", "es-"},
    Template{"order.state_timeout", QT_TRANSLATE_NOOP("AlertMessages", "in %1 for %2 (limit %3 min)"), "tdi", "s--"},
    Template{"order.past_eta", QT_TRANSLATE_NOOP("AlertMessages", "delivering %1 past ETA, rider %2"), "dt"},
    Template{"order.delivered_late", QT_TRANSLATE_NOOP("AlertMessages", "delivered %1 min after the promised time"), "i"},
    Template{"order.promise_missed", QT_TRANSLATE_NOOP("AlertMessages", "not signed %1 after the promised time"), "d"},
    Template{"rider.fix_stale", QT_TRANSLATE_NOOP("AlertMessages", "last GPS fix %1 ago"), "d"},
    Template{"rider.stationary", QT_TRANSLATE_NOOP("AlertMessages", "delivering but within %1 m of one spot for %2"), "id"},
    Template{"rider.battery_low", QT_TRANSLATE_NOOP("AlertMessages", "battery at %1 %"), "r"},
    Template{"rider.out_of_zone", QT_TRANSLATE_NOOP("AlertMessages", "outside the zone of %1"), "t"},
    Template{"rider.report", QT_TRANSLATE_NOOP("AlertMessages", "rider %1 reported %2"), "tt", "-k"},
    Template{"rider.report_note", QT_TRANSLATE_NOOP("AlertMessages", "rider %1 reported %2: %3"), "ttt", "-k-"},
    Template{"stock.below_reorder", QT_TRANSLATE_NOOP("AlertMessages", "%1 (%2) at %3 %4, reorder point %5"), "ttrtr"},
    Template{"sensor.out_of_range_vehicle", QT_TRANSLATE_NOOP("AlertMessages", "%1 %2 %3 outside %4..%5 (vehicle %6)"), "trtrrt", "n-----"},
    Template{"sensor.out_of_range_depot", QT_TRANSLATE_NOOP("AlertMessages", "%1 %2 %3 outside %4..%5 (depot %6)"), "trtrrt", "n-----"},
    Template{"burst.account", QT_TRANSLATE_NOOP("AlertMessages", "%1 orders within %2 min from one account: %3"), "iit"},
    Template{"burst.address", QT_TRANSLATE_NOOP("AlertMessages", "%1 orders within %2 min from one address: %3"), "iit"},
    Template{"storm.orders_per_minute", QT_TRANSLATE_NOOP("AlertMessages", "%1 orders/min vs %2 usual at this weekday-hour (z %3)"), "irr"},
    Template{"stock.out_of_stock_rate", QT_TRANSLATE_NOOP("AlertMessages", "%1 % of %2 stock checks failed in %3 min"), "rii"},
    Template{"feed.repeated_resyncs", QT_TRANSLATE_NOOP("AlertMessages", "%1 resyncs within %2 min"), "ii"},
    Template{"intake.over_capacity", QT_TRANSLATE_NOOP("AlertMessages", "%1 orders/min offered, %2 % of the capacity of %3/min set in the rule"), "iii"},
    Template{"intake.over_rate_limit", QT_TRANSLATE_NOOP("AlertMessages", "%1 orders/min offered, %2 % of the depot's rate limit of %3/min"), "iii"},
    Template{"intake.acceptance_collapse", QT_TRANSLATE_NOOP("AlertMessages", "%1 % of %2 new orders accepted in %3 min (%4 rate limited, %5 turned away by a breaker)"), "iiiii"},
    Template{"intake.breaker_open", QT_TRANSLATE_NOOP("AlertMessages", "breaker open or probing for %1 of the last %2 min: new orders in its scope are turned away (error rate %3 %)"), "dir"},
    Template{"intake.breaker_forced_open", QT_TRANSLATE_NOOP("AlertMessages", "breaker forced open for %1 of the last %2 min: no new orders in its scope"), "di"},
    Template{"feed.degraded", QT_TRANSLATE_NOOP("AlertMessages", "feed of depot %1 degraded: %2 frames keep failing (%3), %4 so far; resyncs backed off"), "ttti"},
    Template{"cleared.order_moved", QT_TRANSLATE_NOOP("AlertMessages", "condition cleared: order moved to %1"), "t", "s"},
    Template{"cleared.order_is", QT_TRANSLATE_NOOP("AlertMessages", "condition cleared: order is %1"), "t", "s"},
    Template{"cleared.order_unknown", QT_TRANSLATE_NOOP("AlertMessages", "condition cleared: order no longer known"), ""},
    Template{"cleared.order_retired", QT_TRANSLATE_NOOP("AlertMessages", "retired by gateway"), ""},
    Template{"cleared.new_eta", QT_TRANSLATE_NOOP("AlertMessages", "condition cleared: new ETA %1"), "w"},
    Template{"cleared.fresh_fix", QT_TRANSLATE_NOOP("AlertMessages", "condition cleared: fresh GPS fix"), ""},
    Template{"cleared.battery", QT_TRANSLATE_NOOP("AlertMessages", "condition cleared: battery at %1 %"), "r"},
    Template{"cleared.back_in_zone", QT_TRANSLATE_NOOP("AlertMessages", "condition cleared: back inside the zone of %1"), "t"},
    Template{"cleared.rider_offline", QT_TRANSLATE_NOOP("AlertMessages", "condition cleared: rider went offline"), ""},
    Template{"cleared.not_delivering", QT_TRANSLATE_NOOP("AlertMessages", "condition cleared: no longer delivering"), ""},
    Template{"cleared.moving_again", QT_TRANSLATE_NOOP("AlertMessages", "condition cleared: moving again"), ""},
    Template{"cleared.restocked", QT_TRANSLATE_NOOP("AlertMessages", "condition cleared: restocked to %1"), "r"},
    Template{"cleared.sensor_in_range", QT_TRANSLATE_NOOP("AlertMessages", "condition cleared: reading back in range (%1)"), "r"},
    Template{"cleared.burst", QT_TRANSLATE_NOOP("AlertMessages", "condition cleared: %1 orders in the last %2 min"), "ii"},
    Template{"cleared.storm", QT_TRANSLATE_NOOP("AlertMessages", "condition cleared: %1 orders/min (usual %2)"), "ir"},
    Template{"cleared.out_of_stock_rate", QT_TRANSLATE_NOOP("AlertMessages", "condition cleared: out-of-stock rate %1 %"), "r"},
    Template{"cleared.resyncs", QT_TRANSLATE_NOOP("AlertMessages", "condition cleared: %1 resyncs in the window"), "i"},
    Template{"cleared.intake_rate", QT_TRANSLATE_NOOP("AlertMessages", "condition cleared: %1 orders/min offered (capacity %2/min)"), "ii"},
    Template{"cleared.acceptance", QT_TRANSLATE_NOOP("AlertMessages", "condition cleared: %1 % of new orders accepted"), "i"},
    Template{"cleared.breaker_closed", QT_TRANSLATE_NOOP("AlertMessages", "condition cleared: breaker closed most of the last %1 min"), "i"},
    Template{"cleared.feed_clean", QT_TRANSLATE_NOOP("AlertMessages", "condition cleared: frames of depot %1 read cleanly again"), "t"},
    Template{"cleared.quiet", QT_TRANSLATE_NOOP("AlertMessages", "condition cleared: no new occurrence in %1 min"), "i"},
    Template{"note.rule_retired", QT_TRANSLATE_NOOP("AlertMessages", "rule removed or disabled"), ""},
    Template{"note.not_acknowledged", QT_TRANSLATE_NOOP("AlertMessages", "not acknowledged within %1 min"), "i"},
    Template{"note.still_not_signed", QT_TRANSLATE_NOOP("AlertMessages", "still not signed %1 min after the promised time"), "i"},
    Template{"note.assigned_to", QT_TRANSLATE_NOOP("AlertMessages", "to %1"), "t"},
};

const Template *templateOf(const QString &code)
{
    const QByteArray name = code.toLatin1();
    for (const Template &t : kTemplates)
        if (name == t.code)
            return &t;
    return nullptr;
}

bool isInteger(const QVariant &v)
{
    const int type = v.typeId();
    return type == QMetaType::LongLong || type == QMetaType::Int || type == QMetaType::ULongLong
        || type == QMetaType::UInt;
}

bool fits(char kind, const QVariant &v)
{
    switch (kind) {
    case 't': return v.typeId() == QMetaType::QString;
    case 'r': return v.typeId() == QMetaType::Double;
    default: return isInteger(v);
    }
}

QString wordCode(char label, const QString &code)
{
    switch (label) {
    case 's': return sdk::codeLabel(sdk::CodeFamily::OrderState, code);
    case 'k': return sdk::codeLabel(sdk::CodeFamily::Reason, code);
    case 'n': return sdk::codeLabel(sdk::CodeFamily::SensorKind, code);
    case 'e': return sdk::codeLabel(sdk::CodeFamily::EventType, code);
    default: return code;
    }
}

// Numbers stay unlocalised, as in the core's English, so both show the same digits.
QString render(char kind, char label, const QVariant &v)
{
    switch (kind) {
    case 't': return wordCode(label, v.toString());
    case 'r': return QString::number(v.toDouble(), 'f', 1);
    case 'd': {
        const qint64 ms = v.toLongLong();
        return ms >= 120000 ? QCoreApplication::translate("AlertMessages", "%1 min").arg(ms / 60000)
                            : QCoreApplication::translate("AlertMessages", "%1 s").arg(ms / 1000);
    }
    case 'w':
        return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), QTimeZone::utc())
            .toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"));
    default: return QString::number(v.toLongLong());
    }
}

// One pass over the translated template, so an argument that itself contains "%2" (a
// rider's note) stays as typed; the core's formatEnglish fills its templates the same way.
QString fill(const QString &text, const QStringList &args)
{
    QString out;
    out.reserve(text.size() + 32);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const qsizetype n = i + 1 < text.size() ? text.at(i + 1).unicode() - u'1' : -1;
        if (text.at(i) == u'%' && n >= 0 && n < args.size()) {
            out += args.at(n);
            ++i;
        } else {
            out += text.at(i);
        }
    }
    return out;
}

} // namespace

QString alertMessageText(const QString &code, const QVariantList &args, const QString &storedText)
{
    const Template *t = code.isEmpty() ? nullptr : templateOf(code);
    const qsizetype argc = t ? static_cast<qsizetype>(std::strlen(t->kinds)) : 0;
    if (!t || args.size() != argc)
        return storedText;
    QStringList rendered;
    rendered.reserve(argc);
    for (qsizetype i = 0; i < argc; ++i) {
        if (!fits(t->kinds[i], args.at(i)))
            return storedText;
        const char label = i < static_cast<qsizetype>(std::strlen(t->labels)) ? t->labels[i] : '-';
        rendered.push_back(render(t->kinds[i], label, args.at(i)));
    }
    return fill(QCoreApplication::translate("AlertMessages", t->text), rendered);
}

QString alertMessageText(const sdk::AlertRow &alert)
{
    return alertMessageText(alert.messageCode, alert.messageArgs, alert.message);
}

QString alertNoteText(const sdk::AlertRow &alert)
{
    return alertMessageText(alert.noteCode, alert.noteArgs, alert.note);
}

QString alertHistoryText(const sdk::AlertHistoryRow &change)
{
    if (!change.note.isEmpty() || !change.noteCode.isEmpty())
        return alertMessageText(change.noteCode, change.noteArgs, change.note);
    return alertMessageText(change.messageCode, change.messageArgs, change.message);
}

QString alertSubjectText(const QString &subjectKind, const QString &subject, const QString &messageCode,
                         const QVariantList &messageArgs)
{
    using sdk::CodeFamily;
    const bool burst = subjectKind == QLatin1String("account") || subjectKind == QLatin1String("address");
    if (burst) {
        // burst.account / burst.address: (count, window minutes, "DD1, DD2, ..."); a burst
        // is at least two orders (the rules' validation), so no singular.
        const bool named = (messageCode == QLatin1String("burst.account") || messageCode == QLatin1String("burst.address"))
            && messageArgs.size() == 3 && !messageArgs.at(2).toString().isEmpty();
        if (named) {
            const int count = messageArgs.at(0).toInt();
            return QCoreApplication::translate("AlertMessages", "%n orders: %1", nullptr, count)
                .arg(messageArgs.at(2).toString());
        }
        return sdk::codeLabel(CodeFamily::AlertSubject, subjectKind);
    }
    if (subjectKind == QLatin1String("depot")) {
        // A breaker's subject is its scope ("global", "depot:<id>", "merchant:<id>").
        if (subject == QLatin1String("global") || subject.contains(QLatin1Char(':')))
            return sdk::scopeLabel(subject);
        return sdk::depotLabel(subject);
    }
    if (subjectKind == QLatin1String("feed"))
        return sdk::codeLabel(CodeFamily::AlertSubject, subjectKind);
    return subject;
}

QString alertSubjectText(const sdk::AlertRow &alert)
{
    return alertSubjectText(alert.subjectKind, alert.subject, alert.messageCode, alert.messageArgs);
}

QString alertSubjectText(const sdk::AlertHistoryRow &change)
{
    QString kind;
    for (const char *prefix : {"account", "address"})
        if (change.subject.startsWith(QLatin1String(prefix) + QLatin1Char(':')))
            kind = QLatin1String(prefix);
    if (change.subject == QLatin1String("feed"))
        kind = QStringLiteral("feed");
    return alertSubjectText(kind, change.subject, change.messageCode, change.messageArgs);
}

QStringList knownAlertCodes()
{
    QStringList codes;
    for (const Template &t : kTemplates)
        codes.push_back(QLatin1String(t.code));
    return codes;
}

bool isKnownAlertCode(const QString &code)
{
    return templateOf(code) != nullptr;
}

bool alertCodeWordsArguments(const QString &code)
{
    const Template *t = templateOf(code);
    if (!t)
        return false;
    for (const char *c = t->labels; *c; ++c)
        if (*c != '-')
            return true;
    return false;
}

} // namespace opsdeck::widgets
