#pragma once

#include "widgets/WidgetsExport.h"

#include <QColor>
#include <QtGlobal>

namespace opsdeck::widgets {

// Rider status as the map knows it (protocol.md rider.status), in a byte for the
// struct-of-arrays store.
enum class RiderStatus : quint8 { Offline, Idle, ToPickup, Delivering, Break, Unknown };
inline constexpr int kRiderStatusCount = 6;

OPSDECK_WIDGETS_EXPORT RiderStatus riderStatusFromWire(const QString &status);
QString riderStatusLabel(RiderStatus status); // translated

// Colours of the base map and the overlays. Two palettes, chosen to keep the riders'
// status colours readable on both (the status colours are the same in both). Against the
// ground, bare or tinted by a zone: text at least 4.5:1, zone edges, ring roads,
// arterials (fill or casing), trail and route at least 3:1 (WCAG); streets are left
// faint on purpose. tst_map_paint holds the palettes to this.
struct OPSDECK_WIDGETS_EXPORT MapPalette {
    QColor background;
    QColor water;
    QColor zoneFill;
    QColor zoneEdge;
    QColor ringRoad;
    QColor ringCasing;
    QColor arterial;
    QColor arterialCasing;
    QColor street;
    QColor roadLabel;
    QColor depot;
    QColor depotLabel;
    QColor labelHalo;
    QColor merchant;
    QColor panel;      // hover card, scale bar background
    QColor panelText;
    QColor panelBorder;
    QColor trail;
    QColor route;
    QColor cluster;
    QColor clusterText;

    static const MapPalette &light();
    static const MapPalette &dark();
    static QColor statusColor(RiderStatus status);
    static QColor staleColor();
    static QColor alertColor();
};

} // namespace opsdeck::widgets
