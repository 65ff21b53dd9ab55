#pragma once

#include "widgets/WidgetsExport.h"

#include <QSet>
#include <QSortFilterProxyModel>
#include <QString>

namespace opsdeck::widgets {

class OrderTableModel;

// Filters the live order table by free text (order, rider, merchant, depot, customer,
// reason) and by state. Reads rows directly from the source model instead of
// formatting display strings, so filtering 100k rows stays cheap.
class OPSDECK_WIDGETS_EXPORT OrderFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit OrderFilterProxyModel(OrderTableModel *source, QObject *parent = nullptr);

    void setText(const QString &text);
    QString text() const { return m_text; }

    // Empty: every state. Otherwise only rows whose state is in the set.
    void setStates(const QSet<QString> &states);
    QSet<QString> states() const { return m_states; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    OrderTableModel *m_source;
    QString m_text;
    QSet<QString> m_states;
};

} // namespace opsdeck::widgets
