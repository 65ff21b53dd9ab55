#pragma once

#include "KpiReport.h"
#include "widgets/WidgetsExport.h"

#include <QDate>
#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTime>
#include <QTimer>
#include <QVariantHash>

#include <functional>

class QSettings;

namespace opsdeck::sdk {
class KpiService;
}

namespace opsdeck::widgets {

// Writes yesterday's KPI report (CSV and PDF, all depots and each depot) into a chosen
// folder once a day, at a chosen time. Settings keys: kpi/report/folder,
// kpi/report/time ("HH:mm"), kpi/report/lastDay ("yyyy-MM-dd", so a console started
// late still writes the report it missed, and never twice). The clock is injectable.
// Settings are the console's (sdk::ConsoleContext::settings()); without them (null) the
// schedule holds for this session only.
class OPSDECK_WIDGETS_EXPORT KpiReportScheduler final : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<QDateTime()>;

    KpiReportScheduler(sdk::KpiService *service, QSettings *settings, Clock clock, QObject *parent = nullptr);
    ~KpiReportScheduler() override;

    void setFolder(const QString &folder); // empty: disabled
    QString folder() const;
    void setTimeOfDay(const QTime &time);
    QTime timeOfDay() const;
    QDate lastDay() const;

    // Starts or stops the check timer (every 30 s of real time).
    void setActive(bool active);
    // Writes the report that is due, if any; returns true when one was started.
    bool checkNow();

signals:
    void reportWritten(const QString &csvPath, const QString &pdfPath);
    void reportFailed(const QString &error);

private:
    void onHistory(quint64 requestId, const sdk::KpiHistoryResult &result);
    QVariant stored(const QString &key, const QVariant &fallback = {}) const;
    void store(const QString &key, const QVariant &value);

    QPointer<sdk::KpiService> m_service;
    QSettings *m_settings;   // the console's; null: m_session instead
    QVariantHash m_session;
    Clock m_clock;
    QTimer m_timer;
    quint64 m_pending = 0;
    QDate m_pendingDay;
};

} // namespace opsdeck::widgets
