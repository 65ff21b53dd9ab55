// The audit panel: a real store thread over a real SQLite file, the Designer form driven
// with QTest (filters, the chain's state, CSV export written off the GUI thread).
#include "app/features/audit/AuditDialog.h"
#include "app/features/audit/AuditTableModel.h"
#include "store/audit/AuditLog.h"
#include "store/audit/AuditWriter.h"
#include "store/db/StoreWorker.h"
#include "store/log/EventStore.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace opsdeck;

namespace {

constexpr qint64 kT0 = 1'765'000'000'000; // the injected clock: no wall time in the test

core::audit::AuditRecord record(const char *user, const char *action, const char *target, qint64 atMs)
{
    core::audit::AuditRecord r;
    r.atMs = atMs;
    r.user = user;
    r.role = "dispatcher";
    r.action = action;
    r.target = target;
    r.outcome = "ok";
    r.detailJson = "{\"reason\":\"late, \\\"urgent\\\"\"}"; // a comma and quotes for the CSV
    return r;
}

} // namespace

class TestAuditPanel final : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void filtersByUserActionOrderAndTime();
    void exportsWhatItShowsAsCsv();

private:
    void filterWith(const QString &user, const QString &action, const QString &order);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::StoreWorker> m_worker;
    std::unique_ptr<store::AuditWriter> m_writer;
    std::unique_ptr<app::AuditDialog> m_dialog;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestAuditPanel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto es = std::make_unique<store::EventStore>();
    es->open(m_dir->filePath(QStringLiteral("console.db")));
    m_worker = std::make_unique<store::StoreWorker>(std::move(es));
    m_writer = std::make_unique<store::AuditWriter>(*m_worker);
    m_writer->append(record("ana", "sign_in", "", kT0 - 3'600'000 * 3));
    m_writer->append(record("ana", "command.hold", "DD2612070001000042", kT0 - 3'600'000 * 2));
    m_writer->append(record("bo", "command.reassign", "DD2612070001000042", kT0 - 3'600'000));
    m_writer->append(record("bo", "rules.edit", "rules.json", kT0 - 60'000));
    QTRY_COMPARE(m_writer->counters().appended, 4);
    m_dialog = std::make_unique<app::AuditDialog>(*m_worker, [] { return kT0; });
    m_tester = std::make_unique<QAbstractItemModelTester>(&m_dialog->model(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_dialog->show();
    QTRY_COMPARE(m_dialog->model().rowCount(), 4);
}

void TestAuditPanel::cleanup()
{
    m_tester.reset();
    m_dialog.reset();
    m_worker->stop();
    m_writer.reset();
    m_worker.reset();
}

void TestAuditPanel::filterWith(const QString &user, const QString &action, const QString &order)
{
    m_dialog->findChild<QLineEdit *>(QStringLiteral("userEdit"))->setText(user);
    m_dialog->findChild<QLineEdit *>(QStringLiteral("actionEdit"))->setText(action);
    m_dialog->findChild<QLineEdit *>(QStringLiteral("orderEdit"))->setText(order);
    QSignalSpy loaded(m_dialog.get(), &app::AuditDialog::loaded);
    QTest::mouseClick(m_dialog->findChild<QPushButton *>(QStringLiteral("filterButton")), Qt::LeftButton);
    QTRY_COMPARE(loaded.count(), 1);
}

void TestAuditPanel::filtersByUserActionOrderAndTime()
{
    auto *status = m_dialog->findChild<QLabel *>(QStringLiteral("statusLabel"));
    QVERIFY2(status->text().contains(QStringLiteral("Chain whole: 4 row(s) checked")), qPrintable(status->text()));

    filterWith(QStringLiteral("ana"), {}, {});
    QCOMPARE(m_dialog->model().rowCount(), 2);
    filterWith({}, QStringLiteral("command."), {});
    QCOMPARE(m_dialog->model().rowCount(), 2);
    filterWith(QStringLiteral("bo"), QStringLiteral("command."), QStringLiteral("000042"));
    QCOMPARE(m_dialog->model().rowCount(), 1);
    QCOMPARE(m_dialog->model().index(0, app::AuditTableModel::Action).data().toString(),
             QStringLiteral("command.reassign"));

    // The time filter starts from the console's clock: from the last 90 minutes.
    m_dialog->findChild<QCheckBox *>(QStringLiteral("sinceCheck"))->setChecked(true);
    auto *since = m_dialog->findChild<QDateTimeEdit *>(QStringLiteral("sinceEdit"));
    QVERIFY(since->isEnabled());
    since->setDateTime(QDateTime::fromMSecsSinceEpoch(kT0 - 90 * 60'000));
    filterWith({}, {}, {});
    QCOMPARE(m_dialog->model().rowCount(), 2);
    m_dialog->findChild<QCheckBox *>(QStringLiteral("untilCheck"))->setChecked(true);
    m_dialog->findChild<QDateTimeEdit *>(QStringLiteral("untilEdit"))
        ->setDateTime(QDateTime::fromMSecsSinceEpoch(kT0 - 30 * 60'000));
    filterWith({}, {}, {});
    QCOMPARE(m_dialog->model().rowCount(), 1);
    QCOMPARE(m_dialog->model().index(0, app::AuditTableModel::User).data().toString(), QStringLiteral("bo"));
}

void TestAuditPanel::exportsWhatItShowsAsCsv()
{
    filterWith(QStringLiteral("bo"), {}, {});
    QCOMPARE(m_dialog->model().rowCount(), 2);
    const QString path = m_dir->filePath(QStringLiteral("audit.csv"));
    m_dialog->setChooseFile([path](QWidget *) { return path; });
    QSignalSpy exported(m_dialog.get(), &app::AuditDialog::exported);
    QTest::mouseClick(m_dialog->findChild<QPushButton *>(QStringLiteral("exportButton")), Qt::LeftButton);
    QTRY_COMPARE(exported.count(), 1);
    QCOMPARE(exported.at(0).at(1).toBool(), true);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 4); // header, two rows, the empty tail after the last CRLF
    QVERIFY(lines.at(0).startsWith("seq,at_ms,user,role,action,target,outcome"));
    QVERIFY(lines.at(1).startsWith("3,"));
    // RFC 4180: the field quoted, its quotes doubled.
    QVERIFY2(lines.at(1).contains("\"{\"\"reason\"\":\"\"late, \\\"\"urgent\\\"\"\"\"}\""), lines.at(1).constData());
    QVERIFY(lines.at(2).startsWith("4,"));

    // A folder that cannot be written: said so, nothing crashes.
    m_dialog->setChooseFile([this](QWidget *) { return m_dir->filePath(QStringLiteral("missing/dir/audit.csv")); });
    QTest::mouseClick(m_dialog->findChild<QPushButton *>(QStringLiteral("exportButton")), Qt::LeftButton);
    QTRY_COMPARE(exported.count(), 2);
    QCOMPARE(exported.at(1).at(1).toBool(), false);
    QVERIFY(m_dialog->findChild<QLabel *>(QStringLiteral("statusLabel"))->text().startsWith(QStringLiteral("Could not")));
}

QTEST_MAIN(TestAuditPanel)
#include "tst_audit_panel.moc"
