#include "OrderKanbanBoard.h"

#include "BoardActionController.h"
#include "BoardColumnModel.h"
#include "BoardColumnView.h"
#include "BoardModel.h"
#include "OrderCardDelegate.h"
#include "widgets/common/OrderStateStyle.h"
#include "RiderDropModel.h"
#include "sdk/OrderSearch.h"

#include "ui_OrderKanbanBoard.h"

#include <QAction>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QDateTime>
#include <QMenu>
#include <QApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QSettings>
#include <QTimer>

namespace opsdeck::widgets {

namespace {
constexpr int kSearchLimit = 500;
}

OrderKanbanBoard::OrderKanbanBoard(BoardModel *model, RiderDropModel *riders, QSettings *settings, QString userName,
                                   QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::OrderKanbanBoard>()), m_model(model), m_riders(riders),
      m_settings(settings), m_user(std::move(userName)), m_delegate(new OrderCardDelegate(model, this)),
      m_statesMenu(new QMenu(this))
{
    m_ui->setupUi(this);
    m_ui->channelCombo->addItem(tr("All channels"), QString());
    m_ui->channelCombo->addItem(tr("Fresh"), QStringLiteral("fresh"));
    m_ui->channelCombo->addItem(tr("Campus"), QStringLiteral("campus"));
    m_ui->channelCombo->addItem(tr("Errand"), QStringLiteral("errand"));
    m_ui->statesButton->setMenu(m_statesMenu);
    m_ui->ridersView->setModel(m_riders);
    m_ui->ridersView->setAcceptDrops(true);
    m_ui->ridersView->setDragDropMode(QAbstractItemView::DropOnly);
    m_ui->ridersView->setDropIndicatorShown(true);
    setUpRidersStrip();
    m_ui->ridersView->setAlternatingRowColors(true);

    buildColumns();
    buildActions();
    refreshDepots();
    refreshViews();
    connect(m_model, &BoardModel::depotsChanged, this, &OrderKanbanBoard::refreshDepots);

    const auto barChanged = [this] {
        if (m_updatingBar)
            return;
        readBar();
        applyFilter();
    };
    connect(m_ui->depotCombo, &QComboBox::currentIndexChanged, this, barChanged);
    connect(m_ui->channelCombo, &QComboBox::currentIndexChanged, this, barChanged);
    connect(m_ui->merchantEdit, &QLineEdit::textChanged, this, barChanged);
    connect(m_ui->riderEdit, &QLineEdit::textChanged, this, barChanged);
    connect(m_ui->lateOnlyCheck, &QCheckBox::toggled, this, barChanged);
    connect(m_ui->searchEdit, &QLineEdit::textChanged, this, &OrderKanbanBoard::setSearchText);
    connect(m_ui->saveViewButton, &QToolButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save view"), tr("Name of this view:"), QLineEdit::Normal,
                                                   m_ui->viewCombo->currentText(), &ok);
        if (ok && !name.trimmed().isEmpty())
            saveView(name.trimmed());
    });
    connect(m_ui->viewCombo, &QComboBox::activated, this, [this](int index) {
        if (index > 0)
            loadView(m_ui->viewCombo->itemText(index));
    });
    connect(m_riders, &RiderDropModel::reassignRequested, this, [this](const QStringList &ids, const QString &rider) {
        if (m_controller)
            m_controller->reassign(ids, rider);
    });

    // SLA ages move with the clock, not with the feed: repaint cards twice a minute;
    // "late only" also re-filters because orders become late without any event, and the
    // done-today columns let go of yesterday once midnight has passed.
    auto *clock = new QTimer(this);
    clock->setInterval(30000);
    connect(clock, &QTimer::timeout, this, [this] {
        if (m_filter.lateOnly)
            applyFilter();
        for (BoardColumnView *column : m_columns) {
            column->model()->refreshToday();
            column->listView()->viewport()->update();
        }
    });
    clock->start();
}

OrderKanbanBoard::~OrderKanbanBoard() = default;

void OrderKanbanBoard::buildColumns()
{
    auto *layout = new QHBoxLayout(m_ui->columnsHost);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    for (const QString &state : sdk::orderStates()) {
        auto *model = new BoardColumnModel(m_model, state, this);
        const bool done = sdk::isFinalState(state);
        if (done)
            model->setTodayOnly(true);
        const QString title = done ? tr("%1 (today)").arg(stateLabel(state)) : stateLabel(state);
        auto *view = new BoardColumnView(model, m_delegate, title, done, m_ui->columnsHost);
        layout->addWidget(view, 1); // open columns share the width (BoardColumnView::setCollapsed)
        m_columns.push_back(view);
        connect(view, &BoardColumnView::collapseToggled, this, &OrderKanbanBoard::saveCollapsedColumns);
        connect(model, &BoardColumnModel::ordersDropped, this, [this](const QStringList &ids, const QString &target) {
            if (m_controller)
                m_controller->dropOnState(ids, target);
        });
        QListView *list = view->listView();
        list->viewport()->installEventFilter(this);
        list->installEventFilter(this); // keyboard moves within a column
        connect(list, &QListView::activated, this, [this, model](const QModelIndex &index) {
            emit orderActivated(model->order(index.row()).orderId);
        });
        connect(list, &QListView::clicked, this, [this, model](const QModelIndex &index) {
            emit orderActivated(model->order(index.row()).orderId);
        });
        connect(list, &QWidget::customContextMenuRequested, this,
                [this, list](const QPoint &pos) { showContextMenu(list, pos); });
        auto *stateAction = m_statesMenu->addAction(title);
        stateAction->setCheckable(true);
        stateAction->setChecked(true);
        stateAction->setData(state);
        connect(stateAction, &QAction::toggled, this, [this] {
            if (m_updatingBar)
                return;
            readBar();
            applyFilter();
        });
    }
    layout->addStretch(); // only what the columns at their widest leave over
}

void OrderKanbanBoard::buildActions()
{
    const auto add = [this](const QString &text, const QKeySequence &key, auto fn) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, fn);
        addAction(action);
        return action;
    };
    add(tr("Hold…"), QKeySequence(Qt::CTRL | Qt::Key_H), [this] {
        if (m_controller)
            m_controller->hold(selectedOrderIds());
    })->setObjectName(QStringLiteral("holdAction"));
    add(tr("Release"), QKeySequence(Qt::CTRL | Qt::Key_R), [this] {
        if (m_controller)
            m_controller->release(selectedOrderIds());
    })->setObjectName(QStringLiteral("releaseAction"));
    add(tr("Cancel…"), QKeySequence(Qt::CTRL | Qt::Key_Delete), [this] {
        if (m_controller)
            m_controller->cancel(selectedOrderIds());
    })->setObjectName(QStringLiteral("cancelAction"));
    add(tr("Reassign to…"), QKeySequence(Qt::CTRL | Qt::Key_E), [this] {
        if (!m_controller || selectedOrderIds().isEmpty())
            return;
        QStringList riders;
        for (int i = 0; i < m_riders->rowCount(); ++i)
            if (m_riders->rider(i).status != QLatin1String("offline"))
                riders << m_riders->rider(i).riderId;
        bool ok = false;
        const QString rider = QInputDialog::getItem(this, tr("Reassign"), tr("Rider:"), riders, 0, true, &ok);
        if (ok)
            m_controller->reassign(selectedOrderIds(), rider);
    })->setObjectName(QStringLiteral("reassignAction"));
    add(tr("Find"), QKeySequence::Find, [this] {
        m_ui->searchEdit->setFocus();
        m_ui->searchEdit->selectAll();
    });
}

void OrderKanbanBoard::showContextMenu(QListView *view, const QPoint &pos)
{
    const QModelIndex index = view->indexAt(pos);
    if (index.isValid() && !view->selectionModel()->isSelected(index)) {
        clearSelectionsBeside(view);
        view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect);
    }
    if (selectedOrderIds().isEmpty())
        return;
    QMenu menu(this);
    for (QAction *action : actions())
        if (!action->objectName().isEmpty())
            menu.addAction(action);
    menu.exec(view->viewport()->mapToGlobal(pos));
}

bool OrderKanbanBoard::eventFilter(QObject *watched, QEvent *event)
{
    // Each column has its own selection, so a card selected earlier in another column
    // would silently ride along into the next action. A press without Ctrl/Shift
    // selects as in any one list: only the card pressed. A press on a card already
    // selected keeps the bulk (it may start a drag or open the menu for all of them).
    // A plain click on a card already selected (no drag) ends as that card alone, as the
    // list does within its own column; a plain arrow-key move in a column likewise.
    // The filter sits only on the columns' lists and their viewports (buildColumns).
    const auto listOf = [](QObject *object, bool viewport) {
        return qobject_cast<QListView *>(viewport ? object->parent() : object);
    };
    constexpr auto kExtending = Qt::ControlModifier | Qt::ShiftModifier;
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        const auto *press = static_cast<QMouseEvent *>(event);
        QListView *list = (press->modifiers() & kExtending) ? nullptr : listOf(watched, true);
        if (list) {
            const QModelIndex index = list->indexAt(press->position().toPoint());
            if (!index.isValid() || !list->selectionModel()->isSelected(index))
                clearSelectionsBeside(list);
            m_pressAt = press->globalPosition().toPoint();
        }
        break;
    }
    case QEvent::MouseButtonRelease: {
        const auto *release = static_cast<QMouseEvent *>(event);
        QListView *list = (release->modifiers() & kExtending) || release->button() != Qt::LeftButton
            ? nullptr
            : listOf(watched, true);
        const bool dragged =
            (release->globalPosition().toPoint() - m_pressAt).manhattanLength() >= QApplication::startDragDistance();
        if (list && !dragged && list->indexAt(release->position().toPoint()).isValid())
            clearSelectionsBeside(list);
        break;
    }
    case QEvent::KeyPress: {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool moves = key->key() == Qt::Key_Up || key->key() == Qt::Key_Down || key->key() == Qt::Key_Home
            || key->key() == Qt::Key_End || key->key() == Qt::Key_PageUp || key->key() == Qt::Key_PageDown;
        if (moves && !(key->modifiers() & kExtending))
            if (QListView *list = listOf(watched, false))
                clearSelectionsBeside(list);
        break;
    }
    default: break;
    }
    return QWidget::eventFilter(watched, event);
}

void OrderKanbanBoard::clearSelectionsBeside(const QListView *view)
{
    for (BoardColumnView *column : m_columns)
        if (column->listView() != view)
            column->listView()->clearSelection();
}

void OrderKanbanBoard::setActionController(BoardActionController *controller)
{
    m_controller = controller;
    if (controller)
        connect(controller, &BoardActionController::message, this, &OrderKanbanBoard::showMessage);
    for (QAction *action : actions())
        if (!action->objectName().isEmpty())
            action->setEnabled(controller && controller->canAct());
}

void OrderKanbanBoard::setSearch(sdk::OrderSearch *search)
{
    m_search = search;
    if (search)
        connect(search, &sdk::OrderSearch::resultsReady, this, &OrderKanbanBoard::onSearchResults);
}

BoardColumnView *OrderKanbanBoard::columnView(const QString &state) const
{
    for (BoardColumnView *view : m_columns)
        if (view->model()->state() == state)
            return view;
    return nullptr;
}

BoardColumnModel *OrderKanbanBoard::columnModel(const QString &state) const
{
    BoardColumnView *view = columnView(state);
    return view ? view->model() : nullptr;
}

QStringList OrderKanbanBoard::selectedOrderIds() const
{
    QStringList ids;
    for (BoardColumnView *view : m_columns) {
        if (view->isHidden())
            continue;
        for (const QModelIndex &index : view->listView()->selectionModel()->selectedIndexes())
            ids << view->model()->order(index.row()).orderId;
    }
    return ids;
}

void OrderKanbanBoard::readBar()
{
    m_filter.depot = m_ui->depotCombo->currentData().toString();
    m_filter.channel = m_ui->channelCombo->currentData().toString();
    m_filter.merchant = m_ui->merchantEdit->text().trimmed();
    m_filter.rider = m_ui->riderEdit->text().trimmed();
    m_filter.lateOnly = m_ui->lateOnlyCheck->isChecked();
    // A change on the bar ends a KPI tile's narrowing (it is not on the bar to undo).
    m_filter.reason.clear();
    m_filter.sinceMs = m_filter.untilMs = 0;
    m_filter.hiddenStates.clear();
    for (QAction *action : m_statesMenu->actions())
        if (!action->isChecked())
            m_filter.hiddenStates << action->data().toString();
}

void OrderKanbanBoard::writeBar()
{
    m_updatingBar = true;
    m_ui->depotCombo->setCurrentIndex(qMax(0, m_ui->depotCombo->findData(m_filter.depot)));
    m_ui->channelCombo->setCurrentIndex(qMax(0, m_ui->channelCombo->findData(m_filter.channel)));
    m_ui->merchantEdit->setText(m_filter.merchant);
    m_ui->riderEdit->setText(m_filter.rider);
    m_ui->lateOnlyCheck->setChecked(m_filter.lateOnly);
    for (QAction *action : m_statesMenu->actions())
        action->setChecked(!m_filter.hiddenStates.contains(action->data().toString()));
    m_updatingBar = false;
}

void OrderKanbanBoard::setFilter(const BoardFilter &filter)
{
    const auto ids = m_filter.orderIds;
    m_filter = filter;
    if (!filter.orderIds)
        m_filter.orderIds = ids; // a view does not clear the search box
    writeBar();
    applyFilter();
    if (m_filter.narrowedByRequest()) {
        QStringList what;
        if (!m_filter.reason.isEmpty())
            what << tr("reason %1").arg(m_filter.reason);
        if (m_filter.sinceMs > 0)
            what << tr("since %1").arg(QDateTime::fromMSecsSinceEpoch(m_filter.sinceMs).toString(QStringLiteral("MM-dd HH:mm")));
        if (m_filter.untilMs > 0)
            what << tr("before %1").arg(QDateTime::fromMSecsSinceEpoch(m_filter.untilMs).toString(QStringLiteral("MM-dd HH:mm")));
        showMessage(tr("Showing the orders behind a KPI figure (%1); change any filter to see all.")
                        .arg(what.join(QStringLiteral(", "))),
                    false);
    }
}

void OrderKanbanBoard::applyFilter()
{
    for (BoardColumnView *view : m_columns) {
        view->setVisible(!m_filter.hiddenStates.contains(view->model()->state()));
        view->model()->setFilter(m_filter);
    }
}

void OrderKanbanBoard::setSearchText(const QString &text)
{
    if (m_ui->searchEdit->text() != text)
        m_ui->searchEdit->setText(text); // re-enters through textChanged
    const QString query = text.trimmed();
    if (query.isEmpty()) {
        ++m_searchTicket;
        m_filter.orderIds.reset();
        applyFilter();
        return;
    }
    if (!m_search) {
        // No search service: order ids only, locally.
        QSet<QString> ids;
        for (int row = 0; row < m_model->rowCount(); ++row)
            if (m_model->card(row).row.orderId.contains(query, Qt::CaseInsensitive))
                ids.insert(m_model->card(row).row.orderId);
        m_filter.orderIds = ids;
        applyFilter();
        return;
    }
    m_searchTicket = m_search->search(query, kSearchLimit);
}

void OrderKanbanBoard::onSearchResults(quint64 ticket, const QString &text, const QStringList &ids)
{
    (void)text;
    if (ticket != m_searchTicket)
        return; // an older keystroke
    m_filter.orderIds = QSet<QString>(ids.begin(), ids.end());
    applyFilter();
    showMessage(tr("%n order(s) match the search.", nullptr, static_cast<int>(ids.size())), false);
}

void OrderKanbanBoard::showMessage(const QString &text, bool isError)
{
    m_ui->messageLabel->setStyleSheet(
        isError ? QStringLiteral("QLabel { color: #8c1d18; background: #fdecea; border: 1px solid #f3b8b3;"
                                 " border-radius: 4px; padding: 4px 8px; }")
                : QStringLiteral("QLabel { color: #1e5631; background: #e9f5ec; border: 1px solid #b7dfc2;"
                                 " border-radius: 4px; padding: 4px 8px; }"));
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

void OrderKanbanBoard::refreshDepots()
{
    const QString current = m_ui->depotCombo->currentData().toString();
    m_updatingBar = true;
    m_ui->depotCombo->clear();
    m_ui->depotCombo->addItem(tr("All depots"), QString());
    for (const QString &depot : m_model->depots())
        m_ui->depotCombo->addItem(depot, depot);
    m_ui->depotCombo->setCurrentIndex(qMax(0, m_ui->depotCombo->findData(current)));
    m_updatingBar = false;
}

QString OrderKanbanBoard::settingsGroup() const
{
    return QStringLiteral("board/views/") + (m_user.isEmpty() ? QStringLiteral("_") : m_user);
}

QStringList OrderKanbanBoard::savedViews() const
{
    if (!m_settings)
        return {};
    m_settings->beginGroup(settingsGroup());
    const QStringList names = m_settings->childKeys();
    m_settings->endGroup();
    return names;
}

void OrderKanbanBoard::saveView(const QString &name)
{
    if (!m_settings)
        return;
    readBar();
    m_settings->setValue(settingsGroup() + QLatin1Char('/') + name, m_filter.toMap());
    m_settings->sync();
    refreshViews();
    m_ui->viewCombo->setCurrentText(name);
}

bool OrderKanbanBoard::loadView(const QString &name)
{
    if (!m_settings)
        return false;
    const QVariant value = m_settings->value(settingsGroup() + QLatin1Char('/') + name);
    if (!value.isValid())
        return false;
    setFilter(BoardFilter::fromMap(value.toMap()));
    return true;
}

void OrderKanbanBoard::refreshViews()
{
    m_ui->viewCombo->clear();
    m_ui->viewCombo->addItem(tr("Saved views"));
    m_ui->viewCombo->addItems(savedViews());
}

void OrderKanbanBoard::setRidersPanelVisible(bool visible)
{
    m_ui->ridersPanel->setVisible(visible);
}

} // namespace opsdeck::widgets
