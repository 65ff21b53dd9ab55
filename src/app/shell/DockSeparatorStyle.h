#pragma once

#include <QProxyStyle>

namespace opsdeck::app {

// The main window's dock separators as handles a user can see and grab: 6 px wide,
// shaded, with a grip in the middle (the platform styles draw nothing there). Set on
// the main window only; its children keep the application's style.
class DockSeparatorStyle final : public QProxyStyle
{
public:
    static constexpr int kExtent = 6;

    using QProxyStyle::QProxyStyle;

    int pixelMetric(PixelMetric metric, const QStyleOption *option = nullptr,
                    const QWidget *widget = nullptr) const override;
    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget = nullptr) const override;
};

} // namespace opsdeck::app
