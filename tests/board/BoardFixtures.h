#pragma once
// Orders for board tests: fixed clock, named so a failing comparison reads well.
#include "sdk/Rows.h"

#include <QList>
#include <QString>

namespace boardtest {

inline constexpr qint64 kNow = 1'800'000'000'000; // 2027-01-15, a fixed "now"

inline opsdeck::sdk::OrderRow order(int n, const QString &state, qint64 stateSinceMs = 0)
{
    opsdeck::sdk::OrderRow o;
    o.orderId = QStringLiteral("o-%1").arg(n, 4, 10, QLatin1Char('0'));
    o.depot = n % 2 ? QStringLiteral("BJ-CY-01") : QStringLiteral("BJ-HD-02");
    o.state = state;
    o.merchantId = QStringLiteral("m-%1").arg(n % 5);
    o.channel = n % 3 == 0 ? QStringLiteral("fresh") : (n % 3 == 1 ? QStringLiteral("campus") : QStringLiteral("errand"));
    o.riderId = state == QLatin1String("DELIVERING") ? QStringLiteral("r-%1").arg(n % 7) : QString();
    o.customerName = QStringLiteral("张*");
    o.customerPhone = QStringLiteral("138****%1").arg(1000 + n);
    o.createdAtMs = kNow - 3'600'000;
    o.updatedAtMs = kNow - 60'000;
    o.stateSinceMs = stateSinceMs ? stateSinceMs : kNow - 600'000 + n * 1000; // later n: later in the column
    o.promisedAtMs = kNow + 1'800'000;
    return o;
}

} // namespace boardtest
