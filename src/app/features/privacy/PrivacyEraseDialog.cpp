#include "PrivacyEraseDialog.h"
#include "ui_PrivacyEraseDialog.h"

#include "app/access/AccessText.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreWorker.h"
#include "store/log/EventStore.h"
#include "store/privacy/PersonalDataEraser.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

namespace opsdeck::app {

PrivacyEraseDialog::PrivacyEraseDialog(store::StoreWorker &worker, core::audit::AuditSink &audit,
                                       const core::access::AccessGuard &guard, std::function<qint64()> nowMs,
                                       QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::PrivacyEraseDialog>())
    , m_worker(worker)
    , m_audit(audit)
    , m_guard(guard)
    , m_who(guard.principal())
    , m_nowMs(std::move(nowMs))
{
    m_ui->setupUi(this);
    connect(m_ui->customerEdit, &QLineEdit::textChanged, this, &PrivacyEraseDialog::updateButton);
    connect(m_ui->reasonEdit, &QLineEdit::textChanged, this, &PrivacyEraseDialog::updateButton);
    connect(m_ui->eraseButton, &QPushButton::clicked, this, &PrivacyEraseDialog::erase);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::close);
    m_ui->eraseButton->setAutoDefault(false);
    updateButton();
}

PrivacyEraseDialog::~PrivacyEraseDialog() = default;

QString PrivacyEraseDialog::status() const
{
    return m_ui->statusLabel->text();
}

void PrivacyEraseDialog::updateButton()
{
    // A reason is required: an erasure nobody can explain later is not a request met.
    m_ui->eraseButton->setEnabled(!m_busy && !m_ui->customerEdit->text().trimmed().isEmpty()
                                  && !m_ui->reasonEdit->text().trimmed().isEmpty());
}

void PrivacyEraseDialog::erase()
{
    const std::string customer = m_ui->customerEdit->text().trimmed().toStdString();
    // At action time, not only when the menu was built; the customer stays off the trail.
    const core::access::Decision decision = m_guard.require(core::access::Permission::ErasePersonalData,
                                                            m_guard.ownScope(), "privacy.erase", "console");
    if (!decision.allowed()) {
        m_ui->statusLabel->setText(tr("Nothing was erased: %1").arg(accessRefusalText(m_who, decision)));
        return;
    }
    m_reason = m_ui->reasonEdit->text().trimmed();
    m_busy = true;
    updateButton();
    m_ui->statusLabel->setText(tr("Erasing…"));
    QPointer<PrivacyEraseDialog> guard(this);
    const qint64 nowMs = m_nowMs ? m_nowMs() : 0;
    const bool posted = m_worker.post([guard, customer, nowMs](store::EventStore &es) {
        bool ok = false;
        QString error;
        store::PersonalDataEraser::Counts counts;
        try {
            if (!es.cipher())
                throw std::runtime_error("no personal-data key loaded");
            const store::SecureDeleteRestore restore(es.database()); // on exception paths too
            store::PersonalDataEraser eraser(es.database(), *es.cipher());
            counts = eraser.erase(customer, nowMs);
            es.markPersonalDataErased(counts.orderIds); // the console's memory is not written back
            ok = true;
            // The WAL still holds the pages as they were: copied into the file (zeroed there
            // by secure_delete) and truncated. Readers may hold it back: then it is not
            // truncated now, and the next checkpoint does it.
            es.database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (const std::exception &e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [guard, ok, counts, error] {
                if (guard)
                    guard->finished(ok, QString::fromStdString(counts.customerId), counts.orders, counts.events,
                                    counts.rejected, counts.notes, error);
            },
            Qt::QueuedConnection);
    });
    if (!posted)
        finished(false, {}, 0, 0, 0, 0, tr("the store has stopped"));
}

void PrivacyEraseDialog::finished(bool ok, const QString &customerId, qint64 orders, qint64 events, qint64 rejected,
                                  qint64 notes, const QString &error)
{
    m_busy = false;
    core::audit::AuditRecord record;
    record.atMs = m_nowMs ? m_nowMs() : 0;
    record.user = m_who.user;
    record.role = m_who.role;
    record.action = "privacy.erase";
    record.target = customerId.toStdString(); // the opaque id, never the phone
    record.outcome = ok ? "ok" : "failed";
    record.permission = "erase_personal_data";
    record.detailJson = QJsonDocument(QJsonObject{{QStringLiteral("orders"), orders},
                                                  {QStringLiteral("events"), events},
                                                  {QStringLiteral("rejected"), rejected},
                                                  {QStringLiteral("alert_notes"), notes},
                                                  {QStringLiteral("reason"), m_reason},
                                                  {QStringLiteral("origin"), QStringLiteral("console")}})
                            .toJson(QJsonDocument::Compact)
                            .toStdString();
    m_audit.append(std::move(record));
    if (ok) {
        m_ui->customerEdit->clear();
        m_ui->statusLabel->setText(
            tr("Erased for %1: %2 order(s), %3 event(s), %4 rejected message(s), %5 alert note(s). The board shows "
               "what it holds in memory until the console restarts.")
                .arg(customerId)
                .arg(orders)
                .arg(events)
                .arg(rejected)
                .arg(notes));
    } else {
        m_ui->statusLabel->setText(tr("Nothing was erased: %1").arg(error));
    }
    updateButton();
}

} // namespace opsdeck::app
