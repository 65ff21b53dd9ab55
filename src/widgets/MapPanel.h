#pragma once

#include <QWidget>

#include <memory>

namespace Ui {
class MapPanel;
}

namespace opsdeck::sdk {
class ConsoleContext;
}

namespace opsdeck::widgets {

class MapView;

// The "Live map" panel: layer toggles, fit-to, follow and palette over a MapView. Fed
// straight from the console context (batched rider and order signals).
class MapPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit MapPanel(QWidget *parent = nullptr);
    ~MapPanel() override;

    MapView *mapView() const;
    // Starts from the context's current picture and follows its signals.
    void attach(sdk::ConsoleContext *context);

private:
    void fillFitCombo();
    std::unique_ptr<Ui::MapPanel> m_ui;
};

} // namespace opsdeck::widgets
