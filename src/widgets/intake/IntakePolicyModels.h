#pragma once

#include "sdk/IntakeRows.h"
#include "widgets/WidgetsExport.h"

#include <QAbstractTableModel>
#include <QList>

namespace opsdeck::widgets {

// The intake policy gateway.stats reports, merged over all depots (a global limit is
// listed by every depot once), for the intake panel's three tables. Each refresh is one
// reset when the set of rows changed and one ranged dataChanged otherwise: the stats
// come once a second, so the view never sees per-row signals.
class OPSDECK_WIDGETS_EXPORT IntakeLimitsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ScopeColumn, PerMinColumn, BurstColumn, ColumnCount };
    enum Role { ScopeRole = Qt::UserRole + 1 };
    using QAbstractTableModel::QAbstractTableModel;

    void setDepots(const QList<sdk::DepotIntakeRow> &depots);
    const QList<sdk::IntakeLimitRow> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<sdk::IntakeLimitRow> m_rows;
};

class OPSDECK_WIDGETS_EXPORT IntakeBreakersModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ScopeColumn, StateColumn, ModeColumn, ErrorRateColumn, ColumnCount };
    enum Role { ScopeRole = Qt::UserRole + 1 };
    using QAbstractTableModel::QAbstractTableModel;

    void setDepots(const QList<sdk::DepotIntakeRow> &depots);
    const QList<sdk::IntakeBreakerRow> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString stateText(const QString &state);
    static QString modeText(const QString &mode);

private:
    QList<sdk::IntakeBreakerRow> m_rows;
};

class OPSDECK_WIDGETS_EXPORT IntakeDiversionsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { FromColumn, ToColumn, ShareColumn, ColumnCount };
    enum Role { FromRole = Qt::UserRole + 1 };
    using QAbstractTableModel::QAbstractTableModel;

    void setDepots(const QList<sdk::DepotIntakeRow> &depots);
    const QList<sdk::IntakeDiversionRow> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<sdk::IntakeDiversionRow> m_rows;
};

} // namespace opsdeck::widgets
