#pragma once

#include "sdk/SdkExport.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace opsdeck::sdk {

// One alert as plugins see it. Times are ms since the Unix epoch (UTC).
// What it says comes as a message code and its arguments, for views to word in the
// user's language (widgets::alertMessageText), and as English text (as stored and
// searched). An empty code means the text is all there is: a user's note, or an alert
// stored before messages had codes. Arguments are QString, qint64 (counts, and durations
// and times in ms) or double.
struct AlertRow {
    enum Severity { Info = 0, Warning = 1, Major = 2, Critical = 3 };
    qint64 id = 0;
    QString ruleId;
    QString kind;         // rule kind, e.g. "order_state_timeout"
    QString subjectKind;  // order, rider, sensor, sku, depot, account, address, feed
    QString subject;
    QString orderId;      // set when the alert can select an order
    QString riderId;      // set when the alert can select a rider
    QString depot;
    int severity = Warning;
    bool escalated = false;
    QString state;        // new, acknowledged, assigned, snoozed, resolved
    qint64 count = 1;
    qint64 firstAtMs = 0;
    qint64 lastAtMs = 0;
    qint64 updatedAtMs = 0;
    qint64 snoozedUntilMs = 0;
    QString message;      // in English
    QString messageCode;  // e.g. "order.state_timeout"
    QVariantList messageArgs;
    QStringList roles;    // queues that show it (escalation adds "ops_manager")
    QString acknowledgedBy;
    QString assignee;
    QString resolvedBy;
    QString note;         // in English; why it resolved itself, or the user's note
    QString noteCode;     // e.g. "cleared.order_moved"; empty for a user's note
    QVariantList noteArgs;

    bool isOpen() const { return state != QLatin1String("resolved"); }
    bool visibleTo(const QString &role) const { return roles.contains(role); }
};

// One step of an alert's history.
struct AlertHistoryRow {
    qint64 alertId = 0;
    qint64 atMs = 0;
    QString action;
    QString by;
    QString state;
    QString severity;
    QString ruleId;
    QString subject;
    QString message;      // in English; code and arguments as in AlertRow
    QString note;
    QString messageCode;
    QVariantList messageArgs;
    QString noteCode;
    QVariantList noteArgs;
};

// Alerts for plugins: the open alerts, lifecycle requests (carried out on the core
// thread; the result comes back through alertsChanged or actionRefused), history
// search and the rules file. Obtain with ConsoleContext::service<sdk::AlertService>().
class OPSDECK_SDK_EXPORT AlertService : public QObject
{
    Q_OBJECT
public:
    explicit AlertService(QObject *parent = nullptr);
    ~AlertService() override;

    // Every open alert, all roles (views filter with AlertRow::visibleTo).
    virtual QList<AlertRow> currentAlerts() const = 0;

    virtual void acknowledge(qint64 alertId) = 0;
    virtual void assign(qint64 alertId, const QString &assignee) = 0;
    virtual void resolve(qint64 alertId, const QString &note) = 0;
    virtual void snooze(qint64 alertId, qint64 untilMs) = 0;
    // The clock the lifecycle runs on ("snooze 15 minutes from now").
    virtual qint64 nowMs() const = 0;

    // Asynchronous; answered by historyFound.
    virtual void searchHistory(const QString &text, int limit) = 0;

    // The rules file in force, problems of a candidate (empty: valid), and applying one
    // (refused with its problems when invalid).
    virtual QByteArray rulesJson() const = 0;
    virtual QStringList validateRules(const QByteArray &json) const = 0;
    virtual bool applyRules(const QByteArray &json, QStringList *problems) = 0;
    // Whether applyRules would be allowed to the user at the console: a courtesy for views
    // (a "Rules…" button not shown to roles the host refuses); applyRules still checks.
    virtual bool mayEditRules() const { return true; }

    // Any view may ask the others to show an order or a rider (an alert was clicked).
    void requestSelection(const QString &orderId, const QString &riderId);

signals:
    // Latest values of the alerts that changed since the last signal, resolved ones
    // included so views drop them. At most one per engine tick.
    void alertsChanged(const QList<opsdeck::sdk::AlertRow> &changed);
    void actionRefused(qint64 alertId, const QString &reason);
    void historyFound(const QString &text, const QList<opsdeck::sdk::AlertHistoryRow> &rows);
    void selectionRequested(const QString &orderId, const QString &riderId);
};

} // namespace opsdeck::sdk

Q_DECLARE_METATYPE(opsdeck::sdk::AlertRow)
Q_DECLARE_METATYPE(opsdeck::sdk::AlertHistoryRow)
