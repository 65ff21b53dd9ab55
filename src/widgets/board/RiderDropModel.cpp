#include "RiderDropModel.h"

#include "widgets/map/MapPalette.h"

#include "BoardColumnModel.h"

#include <QColor>
#include <QMimeData>

namespace opsdeck::widgets {

RiderDropModel::RiderDropModel(QObject *parent) : QAbstractListModel(parent) {}

int RiderDropModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_riders.size());
}

QVariant RiderDropModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const sdk::RiderRow &r = rider(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1  %2 · %3").arg(r.riderId, r.name.isEmpty() ? QStringLiteral("—") : r.name,
                                     riderStatusLabel(riderStatusFromWire(r.status)));
    case Qt::ForegroundRole:
        return r.status == QLatin1String("offline") ? QColor(0xa0, 0xa7, 0xb0) : QColor(0x1f, 0x29, 0x33);
    case RiderIdRole: return r.riderId;
    case StatusRole: return r.status;
    case Qt::ToolTipRole: return tr("Drop orders here to reassign them to %1").arg(r.riderId);
    default: return {};
    }
}

Qt::ItemFlags RiderDropModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled | Qt::ItemNeverHasChildren;
}

QStringList RiderDropModel::mimeTypes() const
{
    return {QString::fromLatin1(BoardColumnModel::kMimeType)};
}

bool RiderDropModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                     const QModelIndex &parent) const
{
    (void)action;
    (void)row;
    (void)column;
    return parent.isValid() && !BoardColumnModel::orderIdsFrom(data).isEmpty();
}

bool RiderDropModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                  const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    emit reassignRequested(BoardColumnModel::orderIdsFrom(data), rider(parent.row()).riderId);
    return false; // nothing moves here; the feed moves the order
}

Qt::DropActions RiderDropModel::supportedDropActions() const
{
    return Qt::CopyAction | Qt::MoveAction;
}

void RiderDropModel::update(const QList<sdk::RiderRow> &riders)
{
    std::vector<sdk::RiderRow> fresh;
    int lo = INT_MAX, hi = -1;
    for (const sdk::RiderRow &r : riders) {
        const auto it = m_index.constFind(r.riderId);
        if (it != m_index.constEnd()) {
            m_riders[static_cast<std::size_t>(*it)] = r;
            lo = std::min(lo, *it);
            hi = std::max(hi, *it);
            continue;
        }
        bool duplicate = false;
        for (sdk::RiderRow &f : fresh)
            if (f.riderId == r.riderId) {
                f = r;
                duplicate = true;
            }
        if (!duplicate)
            fresh.push_back(r);
    }
    if (!fresh.empty()) {
        const int first = static_cast<int>(m_riders.size());
        beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
        for (sdk::RiderRow &r : fresh) {
            m_index.insert(r.riderId, static_cast<int>(m_riders.size()));
            m_riders.push_back(std::move(r));
        }
        endInsertRows();
    }
    if (hi >= 0)
        emit dataChanged(index(lo), index(hi));
}

} // namespace opsdeck::widgets
