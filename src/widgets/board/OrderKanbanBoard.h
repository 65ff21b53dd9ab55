#pragma once

#include "BoardFilter.h"
#include "sdk/OrderActions.h"
#include "widgets/WidgetsExport.h"

#include <QPoint>
#include <QPointer>
#include <QWidget>

#include <QHash>
#include <QSet>

#include <memory>
#include <optional>
#include <vector>

class QSettings;
class QListView;
class QMenu;
class QTimer;
namespace Ui {
class OrderKanbanBoard;
}
namespace opsdeck::sdk {
class OrderSearch;
}

namespace opsdeck::widgets {

class BoardActionController;
class BoardColumnModel;
class BoardColumnView;
class BoardHoldStill;
class BoardModel;
class OrderCardDelegate;
class RiderDropList;
class RiderDropModel;

// The order board: filter bar, one column per state (final ones collapsible, "done
// today"), riders as drop targets, messages. Feeds nothing itself: the owner fills the
// BoardModel and RiderDropModel and passes the services it has (search, actions).
// The cards hold still while the pointer is over the board (BoardHoldStill); the card
// just acted on follows its order to the new column. Actions are offered only as the
// order's state and the user's role allow (BoardActionController::refusal). Messages
// clear themselves (messageTimer), and the search's match count follows the columns.
class OPSDECK_WIDGETS_EXPORT OrderKanbanBoard final : public QWidget
{
    Q_OBJECT
public:
    OrderKanbanBoard(BoardModel *model, RiderDropModel *riders, QSettings *settings, QString userName,
                     QWidget *parent = nullptr);
    ~OrderKanbanBoard() override;

    void setActionController(BoardActionController *controller);
    void setSearch(sdk::OrderSearch *search);

    BoardColumnModel *columnModel(const QString &state) const;
    BoardColumnView *columnView(const QString &state) const;
    QStringList selectedOrderIds() const;

    BoardFilter filter() const { return m_filter; }
    void setFilter(const BoardFilter &filter); // updates the bar too
    void setSearchText(const QString &text);

    QStringList savedViews() const;
    void saveView(const QString &name);
    bool loadView(const QString &name);

    void showMessage(const QString &text, bool isError);
    // Selects and scrolls to the order's card without narrowing the board; says so when
    // the filters hide it. False when it is not shown.
    bool revealOrder(const QString &orderId);
    BoardHoldStill *holdStill() const { return m_holdStill; }

    static constexpr int kMessageMs = 15000; // an outcome or refusal stays this long
    // The riders list is where cards are dropped to reassign; a read-only board hides it.
    void setRidersPanelVisible(bool visible);
    // The done columns the user has not opened or closed yet start as given (the
    // console: collapsed, so the working columns get the width); the user's toggles are
    // kept per user in the settings. Without the call every column starts open.
    void setDefaultCollapsedStates(const QStringList &states);

signals:
    void orderActivated(const QString &orderId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildColumns();
    void buildActions();
    void act(sdk::OrderActions::Kind kind);
    void reassignSelected();
    void offerActions(const QStringList &orderIds);
    void resetActions();
    void followActed(const QStringList &orderIds);
    void onBatchApplied();
    void updateMatchMessage();
    void setMessage(const QString &text, bool isError);
    struct Targets {
        QStringList ids;
        QHash<QString, QString> seen; // id -> the column it was shown in
    };
    Targets targets() const;
    void readBar();
    void writeBar();
    void applyFilter();
    void onClock(); // once per minute of the console's (feed's) clock
    void onSearchResults(quint64 ticket, const QString &text, const QStringList &ids);
    void showContextMenu(QListView *view, const QPoint &pos);
    void clearSelectionsBeside(const QListView *view);
    void refreshDepots();
    // Ranks the riders for the first of these orders (depot, road distance, load).
    void aimRiders(const QStringList &orderIds);
    void refreshViews();
    QString settingsGroup() const;
    // OrderKanbanBoardLayout.cpp: the riders strip beside the columns, collapsed columns.
    void setUpRidersStrip();
    void saveCollapsedColumns();
    QString collapsedKey() const;

    std::unique_ptr<Ui::OrderKanbanBoard> m_ui;
    BoardModel *m_model;
    RiderDropModel *m_riders;
    RiderDropList *m_riderList = nullptr;
    QSettings *m_settings;
    QString m_user;
    OrderCardDelegate *m_delegate;
    std::vector<BoardColumnView *> m_columns;
    QPointer<BoardActionController> m_controller;
    QPointer<sdk::OrderSearch> m_search;
    quint64 m_searchTicket = 0;
    BoardFilter m_filter;
    QMenu *m_statesMenu;
    bool m_updatingBar = false;
    qint64 m_clockMinute = 0; // the clock's minute the cards were last judged in
    QPoint m_pressAt; // where the last plain press on a card was: a release there is a click, not a drag
    BoardHoldStill *m_holdStill;
    QTimer *m_messageTimer;
    std::optional<Targets> m_menuTargets; // what a context menu was opened on
    QSet<QString> m_waitingFor;           // the "sent" message lasts until these are answered
    int m_searchMatches = -1;             // the shown message is the search's count when >= 0
    bool m_narrowingShown = false;        // the shown message is a KPI tile's narrowing
};

} // namespace opsdeck::widgets
