#include "OrderKanbanBoard.h"

#include "BoardActionController.h"
#include "BoardColumnModel.h"
#include "BoardColumnView.h"
#include "BoardHoldStill.h"
#include "BoardModel.h"
#include "OrderCardDelegate.h"
#include "widgets/common/OrderStateStyle.h"
#include "CardListView.h"
#include "RiderDropList.h"
#include "RiderDropModel.h"
#include "RiderRanking.h"
#include "sdk/CodeLabels.h"
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
      m_statesMenu(new QMenu(this)), m_holdStill(new BoardHoldStill(model, this)), m_messageTimer(new QTimer(this))
{
    m_ui->setupUi(this);
    m_messageTimer->setObjectName(QStringLiteral("messageTimer"));
    m_messageTimer->setSingleShot(true);
    m_messageTimer->setInterval(kMessageMs);
    connect(m_messageTimer, &QTimer::timeout, this, [this] { showMessage({}, false); });
    m_ui->channelCombo->addItem(tr("All channels"), QString());
    m_ui->channelCombo->addItem(tr("Fresh"), QStringLiteral("fresh"));
    m_ui->channelCombo->addItem(tr("Campus"), QStringLiteral("campus"));
    m_ui->channelCombo->addItem(tr("Errand"), QStringLiteral("errand"));
    m_ui->statesButton->setMenu(m_statesMenu);
    m_riderList = new RiderDropList(m_ui->ridersView, m_ui->ridersSearchEdit, m_riders,
                                    [this](const QStringList &ids) { aimRiders(ids); }, this);
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
    // After the columns (connected when they were made): they have placed the batch.
    connect(m_model, &BoardModel::batchApplied, this, &OrderKanbanBoard::onBatchApplied);
    m_holdStill->watch(m_ui->columnsScroll);
    connect(m_holdStill, &BoardHoldStill::pendingChanged, this, [this](int updates) {
        m_ui->updatesButton->setText(tr("%n update(s)", nullptr, updates));
        m_ui->updatesButton->setVisible(updates > 0);
    });
    connect(m_ui->updatesButton, &QToolButton::clicked, m_holdStill, &BoardHoldStill::applyNow);

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
    connect(m_ui->atRiskCheck, &QCheckBox::toggled, this, barChanged);
    connect(m_ui->sortTimeLeftCheck, &QCheckBox::toggled, this, barChanged);
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

    // SLA ages move with the clock, not with the events: once the console's clock (the
    // feed's, BoardModel::now()) enters a new minute, cards repaint ("N min left" is
    // minute-grained), "late only" / "at risk" filter again (orders become late without
    // any event), and the done-today columns let go of yesterday after midnight. Checked
    // every second: under `--time-scale 20` a feed minute lasts 3 s.
    auto *clock = new QTimer(this);
    clock->setObjectName(QStringLiteral("boardClock"));
    clock->setInterval(1000);
    connect(clock, &QTimer::timeout, this, &OrderKanbanBoard::onClock);
    clock->start();
}

OrderKanbanBoard::~OrderKanbanBoard() = default;

void OrderKanbanBoard::onClock()
{
    const qint64 minute = m_model->now() / 60000;
    if (minute == m_clockMinute || m_holdStill->isHolding())
        return; // holding: a rebuild would move the cards under the pointer; a later tick does it
    m_clockMinute = minute;
    if (m_filter.dependsOnClock())
        applyFilter();
    for (BoardColumnView *column : m_columns) {
        column->model()->refreshToday();
        column->listView()->viewport()->update();
    }
}

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
        m_holdStill->addColumn(model);
        connect(model, &BoardColumnModel::countChanged, this, &OrderKanbanBoard::updateMatchMessage);
        connect(view, &BoardColumnView::collapseToggled, this, &OrderKanbanBoard::saveCollapsedColumns);
        connect(model, &BoardColumnModel::ordersDropped, this, [this](const QStringList &ids, const QString &target) {
            if (m_controller)
                m_controller->dropOnState(ids, target);
        });
        QListView *list = view->listView();
        if (auto *cards = qobject_cast<CardListView *>(list))
            connect(cards, &CardListView::dragStarting, this, &OrderKanbanBoard::aimRiders);
        list->viewport()->installEventFilter(this);
        list->installEventFilter(this); // keyboard moves within a column
        m_holdStill->watchUse(list->viewport());
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
        if (m_filter.hiddenStates.contains(view->model()->state())) // a column the user hid
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
    m_filter.atRiskOnly = m_ui->atRiskCheck->isChecked();
    m_filter.sortByTimeLeft = m_ui->sortTimeLeftCheck->isChecked();
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
    m_ui->atRiskCheck->setChecked(m_filter.atRiskOnly);
    m_ui->sortTimeLeftCheck->setChecked(m_filter.sortByTimeLeft);
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
            what << tr("reason %1").arg(sdk::codeLabel(sdk::CodeFamily::Reason, m_filter.reason));
        if (m_filter.sinceMs > 0)
            what << tr("since %1").arg(QDateTime::fromMSecsSinceEpoch(m_filter.sinceMs).toString(QStringLiteral("MM-dd HH:mm")));
        if (m_filter.untilMs > 0)
            what << tr("before %1").arg(QDateTime::fromMSecsSinceEpoch(m_filter.untilMs).toString(QStringLiteral("MM-dd HH:mm")));
        // Says what the board is narrowed to for as long as it is (not on the timer).
        showMessage({}, false);
        setMessage(tr("Showing the orders behind a KPI figure (%1); change any filter to see all.")
                       .arg(what.join(QStringLiteral(", "))),
                   false);
        m_narrowingShown = true;
    }
}

void OrderKanbanBoard::applyFilter()
{
    if (m_narrowingShown && !m_filter.narrowedByRequest()) {
        m_narrowingShown = false;
        setMessage({}, false);
    }
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
        if (m_searchMatches >= 0)
            showMessage({}, false);
        return;
    }
    if (!m_search) {
        // No search service: order ids only, locally ("#" / "id:" in front as with one).
        QString id = query;
        if (id.startsWith(QLatin1Char('#')))
            id = id.mid(1).trimmed();
        else if (id.startsWith(QLatin1String("id:"), Qt::CaseInsensitive))
            id = id.mid(3).trimmed();
        QSet<QString> ids;
        for (int row = 0; row < m_model->rowCount(); ++row)
            if (m_model->card(row).row.orderId.contains(id, Qt::CaseInsensitive))
                ids.insert(m_model->card(row).row.orderId);
        m_filter.orderIds = ids;
        applyFilter();
        showMessage({}, false);
        m_searchMatches = static_cast<int>(ids.size());
        updateMatchMessage();
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
    showMessage({}, false);
    m_searchMatches = static_cast<int>(ids.size());
    updateMatchMessage();
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

void OrderKanbanBoard::aimRiders(const QStringList &orderIds)
{
    const int row = orderIds.isEmpty() ? -1 : m_model->rowOf(orderIds.first());
    if (row >= 0)
        m_riders->aimAt(m_model->card(row).row, activeLoads(*m_model));
}

void OrderKanbanBoard::setRidersPanelVisible(bool visible)
{
    m_ui->ridersPanel->setVisible(visible);
}

} // namespace opsdeck::widgets
