#pragma once

#include "sdk/IntakeRows.h"
#include "widgets/WidgetsExport.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

namespace Ui {
class IntakeControlPanel;
}

namespace opsdeck::sdk {
class IntakeService;
}

namespace opsdeck::widgets {

class ControlCommandsModel;
class IntakeBreakersModel;
class IntakeDiversionsModel;
class IntakeLimitsModel;
class TimeSeriesChart;

// The ops manager's intake controls: live intake per second from gateway.stats (chart,
// per depot or all), the rate limits, circuit breakers and diversions in force with
// forms to change them, storm playbooks, and the commands issued with their state.
// Everything goes through sdk::IntakeService; a change needs a reason and may be
// permanent, "for 30 minutes / 1 hour" or "until hh:mm".
class OPSDECK_WIDGETS_EXPORT IntakeControlPanel final : public QWidget
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>; // ms since the epoch, for "for 30 minutes"

    // service may be null: the panel then says so and stays read-only.
    explicit IntakeControlPanel(sdk::IntakeService *service, QWidget *parent = nullptr);
    ~IntakeControlPanel() override;

    void setClock(Clock clock) { m_clock = std::move(clock); }

    // For tests and for the KPI dashboard, which shares the chart interface.
    TimeSeriesChart *chart() const { return m_chart; }
    IntakeLimitsModel *limitsModel() const { return m_limits; }
    IntakeBreakersModel *breakersModel() const { return m_breakers; }
    IntakeDiversionsModel *diversionsModel() const { return m_diversions; }
    ControlCommandsModel *commandsModel() const { return m_commands; }
    QString feedback() const;
    // When the chosen duration makes the next command expire (0 = permanent).
    qint64 expiryForNextCommand() const;

public slots:
    void showIntake(const QList<opsdeck::sdk::DepotIntakeRow> &depots);

private:
    void setupChoices();
    void connectForms();
    void refreshPlaybooks();
    void refreshPermissions();
    void fillDepotChoices(const QList<sdk::DepotIntakeRow> &depots);
    void send(const QString &cmd, const QVariantMap &args);
    void replot(bool restart);
    QList<sdk::DepotIntakeRow> selectedDepots() const;

    std::unique_ptr<Ui::IntakeControlPanel> m_ui;
    QPointer<sdk::IntakeService> m_service;
    TimeSeriesChart *m_chart = nullptr;
    IntakeLimitsModel *m_limits = nullptr;
    IntakeBreakersModel *m_breakers = nullptr;
    IntakeDiversionsModel *m_diversions = nullptr;
    ControlCommandsModel *m_commands = nullptr;
    QList<sdk::DepotIntakeRow> m_depots;
    // The sample the last rates were measured from (selected depots summed).
    struct Sample {
        qint64 tsMs = 0;
        qint64 offered = 0, accepted = 0, rateLimited = 0, breakerOpen = 0;
    };
    Sample m_lastSample;
    Clock m_clock;
    QString m_playbookNote; // timed changes the last playbook kept, said until another command
};

} // namespace opsdeck::widgets
