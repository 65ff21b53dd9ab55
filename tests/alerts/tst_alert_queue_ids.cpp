// Issue 14: an unacknowledged alert (bold) shows its subject, an order id, whole: the
// subject column is sized to what it holds and never elides it, at the default width of
// the queue and with a larger interface font.
#include "sdk/AlertService.h"
#include "widgets/alerts/AlertQueueModel.h"
#include "widgets/alerts/AlertQueueWidget.h"

#include <QLabel>

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QTableView>
#include <QtTest>

using namespace opsdeck;
using widgets::AlertQueueModel;

namespace {

sdk::AlertRow alert(qint64 id, const QString &orderId, const QString &state)
{
    sdk::AlertRow r;
    r.id = id;
    r.ruleId = QStringLiteral("order.state_timeout");
    r.subjectKind = QStringLiteral("order");
    r.subject = orderId;
    r.orderId = orderId;
    r.severity = sdk::AlertRow::Major;
    r.state = state;
    r.firstAtMs = 1'800'000'000'000;
    r.roles = {QStringLiteral("dispatcher")};
    r.message = QStringLiteral("Order %1 has been in PICKING for 25 min").arg(orderId);
    return r;
}

} // namespace

class TestAlertQueueIds final : public QObject
{
    Q_OBJECT
private slots:
    // In the dispatcher's default layout the queue is about 530 px wide: the severity
    // badges keep their words and counts ("Snoozed 0" was cut to "noozed (").
    void badgesAreWholeInANarrowDock()
    {
        widgets::AlertQueueWidget queue(nullptr, QStringLiteral("dispatcher"));
        queue.resize(530, 300);
        queue.show();
        QVERIFY(QTest::qWaitForWindowExposed(&queue));
        for (const char *name : {"criticalBadge", "majorBadge", "warningBadge", "infoBadge", "snoozedBadge"}) {
            auto *badge = queue.findChild<QLabel *>(QLatin1String(name));
            QVERIFY2(badge, name);
            QFont bold = badge->font();
            bold.setBold(true); // the badges' style sheet
            const int text = QFontMetrics(bold).horizontalAdvance(badge->text());
            QTRY_VERIFY2(badge->contentsRect().width() >= text,
                         qPrintable(QStringLiteral("%1: %2 px for %3 px of text").arg(QLatin1String(name))
                                        .arg(badge->contentsRect().width()).arg(text)));
        }
    }

    void subjectOfAnUnacknowledgedAlertIsWhole_data()
    {
        QTest::addColumn<int>("fontPixels");
        QTest::newRow("default font") << 0;
        QTest::newRow("larger font") << 15;
    }

    void subjectOfAnUnacknowledgedAlertIsWhole()
    {
        QFETCH(int, fontPixels);
        widgets::AlertQueueWidget queue(nullptr, QStringLiteral("dispatcher"));
        if (fontPixels > 0) {
            QFont f = queue.font();
            f.setPixelSize(fontPixels);
            queue.setFont(f);
        }
        queue.resize(1200, 400);
        auto *model = qobject_cast<AlertQueueModel *>(queue.tableView()->model());
        QVERIFY(model);
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model->reset({alert(1, QStringLiteral("DD2612074832000059"), QStringLiteral("new")),
                      alert(2, QStringLiteral("DD2612074832000060"), QStringLiteral("acknowledged"))});
        queue.show();
        QVERIFY(QTest::qWaitForWindowExposed(&queue));
        QTableView *table = queue.tableView();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, AlertQueueModel::SubjectColumn);
            QFont font = table->font();
            if (const QVariant f = index.data(Qt::FontRole); f.isValid())
                font = f.value<QFont>().resolve(font);
            const QString text = index.data().toString();
            // What QStyledItemDelegate leaves for text in a cell: the width less its margins.
            const int margin = table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 1;
            const int room = table->columnWidth(AlertQueueModel::SubjectColumn) - 2 * margin;
            QCOMPARE(QFontMetrics(font).elidedText(text, table->textElideMode(), room), text);
        }
    }
};

QTEST_MAIN(TestAlertQueueIds)
#include "tst_alert_queue_ids.moc"
