#pragma once

#include "sdk/AlertService.h"
#include "widgets/WidgetsExport.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonObject>

#include <array>
#include <functional>
#include <vector>

namespace opsdeck::widgets {

// One role's alert queue: the open alerts visible to the role, most severe first, then
// oldest first; snoozed alerts are counted but not listed. Changes arrive in batches
// (one per engine tick) and are applied with one reset, so a view keeps its current
// alert by id (see AlertQueueWidget).
class OPSDECK_WIDGETS_EXPORT AlertQueueModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { SeverityColumn, AgeColumn, RuleColumn, SubjectColumn, StateColumn, CountColumn, MessageColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, OrderIdRole, RiderIdRole, SeverityRole, StateRole };
    using Clock = std::function<qint64()>;
    // Which alerts the user may see beyond the role's queue (their depots, their merchant's
    // orders: sdk::ConsoleContext::seesAlert). Empty: every alert of the role.
    using Scope = std::function<bool(const sdk::AlertRow &)>;

    explicit AlertQueueModel(QString role, Clock clock = {}, QObject *parent = nullptr);

    QString role() const { return m_role; }
    // Narrows what is listed from now on, and drops the alerts already held outside it.
    void setScope(Scope scope);
    void reset(const QList<sdk::AlertRow> &alerts);
    void applyChanges(const QList<sdk::AlertRow> &changed);
    // The rules file in force: the Rule column shows each rule's name from it.
    void setRules(const QByteArray &rulesJson);
    QString ruleName(const QString &ruleId) const;
    // Ages move with the clock: one dataChanged for the whole column.
    void refreshAges();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const sdk::AlertRow &alertAt(int row) const { return m_rows.at(static_cast<std::size_t>(row)); }
    int rowOf(qint64 alertId) const;
    int countBySeverity(int severity) const { return m_bySeverity.at(static_cast<std::size_t>(severity)); }
    int snoozedCount() const { return m_snoozed; }
    int total() const { return static_cast<int>(m_rows.size()); }

    static QString severityName(int severity);
    static QString stateName(const QString &state);
    static QString ageText(qint64 ms);

signals:
    void countsChanged();
    // Critical alerts this role had not seen as critical before (new or escalated).
    void criticalArrived(const QList<opsdeck::sdk::AlertRow> &alerts);

private:
    void rebuild();
    bool shows(const sdk::AlertRow &alert) const;

    QString m_role;
    Clock m_clock;
    Scope m_scope;
    QHash<QString, QJsonObject> m_rules; // by id
    QHash<qint64, sdk::AlertRow> m_all; // open and visible to the role, snoozed included
    std::vector<sdk::AlertRow> m_rows;  // listed, sorted
    std::array<int, 4> m_bySeverity{};
    int m_snoozed = 0;
};

} // namespace opsdeck::widgets
