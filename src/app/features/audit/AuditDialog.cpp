#include "AuditDialog.h"
#include "ui_AuditDialog.h"

#include "AuditTableModel.h"

#include "store/db/StoreWorker.h"
#include "store/log/EventStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QPointer>
#include <QPushButton>
#include <QSaveFile>
#include <QThreadPool>

namespace opsdeck::app {

AuditDialog::AuditDialog(store::StoreWorker &worker, std::function<qint64()> nowMs, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AuditDialog>())
    , m_worker(worker)
    , m_model(new AuditTableModel(this))
{
    m_ui->setupUi(this);
    m_ui->auditView->setModel(m_model);
    m_ui->auditView->horizontalHeader()->setStretchLastSection(true);
    m_ui->auditView->verticalHeader()->hide();
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs ? nowMs() : 0);
    m_ui->sinceEdit->setDateTime(now.addDays(-1));
    m_ui->untilEdit->setDateTime(now);
    m_chooseFile = [](QWidget *owner) {
        return QFileDialog::getSaveFileName(owner, tr("Export audit trail"), QStringLiteral("audit.csv"),
                                            tr("CSV files (*.csv)"));
    };
    connect(m_ui->filterButton, &QPushButton::clicked, this, &AuditDialog::refresh);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &AuditDialog::exportCsv);
    for (QLineEdit *edit : {m_ui->userEdit, m_ui->actionEdit, m_ui->orderEdit})
        connect(edit, &QLineEdit::returnPressed, this, &AuditDialog::refresh);
    refresh();
}

AuditDialog::~AuditDialog() = default;

store::AuditFilter AuditDialog::filter() const
{
    store::AuditFilter f;
    f.user = m_ui->userEdit->text().trimmed().toStdString();
    f.action = m_ui->actionEdit->text().trimmed().toStdString();
    f.target = m_ui->orderEdit->text().trimmed().toStdString();
    if (m_ui->sinceCheck->isChecked())
        f.sinceMs = m_ui->sinceEdit->dateTime().toMSecsSinceEpoch();
    if (m_ui->untilCheck->isChecked())
        f.untilMs = m_ui->untilEdit->dateTime().toMSecsSinceEpoch();
    return f;
}

void AuditDialog::refresh()
{
    const store::AuditFilter f = filter();
    const qint64 generation = ++m_generation;
    m_ui->statusLabel->setText(tr("Loading…"));
    QPointer<AuditDialog> guard(this);
    // The guard is read on the GUI thread only: the queued call is delivered through the
    // application object, which outlives every dialog.
    // The whole chain is verified once per opening (seconds for millions of rows, on the
    // store thread); a new filter only reads.
    const bool verify = !m_verdict;
    const bool posted = m_worker.post([guard, f, generation, verify](store::EventStore &es) {
        auto rows = store::readAudit(es.database(), f);
        const std::optional<store::AuditVerdict> verdict =
            verify ? std::optional(store::verifyAuditChain(es.database())) : std::nullopt;
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [guard, rows = std::move(rows), verdict, generation]() mutable {
                if (guard)
                    guard->showLoaded(std::move(rows), verdict, generation);
            },
            Qt::QueuedConnection);
    });
    if (!posted)
        m_ui->statusLabel->setText(tr("The store has stopped: the audit trail cannot be read."));
}

void AuditDialog::showLoaded(std::vector<store::AuditRow> rows, const std::optional<store::AuditVerdict> &verified,
                             qint64 generation)
{
    if (verified)
        m_verdict = verified;
    if (generation != m_generation || !m_verdict)
        return;
    const store::AuditVerdict &verdict = *m_verdict;
    const int count = static_cast<int>(rows.size());
    m_model->setRows(std::move(rows));
    m_ui->auditView->resizeColumnsToContents();
    const QString chain = verdict.whole
        ? tr("Chain whole: %n row(s) checked.", nullptr, static_cast<int>(verdict.rowsChecked))
        : tr("Chain BROKEN at row %1: %2").arg(verdict.badSeq).arg(QString::fromStdString(verdict.problem));
    m_ui->statusLabel->setText(tr("%n row(s) shown.", nullptr, count) + QLatin1Char(' ') + chain);
    m_ui->statusLabel->setStyleSheet(verdict.whole ? QString() : QStringLiteral("color: #b00020; font-weight: bold;"));
    emit loaded(count);
}

void AuditDialog::exportCsv()
{
    const QString path = m_chooseFile(this);
    if (path.isEmpty())
        return;
    m_ui->exportButton->setEnabled(false);
    m_ui->statusLabel->setText(tr("Exporting to %1…").arg(path));
    QPointer<AuditDialog> guard(this);
    auto rows = m_model->rows(); // a copy: the pool thread never touches the model
    QThreadPool::globalInstance()->start([guard, path, rows = std::move(rows)] {
        const std::string csv = store::auditCsv(rows);
        QSaveFile file(path);
        const bool ok = file.open(QIODevice::WriteOnly) && file.write(csv.data(), static_cast<qint64>(csv.size()))
                == static_cast<qint64>(csv.size()) && file.commit();
        const QString error = ok ? QString() : file.errorString();
        const int count = static_cast<int>(rows.size());
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [guard, path, ok, error, count] {
                if (!guard)
                    return;
                guard->m_ui->exportButton->setEnabled(true);
                guard->m_ui->statusLabel->setText(
                    ok ? tr("Exported %n row(s) to %1.", nullptr, count).arg(path)
                       : tr("Could not export to %1: %2").arg(path, error));
                emit guard->exported(path, ok);
            },
            Qt::QueuedConnection);
    });
}

} // namespace opsdeck::app
