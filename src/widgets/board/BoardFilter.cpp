#include "BoardFilter.h"

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
    if (lateOnly && !isLate(row, nowMs))
        return false;
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

QVariantMap BoardFilter::toMap() const
{
    return {{QStringLiteral("depot"), depot},
            {QStringLiteral("channel"), channel},
            {QStringLiteral("merchant"), merchant},
            {QStringLiteral("rider"), rider},
            {QStringLiteral("hiddenStates"), hiddenStates},
            {QStringLiteral("lateOnly"), lateOnly}};
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
