#include "KpiReportScheduler.h"

#include "sdk/KpiService.h"

#include <QDir>
#include <QFutureWatcher>
#include <QSettings>
#include <QTimeZone>
#include <QtConcurrent/QtConcurrentRun>

namespace opsdeck::widgets {

namespace {
const QString kFolderKey = QStringLiteral("kpi/report/folder");
const QString kTimeKey = QStringLiteral("kpi/report/time");
const QString kLastDayKey = QStringLiteral("kpi/report/lastDay");
} // namespace

KpiReportScheduler::KpiReportScheduler(sdk::KpiService *service, QSettings *settings, Clock clock, QObject *parent)
    : QObject(parent), m_service(service), m_settings(settings), m_clock(std::move(clock))
{
    if (!m_clock)
        m_clock = [] { return QDateTime::currentDateTime(); };
    m_timer.setInterval(30000);
    connect(&m_timer, &QTimer::timeout, this, &KpiReportScheduler::checkNow);
    if (m_service)
        connect(m_service, &sdk::KpiService::historyReady, this, &KpiReportScheduler::onHistory);
}

KpiReportScheduler::~KpiReportScheduler() = default;

QVariant KpiReportScheduler::stored(const QString &key, const QVariant &fallback) const
{
    if (m_settings)
        return m_settings->value(key, fallback);
    return m_session.value(key, fallback);
}

void KpiReportScheduler::store(const QString &key, const QVariant &value)
{
    if (m_settings)
        m_settings->setValue(key, value);
    else
        m_session.insert(key, value);
}

void KpiReportScheduler::setFolder(const QString &folder)
{
    store(kFolderKey, folder);
}

QString KpiReportScheduler::folder() const
{
    return stored(kFolderKey).toString();
}

void KpiReportScheduler::setTimeOfDay(const QTime &time)
{
    store(kTimeKey, time.toString(QStringLiteral("HH:mm")));
}

QTime KpiReportScheduler::timeOfDay() const
{
    const QTime t = QTime::fromString(stored(kTimeKey, QStringLiteral("00:10")).toString(), QStringLiteral("HH:mm"));
    return t.isValid() ? t : QTime(0, 10);
}

QDate KpiReportScheduler::lastDay() const
{
    return QDate::fromString(stored(kLastDayKey).toString(), Qt::ISODate);
}

void KpiReportScheduler::setActive(bool active)
{
    if (active)
        m_timer.start();
    else
        m_timer.stop();
}

bool KpiReportScheduler::checkNow()
{
    if (!m_service || folder().isEmpty() || m_pending != 0)
        return false;
    const QDateTime now = m_clock();
    if (now.time() < timeOfDay())
        return false;
    const QDate day = now.date().addDays(-1);
    const QDate last = lastDay();
    if (last.isValid() && last >= day)
        return false;
    sdk::KpiHistoryQuery q;
    q.scope = QStringLiteral("all");
    q.fromMs = QDateTime(day, QTime(0, 0), now.timeZone()).toMSecsSinceEpoch();
    q.toMs = QDateTime(day.addDays(1), QTime(0, 0), now.timeZone()).toMSecsSinceEpoch();
    m_pendingDay = day;
    m_pending = m_service->requestHistory(q);
    return true;
}

void KpiReportScheduler::onHistory(quint64 requestId, const sdk::KpiHistoryResult &result)
{
    if (requestId != m_pending)
        return;
    m_pending = 0;
    if (!result.error.isEmpty()) {
        emit reportFailed(result.error);
        return;
    }
    KpiReport report;
    report.title = tr("OpsDeck daily KPI report");
    report.period = m_pendingDay.toString(Qt::ISODate);
    report.generatedAtMs = m_clock().toMSecsSinceEpoch();
    report.history = result;
    report.charts = renderKpiReportCharts(result); // widgets: GUI thread
    const QDir dir(folder());
    const QString base = QStringLiteral("opsdeck-kpi-") + report.period;
    const QString csv = dir.filePath(base + QStringLiteral(".csv"));
    const QString pdf = dir.filePath(base + QStringLiteral(".pdf"));
    const QDate day = m_pendingDay;
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, csv, pdf, day] {
        const QString error = watcher->result();
        watcher->deleteLater();
        if (!error.isEmpty()) {
            emit reportFailed(error);
            return;
        }
        store(kLastDayKey, day.toString(Qt::ISODate));
        emit reportWritten(csv, pdf);
    });
    // Files are written off the GUI thread.
    const QString cannotCreate = tr("Cannot create the report folder %1.").arg(dir.absolutePath());
    watcher->setFuture(QtConcurrent::run([report, csv, pdf, dirPath = dir.absolutePath(), cannotCreate] {
        QString error;
        if (!QDir().mkpath(dirPath))
            return cannotCreate;
        if (!writeKpiReportCsv(report, csv, &error) || !writeKpiReportPdf(report, pdf, &error))
            return error;
        return QString();
    }));
}

} // namespace opsdeck::widgets
