#include "RiderSortProxy.h"

#include "RiderDropModel.h"

#include <tuple>

namespace opsdeck::widgets {

RiderSortProxy::RiderSortProxy(RiderDropModel *riders, QObject *parent)
    : QSortFilterProxyModel(parent), m_riders(riders)
{
    setSourceModel(riders);
    setDynamicSortFilter(true);
    sort(0);
}

void RiderSortProxy::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    invalidateFilter();
}

void RiderSortProxy::setHideOffline(bool hide)
{
    if (hide == m_hideOffline)
        return;
    m_hideOffline = hide;
    invalidateFilter();
}

bool RiderSortProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    (void)sourceParent;
    const sdk::RiderRow &r = m_riders->rider(sourceRow);
    if (m_hideOffline && r.status == QLatin1String("offline"))
        return false;
    return m_search.isEmpty() || r.riderId.contains(m_search, Qt::CaseInsensitive)
        || r.name.contains(m_search, Qt::CaseInsensitive);
}

bool RiderSortProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const auto key = [this](int row) {
        const sdk::RiderRow &r = m_riders->rider(row);
        const double metres = m_riders->distance(row);
        const bool otherDepot = !m_riders->targetDepot().isEmpty() && r.depot != m_riders->targetDepot();
        return std::make_tuple(otherDepot, r.status == QLatin1String("offline"), metres < 0, metres, r.riderId);
    };
    return key(left.row()) < key(right.row());
}

} // namespace opsdeck::widgets
