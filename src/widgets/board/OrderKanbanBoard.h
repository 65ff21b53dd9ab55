#pragma once

#include "BoardFilter.h"
#include "widgets/WidgetsExport.h"

#include <QPoint>
#include <QPointer>
#include <QWidget>

#include <memory>
#include <vector>

class QSettings;
class QListView;
class QMenu;
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
class BoardModel;
class OrderCardDelegate;
class RiderDropModel;

// The order board: filter bar, one column per state (final ones collapsible, "done
// today"), riders as drop targets, messages. Feeds nothing itself: the owner fills the
// BoardModel and RiderDropModel and passes the services it has (search, actions).
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
    void readBar();
    void writeBar();
    void applyFilter();
    void onSearchResults(quint64 ticket, const QString &text, const QStringList &ids);
    void showContextMenu(QListView *view, const QPoint &pos);
    void clearSelectionsBeside(const QListView *view);
    void refreshDepots();
    void refreshViews();
    QString settingsGroup() const;
    // OrderKanbanBoardLayout.cpp: the riders strip beside the columns, collapsed columns.
    void setUpRidersStrip();
    void saveCollapsedColumns();
    QString collapsedKey() const;

    std::unique_ptr<Ui::OrderKanbanBoard> m_ui;
    BoardModel *m_model;
    RiderDropModel *m_riders;
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
    QPoint m_pressAt; // where the last plain press on a card was: a release there is a click, not a drag
};

} // namespace opsdeck::widgets
