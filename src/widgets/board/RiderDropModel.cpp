#include "RiderDropModel.h"

#include "widgets/map/CityBaseMap.h"
#include "widgets/map/MapPalette.h"

#include "BoardColumnModel.h"

#include <QColor>
#include <QLocale>
#include <QMimeData>

#include <algorithm>

namespace opsdeck::widgets {

RiderDropModel::RiderDropModel(QObject *parent) : QAbstractTableModel(parent) {}

RiderDropModel::~RiderDropModel() = default;

int RiderDropModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_riders.size());
}

int RiderDropModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RiderDropModel::distanceText(double metres)
{
    if (metres < 0)
        return QStringLiteral("—");
    if (metres < 1000)
        return tr("%1 m").arg(qRound(metres / 10) * 10);
    return tr("%1 km").arg(QLocale().toString(metres / 1000.0, 'f', 1));
}

QVariant RiderDropModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const sdk::RiderRow &r = rider(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case RiderColumn: return r.name.isEmpty() ? r.riderId : tr("%1 (%2)").arg(r.name, r.riderId);
        case StatusColumn: return riderStatusLabel(riderStatusFromWire(r.status));
        case LoadColumn: return load(index.row());
        case DistanceColumn: return distanceText(distance(index.row()));
        default: return {};
        }
    case Qt::TextAlignmentRole:
        return index.column() >= LoadColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ForegroundRole:
        // Others in the view's text colour, which follows the theme.
        return r.status == QLatin1String("offline") ? QVariant(QColor(0xa0, 0xa7, 0xb0)) : QVariant();
    case RiderIdRole: return r.riderId;
    case StatusRole: return r.status;
    case NameRole: return r.name;
    case DepotRole: return r.depot;
    case LoadRole: return load(index.row());
    case DistanceRole: return distance(index.row());
    case Qt::ToolTipRole:
        if (distance(index.row()) >= 0)
            return tr("Drop orders here to reassign them to %1 (%2 along the roads to %3's pickup)")
                .arg(r.riderId, distanceText(distance(index.row())), m_targetOrder);
        return tr("Drop orders here to reassign them to %1").arg(r.riderId);
    default: return {};
    }
}

QVariant RiderDropModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RiderColumn: return tr("Rider");
    case StatusColumn: return tr("Status");
    case LoadColumn: return tr("Load");
    case DistanceColumn: return tr("By road");
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

void RiderDropModel::setCity(std::shared_ptr<const CityBaseMap> city)
{
    m_city = std::move(city);
}

void RiderDropModel::aimAt(const sdk::OrderRow &order, const QHash<QString, int> &loads)
{
    m_loads = loads;
    if (order.orderId != m_targetOrder || !m_roads.valid()) {
        m_targetOrder = order.orderId;
        m_targetDepot = order.depot;
        double lat = 0, lng = 0;
        m_roads = m_city && RoadDistances::pickupOf(*m_city, order, &lat, &lng) ? RoadDistances(m_city, lat, lng)
                                                                                : RoadDistances();
    }
    for (std::size_t i = 0; i < m_riders.size(); ++i)
        m_metres[i] = m_roads.metresTo(m_riders[i].lat, m_riders[i].lng);
    if (!m_riders.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

namespace {

// What the list shows or sorts by (RiderSortProxy): a fix alone changes none of it (the
// distance stays as of aimAt), so a storm of positions costs the list and its proxy nothing.
bool shownChanged(const sdk::RiderRow &was, const sdk::RiderRow &now)
{
    // The context hands the same strings on with every fix: shared means equal, no compare.
    const auto same = [](const QString &a, const QString &b) { return a.isSharedWith(b) || a == b; };
    return !same(was.name, now.name) || !same(was.status, now.status) || !same(was.depot, now.depot);
}

} // namespace

void RiderDropModel::update(const QList<sdk::RiderRow> &riders)
{
    std::vector<sdk::RiderRow> fresh;
    QHash<QString, std::size_t> freshIndex; // a rider twice in one batch: the last row wins
    std::vector<int> changed;
    for (const sdk::RiderRow &r : riders) {
        const auto it = m_index.constFind(r.riderId);
        if (it != m_index.constEnd()) {
            // The distance stays as of aimAt: snapping every fix of a storm to the roads
            // would be work on the GUI thread for a ranking that is read in seconds.
            sdk::RiderRow &was = m_riders[static_cast<std::size_t>(*it)];
            if (shownChanged(was, r))
                changed.push_back(*it);
            was = r;
            continue;
        }
        const auto f = freshIndex.constFind(r.riderId);
        if (f != freshIndex.constEnd()) {
            fresh[*f] = r;
        } else {
            freshIndex.insert(r.riderId, fresh.size());
            fresh.push_back(r);
        }
    }
    if (!fresh.empty()) {
        const int first = static_cast<int>(m_riders.size());
        beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
        for (sdk::RiderRow &r : fresh) {
            m_index.insert(r.riderId, static_cast<int>(m_riders.size()));
            m_metres.push_back(m_roads.metresTo(r.lat, r.lng));
            m_riders.push_back(std::move(r));
        }
        endInsertRows();
    }
    emitChanged(changed);
}

void RiderDropModel::emitChanged(std::vector<int> &rows)
{
    if (rows.empty())
        return;
    // One signal per run of adjacent rows: a span from the first to the last changed row
    // would make the sorting proxy place every rider in between again.
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    std::size_t start = 0;
    for (std::size_t i = 1; i <= rows.size(); ++i) {
        if (i < rows.size() && rows[i] == rows[i - 1] + 1)
            continue;
        emit dataChanged(index(rows[start], 0), index(rows[i - 1], ColumnCount - 1));
        start = i;
    }
}

} // namespace opsdeck::widgets
