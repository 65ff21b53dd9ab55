#pragma once

#include "widgets/WidgetsExport.h"

#include <QColor>
#include <QPalette>

namespace opsdeck::widgets {

// Colours of the views that paint themselves (board cards and columns, KPI tiles, the
// map), taken from the widget's palette: the window's theme (View → Theme) reaches them
// as a PaletteChange, with no link from the widgets to the app.
OPSDECK_WIDGETS_EXPORT bool isDarkPalette(const QPalette &palette);
// a blended towards b by t (0: a, 1: b).
OPSDECK_WIDGETS_EXPORT QColor blend(const QColor &a, const QColor &b, qreal t);
// A card or tile on its column or dashboard.
OPSDECK_WIDGETS_EXPORT QColor cardColor(const QPalette &palette);
// The ground cards sit on: a shade off the window.
OPSDECK_WIDGETS_EXPORT QColor laneColor(const QPalette &palette);
OPSDECK_WIDGETS_EXPORT QColor borderColor(const QPalette &palette);
// Secondary text (times, counts) that still reads on cardColor().
OPSDECK_WIDGETS_EXPORT QColor mutedTextColor(const QPalette &palette);
// A status colour made for a light ground (red, amber...) lifted so it reads as text on
// a dark one; unchanged on a light one.
OPSDECK_WIDGETS_EXPORT QColor readableOn(const QPalette &palette, const QColor &colour);

} // namespace opsdeck::widgets
