#pragma once

#include "widgets/WidgetsExport.h"

#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QWidget>

#include <memory>

namespace Ui {
class MapPanel;
}

namespace opsdeck::sdk {
class ConsoleContext;
class RiderHistoryService;
}

namespace opsdeck::widgets {

class MapView;

// The "Live map" panel: layer toggles, fit-to, follow and palette over a MapView. Fed
// straight from the console context (batched rider and order signals).
class OPSDECK_WIDGETS_EXPORT MapPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit MapPanel(QWidget *parent = nullptr);
    ~MapPanel() override;

    MapView *mapView() const;
    // Starts from the context's current picture and follows its signals; uses the
    // context's RiderHistoryService for replay when the host provides one.
    void attach(sdk::ConsoleContext *context);
    // Replay source; null hides the replay bar.
    void setHistoryService(sdk::RiderHistoryService *history);

protected:
    // The map takes the console's theme (its Dark button follows; the user may still flip it).
    void changeEvent(QEvent *event) override;

private:
    // The fit combo lists "Whole city" and the depots the feed has reported (in order and
    // rider rows, and the gateway's per-depot intake), added as they first appear.
    template<typename Rows>
    void noteDepots(const Rows &rows);
    void addDepot(const QString &depotId);
    void stepReplay(int seconds);
    void setReplay(bool on);
    void onRange(qint64 fromMs, qint64 toMs);
    void seek(qint64 atMs);
    void playStep();
    std::unique_ptr<Ui::MapPanel> m_ui;
    QPointer<sdk::RiderHistoryService> m_history;
    QTimer m_playTimer;
    qint64 m_fromMs = 0;
    double m_playPosMs = 0; // fractional play position between slider steps
    QSet<QString> m_depots;
    QString m_lastDepot; // rows come grouped by depot: most rows cost one comparison
    bool m_themeDark = false; // the theme's darkness the Dark button last followed
};

} // namespace opsdeck::widgets
