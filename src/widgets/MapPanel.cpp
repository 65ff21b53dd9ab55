#include "MapPanel.h"

#include "MapView.h"
#include "sdk/ConsoleContext.h"
#include "ui_MapPanel.h"

namespace opsdeck::widgets {

MapPanel::MapPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::MapPanel>())
{
    m_ui->setupUi(this);
    MapView *map = m_ui->mapView;
    map->setBaseMap(CityBaseMap::builtIn());
    fillFitCombo();

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
    connect(m_ui->followButton, &QAbstractButton::toggled, map, &MapView::setFollowSelected);
    connect(map, &MapView::followChanged, m_ui->followButton, &QAbstractButton::setChecked);
    connect(m_ui->fitCombo, &QComboBox::activated, this, [this, map](int index) {
        const QString depot = m_ui->fitCombo->itemData(index).toString();
        if (depot.isEmpty())
            map->fitToCity();
        else
            map->fitToDepot(depot);
    });
}

MapPanel::~MapPanel() = default;

MapView *MapPanel::mapView() const
{
    return m_ui->mapView;
}

void MapPanel::fillFitCombo()
{
    m_ui->fitCombo->clear();
    m_ui->fitCombo->addItem(tr("Whole city"), QString());
    if (const CityBaseMap *city = m_ui->mapView->baseMap())
        for (const auto &d : city->depots())
            m_ui->fitCombo->addItem(tr("%1 (%2)").arg(d.name, d.id), d.id);
}

void MapPanel::attach(sdk::ConsoleContext *context)
{
    MapView *map = m_ui->mapView;
    map->enqueueRiders(context->currentRiders());
    map->enqueueOrders(context->currentOrders());
    connect(context, &sdk::ConsoleContext::ridersChanged, map, &MapView::enqueueRiders);
    connect(context, &sdk::ConsoleContext::ordersChanged, map, &MapView::enqueueOrders);
}

} // namespace opsdeck::widgets
