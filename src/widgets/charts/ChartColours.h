#pragma once

#include <QPalette>

class QChart;

namespace opsdeck::widgets {

// A chart's ground, title, legend and axes in the palette's colours (the series keep
// their own): called when a chart or an axis is made and on every PaletteChange, so the
// charts follow the theme. Not QChart::setTheme(): it would repaint the series too.
void applyChartColours(QChart *chart, const QPalette &palette);

// Dark ink on white, whatever the theme: what a report printed on paper needs.
QPalette paperPalette();

} // namespace opsdeck::widgets
