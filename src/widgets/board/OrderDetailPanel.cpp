#include "OrderDetailPanel.h"

#include "BoardModel.h"
#include "OrderCardDelegate.h"
#include "widgets/common/OrderStateStyle.h"

#include "widgets/map/MapView.h"
#include "ui_OrderDetailPanel.h"

#include <QDateTime>
#include <QHeaderView>

namespace opsdeck::widgets {

namespace {

QString timeText(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss")) : QStringLiteral("—");
}

QString section(const QString &title, const QStringList &lines, const QString &empty)
{
    QString html = QStringLiteral("<h4 style='margin:6px 0 2px 0'>%1</h4>").arg(title.toHtmlEscaped());
    if (lines.isEmpty())
        return html + QStringLiteral("<div style='color:#6b7580'>%1</div>").arg(empty.toHtmlEscaped());
    html += QStringLiteral("<ul style='margin:0'>");
    for (const QString &line : lines)
        html += QStringLiteral("<li>%1</li>").arg(line.toHtmlEscaped());
    return html + QStringLiteral("</ul>");
}

} // namespace

OrderDetailPanel::OrderDetailPanel(BoardModel *model, sdk::OrderHistory *history, QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::OrderDetailPanel>()), m_model(model), m_history(history)
{
    m_ui->setupUi(this);
    m_ui->timelineTree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_ui->timelineTree->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_ui->timelineTree->header()->setStretchLastSection(false);
    m_ui->splitter->setSizes({360, 240});
    if (m_history)
        connect(m_history, &sdk::OrderHistory::detailReady, this, &OrderDetailPanel::onDetail);
    connect(m_model, &BoardModel::batchApplied, this, &OrderDetailPanel::onBatch);
    if (!m_history)
        m_ui->detailsBrowser->setHtml(tr("The order history is not available in this console."));
}

OrderDetailPanel::~OrderDetailPanel() = default;

int OrderDetailPanel::timelineCount() const
{
    return m_ui->timelineTree->topLevelItemCount();
}

void OrderDetailPanel::setTrajectoryMap(MapView *map)
{
    m_map = map;
    if (!m_map)
        return;
    m_ui->splitter->addWidget(m_map);
    m_map->setMinimumHeight(160);
    m_map->hide(); // until an order with a rider is shown: the timeline keeps the room
    m_ui->splitter->setSizes({300, 200, 220});
    updateTrajectory();
}

void OrderDetailPanel::updateTrajectory()
{
    if (!m_map || m_orderId.isEmpty())
        return;
    const int row = m_model->rowOf(m_orderId);
    const QString rider = row >= 0 ? m_model->card(row).row.riderId : QString();
    if (m_map->selectedRider() != rider)
        m_map->selectRider(rider); // its trail
    if (m_map->selectedOrder() != m_orderId)
        m_map->selectOrder(m_orderId); // the destination and the route from the rider
    m_map->setFollowSelected(!rider.isEmpty());
    m_map->setVisible(!rider.isEmpty()); // nobody to follow before dispatch
}

void OrderDetailPanel::showOrder(const QString &orderId)
{
    if (orderId.isEmpty())
        return;
    const bool same = orderId == m_orderId;
    m_orderId = orderId;
    if (!same) {
        m_ui->timelineTree->clear();
        m_ui->detailsBrowser->clear();
    }
    updateSummary();
    updateTrajectory();
    if (m_history)
        m_history->requestDetail(orderId);
}

void OrderDetailPanel::onBatch(const BoardBatch &batch)
{
    if (m_orderId.isEmpty())
        return;
    const int row = m_model->rowOf(m_orderId);
    if (row >= 0 && std::find(batch.changed.begin(), batch.changed.end(), row) != batch.changed.end())
        showOrder(m_orderId); // its state moved: new events to show
}

void OrderDetailPanel::updateSummary()
{
    const int row = m_model->rowOf(m_orderId);
    if (row < 0) {
        m_ui->titleLabel->setText(QStringLiteral("<b>%1</b>").arg(m_orderId.toHtmlEscaped()));
        m_ui->summaryLabel->clear();
        return;
    }
    const sdk::OrderRow &o = m_model->card(row).row;
    m_ui->titleLabel->setText(QStringLiteral("<span style='font-size:15px'><b>%1</b></span> "
                                             "<span style='color:%2'>● %3</span>")
                                  .arg(o.orderId.toHtmlEscaped(), stateColor(o.state).name(),
                                       stateLabel(o.state).toHtmlEscaped()));
    const QString eta = o.etaMs > 0 ? timeText(o.etaMs) : tr("not dispatched");
    QString summary =
        tr("Merchant %1 · %2 · depot %3<br>Customer %4 %5<br>Rider %6 · ETA %7 · promised %8 (%9)")
            .arg(o.merchantId.toHtmlEscaped(), channelLabel(o.channel).toHtmlEscaped(), o.depot.toHtmlEscaped(),
                 o.customerName.toHtmlEscaped(), o.customerPhone.toHtmlEscaped(),
                 o.riderId.isEmpty() ? tr("none") : o.riderId.toHtmlEscaped(), eta, timeText(o.promisedAtMs),
                 OrderCardDelegate::slaText(o.promisedAtMs, m_model->now()));
    if (o.priority >= sdk::kPriorityUrgent)
        summary += QStringLiteral("<br><b style='color:#d63b3b'>%1</b>").arg(tr("Urgent order"));
    else if (o.priority == sdk::kPriorityHigh)
        summary += QStringLiteral("<br><b style='color:#e07b2c'>%1</b>").arg(tr("Priority order"));
    if (const QString note = customerNoteLine(o); !note.isEmpty())
        summary += QStringLiteral("<br>") + note.toHtmlEscaped();
    m_ui->summaryLabel->setText(summary);
}

void OrderDetailPanel::onDetail(const sdk::OrderDetail &detail)
{
    if (detail.orderId != m_orderId)
        return; // an answer for an order no longer shown
    m_ui->timelineTree->clear();
    QList<QTreeWidgetItem *> items;
    for (const sdk::TimelineEntry &e : detail.timeline) {
        auto *item = new QTreeWidgetItem({timeText(e.atMs), e.what, e.who});
        item->setToolTip(1, QStringLiteral("%1 · %2 #%3").arg(e.type, e.depot).arg(e.seq));
        items << item;
    }
    m_ui->timelineTree->addTopLevelItems(items);

    QStringList etas;
    for (const sdk::EtaUpdate &u : detail.etaUpdates)
        etas << tr("%1: ETA %2 (%3)").arg(timeText(u.atMs), timeText(u.etaMs), u.reason);
    QString html = section(tr("ETA and its updates"), etas, tr("No ETA yet."));
    html += section(tr("Items"), detail.items, tr("No items recorded."));
    html += section(tr("E-signature"), detail.signatureRef.isEmpty() ? QStringList() : QStringList{detail.signatureRef},
                    tr("Not signed."));
    html += section(tr("Exception notes"), detail.exceptionNotes, tr("No exceptions."));
    html += section(tr("Actions taken"), detail.actions, tr("No console actions on this order in this session."));
    m_ui->detailsBrowser->setHtml(html);
    emit detailShown(detail.orderId);
}

} // namespace opsdeck::widgets
