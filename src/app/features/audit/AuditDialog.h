#pragma once

#include "store/audit/AuditLog.h"

#include <QDialog>

#include <functional>
#include <memory>
#include <optional>

namespace Ui {
class AuditDialog;
}

namespace opsdeck::store {
class StoreWorker;
}

namespace opsdeck::app {

class AuditTableModel;

// The audit panel (roles allowed view_audit): filters the chained trail by user, action,
// order and time, says whether the chain is whole, and exports what it shows as CSV.
// Reads and verification run on the store thread, the CSV is written on a pool thread:
// the GUI thread only shows results.
class AuditDialog final : public QDialog
{
    Q_OBJECT
public:
    using ChooseFile = std::function<QString(QWidget *parent)>; // empty path: cancelled
    // `nowMs`: the console's clock, the time filters start from it.
    AuditDialog(store::StoreWorker &worker, std::function<qint64()> nowMs, QWidget *parent = nullptr);
    ~AuditDialog() override;

    // Default: QFileDialog::getSaveFileName. Tests pass a path.
    void setChooseFile(ChooseFile choose) { m_chooseFile = std::move(choose); }
    AuditTableModel &model() { return *m_model; }
    store::AuditFilter filter() const;

public slots:
    void refresh();
    void exportCsv();

signals:
    void loaded(int rows);
    void exported(const QString &path, bool ok);

private:
    void showLoaded(std::vector<store::AuditRow> rows, const std::optional<store::AuditVerdict> &verified,
                    qint64 generation);

    std::unique_ptr<Ui::AuditDialog> m_ui;
    store::StoreWorker &m_worker;
    AuditTableModel *m_model;
    ChooseFile m_chooseFile;
    qint64 m_generation = 0; // a slow read never overwrites a newer one
    std::optional<store::AuditVerdict> m_verdict; // of the first read after opening
};

} // namespace opsdeck::app
