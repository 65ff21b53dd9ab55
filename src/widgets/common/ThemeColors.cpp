#include "ThemeColors.h"

#include <algorithm>

namespace opsdeck::widgets {

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor blend(const QColor &a, const QColor &b, qreal t)
{
    const auto mix = [t](float x, float y) { return x + (y - x) * static_cast<float>(t); };
    QColor out;
    out.setRgbF(mix(a.redF(), b.redF()), mix(a.greenF(), b.greenF()), mix(a.blueF(), b.blueF()),
                mix(a.alphaF(), b.alphaF()));
    return out;
}

QColor cardColor(const QPalette &palette)
{
    return palette.color(QPalette::Base);
}

QColor laneColor(const QPalette &palette)
{
    const QColor window = palette.color(QPalette::Window);
    return isDarkPalette(palette) ? window.darker(125) : blend(window, QColor(0xdc, 0xe3, 0xec), 0.5);
}

QColor borderColor(const QPalette &palette)
{
    return blend(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.18);
}

QColor mutedTextColor(const QPalette &palette)
{
    return blend(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.42);
}

QColor readableOn(const QPalette &palette, const QColor &colour)
{
    if (!isDarkPalette(palette))
        return colour;
    return QColor::fromHslF(colour.hslHueF(), colour.hslSaturationF() * 0.85f,
                            std::max(colour.lightnessF(), 0.66f), colour.alphaF());
}

} // namespace opsdeck::widgets
