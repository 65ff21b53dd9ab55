#include "OrderFilterProxyModel.h"

#include "widgets/common/OrderStateStyle.h"

#include "OrderTableModel.h"

namespace opsdeck::widgets {

OrderFilterProxyModel::OrderFilterProxyModel(OrderTableModel *source, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_source(source)
{
    setSourceModel(source);
    setSortRole(OrderTableModel::SortRole);
    setDynamicSortFilter(true);
}

void OrderFilterProxyModel::setText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateFilter();
}

void OrderFilterProxyModel::setStates(const QSet<QString> &states)
{
    if (states == m_states)
        return;
    m_states = states;
    invalidateFilter();
}

bool OrderFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid())
        return false;
    const auto &row = m_source->rowAt(sourceRow);
    if (!m_states.isEmpty() && !m_states.contains(row.state))
        return false;
    if (m_text.isEmpty())
        return true;
    const auto matches = [this](const QString &field) { return field.contains(m_text, Qt::CaseInsensitive); };
    return matches(row.orderId) || matches(row.riderId) || matches(row.merchantId) || matches(row.depot)
        || matches(row.customerName) || matches(row.customerPhone) || matches(row.channel) || matches(channelLabel(row.channel))
        || matches(row.lastReason);
}

} // namespace opsdeck::widgets
