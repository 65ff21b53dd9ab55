#include "AlertQueueWidget.h"

#include "AlertMessageText.h"

#include "AlertNotifier.h"
#include "AlertQueueModel.h"
#include "AlertRulesDialog.h"
#include "sdk/AlertService.h"
#include "sdk/CodeLabels.h"
#include "ui_AlertQueueWidget.h"

#include <QDateTime>
#include <QHeaderView>
#include <QInputDialog>
#include <QMenu>
#include <QKeyEvent>
#include <QTableView>
#include <QTimer>

namespace opsdeck::widgets {

namespace {
void styleBadge(QLabel *label, const QString &color)
{
    // A narrow dock squeezes the search box, never a badge's words and count.
    label->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    // Bold through the font, not the style sheet: the label's size hint then measures
    // the text as drawn.
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    label->setStyleSheet(QStringLiteral("QLabel { background: %1; color: white; border-radius: 9px; padding: 2px 8px; }")
                             .arg(color));
}
} // namespace

AlertQueueWidget::AlertQueueWidget(sdk::AlertService *service, const QString &role, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::AlertQueueWidget>())
    , m_service(service)
    , m_model(new AlertQueueModel(role, service ? AlertQueueModel::Clock([service] { return service->nowMs(); })
                                                : AlertQueueModel::Clock(),
                                  this))
    , m_notifier(new AlertNotifier(this))
{
    m_ui->setupUi(this);
    styleBadge(m_ui->criticalBadge, QStringLiteral("#c62828"));
    styleBadge(m_ui->majorBadge, QStringLiteral("#ef6c00"));
    styleBadge(m_ui->warningBadge, QStringLiteral("#f9a825"));
    styleBadge(m_ui->infoBadge, QStringLiteral("#1976d2"));
    styleBadge(m_ui->snoozedBadge, QStringLiteral("#757575"));

    QTableView *table = m_ui->tableView;
    table->setModel(m_model);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table->setColumnWidth(AlertQueueModel::SeverityColumn, 90);
    table->setColumnWidth(AlertQueueModel::AgeColumn, 70);
    table->setColumnWidth(AlertQueueModel::RuleColumn, 190);
    // The subject is an order or rider id, read out and searched for: never elided. Sized
    // to its contents (bold for unacknowledged alerts), the details column takes the rest.
    table->horizontalHeader()->setSectionResizeMode(AlertQueueModel::SubjectColumn, QHeaderView::ResizeToContents);
    table->setColumnWidth(AlertQueueModel::StateColumn, 110);
    table->setColumnWidth(AlertQueueModel::CountColumn, 50);
    table->installEventFilter(this);
    table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(table, &QTableView::customContextMenuRequested, this, &AlertQueueWidget::showContextMenu);

    connect(m_model, &AlertQueueModel::modelAboutToBeReset, this, [this] {
        m_currentId = currentAlertId();
        m_currentRow = m_ui->tableView->currentIndex().row();
    });
    connect(m_model, &AlertQueueModel::modelReset, this, &AlertQueueWidget::restoreCurrent);
    connect(m_model, &AlertQueueModel::countsChanged, this, &AlertQueueWidget::updateBadges);
    connect(m_model, &AlertQueueModel::criticalArrived, m_notifier, &AlertNotifier::notify);
    connect(table, &QTableView::clicked, this, &AlertQueueWidget::selectCurrent);
    connect(m_ui->historyEdit, &QLineEdit::returnPressed, this, &AlertQueueWidget::searchHistory);
    connect(m_ui->rulesButton, &QPushButton::clicked, this, &AlertQueueWidget::showRulesEditor);
    // Ages run on the console's (feed's) clock: under --time-scale 20 a second is 20 s.
    auto *ages = new QTimer(this);
    ages->start(1000);
    connect(ages, &QTimer::timeout, m_model, &AlertQueueModel::refreshAges);

    if (m_service) {
        connect(m_service, &sdk::AlertService::alertsChanged, m_model, &AlertQueueModel::applyChanges);
        connect(m_service, &sdk::AlertService::historyFound, this,
                [this](const QString &text, const QList<sdk::AlertHistoryRow> &rows) {
                    if (text != m_ui->historyEdit->text())
                        return; // an older search
                    m_ui->historyList->clear();
                    for (const auto &h : rows)
                        m_ui->historyList->addItem(
                            tr("%1  #%2 %3 by %4: %5 %6 %7")
                                .arg(QDateTime::fromMSecsSinceEpoch(h.atMs).toString(QStringLiteral("MM-dd HH:mm:ss")))
                                .arg(h.alertId)
                                .arg(sdk::codeLabel(sdk::CodeFamily::AlertAction, h.action), h.by,
                                     m_model->ruleName(h.ruleId), alertSubjectText(h), alertHistoryText(h)));
                    if (rows.isEmpty())
                        m_ui->historyList->addItem(tr("No alert history matches \"%1\".").arg(text));
                    m_ui->historyList->setVisible(true);
                });
        // Hidden, not greyed: a role that may not edit them has nothing to wait for.
        m_ui->rulesButton->setVisible(m_service->mayEditRules());
        m_model->setRules(m_service->rulesJson());
        m_model->reset(m_service->currentAlerts());
    } else {
        m_ui->rulesButton->setEnabled(false);
        m_ui->historyEdit->setEnabled(false);
    }
    updateBadges();
}

AlertQueueWidget::~AlertQueueWidget() = default;

QTableView *AlertQueueWidget::tableView() const
{
    return m_ui->tableView;
}

qint64 AlertQueueWidget::currentAlertId() const
{
    const QModelIndex current = m_ui->tableView->currentIndex();
    return current.isValid() ? current.data(AlertQueueModel::IdRole).toLongLong() : 0;
}

void AlertQueueWidget::restoreCurrent()
{
    // The same alert if it is still listed, else the one that took its place.
    int row = m_model->rowOf(m_currentId);
    if (row < 0 && m_model->rowCount() > 0)
        row = std::clamp(m_currentRow, 0, m_model->rowCount() - 1);
    if (row >= 0)
        m_ui->tableView->setCurrentIndex(m_model->index(row, AlertQueueModel::SeverityColumn));
}

void AlertQueueWidget::updateBadges()
{
    m_ui->criticalBadge->setText(tr("Critical %1").arg(m_model->countBySeverity(sdk::AlertRow::Critical)));
    m_ui->majorBadge->setText(tr("Major %1").arg(m_model->countBySeverity(sdk::AlertRow::Major)));
    m_ui->warningBadge->setText(tr("Warning %1").arg(m_model->countBySeverity(sdk::AlertRow::Warning)));
    m_ui->infoBadge->setText(tr("Info %1").arg(m_model->countBySeverity(sdk::AlertRow::Info)));
    m_ui->snoozedBadge->setText(tr("Snoozed %1").arg(m_model->snoozedCount()));
    // The style sheet's padding is not in a label's size hint: room for the whole words
    // and count, whatever the dock's width (the search box gives way instead).
    for (QLabel *badge : {m_ui->criticalBadge, m_ui->majorBadge, m_ui->warningBadge, m_ui->infoBadge, m_ui->snoozedBadge})
        badge->setMinimumWidth(std::max(76, badge->fontMetrics().horizontalAdvance(badge->text()) + 2 * 8 + 4));
    setWindowTitle(tr("Alerts (%1)").arg(m_model->total()));
}

void AlertQueueWidget::moveCurrent(int delta)
{
    if (m_model->rowCount() == 0)
        return;
    const QModelIndex current = m_ui->tableView->currentIndex();
    const int row = std::clamp(current.isValid() ? current.row() + delta : 0, 0, m_model->rowCount() - 1);
    m_ui->tableView->setCurrentIndex(m_model->index(row, AlertQueueModel::SeverityColumn));
}

void AlertQueueWidget::acknowledgeCurrent()
{
    if (const qint64 id = currentAlertId(); id && m_service)
        m_service->acknowledge(id);
}

void AlertQueueWidget::resolveCurrent()
{
    if (const qint64 id = currentAlertId(); id && m_service)
        m_service->resolve(id, tr("resolved from the queue"));
}

void AlertQueueWidget::snoozeCurrent()
{
    if (const qint64 id = currentAlertId(); id && m_service)
        m_service->snooze(id, m_service->nowMs() + m_snoozeMinutes * 60000LL);
}

void AlertQueueWidget::assignCurrent(const QString &assignee)
{
    if (const qint64 id = currentAlertId(); id && m_service && !assignee.trimmed().isEmpty())
        m_service->assign(id, assignee.trimmed());
}

void AlertQueueWidget::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_ui->tableView->indexAt(pos);
    if (!index.isValid() || !m_service)
        return;
    m_ui->tableView->setCurrentIndex(index);
    QMenu menu(this);
    menu.addAction(tr("Acknowledge"), this, &AlertQueueWidget::acknowledgeCurrent);
    menu.addAction(tr("Assign to…"), this, [this] {
        bool ok = false;
        const QString who = QInputDialog::getText(this, tr("Assign alert"), tr("Assign to:"), QLineEdit::Normal, {}, &ok);
        if (ok)
            assignCurrent(who);
    });
    menu.addAction(tr("Snooze 15 minutes"), this, &AlertQueueWidget::snoozeCurrent);
    menu.addAction(tr("Snooze 1 hour"), this, [this] {
        if (const qint64 id = currentAlertId())
            m_service->snooze(id, m_service->nowMs() + 3600000LL);
    });
    menu.addAction(tr("Resolve"), this, &AlertQueueWidget::resolveCurrent);
    menu.addSeparator();
    menu.addAction(tr("Show on board and map"), this, &AlertQueueWidget::selectCurrent);
    menu.exec(m_ui->tableView->viewport()->mapToGlobal(pos));
}

void AlertQueueWidget::selectCurrent()
{
    const QModelIndex current = m_ui->tableView->currentIndex();
    if (!current.isValid())
        return;
    const QString orderId = current.data(AlertQueueModel::OrderIdRole).toString();
    const QString riderId = current.data(AlertQueueModel::RiderIdRole).toString();
    if (orderId.isEmpty() && riderId.isEmpty())
        return;
    emit selectionRequested(orderId, riderId);
    if (m_service)
        m_service->requestSelection(orderId, riderId);
}

void AlertQueueWidget::showRulesEditor()
{
    AlertRulesDialog dialog(m_service, this);
    dialog.exec();
    if (m_service)
        m_model->setRules(m_service->rulesJson());
}

void AlertQueueWidget::searchHistory()
{
    if (m_service)
        m_service->searchHistory(m_ui->historyEdit->text().trimmed(), 50);
}

bool AlertQueueWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_ui->tableView && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
            return QWidget::eventFilter(watched, event);
        switch (key->key()) {
        case Qt::Key_J: moveCurrent(1); return true;
        case Qt::Key_K: moveCurrent(-1); return true;
        case Qt::Key_A: acknowledgeCurrent(); return true;
        case Qt::Key_R: resolveCurrent(); return true;
        case Qt::Key_S: snoozeCurrent(); return true;
        case Qt::Key_Return:
        case Qt::Key_Enter: selectCurrent(); return true;
        default: break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace opsdeck::widgets
