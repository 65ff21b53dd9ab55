#pragma once

#include "store/audit/AuditLog.h"

#include <QAbstractTableModel>

#include <vector>

namespace opsdeck::app {

// The rows of the audit panel, read on the store thread and handed over whole
// (setRows), oldest first. Read-only: the trail is append-only.
class AuditTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Seq, Time, User, Role, Action, Target, Outcome, Permission, Detail, ColumnCount };

    explicit AuditTableModel(QObject *parent = nullptr);

    void setRows(std::vector<store::AuditRow> rows);
    const std::vector<store::AuditRow> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<store::AuditRow> m_rows;
};

} // namespace opsdeck::app
