#pragma once

#include "sdk/StockService.h"
#include "widgets/WidgetsExport.h"

#include <QAbstractTableModel>
#include <QList>

namespace opsdeck::widgets {

// The merchant's stock, one row per shelf item: level, consumption, cover, state and
// the restock suggestion. Rows come already scoped from sdk::StockService; the model
// only shows them. Qt::UserRole gives the raw number of a column (for sorting).
// Whether an alert is about one of `merchant`'s own shelf items: a "sku" alert whose
// subject names the merchant ("depot/sku@merchant", core's StockBelowReorder). The
// merchant desk's alert queue adds these to the alerts about its own orders.
OPSDECK_WIDGETS_EXPORT bool isOwnStockAlert(const QString &subjectKind, const QString &subject, const QString &merchant);

class OPSDECK_WIDGETS_EXPORT StockModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Item, Depot, Level, PerHour, Cover, State, Restock, ColumnCount };

    explicit StockModel(QObject *parent = nullptr);

    // Replaces the rows, keeping rows of the same item in place (a view keeps its
    // selection and scroll position while levels change).
    void setRows(const QList<sdk::StockRow> &rows);
    const QList<sdk::StockRow> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString stateText(const QString &state);
    static QString coverText(double coverHours);

private:
    QVariant display(const sdk::StockRow &row, int column) const;
    QVariant sortValue(const sdk::StockRow &row, int column) const;

    QList<sdk::StockRow> m_rows;
};

} // namespace opsdeck::widgets
