#pragma once

#include "sdk/IntakeRows.h"
#include "widgets/WidgetsExport.h"

#include <QAbstractTableModel>
#include <QList>

#include <functional>

namespace opsdeck::widgets {

// The commands the user (or a timer, or a playbook) issued, newest first, with their
// state: pending until the gateway replied and gateway.stats showed the effect, then
// confirmed, refused (with the reason) or unconfirmed. A state change of a known command
// is one dataChanged over its row; a new command is one beginInsertRows at the top.
class OPSDECK_WIDGETS_EXPORT ControlCommandsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, CommandColumn, StateColumn, ReasonColumn, ColumnCount };
    enum Role { StateRole = Qt::UserRole + 1, CommandIdRole };
    using Clock = std::function<qint64()>;

    explicit ControlCommandsModel(QObject *parent = nullptr);

    void reset(const QList<sdk::ControlStatus> &statuses); // newest first
    void update(const sdk::ControlStatus &status);
    void setMaxRows(int rows) { m_maxRows = rows; }

    static QString describe(const sdk::ControlStatus &status); // "set_rate_limit depot:X 50/min burst 10"
    static QString stateText(const sdk::ControlStatus &status);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<sdk::ControlStatus> m_rows;
    int m_maxRows = 200;
};

} // namespace opsdeck::widgets
