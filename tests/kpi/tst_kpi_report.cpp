// Issue 14: the KPI PDF as a reader sees it (pdftotext reads the real file back: four
// charts with four titles, over the time observed, filling A4 with readable text), the
// per-minute averages over the time observed, the export dialog's folder, tiles that keep
// two figures apart and hold back a verdict without a sample, and axis labels that are
// whole, distinct and never elided.
#include "KpiFixtures.h"
#include "KpiHistoryFixture.h"
#include "store/db/StoreWorker.h"
#include "store/kpi/KpiHistoryStore.h"
#include "store/log/EventStore.h"
#include "widgets/charts/AxisTicks.h"
#include "widgets/charts/KpiChart.h"
#include "widgets/charts/TimeSeriesChart.h"
#include "widgets/kpi/KpiDashboardWidget.h"
#include "widgets/kpi/KpiTile.h"

#include <QChartView>
#include <QFile>
#include <QFileDialog>
#include <QGraphicsTextItem>
#include <QMap>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace opsdeck;
using namespace kpitest;
using widgets::KpiDashboardWidget;

namespace {

QString run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(20000))
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

struct Word {
    QRectF box;
    QString text;
};
struct Page {
    QSizeF size;
    QList<Word> words;
};

// pdftotext -bbox: every word with its box in points, page by page.
QList<Page> pdfWords(const QString &pdf)
{
    const QString html = run(QStringLiteral("pdftotext"), {QStringLiteral("-bbox"), pdf, QStringLiteral("-")});
    QList<Page> pages;
    static const QRegularExpression tag(QStringLiteral(
        R"re(<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re"));
    for (auto it = tag.globalMatch(html); it.hasNext();) {
        const auto m = it.next();
        if (!m.captured(1).isEmpty()) {
            pages.append(Page{QSizeF(m.captured(1).toDouble(), m.captured(2).toDouble()), {}});
        } else if (!pages.isEmpty()) {
            const QPointF a(m.captured(3).toDouble(), m.captured(4).toDouble());
            const QPointF b(m.captured(5).toDouble(), m.captured(6).toDouble());
            pages.last().words.append(Word{QRectF(a, b), m.captured(7)});
        }
    }
    return pages;
}

// Every text item of a chart's scene grouped by the item that holds it: an axis's labels
// share one parent. (Qt Charts elides with "...", QFontMetrics with "…".)
QMap<QGraphicsItem *, QStringList> chartTexts(QWidget *chart)
{
    QMap<QGraphicsItem *, QStringList> groups;
    for (auto *view : chart->findChildren<QChartView *>())
        for (QGraphicsItem *item : view->scene()->items())
            if (auto *text = dynamic_cast<QGraphicsTextItem *>(item); text && text->isVisible() && !text->toPlainText().isEmpty())
                groups[text->parentItem()].append(text->toPlainText());
    return groups;
}

void verifyReadableLabels(QWidget *chart, const char *what)
{
    const auto groups = chartTexts(chart);
    QVERIFY2(!groups.isEmpty(), what);
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        const QStringList &texts = it.value();
        for (const QString &t : texts)
            QVERIFY2(!t.contains(QChar(0x2026)) && !t.contains(QLatin1String("...")), qPrintable(QStringLiteral("%1: elided \"%2\"").arg(QLatin1String(what), t)));
        QVERIFY2(QSet<QString>(texts.cbegin(), texts.cend()).size() == texts.size(),
                 qPrintable(QStringLiteral("%1: repeated labels %2").arg(QLatin1String(what), texts.join(QStringLiteral(", ")))));
    }
}

sdk::KpiLiveSnapshot snapshotOf(const sdk::KpiValues &fifteen, const sdk::KpiValues &today, qint64 atMs)
{
    sdk::KpiLiveSnapshot s;
    s.atMs = atMs;
    s.scopes.append(sdk::KpiScopeValues{QStringLiteral("all"), {fifteen, fifteen, fifteen, today}});
    return s;
}

} // namespace

class TestKpiReport final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("OpsDeckTest"));
    }

    // The report at 10:00 of a day observed 08:00-08:26: four charts with their own titles,
    // a time axis over the morning observed (not 08:59-09:00 around the one hourly point),
    // the table filling page 1 and the charts page 2, chart text no smaller than 8 pt.
    void pdfShowsFourChartsOverTheObservedTime()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("pdftotext (poppler-utils, installed by setup.sh) is missing: the PDF cannot be read back");
        auto worker = workedExampleStore(m_dir.filePath(QStringLiteral("pdf.db")));
        app::KpiServiceHost host;
        host.attachStore(*worker);
        KpiDashboardWidget dash(&host, nullptr);
        dash.setClock([] { return QDateTime::fromMSecsSinceEpoch(kT0 + 2 * 3600000); });
        dash.setRange(KpiDashboardWidget::Range::Today);
        QSignalSpy written(&dash, &KpiDashboardWidget::reportWritten);
        const QString pdf = m_dir.filePath(QStringLiteral("day.pdf"));
        dash.exportReport(pdf, KpiDashboardWidget::ReportFormat::Pdf);
        QVERIFY(written.wait(20000));

        // NFKC: the PDF font's ligatures ("ﬂ") back to letters.
        const QString text = run(QStringLiteral("pdftotext"), {QStringLiteral("-raw"), pdf, QStringLiteral("-")})
                                 .normalized(QString::NormalizationForm_KC);
        for (const char *title : {"Order flow", "Fulfilment and on-time rate", "Delivery time, paid to signed", "By depot"})
            QVERIFY2(text.count(QLatin1String(title)) == 1, qPrintable(QStringLiteral("%1 in:\n%2").arg(QLatin1String(title), text)));
        const QString start = QDateTime::fromMSecsSinceEpoch(kT0).toString(QStringLiteral("HH:mm"));
        const QString lastHourPoint = QDateTime::fromMSecsSinceEpoch(kT0 + 3600000 - 60000).toString(QStringLiteral("HH:mm"));
        QVERIFY2(text.contains(start), qPrintable(text));
        QVERIFY2(!text.contains(lastHourPoint), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("minutes"))); // the histogram's axis

        const QList<Page> pages = pdfWords(pdf);
        QCOMPARE(pages.size(), 2);
        for (const Page &page : pages) {
            QVERIFY(page.size.width() > page.size.height()); // A4 landscape
            double bottom = 0, right = 0;
            for (const Word &w : page.words) {
                bottom = std::max(bottom, w.box.bottom());
                right = std::max(right, w.box.right());
            }
            QVERIFY2(bottom > 0.8 * page.size.height(), qPrintable(QString::number(bottom)));
            QVERIFY2(right > 0.8 * page.size.width(), qPrintable(QString::number(right)));
        }
        // The period line is set at 10 pt: every word on the chart page at least 0.8 of its height.
        double periodH = 0, smallest = 1e9;
        QString smallestWord;
        for (const Word &w : pages[1].words) {
            if (w.text == QLatin1String("Period:") && periodH == 0)
                periodH = w.box.height();
            else if (w.box.height() < smallest) {
                smallest = w.box.height();
                smallestWord = w.text;
            }
        }
        QVERIFY(periodH > 0);
        QVERIFY2(smallest >= 0.8 * periodH, qPrintable(QStringLiteral("\"%1\" %2 pt high against %3").arg(smallestWord).arg(smallest).arg(periodH)));
        worker->stop();
    }

    // Orders per minute over the 26 minutes observed (08:00 to the end of 08:25), not 1440.
    void averagesOverTheObservedTime()
    {
        auto worker = workedExampleStore(m_dir.filePath(QStringLiteral("avg.db")));
        app::KpiServiceHost host;
        host.attachStore(*worker);
        QSignalSpy ready(&host, &sdk::KpiService::historyReady);
        sdk::KpiHistoryQuery q;
        q.fromMs = kT0 - 8 * 3600000;
        q.toMs = q.fromMs + 86400000;
        host.requestHistory(q);
        QVERIFY(ready.wait(10000));
        const auto result = ready.first().at(1).value<sdk::KpiHistoryResult>();
        QCOMPARE(result.total.fromMs, kT0);
        QCOMPARE(result.total.toMs, kT0 + 26 * 60000);
        QVERIFY2(std::fabs(result.total.ordersPerMin - 6.0 / 26.0) < 1e-9, qPrintable(QString::number(result.total.ordersPerMin)));
        QVERIFY(std::fabs(result.total.avgOnlineRiders - 1755000.0 / (26 * 60000.0)) < 1e-9);
        QCOMPARE(result.series.size(), 1);
        QCOMPARE(result.series[0].toMs, kT0 + 26 * 60000); // the hour so far, not the whole hour
        QVERIFY(std::fabs(result.depots.value(0).windows.value(0).ordersPerMin - 3.0 / 26.0) < 1e-9);
        worker->stop();
    }

    void exportDialogOpensInDocumentsThenTheLastFolder()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("export.ini")), QSettings::IniFormat);
        app::KpiServiceHost host; // no store: the export itself fails, the folder is kept
        KpiDashboardWidget dash(&host, &settings);
        dash.setClock([] { return QDateTime::fromMSecsSinceEpoch(kT0); });
        dash.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dash));
        auto dialogFolder = [&dash] {
            auto *button = dash.findChild<QPushButton *>(QStringLiteral("exportPdfButton"));
            button->click();
            auto *dialog = dash.findChild<QFileDialog *>(QStringLiteral("kpiExportDialog"));
            if (!dialog)
                return QString();
            const QString folder = dialog->directory().absolutePath();
            dialog->reject();
            return folder;
        };
        const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        QCOMPARE(dialogFolder(), QDir(QFileInfo(documents).isDir() ? documents : QDir::homePath()).absolutePath());
        QSignalSpy failed(&dash, &KpiDashboardWidget::reportFailed);
        const QString folder = m_dir.filePath(QStringLiteral("exports"));
        QVERIFY(QDir().mkpath(folder));
        dash.exportReport(QDir(folder).filePath(QStringLiteral("k.pdf")), KpiDashboardWidget::ReportFormat::Pdf);
        QVERIFY(failed.wait(10000));
        QTRY_VERIFY(!dash.findChild<QFileDialog *>(QStringLiteral("kpiExportDialog")));
        QCOMPARE(dialogFolder(), QDir(folder).absolutePath());
        QCOMPARE(settings.value(QStringLiteral("kpi/report/exportFolder")).toString(), QDir(folder).absolutePath());
    }

    // At 06:05, five minutes into the day, seven orders cancelled and none signed: no order
    // could have been delivered yet, so 0 % is not a verdict. After 40 minutes it is.
    void noVerdictBeforeOrdersAreDue()
    {
        app::KpiServiceHost host;
        KpiDashboardWidget dash(&host, nullptr);
        dash.setRange(KpiDashboardWidget::Range::Today);
        sdk::KpiValues v;
        v.cancelled = 7;
        v.orders = 40;
        v.fulfilmentRate = 0;
        v.fromMs = kT0;
        v.toMs = kT0 + 5 * 60000;
        dash.applySnapshot(snapshotOf(v, v, v.toMs));
        widgets::KpiTile *tile = dash.tile(QStringLiteral("fulfilment"));
        QCOMPARE(tile->grade(), widgets::KpiGrade::Unknown);
        QCOMPARE(tile->valueText(), QStringLiteral("—"));
        QCOMPARE(tile->detailText(), QStringLiteral("0 of 7 delivered"));
        QCOMPARE(tile->trendText(), QStringLiteral("no order due yet"));
        v.toMs = kT0 + 40 * 60000;
        dash.applySnapshot(snapshotOf(v, v, v.toMs));
        QCOMPARE(tile->valueText(), QStringLiteral("0.0 %"));
        QCOMPARE(tile->grade(), widgets::KpiGrade::Bad);
        // One late signature of one is too few for a colour.
        v.signedOrders = 1;
        v.onTimeRate = 0;
        dash.applySnapshot(snapshotOf(v, v, v.toMs));
        QCOMPARE(dash.tile(QStringLiteral("on_time"))->grade(), widgets::KpiGrade::Unknown);
    }

    void ticksAreRoundAndDistinct()
    {
        const auto counts = widgets::valueTicks(2.2, true);
        QCOMPARE(counts.step, 1.0);
        QCOMPARE(counts.max, 3.0);
        QCOMPARE(counts.decimals, 0);
        const auto rates = widgets::valueTicks(1.8, false);
        QCOMPARE(rates.step, 0.5);
        QCOMPARE(rates.decimals, 1);
        QCOMPARE(widgets::valueTicks(100, false).step, 20.0);
        // 25 s of data: not five ticks reading "06:08".
        const auto t = widgets::timeTicks(kT0 + 10000, kT0 + 35000, 5);
        QSet<QString> labels;
        for (int i = 0; i < t.count; ++i)
            labels.insert(QDateTime::fromMSecsSinceEpoch(t.fromMs + i * t.stepMs).toString(t.format));
        QCOMPARE(labels.size(), t.count);
        QVERIFY(t.fromMs <= kT0 + 10000 && t.toMs >= kT0 + 35000);
        const auto week = widgets::timeTicks(kT0 - 6 * 86400000LL, kT0 + 86400000LL, 8);
        QCOMPARE(week.format, QStringLiteral("MM-dd"));
        // A whole day: the last tick is the next midnight, not a second "00:00".
        const qint64 midnight = QDateTime(QDateTime::fromMSecsSinceEpoch(kT0).date(), QTime(0, 0)).toMSecsSinceEpoch();
        const auto day = widgets::timeTicks(midnight, midnight + 86400000LL, 8, 60000);
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(day.fromMs).toString(day.format) == QDateTime::fromMSecsSinceEpoch(day.toMs).toString(day.format), false);
        // Minute data: never seconds, even for a single point.
        const auto one = widgets::timeTicks(kT0 + 1000, kT0 + 1000, 5, 60000);
        QCOMPARE(one.format, QStringLiteral("HH:mm"));
        QCOMPARE(one.stepMs, 60000);
    }

    // At the default sizes every axis label is whole and no two labels of an axis repeat:
    // two minutes of a feed once drew "06:08 06:08" and "2, 2, 1, 1, 0".
    void axisLabelsAreDistinctAndWhole()
    {
        app::KpiServiceHost host;
        KpiDashboardWidget dash(&host, nullptr);
        dash.resize(1440, 900);
        EngineRun engine;
        runSynthetic(engine, kT0, 2, 1);
        dash.applySnapshot(engine.sdkSnapshot());
        dash.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dash));
        QCoreApplication::sendPostedEvents(); // the charts lay themselves out in posted events
        for (auto *chart : dash.charts())
            verifyReadableLabels(chart, qPrintable(chart->objectName()));
        // Docked beside the board the charts are short: fewer ticks, still none elided.
        dash.resize(900, 560);
        QCoreApplication::sendPostedEvents();
        for (auto *chart : dash.charts())
            verifyReadableLabels(chart, qPrintable(chart->objectName() + QStringLiteral(" (900 x 560)")));

        std::unique_ptr<widgets::TimeSeriesChart> series(widgets::createTimeSeriesChart());
        series->setSeries({QStringLiteral("a")}, {});
        series->setSpanMs(60000);
        series->resize(480, 260);
        series->show();
        QVERIFY(QTest::qWaitForWindowExposed(series.get()));
        for (int i = 0; i < 5; ++i)
            series->append(kT0 + i * 1000, {0.4 * i}); // up to 1.6 per second
        QCoreApplication::sendPostedEvents();
        verifyReadableLabels(series.get(), "intake chart");
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestKpiReport)
#include "tst_kpi_report.moc"
