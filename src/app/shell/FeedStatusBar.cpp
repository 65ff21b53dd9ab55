#include "FeedStatusBar.h"

#include "core/model/Rejection.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QLocale>
#include <QTimer>

#include <memory>

namespace opsdeck::app {

namespace {

// Setting a style sheet re-polishes the widget: skip it when nothing changed.
void setStyleIfChanged(QLabel *label, const QString &style)
{
    if (label->styleSheet() != style)
        label->setStyleSheet(style);
}

struct StateLook {
    const char *text;
    const char *background;
};

StateLook lookOf(core::FeedState state)
{
    switch (state) {
    case core::FeedState::Connected: return {QT_TRANSLATE_NOOP("opsdeck::app::FeedStatusBar", "Connected"), "#1a7f37"};
    case core::FeedState::Stale: return {QT_TRANSLATE_NOOP("opsdeck::app::FeedStatusBar", "Stale"), "#bf8700"};
    case core::FeedState::Resyncing: return {QT_TRANSLATE_NOOP("opsdeck::app::FeedStatusBar", "Resyncing"), "#1f5fbf"};
    case core::FeedState::Connecting: return {QT_TRANSLATE_NOOP("opsdeck::app::FeedStatusBar", "Connecting"), "#6e7781"};
    case core::FeedState::Stopped: return {QT_TRANSLATE_NOOP("opsdeck::app::FeedStatusBar", "Stopped"), "#57606a"};
    }
    return {"?", "#57606a"};
}

// A CURVE handshake that keeps failing explains a feed stuck connecting; "encrypted" is
// said only once a handshake succeeded.
StateLook lookOf(core::FeedState state, core::FeedSecurity security)
{
    using Sec = core::FeedSecurity;
    constexpr const char *kRed = "#cf222e";
    if (state == core::FeedState::Connected && security == Sec::Encrypted)
        return {QT_TRANSLATE_NOOP("opsdeck::app::FeedStatusBar", "Connected (encrypted)"), "#1a7f37"};
    if (state != core::FeedState::Connecting)
        return lookOf(state);
    switch (security) {
    case Sec::KeyRefused: return {QT_TRANSLATE_NOOP("opsdeck::app::FeedStatusBar", "Gateway refused our key"), kRed};
    case Sec::GatewayKeyMismatch:
        return {QT_TRANSLATE_NOOP("opsdeck::app::FeedStatusBar", "Gateway key does not match"), kRed};
    case Sec::GatewayPlain:
        return {QT_TRANSLATE_NOOP("opsdeck::app::FeedStatusBar", "Gateway is not encrypted"), kRed};
    case Sec::GatewayEncrypted:
        return {QT_TRANSLATE_NOOP("opsdeck::app::FeedStatusBar", "Gateway requires encryption"), kRed};
    default: return lookOf(state);
    }
}

// Human names for the reject reasons, same order as core::RejectReason.
constexpr const char *kRejectLabels[] = {
    QT_TRANSLATE_NOOP("opsdeck::app::FeedStatusBar", "wrong frame count"),
    QT_TRANSLATE_NOOP("opsdeck::app::FeedStatusBar", "oversize"),
    QT_TRANSLATE_NOOP("opsdeck::app::FeedStatusBar", "malformed JSON"),
    QT_TRANSLATE_NOOP("opsdeck::app::FeedStatusBar", "unknown protocol version"),
    QT_TRANSLATE_NOOP("opsdeck::app::FeedStatusBar", "missing field"),
    QT_TRANSLATE_NOOP("opsdeck::app::FeedStatusBar", "wrong type"),
    QT_TRANSLATE_NOOP("opsdeck::app::FeedStatusBar", "bad value"),
    QT_TRANSLATE_NOOP("opsdeck::app::FeedStatusBar", "unknown event type"),
    QT_TRANSLATE_NOOP("opsdeck::app::FeedStatusBar", "topic mismatch"),
};
static_assert(std::size(kRejectLabels) == core::kRejectReasonCount, "one label per reject reason");

} // namespace

FeedStatusBar::FeedStatusBar(const core::FeedStats &stats, CountersFn counters, QWidget *parent)
    : QStatusBar(parent)
    , m_stats(stats)
    , m_counters(std::move(counters))
    , m_timer(new QTimer(this))
{
    auto started = std::make_shared<QElapsedTimer>();
    started->start();
    m_clock = [started] { return started->elapsed(); };
    setObjectName(QStringLiteral("feedStatusBar"));
    m_state = addField("feedState");
    m_state->setAlignment(Qt::AlignCenter);
    m_state->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("Resyncing")) + 20);
    m_rate = addField("eventsPerSecond");
    m_seqs = addField("lastSeqs");
    m_gaps = addField("gaps");
    m_resyncs = addField("resyncs");
    m_rejected = addField("rejected");
    m_applied = addField("applied");
    m_integrity = addField("integrity");
    m_integrity->setToolTip(tr("Events that broke the order state machine: kept, not applied"));
    m_degraded = addField("feedDegraded");
    m_degraded->setStyleSheet(QStringLiteral("QLabel { color: white; background: #bc4c00; border-radius: 3px; "
                                             "padding: 1px 8px; font-weight: bold; }"));
    m_degraded->setVisible(false);
    m_shed = addField("shedding");
    m_shed->setStyleSheet(QStringLiteral("QLabel { color: white; background: #8250df; border-radius: 3px; "
                                         "padding: 1px 8px; font-weight: bold; }"));
    m_shed->setVisible(false);

    m_timer->setInterval(500);
    connect(m_timer, &QTimer::timeout, this, &FeedStatusBar::refresh);
    m_timer->start();
    refresh();
}

FeedStatusBar::~FeedStatusBar() = default;

QLabel *FeedStatusBar::addField(const char *objectName)
{
    auto *label = new QLabel(this);
    label->setObjectName(QLatin1String(objectName));
    label->setContentsMargins(4, 0, 4, 0);
    addPermanentWidget(label);
    return label;
}

void FeedStatusBar::setRefreshInterval(int ms)
{
    m_timer->setInterval(ms);
}

void FeedStatusBar::setClock(std::function<qint64()> monotonicMs)
{
    m_clock = std::move(monotonicMs);
    m_samples.clear(); // samples on the old clock mean nothing on the new one
}

void FeedStatusBar::showState(core::FeedState state, core::FeedSecurity security)
{
    const int shown = static_cast<int>(state) * 16 + static_cast<int>(security);
    if (shown == m_shownState)
        return; // restyling every tick would re-polish the label for nothing
    m_shownState = shown;
    const auto look = lookOf(state, security);
    m_state->setText(tr(look.text));
    m_state->setStyleSheet(QStringLiteral("QLabel { color: white; background: %1; border-radius: 3px; "
                                          "padding: 1px 8px; font-weight: bold; }")
                               .arg(QLatin1String(look.background)));
    m_state->setToolTip(tr("Feed state"));
}

void FeedStatusBar::showDegraded()
{
    const QLocale locale;
    const auto degraded = m_stats.degraded();
    QStringList depots;
    QStringList tips;
    for (const auto &d : degraded) {
        const QString depot = QString::fromStdString(d.depot);
        depots << depot;
        const QString what = d.eventType.empty()
            ? tr("%1: holes keep coming").arg(depot)
            : tr("%1: %2 frames keep failing (%3), %4 so far")
                  .arg(depot, QString::fromStdString(d.eventType), QString::fromStdString(d.reason),
                       locale.toString(d.failures));
        tips << tr("%1; next resync within %2 s").arg(what).arg(d.backoffMs / 1000);
    }
    if (depots.isEmpty() && !m_degradedDepots.isEmpty())
        showMessage(tr("Feed reads cleanly again: %1").arg(m_degradedDepots.join(QStringLiteral(", "))), 30000);
    m_degradedDepots = depots;
    m_degraded->setVisible(!depots.isEmpty());
    if (depots.isEmpty())
        return;
    m_degraded->setText(depots.size() <= 3 ? tr("Feed degraded: %1").arg(depots.join(QStringLiteral(", ")))
                                           : tr("Feed degraded: %n depots", nullptr, int(depots.size())));
    m_degraded->setToolTip(tr("Resyncs of these depots back off while the gateway keeps sending frames the console "
                              "cannot read; events above the holes are still applied, and the next snapshot makes "
                              "them exact.\n%1")
                               .arg(tips.join(QLatin1Char('\n'))));
}

void FeedStatusBar::showShed()
{
    const std::int64_t shed = m_stats.shedEvents.load(std::memory_order_relaxed);
    m_shed->setVisible(shed > 0);
    if (shed == 0)
        return;
    const QLocale locale;
    const int stale = m_stats.staleDepots.load(std::memory_order_relaxed);
    m_shed->setText(stale > 0
                        ? tr("Shedding: %1 events dropped, %n depots resyncing", nullptr, stale).arg(locale.toString(shed))
                        : tr("Shed: %1 events dropped, every depot resynced").arg(locale.toString(shed)));
    QStringList lines;
    for (const auto &d : m_stats.shedByDepot()) {
        const auto queue = d.events[static_cast<std::size_t>(core::ShedReason::QueueEvents)]
            + d.events[static_cast<std::size_t>(core::ShedReason::QueueBytes)];
        const auto buffer = d.events[static_cast<std::size_t>(core::ShedReason::ResyncBuffer)];
        lines << tr("%1: %2 at the queue bound, %3 while resyncing")
                     .arg(QString::fromStdString(d.depot), locale.toString(queue), locale.toString(buffer));
    }
    m_shed->setToolTip(tr("The console could not keep up, so it dropped these events instead of growing its "
                          "memory; each depot affected is resynced from the gateway's snapshot, which restores "
                          "every order's state.\n%1")
                           .arg(lines.join(QLatin1Char('\n'))));
}

void FeedStatusBar::refresh()
{
    const QLocale locale;
    showState(m_stats.state.load(std::memory_order_relaxed), m_stats.security.load(std::memory_order_relaxed));

    const std::int64_t accepted = m_stats.accepted.load(std::memory_order_relaxed);
    const qint64 now = m_clock();
    m_samples.emplace_back(now, accepted);
    while (m_samples.size() > 2 && now - m_samples[1].first >= kRateWindowMs)
        m_samples.pop_front();
    const auto &[oldestMs, oldestCount] = m_samples.front();
    if (now > oldestMs)
        m_eventsPerSecond = double(accepted - oldestCount) * 1000.0 / double(now - oldestMs);
    m_rate->setText(tr("%1 ev/s").arg(locale.toString(m_eventsPerSecond, 'f', 0)));
    m_rate->setToolTip(tr("Accepted live events per second (total %1)").arg(locale.toString(accepted)));

    const auto seqs = m_stats.lastSeqs();
    QStringList parts;
    QStringList tips;
    for (const auto &[depot, seq] : seqs) {
        const QString entry = tr("%1 #%2").arg(QString::fromStdString(depot)).arg(seq);
        if (parts.size() < 3)
            parts << entry;
        tips << entry;
    }
    if (seqs.empty())
        m_seqs->setText(tr("no depots yet"));
    else if (seqs.size() > 3)
        m_seqs->setText(tr("%1 … (+%2 depots)").arg(parts.join(QStringLiteral(" · "))).arg(seqs.size() - 3));
    else
        m_seqs->setText(parts.join(QStringLiteral(" · ")));
    m_seqs->setToolTip(tr("Last seq per depot\n%1").arg(tips.join(QLatin1Char('\n'))));

    m_gaps->setText(tr("Gaps %1").arg(locale.toString(m_stats.gaps.load(std::memory_order_relaxed))));
    m_resyncs->setText(tr("Resyncs %1").arg(locale.toString(m_stats.resyncs.load(std::memory_order_relaxed))));

    QStringList byReason;
    std::int64_t rejected = 0;
    for (int r = 0; r < core::kRejectReasonCount; ++r) {
        const auto n = m_stats.rejected[static_cast<std::size_t>(r)].load(std::memory_order_relaxed);
        rejected += n;
        if (n > 0)
            byReason << tr("%1: %2").arg(tr(kRejectLabels[r]), locale.toString(n));
    }
    m_rejected->setText(tr("Rejected %1").arg(locale.toString(rejected)));
    QString rejectedTip = byReason.isEmpty() ? tr("No rejected messages")
                                             : tr("Rejected messages by reason\n%1").arg(byReason.join(QLatin1Char('\n')));
    // Applied, not rejected, but the user should know the gateway sends notes or
    // priorities this console cannot read.
    if (const auto ignored = m_stats.extensionIgnored.load(std::memory_order_relaxed); ignored > 0)
        rejectedTip += QLatin1Char('\n') + tr("Orders applied without an unreadable note or priority: %1")
                                                .arg(locale.toString(ignored));
    m_rejected->setToolTip(rejectedTip);
    setStyleIfChanged(m_rejected, rejected > 0 ? QStringLiteral("QLabel { color: #cf222e; }") : QString());

    const core::CoreCounters counters = m_counters ? m_counters() : core::CoreCounters{};
    m_applied->setText(tr("Applied %1").arg(locale.toString(counters.applied)));
    m_applied->setToolTip(tr("%1 orders, %2 riders, %3 snapshot records")
                              .arg(locale.toString(counters.orders), locale.toString(counters.riders),
                                   locale.toString(counters.snapshotRecords)));
    showDegraded();
    showShed();
    m_integrity->setText(tr("Integrity alerts %1").arg(locale.toString(counters.illegal)));
    setStyleIfChanged(m_integrity, counters.illegal > 0
                                       ? QStringLiteral("QLabel { color: #cf222e; font-weight: bold; }")
                                       : QString());
}

} // namespace opsdeck::app
