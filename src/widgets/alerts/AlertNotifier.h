#pragma once

#include "sdk/AlertService.h"
#include "widgets/WidgetsExport.h"

#include <QObject>

class QSystemTrayIcon;

namespace opsdeck::widgets {

// Sound and a desktop notification for critical alerts. Platforms without a system tray
// (the offscreen platform, many kiosks) get the sound only; the count of notifications
// is kept either way so the queue can show that something was announced.
class OPSDECK_WIDGETS_EXPORT AlertNotifier final : public QObject
{
    Q_OBJECT
public:
    explicit AlertNotifier(QObject *parent = nullptr);
    ~AlertNotifier() override;

    void notify(const QList<sdk::AlertRow> &critical);

    int announced() const { return m_announced; }
    bool hasTray() const { return m_tray != nullptr; }
    void setSoundEnabled(bool on) { m_sound = on; }

private:
    QSystemTrayIcon *m_tray = nullptr;
    int m_announced = 0;
    bool m_sound = true;
};

} // namespace opsdeck::widgets
