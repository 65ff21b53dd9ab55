#pragma once

#include "sdk/SdkExport.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPair>
#include <QString>

#include <cmath>

namespace opsdeck::sdk {

// The KPIs of one scope over one span (docs/kpi.md has every formula). Rates are
// fractions 0..1; NaN means "no denominator in this span" (draw a dash, not 0 %).
struct KpiValues {
    qint64 fromMs = 0;
    qint64 toMs = 0;
    double ordersPerMin = NAN;
    double fulfilmentRate = NAN;
    double onTimeRate = NAN;
    double deliveryP50Min = NAN;
    double deliveryP90Min = NAN;
    double pickP50Min = NAN;
    double pickP90Min = NAN;
    double outOfStockRate = NAN;
    double exceptionRate = NAN;
    QList<QPair<QString, double>> exceptionRateByReason; // reason (wire spelling) -> rate
    double lossRate = NAN;
    double utilisation = NAN;
    double avgOnlineRiders = NAN;
    int activeRidersNow = -1; // -1: not known (history, or a scope without riders)
    qint64 orders = 0;        // created
    qint64 dispatched = 0;
    qint64 signedOrders = 0;
    qint64 cancelled = 0;
    qint64 returned = 0;
    qint64 claimed = 0;
    qint64 outOfStock = 0;
    qint64 coldExcursions = 0;
    qint64 offered = 0;
    qint64 accepted = 0;
    qint64 rejected = 0;
};

enum class KpiWindowId { OneMinute = 0, FifteenMinutes = 1, OneHour = 2, Today = 3 };

// "all", "depot:<id>", "channel:<fresh|campus|errand>", "merchant:<id>".
struct KpiScopeValues {
    QString scope;
    QList<KpiValues> windows; // indexed by KpiWindowId (live) — one entry for history totals
};

struct KpiLiveSnapshot {
    qint64 atMs = 0;
    QList<KpiScopeValues> scopes;            // "all" first
    QList<KpiValues> trend;                  // scope "all", one per minute of the last hour
    QList<double> deliveryHistogramLastHour; // counts per bin of histogramBinSeconds
    QList<double> deliveryHistogramToday;
    int histogramBinSeconds = 30;
    qint64 eventsSeen = 0;

    const KpiScopeValues *find(const QString &scope) const
    {
        for (const auto &s : scopes)
            if (s.scope == scope)
                return &s;
        return nullptr;
    }
};

struct KpiHistoryQuery {
    qint64 fromMs = 0;
    qint64 toMs = 0;                 // exclusive
    QString scope = QStringLiteral("all");
};

struct KpiHistoryResult {
    KpiHistoryQuery query;
    KpiValues total;                      // of query.scope over the whole range
    QList<KpiValues> series;              // of query.scope, per hour
    QList<KpiScopeValues> depots;         // every depot's total (windows has one entry)
    QList<double> deliveryHistogram;      // of query.scope, whole range
    int histogramBinSeconds = 30;
    double queryMs = 0;                   // time the store took
    QString error;                        // empty on success
};

// Live KPIs and their history. Live snapshots arrive at most once per second; history
// queries run on the store thread and answer through historyReady (never blocking).
class OPSDECK_SDK_EXPORT KpiService : public QObject
{
    Q_OBJECT
public:
    explicit KpiService(QObject *parent = nullptr);
    ~KpiService() override;

    virtual KpiLiveSnapshot latest() const = 0;
    // Returns the id historyReady will carry.
    virtual quint64 requestHistory(const KpiHistoryQuery &query) = 0;

signals:
    void snapshotChanged(const opsdeck::sdk::KpiLiveSnapshot &snapshot);
    void historyReady(quint64 requestId, const opsdeck::sdk::KpiHistoryResult &result);
};

} // namespace opsdeck::sdk

Q_DECLARE_METATYPE(opsdeck::sdk::KpiLiveSnapshot)
Q_DECLARE_METATYPE(opsdeck::sdk::KpiHistoryResult)
