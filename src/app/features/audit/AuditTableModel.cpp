#include "AuditTableModel.h"

#include <QDateTime>

namespace opsdeck::app {

AuditTableModel::AuditTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void AuditTableModel::setRows(std::vector<store::AuditRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int AuditTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int AuditTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const store::AuditRow &row = m_rows[static_cast<std::size_t>(index.row())];
    const core::audit::AuditRecord &r = row.record;
    if (role == Qt::UserRole)
        return QVariant::fromValue<qint64>(row.seq);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Seq: return QVariant::fromValue<qint64>(row.seq);
    case Time: return QDateTime::fromMSecsSinceEpoch(r.atMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    case User: return QString::fromStdString(r.user);
    case Role: return QString::fromStdString(r.role);
    case Action: return QString::fromStdString(r.action);
    case Target: return QString::fromStdString(r.target);
    case Outcome: return QString::fromStdString(r.outcome);
    case Permission: return QString::fromStdString(r.permission);
    case Detail: return QString::fromStdString(r.detailJson);
    default: return {};
    }
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Seq: return tr("Row");
    case Time: return tr("Time");
    case User: return tr("User");
    case Role: return tr("Role");
    case Action: return tr("Action");
    case Target: return tr("Target");
    case Outcome: return tr("Outcome");
    case Permission: return tr("Permission");
    case Detail: return tr("Detail");
    default: return {};
    }
}

} // namespace opsdeck::app
