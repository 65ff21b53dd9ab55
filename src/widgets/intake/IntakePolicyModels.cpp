#include "IntakePolicyModels.h"

#include "sdk/CodeLabels.h"

#include <QColor>
#include <QLocale>

#include <algorithm>

namespace opsdeck::widgets {

namespace {

// Sorted by key, one row per key (a global limit is reported by every depot).
template<typename Row, typename Key>
QList<Row> uniqueSorted(QList<Row> rows, Key key)
{
    std::stable_sort(rows.begin(), rows.end(), [&key](const Row &a, const Row &b) { return key(a) < key(b); });
    rows.erase(std::unique(rows.begin(), rows.end(), [&key](const Row &a, const Row &b) { return key(a) == key(b); }),
               rows.end());
    return rows;
}

template<typename Row, typename Key>
bool sameKeys(const QList<Row> &a, const QList<Row> &b, Key key)
{
    return a.size() == b.size()
        && std::equal(a.begin(), a.end(), b.begin(), [&key](const Row &x, const Row &y) { return key(x) == key(y); });
}

QString number(double v, int decimals)
{
    return QLocale().toString(v, 'f', decimals);
}

QVariant header(const QStringList &titles, int section, Qt::Orientation orientation, int role)
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= titles.size())
        return {};
    return titles.at(section);
}

const auto limitKey = [](const sdk::IntakeLimitRow &r) { return r.scope; };
const auto breakerKey = [](const sdk::IntakeBreakerRow &r) { return r.scope; };
const auto diversionKey = [](const sdk::IntakeDiversionRow &r) { return r.from; };

} // namespace

// ---- limits ----------------------------------------------------------------------
void IntakeLimitsModel::setDepots(const QList<sdk::DepotIntakeRow> &depots)
{
    QList<sdk::IntakeLimitRow> fresh;
    for (const auto &d : depots)
        fresh += d.limits;
    fresh = uniqueSorted(std::move(fresh), limitKey);
    if (!sameKeys(fresh, m_rows, limitKey)) {
        beginResetModel();
        m_rows = std::move(fresh);
        endResetModel();
    } else if (!m_rows.isEmpty()) {
        m_rows = std::move(fresh);
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

int IntakeLimitsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int IntakeLimitsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IntakeLimitsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &r = m_rows.at(index.row());
    if (role == ScopeRole)
        return r.scope;
    if (role == Qt::TextAlignmentRole && index.column() != ScopeColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case ScopeColumn: return sdk::scopeLabel(r.scope);
    case PerMinColumn: return number(r.perMin, 1);
    case BurstColumn: return number(r.burst, 0);
    }
    return {};
}

QVariant IntakeLimitsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return header({tr("Scope"), tr("Per minute"), tr("Burst")}, section, orientation, role);
}

// ---- breakers --------------------------------------------------------------------
void IntakeBreakersModel::setDepots(const QList<sdk::DepotIntakeRow> &depots)
{
    QList<sdk::IntakeBreakerRow> fresh;
    for (const auto &d : depots)
        fresh += d.breakers;
    fresh = uniqueSorted(std::move(fresh), breakerKey);
    if (!sameKeys(fresh, m_rows, breakerKey)) {
        beginResetModel();
        m_rows = std::move(fresh);
        endResetModel();
    } else if (!m_rows.isEmpty()) {
        m_rows = std::move(fresh);
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

int IntakeBreakersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int IntakeBreakersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString IntakeBreakersModel::stateText(const QString &state)
{
    return sdk::codeLabel(sdk::CodeFamily::BreakerState, state);
}

QString IntakeBreakersModel::modeText(const QString &mode)
{
    return sdk::codeLabel(sdk::CodeFamily::BreakerMode, mode);
}

QVariant IntakeBreakersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &r = m_rows.at(index.row());
    if (role == ScopeRole)
        return r.scope;
    if (role == Qt::ForegroundRole && index.column() == StateColumn && r.state != QLatin1String("closed"))
        return QColor(r.state == QLatin1String("open") ? 0xc62828 : 0xef6c00);
    if (role == Qt::TextAlignmentRole && index.column() == ErrorRateColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case ScopeColumn: return sdk::scopeLabel(r.scope);
    case StateColumn: return stateText(r.state);
    case ModeColumn: return modeText(r.mode);
    case ErrorRateColumn: return QLocale().toString(r.errorRate * 100.0, 'f', 0) + QLatin1Char('%');
    }
    return {};
}

QVariant IntakeBreakersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return header({tr("Scope"), tr("State"), tr("Mode"), tr("Error rate")}, section, orientation, role);
}

// ---- diversions ------------------------------------------------------------------
void IntakeDiversionsModel::setDepots(const QList<sdk::DepotIntakeRow> &depots)
{
    QList<sdk::IntakeDiversionRow> fresh;
    for (const auto &d : depots)
        fresh += d.diversions;
    fresh = uniqueSorted(std::move(fresh), diversionKey);
    if (!sameKeys(fresh, m_rows, diversionKey)) {
        beginResetModel();
        m_rows = std::move(fresh);
        endResetModel();
    } else if (!m_rows.isEmpty()) {
        m_rows = std::move(fresh);
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

int IntakeDiversionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int IntakeDiversionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IntakeDiversionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &r = m_rows.at(index.row());
    if (role == FromRole)
        return r.from;
    if (role == Qt::TextAlignmentRole && index.column() == ShareColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case FromColumn: return sdk::depotLabel(r.from);
    case ToColumn: return sdk::depotLabel(r.to);
    case ShareColumn: return QLocale().toString(r.share * 100.0, 'f', 0) + QLatin1Char('%');
    }
    return {};
}

QVariant IntakeDiversionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return header({tr("From depot"), tr("To depot"), tr("Share")}, section, orientation, role);
}

} // namespace opsdeck::widgets
