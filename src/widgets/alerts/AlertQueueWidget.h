#pragma once

#include "widgets/WidgetsExport.h"

#include <QWidget>

#include <memory>

class QTableView;
namespace Ui {
class AlertQueueWidget;
}

namespace opsdeck::sdk {
class AlertService;
}

namespace opsdeck::widgets {

class AlertNotifier;
class AlertQueueModel;

// One role's alert queue: count badges, the table, keyboard triage (j/k move, a
// acknowledge, r resolve, s snooze, Enter select; the context menu also assigns and
// snoozes for longer), history search and the rules editor.
// Clicking an alert asks every view to select its order or rider
// (AlertService::requestSelection) and emits selectionRequested.
class OPSDECK_WIDGETS_EXPORT AlertQueueWidget final : public QWidget
{
    Q_OBJECT
public:
    AlertQueueWidget(sdk::AlertService *service, const QString &role, QWidget *parent = nullptr);
    ~AlertQueueWidget() override;

    AlertQueueModel *model() const { return m_model; }
    QTableView *tableView() const;
    AlertNotifier *notifier() const { return m_notifier; }
    qint64 currentAlertId() const;
    int snoozeMinutes() const { return m_snoozeMinutes; }
    void setSnoozeMinutes(int minutes) { m_snoozeMinutes = minutes; }

public slots:
    void moveCurrent(int delta);
    void acknowledgeCurrent();
    void resolveCurrent();
    void snoozeCurrent();
    void assignCurrent(const QString &assignee);
    void selectCurrent();
    void showRulesEditor();

signals:
    void selectionRequested(const QString &orderId, const QString &riderId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateBadges();
    void restoreCurrent();
    void searchHistory();
    void showContextMenu(const QPoint &pos);

    std::unique_ptr<Ui::AlertQueueWidget> m_ui;
    sdk::AlertService *m_service;
    AlertQueueModel *m_model;
    AlertNotifier *m_notifier;
    qint64 m_currentId = 0;
    int m_currentRow = -1;
    int m_snoozeMinutes = 15;
};

} // namespace opsdeck::widgets
