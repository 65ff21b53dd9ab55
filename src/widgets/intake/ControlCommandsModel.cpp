#include "ControlCommandsModel.h"

#include "IntakePolicyModels.h"
#include "sdk/CodeLabels.h"

#include <QColor>
#include <QDateTime>
#include <QLocale>

namespace opsdeck::widgets {

ControlCommandsModel::ControlCommandsModel(QObject *parent) : QAbstractTableModel(parent) {}

void ControlCommandsModel::reset(const QList<sdk::ControlStatus> &statuses)
{
    beginResetModel();
    m_rows = statuses.mid(0, m_maxRows);
    endResetModel();
}

void ControlCommandsModel::update(const sdk::ControlStatus &status)
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).commandId == status.commandId) {
            m_rows[row] = status;
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            return;
        }
    }
    beginInsertRows({}, 0, 0);
    m_rows.prepend(status);
    endInsertRows();
    if (m_rows.size() > m_maxRows) {
        const int first = m_maxRows;
        beginRemoveRows({}, first, static_cast<int>(m_rows.size()) - 1);
        m_rows.resize(m_maxRows);
        endRemoveRows();
    }
}

QString ControlCommandsModel::describe(const sdk::ControlStatus &s)
{
    const QVariantMap &a = s.args;
    const QString scope = sdk::scopeLabel(a.value(QStringLiteral("scope")).toString());
    if (s.cmd == QLatin1String("set_rate_limit")) {
        QString text = tr("limit %1 to %2/min").arg(scope, QLocale().toString(a.value(QStringLiteral("per_min")).toDouble()));
        if (a.contains(QStringLiteral("burst")))
            text += tr(", burst %1").arg(QLocale().toString(a.value(QStringLiteral("burst")).toDouble()));
        return text;
    }
    if (s.cmd == QLatin1String("clear_rate_limit"))
        return tr("clear limit of %1").arg(scope);
    if (s.cmd == QLatin1String("set_breaker"))
        return tr("breaker %1: %2").arg(scope, IntakeBreakersModel::modeText(a.value(QStringLiteral("mode")).toString()));
    if (s.cmd == QLatin1String("divert"))
        return tr("divert %1% of %2 to %3")
            .arg(QLocale().toString(a.value(QStringLiteral("share")).toDouble() * 100.0, 'f', 0),
                 sdk::depotLabel(a.value(QStringLiteral("from")).toString()),
                 sdk::depotLabel(a.value(QStringLiteral("to")).toString()));
    if (s.cmd == QLatin1String("clear_divert"))
        return tr("stop diverting %1").arg(sdk::depotLabel(a.value(QStringLiteral("from")).toString()));
    return sdk::codeLabel(sdk::CodeFamily::Command, s.cmd);
}

QString ControlCommandsModel::stateText(const sdk::ControlStatus &s)
{
    using State = sdk::ControlStatus::State;
    switch (s.state) {
    case State::Pending: return tr("pending");
    case State::Confirmed: return tr("confirmed");
    case State::Refused:
        // Our own codes are translated; a gateway's message is shown as it came.
        if (s.error == QLatin1String("forbidden"))
            return tr("refused: your role may not do this");
        if (s.error == QLatin1String("reason_required"))
            return tr("refused: a reason is required");
        if (s.error == QLatin1String("no_before_state"))
            return tr("not reset: the state before it is unknown, reset it by hand");
        if (sdk::isKnownCode(sdk::CodeFamily::ControlError, s.error))
            return tr("refused: %1").arg(sdk::codeLabel(sdk::CodeFamily::ControlError, s.error));
        return s.message.isEmpty() ? tr("refused: %1").arg(sdk::readableCode(s.error)) : tr("refused: %1").arg(s.message);
    case State::Unconfirmed:
        return s.error == QLatin1String("no_effect") ? tr("unconfirmed: no effect seen") : tr("unconfirmed: no answer");
    }
    return {};
}

int ControlCommandsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ControlCommandsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ControlCommandsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const sdk::ControlStatus &s = m_rows.at(index.row());
    if (role == StateRole)
        return static_cast<int>(s.state);
    if (role == CommandIdRole)
        return s.commandId;
    if (role == Qt::ForegroundRole && index.column() == StateColumn) {
        switch (s.state) {
        case sdk::ControlStatus::State::Pending: return QColor(0x616161);
        case sdk::ControlStatus::State::Confirmed: return QColor(0x2e7d32);
        case sdk::ControlStatus::State::Refused: return QColor(0xc62828);
        case sdk::ControlStatus::State::Unconfirmed: return QColor(0xef6c00);
        }
    }
    if (role == Qt::ToolTipRole)
        return s.commandId;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn: {
        QString t = QDateTime::fromMSecsSinceEpoch(s.issuedAtMs).toString(QStringLiteral("HH:mm:ss"));
        if (s.origin != QLatin1String("console"))
            t += QLatin1Char(' ') + s.origin;
        return t;
    }
    case CommandColumn: {
        QString text = describe(s);
        if (s.expiresAtMs > 0)
            text += tr(" until %1").arg(QDateTime::fromMSecsSinceEpoch(s.expiresAtMs).toString(QStringLiteral("HH:mm")));
        return text;
    }
    case StateColumn: return stateText(s);
    case ReasonColumn: return s.reason;
    }
    return {};
}

QVariant ControlCommandsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static const int kCount = ColumnCount;
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= kCount)
        return {};
    const QStringList titles = {tr("Time"), tr("Command"), tr("State"), tr("Reason")};
    return titles.at(section);
}

} // namespace opsdeck::widgets
