#include "OrderDetailPanel.h"

#include "BoardModel.h"
#include "OrderCardDelegate.h"
#include "widgets/common/OrderStateStyle.h"

#include "widgets/map/MapView.h"
#include "ui_OrderDetailPanel.h"

#include <QDateTime>
#include <QDockWidget>
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
    // "38 min left" and "arrives in 7 min" tick with the console's (feed's) clock: checked
    // every second, redrawn when its minute changes (3 s under --time-scale 20).
    m_clockTimer.setInterval(1000);
    connect(&m_clockTimer, &QTimer::timeout, this, &OrderDetailPanel::onClock);
    m_clockTimer.start();
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
    refresh();
    raiseDock();
}

void OrderDetailPanel::refresh()
{
    updateSummary();
    updateTrajectory();
    if (m_history)
        m_history->requestDetail(m_orderId);
}

void OrderDetailPanel::raiseDock()
{
    // The panel sits in a dock (tabified with others in most layouts); raising the dock
    // makes its tab the current one. A panel outside a dock has nothing to raise.
    for (QWidget *w = parentWidget(); w; w = w->parentWidget()) {
        if (auto *dock = qobject_cast<QDockWidget *>(w)) {
            if (dock->isHidden())
                dock->show();
            dock->raise();
            return;
        }
    }
}

void OrderDetailPanel::onClock()
{
    const qint64 minute = m_model->now() / 60000;
    if (minute == m_clockMinute)
        return;
    m_clockMinute = minute;
    if (!m_orderId.isEmpty())
        updateSummary();
}

void OrderDetailPanel::updateRiders(const QList<sdk::RiderRow> &riders)
{
    bool shownChanged = false;
    const int row = m_orderId.isEmpty() ? -1 : m_model->rowOf(m_orderId);
    const QString shownRider = row >= 0 ? m_model->card(row).row.riderId : QString();
    for (const sdk::RiderRow &r : riders) {
        if (r.name.isEmpty())
            continue;
        // Every fix repeats the name, mostly as the same shared string: no copy, no compare.
        const auto known = m_riderNames.constFind(r.riderId);
        if (known != m_riderNames.constEnd() && (known->isSharedWith(r.name) || *known == r.name))
            continue;
        m_riderNames.insert(r.riderId, r.name);
        shownChanged = shownChanged || r.riderId == shownRider;
    }
    if (shownChanged)
        updateSummary();
}

QString OrderDetailPanel::summaryText() const
{
    return m_ui->summaryLabel->text();
}

void OrderDetailPanel::onBatch(const BoardBatch &batch)
{
    if (m_orderId.isEmpty())
        return;
    const int row = m_model->rowOf(m_orderId);
    if (row >= 0 && std::find(batch.changed.begin(), batch.changed.end(), row) != batch.changed.end())
        refresh(); // its state moved: new events to show
}

QString OrderDetailPanel::promiseText(const sdk::OrderRow &o, qint64 nowMs)
{
    if (o.promisedAtMs <= 0)
        return tr("no promised time");
    if (o.state == QLatin1String("SIGNED") && o.stateSinceMs > 0) {
        // Judged once, at the signature: the line stops ticking.
        const qint64 diff = o.stateSinceMs - o.promisedAtMs;
        const int minutes = static_cast<int>(std::abs(diff) / 60000);
        if (minutes == 0)
            return tr("delivered on time");
        return diff > 0 ? tr("delivered %n min late", nullptr, minutes) : tr("delivered %n min early", nullptr, minutes);
    }
    if (sdk::isFinalState(o.state))
        return stateLabel(o.state);
    return OrderCardDelegate::slaText(o.promisedAtMs, nowMs);
}

QString OrderDetailPanel::arrivalText(const sdk::OrderRow &o, qint64 nowMs)
{
    if (o.etaMs <= 0 || sdk::isFinalState(o.state) || o.riderId.isEmpty())
        return {};
    const qint64 left = o.etaMs - nowMs;
    if (left < 0)
        return tr("ETA passed %n min ago", nullptr, static_cast<int>(-left / 60000));
    return tr("arrives in %n min", nullptr, static_cast<int>((left + 59999) / 60000));
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
    const qint64 now = m_model->now();
    QString rider = tr("none");
    if (!o.riderId.isEmpty()) {
        const QString name = m_riderNames.value(o.riderId);
        rider = name.isEmpty() ? o.riderId.toHtmlEscaped()
                               : tr("%1 (%2)").arg(name.toHtmlEscaped(), o.riderId.toHtmlEscaped());
    }
    QString eta = o.etaMs > 0 ? timeText(o.etaMs) : tr("not dispatched");
    if (const QString arrival = arrivalText(o, now); !arrival.isEmpty())
        eta += QStringLiteral(" · ") + arrival.toHtmlEscaped();
    // Personal data comes masked already when the role must not see it (the rows are).
    QString summary =
        tr("Merchant %1 · %2 · depot %3<br>Customer %4 %5<br>Address %6<br>Rider %7<br>ETA %8<br>Promised %9 (%10)")
            .arg(o.merchantId.toHtmlEscaped(), channelLabel(o.channel).toHtmlEscaped(), o.depot.toHtmlEscaped(),
                 o.customerName.toHtmlEscaped(), o.customerPhone.toHtmlEscaped(),
                 o.address.isEmpty() ? tr("not known") : o.address.toHtmlEscaped(), rider, eta,
                 timeText(o.promisedAtMs))
            .arg(promiseText(o, now).toHtmlEscaped());
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
