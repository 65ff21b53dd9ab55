#include "MapPanel.h"

#include "MapTimeText.h"
#include "MapView.h"
#include "widgets/common/ThemeColors.h"
#include "sdk/ConsoleContext.h"
#include "sdk/FeedHealthService.h"
#include "sdk/IntakeService.h"
#include "sdk/MapTileService.h"
#include "sdk/RiderHistoryService.h"
#include "ui_MapPanel.h"

#include <algorithm>

namespace opsdeck::widgets {

MapPanel::MapPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::MapPanel>())
{
    m_ui->setupUi(this);
    MapView *map = m_ui->mapView;
    map->setBaseMap(CityBaseMap::builtIn());
    map->setFollowBanner(true);
    m_ui->fitCombo->addItem(tr("Whole city"), QString());

    const auto toggle = [map](QAbstractButton *button, MapView::Layer layer) {
        button->setChecked(map->isLayerVisible(layer));
        connect(button, &QAbstractButton::toggled, map, [map, layer](bool on) { map->setLayerVisible(layer, on); });
    };
    toggle(m_ui->ridersButton, MapView::Layer::Riders);
    toggle(m_ui->trailsButton, MapView::Layer::Trails);
    toggle(m_ui->zonesButton, MapView::Layer::Zones);
    toggle(m_ui->destinationsButton, MapView::Layer::Destinations);
    toggle(m_ui->heatmapButton, MapView::Layer::Heatmap);
    m_ui->trailMinutesSpin->setValue(map->trailMinutes());
    connect(m_ui->trailMinutesSpin, &QSpinBox::valueChanged, map, &MapView::setTrailMinutes);
    connect(m_ui->allTrailsCheck, &QCheckBox::toggled, map, &MapView::setTrailsForAllRiders);
    connect(m_ui->darkButton, &QAbstractButton::toggled, map, &MapView::setDarkPalette);
    m_themeDark = isDarkPalette(palette());
    m_ui->darkButton->setChecked(m_themeDark);
    connect(m_ui->followButton, &QAbstractButton::toggled, map, &MapView::setFollowSelected);
    connect(map, &MapView::followChanged, m_ui->followButton, &QAbstractButton::setChecked);
    // Choosing a view ends Follow (MapView's fits turn it off, the button unchecks):
    // following again is the user's explicit F or Follow.
    connect(m_ui->fitCombo, &QComboBox::activated, this, [this, map](int index) {
        const QString depot = m_ui->fitCombo->itemData(index).toString();
        if (depot.isEmpty())
            map->fitToCity();
        else
            map->fitToDepot(depot);
    });

    for (int speed : {1, 2, 5, 10, 20})
        m_ui->speedCombo->addItem(tr("%1×").arg(speed), speed);
    m_ui->replayBar->setVisible(false);
    m_playTimer.setInterval(250);
    connect(&m_playTimer, &QTimer::timeout, this, &MapPanel::playStep);
    connect(m_ui->replayButton, &QAbstractButton::toggled, this, &MapPanel::setReplay);
    connect(m_ui->playButton, &QAbstractButton::toggled, this, [this](bool on) {
        if (on) {
            m_playPosMs = m_ui->timeSlider->value() * 1000.0;
            m_playTimer.start();
        } else {
            m_playTimer.stop();
        }
    });
    // The slider moves in seconds; every move asks for that moment (the service keeps
    // only the newest pending request, so dragging never queues queries).
    connect(m_ui->timeSlider, &QSlider::valueChanged, this,
            [this](int seconds) { seek(m_fromMs + static_cast<qint64>(seconds) * 1000); });
    connect(m_ui->back5Button, &QAbstractButton::clicked, this, [this] { stepReplay(-300); });
    connect(m_ui->forward5Button, &QAbstractButton::clicked, this, [this] { stepReplay(300); });
}

void MapPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && isDarkPalette(palette()) != m_themeDark) {
        m_themeDark = !m_themeDark;
        m_ui->darkButton->setChecked(m_themeDark);
    }
}

void MapPanel::stepReplay(int seconds)
{
    QSlider *slider = m_ui->timeSlider;
    const int to = std::clamp(slider->value() + seconds, slider->minimum(), slider->maximum());
    m_playPosMs = to * 1000.0; // playing goes on from the new moment
    slider->setValue(to);
}

void MapPanel::setHistoryService(sdk::RiderHistoryService *history)
{
    if (m_history)
        disconnect(m_history, nullptr, this, nullptr);
    m_history = history;
    m_ui->replayBar->setVisible(history != nullptr);
    if (!history)
        return;
    connect(history, &sdk::RiderHistoryService::rangeKnown, this, &MapPanel::onRange);
    connect(history, &sdk::RiderHistoryService::fleetAt, this, [this](qint64 atMs, const QList<sdk::RiderRow> &riders) {
        if (m_ui->replayButton->isChecked())
            m_ui->mapView->showFleetAt(riders, atMs);
    });
}

void MapPanel::setReplay(bool on)
{
    m_ui->playButton->setChecked(false);
    m_ui->playButton->setEnabled(false);
    m_ui->speedCombo->setEnabled(on);
    m_ui->timeSlider->setEnabled(false);
    m_ui->back5Button->setEnabled(false);
    m_ui->forward5Button->setEnabled(false);
    if (!on) {
        m_ui->timeLabel->clear();
        m_ui->mapView->leaveReplay();
        return;
    }
    m_ui->timeLabel->setText(tr("Loading stored positions…"));
    if (m_history)
        m_history->requestRange();
}

void MapPanel::onRange(qint64 fromMs, qint64 toMs)
{
    if (!m_ui->replayButton->isChecked())
        return;
    if (toMs <= 0 || toMs < fromMs) {
        m_ui->timeLabel->setText(tr("No stored positions yet"));
        return;
    }
    m_fromMs = fromMs;
    const QSignalBlocker block(m_ui->timeSlider);
    m_ui->timeSlider->setRange(0, static_cast<int>((toMs - fromMs) / 1000));
    m_ui->timeSlider->setValue(m_ui->timeSlider->maximum());
    m_ui->timeSlider->setEnabled(true);
    m_ui->playButton->setEnabled(true);
    m_ui->back5Button->setEnabled(true);
    m_ui->forward5Button->setEnabled(true);
    seek(toMs);
}

void MapPanel::seek(qint64 atMs)
{
    m_ui->timeLabel->setText(mapTimeText(atMs, m_ui->mapView->liveNowMs()));
    if (m_history)
        m_history->requestFleetAt(atMs);
}

void MapPanel::playStep()
{
    const int speed = m_ui->speedCombo->currentData().toInt();
    m_playPosMs += m_playTimer.interval() * std::max(1, speed);
    const int seconds = static_cast<int>(m_playPosMs / 1000.0);
    if (seconds >= m_ui->timeSlider->maximum()) {
        m_ui->timeSlider->setValue(m_ui->timeSlider->maximum());
        m_ui->playButton->setChecked(false); // reached the present end of the history
        return;
    }
    if (seconds != m_ui->timeSlider->value())
        m_ui->timeSlider->setValue(seconds);
}

MapPanel::~MapPanel() = default;

MapView *MapPanel::mapView() const
{
    return m_ui->mapView;
}

template<typename Rows>
void MapPanel::noteDepots(const Rows &rows)
{
    for (const auto &row : rows) {
        if (row.depot.isEmpty() || row.depot == m_lastDepot)
            continue;
        m_lastDepot = row.depot;
        if (!m_depots.contains(row.depot))
            addDepot(row.depot);
    }
}

void MapPanel::addDepot(const QString &depotId)
{
    m_depots.insert(depotId);
    QString label = depotId;
    if (const CityBaseMap *city = m_ui->mapView->baseMap())
        for (const auto &d : city->depots())
            if (d.id == depotId)
                label = tr("%1 (%2)").arg(d.name, d.id);
    // Sorted by id after "Whole city"; the current choice stays chosen.
    int at = 1;
    while (at < m_ui->fitCombo->count() && m_ui->fitCombo->itemData(at).toString() < depotId)
        ++at;
    m_ui->fitCombo->insertItem(at, label, depotId);
}

void MapPanel::attach(sdk::ConsoleContext *context)
{
    MapView *map = m_ui->mapView;
    const QList<sdk::RiderRow> riders = context->currentRiders();
    const QList<sdk::OrderRow> orders = context->currentOrders();
    noteDepots(riders);
    noteDepots(orders);
    map->enqueueRiders(riders);
    map->enqueueOrders(orders);
    connect(context, &sdk::ConsoleContext::ridersChanged, map, &MapView::enqueueRiders);
    connect(context, &sdk::ConsoleContext::ordersChanged, map, &MapView::enqueueOrders);
    connect(context, &sdk::ConsoleContext::ridersChanged, this, [this](const QList<sdk::RiderRow> &rows) { noteDepots(rows); });
    connect(context, &sdk::ConsoleContext::ordersChanged, this, [this](const QList<sdk::OrderRow> &rows) { noteDepots(rows); });
    if (auto *intake = context->service<sdk::IntakeService>()) {
        noteDepots(intake->currentIntake());
        connect(intake, &sdk::IntakeService::intakeChanged, this,
                [this](const QList<sdk::DepotIntakeRow> &rows) { noteDepots(rows); });
    }
    setHistoryService(context->service<sdk::RiderHistoryService>());
    map->setTileService(context->service<sdk::MapTileService>());
    if (auto *health = context->service<sdk::FeedHealthService>()) {
        map->setDegradedDepots(health->degradedDepots());
        connect(health, &sdk::FeedHealthService::degradedDepotsChanged, map, &MapView::setDegradedDepots);
    }
}

} // namespace opsdeck::widgets
