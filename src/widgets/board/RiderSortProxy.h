#pragma once

#include "widgets/WidgetsExport.h"

#include <QSortFilterProxyModel>

namespace opsdeck::widgets {

class RiderDropModel;

// The riders as a dispatcher picks one for an order (RiderDropModel::aimAt): the order's
// depot first, then working riders before offline ones, then nearest along the roads
// (unknown distances last), then by id so equal rows never swap. The search text keeps
// the riders whose id or name contains it.
class OPSDECK_WIDGETS_EXPORT RiderSortProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RiderSortProxy(RiderDropModel *riders, QObject *parent = nullptr);

    void setSearchText(const QString &text);
    // The picker offers working riders only; the drop list shows offline ones greyed.
    void setHideOffline(bool hide);
    RiderDropModel *riders() const { return m_riders; }

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    RiderDropModel *m_riders;
    QString m_search;
    bool m_hideOffline = false;
};

} // namespace opsdeck::widgets
