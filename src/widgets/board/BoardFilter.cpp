#include "BoardFilter.h"

#include <limits>

namespace opsdeck::widgets {

SlaLevel slaLevel(const sdk::OrderRow &row, qint64 nowMs)
{
    return core::liveSlaLevel(row.promisedAtMs, sdk::isFinalState(row.state), nowMs);
}

bool BoardFilter::isLate(const sdk::OrderRow &row, qint64 nowMs)
{
    return slaLevel(row, nowMs) == SlaLevel::Late;
}

bool BoardFilter::accepts(const sdk::OrderRow &row, qint64 nowMs) const
{
    if (!depot.isEmpty() && row.depot != depot)
        return false;
    if (!channel.isEmpty() && row.channel != channel)
        return false;
    if (!merchant.isEmpty() && !row.merchantId.contains(merchant, Qt::CaseInsensitive))
        return false;
    if (!rider.isEmpty() && !row.riderId.contains(rider, Qt::CaseInsensitive))
        return false;
    if (dependsOnClock()) {
        const SlaLevel level = slaLevel(row, nowMs);
        const bool wanted = (lateOnly && level == SlaLevel::Late) || (atRiskOnly && level == SlaLevel::AtRisk);
        if (!wanted)
            return false;
    }
    if (!reason.isEmpty() && !row.lastReason.contains(reason, Qt::CaseInsensitive))
        return false;
    if (sinceMs > 0 && row.stateSinceMs < sinceMs)
        return false;
    if (untilMs > 0 && row.stateSinceMs >= untilMs)
        return false;
    if (orderIds && !orderIds->contains(row.orderId))
        return false;
    return true;
}

qint64 BoardFilter::timeLeftKey(const sdk::OrderRow &row)
{
    return core::hasPromise(row.promisedAtMs) ? row.promisedAtMs : std::numeric_limits<qint64>::max();
}

QVariantMap BoardFilter::toMap() const
{
    return {{QStringLiteral("depot"), depot},
            {QStringLiteral("channel"), channel},
            {QStringLiteral("merchant"), merchant},
            {QStringLiteral("rider"), rider},
            {QStringLiteral("hiddenStates"), hiddenStates},
            {QStringLiteral("lateOnly"), lateOnly},
            {QStringLiteral("atRiskOnly"), atRiskOnly},
            {QStringLiteral("sortByTimeLeft"), sortByTimeLeft}};
}

BoardFilter BoardFilter::fromMap(const QVariantMap &map)
{
    BoardFilter f;
    f.depot = map.value(QStringLiteral("depot")).toString();
    f.channel = map.value(QStringLiteral("channel")).toString();
    f.merchant = map.value(QStringLiteral("merchant")).toString();
    f.rider = map.value(QStringLiteral("rider")).toString();
    f.hiddenStates = map.value(QStringLiteral("hiddenStates")).toStringList();
    f.lateOnly = map.value(QStringLiteral("lateOnly")).toBool();
    f.atRiskOnly = map.value(QStringLiteral("atRiskOnly")).toBool();
    f.sortByTimeLeft = map.value(QStringLiteral("sortByTimeLeft")).toBool();
    return f;
}

BoardFilter BoardFilter::fromRequest(const QVariantMap &request)
{
    BoardFilter f = fromMap(request); // the keys a saved view and a request share
    QStringList shown = request.value(QStringLiteral("states")).toStringList();
    if (const QString state = request.value(QStringLiteral("state")).toString(); !state.isEmpty())
        shown.push_back(state);
    if (!shown.isEmpty()) {
        for (const QString &s : sdk::orderStates())
            if (!shown.contains(s))
                f.hiddenStates.push_back(s);
    }
    f.reason = request.value(QStringLiteral("reason")).toString();
    f.sinceMs = request.value(QStringLiteral("fromMs")).toLongLong();
    f.untilMs = request.value(QStringLiteral("toMs")).toLongLong();
    if (request.contains(QStringLiteral("orderIds"))) {
        const QStringList ids = request.value(QStringLiteral("orderIds")).toStringList();
        f.orderIds = QSet<QString>(ids.begin(), ids.end());
    }
    return f;
}

} // namespace opsdeck::widgets
