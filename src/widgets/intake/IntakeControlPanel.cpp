#include "IntakeControlPanel.h"

#include "ControlCommandsModel.h"
#include "IntakePolicyModels.h"
#include "widgets/charts/TimeSeriesChart.h"
#include "sdk/CodeLabels.h"
#include "sdk/IntakeService.h"
#include "ui_IntakeControlPanel.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLocale>
#include <QVBoxLayout>

namespace opsdeck::widgets {

namespace {

enum Duration { Permanent, For30Minutes, For1Hour, UntilTime };

// The code of the choice; a scope typed by hand ("merchant:M-1") is sent as typed.
QString chosenCode(const QComboBox *combo)
{
    const QString text = combo->currentText().trimmed();
    const int i = combo->findText(text);
    return i >= 0 && !combo->itemData(i).toString().isEmpty() ? combo->itemData(i).toString() : text;
}

void chooseCode(QComboBox *combo, const QString &code)
{
    if (code.isEmpty())
        return;
    const int i = combo->findData(code);
    if (i >= 0)
        combo->setCurrentIndex(i);
    else
        combo->setCurrentText(code);
}

// Scopes and depots as people say them ("Whole city"), their codes as item data.
void setCodeChoices(QComboBox *combo, const QStringList &codes, QString (*label)(const QString &))
{
    QStringList existing;
    for (int i = 0; i < combo->count(); ++i)
        existing << combo->itemData(i).toString();
    if (existing == codes)
        return;
    const QString current = chosenCode(combo);
    const QSignalBlocker block(combo);
    combo->clear();
    for (const QString &code : codes)
        combo->addItem(label(code), code);
    chooseCode(combo, current); // a scope being typed stays as typed
}

// The playbooks by their titles in the user's language, each item's data its name (what
// the service takes).
void setPlaybookChoices(QComboBox *combo, const sdk::IntakeService &service)
{
    const QString current = combo->currentData().toString();
    QStringList names;
    QStringList titles;
    for (const QString &name : service.playbooks()) {
        names << name;
        titles << service.playbookTitle(name);
    }
    QStringList existing;
    QStringList existingTitles;
    for (int i = 0; i < combo->count(); ++i) {
        existing << combo->itemData(i).toString();
        existingTitles << combo->itemText(i);
    }
    if (existing == names && existingTitles == titles)
        return;
    const QSignalBlocker quiet(combo); // one refresh after, not one per item
    combo->clear();
    for (qsizetype i = 0; i < names.size(); ++i)
        combo->addItem(titles.at(i), names.at(i));
    if (const int at = combo->findData(current); at >= 0)
        combo->setCurrentIndex(at);
}

} // namespace

IntakeControlPanel::IntakeControlPanel(sdk::IntakeService *service, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::IntakeControlPanel>())
    , m_service(service)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_ui->setupUi(this);
    m_chart = createTimeSeriesChart(m_ui->chartHost);
    auto *chartLayout = new QVBoxLayout(m_ui->chartHost);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addWidget(m_chart);
    m_chart->setSeries({tr("Offered"), tr("Accepted"), tr("Rate limited"), tr("Breaker open")},
                       {QColor(0x1565c0), QColor(0x2e7d32), QColor(0xef6c00), QColor(0xc62828)});
    m_chart->setTitles(tr("New orders per second"), tr("orders/s"));

    m_limits = new IntakeLimitsModel(this);
    m_breakers = new IntakeBreakersModel(this);
    m_diversions = new IntakeDiversionsModel(this);
    m_commands = new ControlCommandsModel(this);
    m_ui->limitsView->setModel(m_limits);
    m_ui->breakersView->setModel(m_breakers);
    m_ui->diversionsView->setModel(m_diversions);
    m_ui->commandsView->setModel(m_commands);
    for (QTableView *v : {m_ui->limitsView, m_ui->breakersView, m_ui->diversionsView, m_ui->commandsView})
        v->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->commandsView->horizontalHeader()->setStretchLastSection(true);

    setupChoices();
    connectForms();

    if (!m_service) {
        m_ui->feedbackLabel->setText(tr("Intake control is not available in this console."));
        setEnabled(false);
        return;
    }
    connect(m_service, &sdk::IntakeService::intakeChanged, this, &IntakeControlPanel::showIntake);
    connect(m_service, &sdk::IntakeService::commandChanged, this, [this](const sdk::ControlStatus &s) {
        m_commands->update(s);
        // What a playbook kept of a timed change stays in view while its controls report.
        if (s.origin != QLatin1String("playbook"))
            m_playbookNote.clear();
        QString text = tr("%1: %2").arg(ControlCommandsModel::describe(s), ControlCommandsModel::stateText(s));
        if (!m_playbookNote.isEmpty())
            text += QLatin1Char('\n') + m_playbookNote;
        m_ui->feedbackLabel->setText(text);
        refreshPlaybooks();
    });
    connect(m_service, &sdk::IntakeService::playbooksChanged, this, &IntakeControlPanel::refreshPlaybooks);
    m_commands->reset(m_service->recentCommands());
    refreshPlaybooks();
    refreshPermissions();
    showIntake(m_service->currentIntake());
}

IntakeControlPanel::~IntakeControlPanel() = default;

QString IntakeControlPanel::feedback() const
{
    return m_ui->feedbackLabel->text();
}

void IntakeControlPanel::setupChoices()
{
    m_ui->breakerModeCombo->addItem(tr("auto"), QStringLiteral("auto"));
    m_ui->breakerModeCombo->addItem(tr("forced open (stop new orders)"), QStringLiteral("forced_open"));
    m_ui->breakerModeCombo->addItem(tr("forced closed (never trip)"), QStringLiteral("forced_closed"));
    m_ui->durationCombo->addItem(tr("Permanent"), Permanent);
    m_ui->durationCombo->addItem(tr("For 30 minutes"), For30Minutes);
    m_ui->durationCombo->addItem(tr("For 1 hour"), For1Hour);
    m_ui->durationCombo->addItem(tr("Until"), UntilTime);
    m_ui->untilEdit->setEnabled(false);
    m_ui->depotCombo->addItem(tr("All depots"), QString());
    m_ui->limitScopeCombo->addItem(sdk::scopeLabel(QStringLiteral("global")), QStringLiteral("global"));
    m_ui->breakerScopeCombo->addItem(sdk::scopeLabel(QStringLiteral("global")), QStringLiteral("global"));
}

void IntakeControlPanel::connectForms()
{
    connect(m_ui->durationCombo, &QComboBox::currentIndexChanged, this,
            [this] { m_ui->untilEdit->setEnabled(m_ui->durationCombo->currentData().toInt() == UntilTime); });
    connect(m_ui->depotCombo, &QComboBox::currentIndexChanged, this, [this] {
        replot(true);
        showIntake(m_depots);
    });
    connect(m_ui->setLimitButton, &QPushButton::clicked, this, [this] {
        send(QStringLiteral("set_rate_limit"), {{QStringLiteral("scope"), chosenCode(m_ui->limitScopeCombo)},
                                                {QStringLiteral("per_min"), m_ui->perMinSpin->value()},
                                                {QStringLiteral("burst"), double(m_ui->burstSpin->value())}});
    });
    connect(m_ui->clearLimitButton, &QPushButton::clicked, this, [this] {
        send(QStringLiteral("clear_rate_limit"), {{QStringLiteral("scope"), chosenCode(m_ui->limitScopeCombo)}});
    });
    connect(m_ui->setBreakerButton, &QPushButton::clicked, this, [this] {
        send(QStringLiteral("set_breaker"), {{QStringLiteral("scope"), chosenCode(m_ui->breakerScopeCombo)},
                                             {QStringLiteral("mode"), m_ui->breakerModeCombo->currentData().toString()}});
    });
    connect(m_ui->divertButton, &QPushButton::clicked, this, [this] {
        send(QStringLiteral("divert"), {{QStringLiteral("from"), chosenCode(m_ui->divertFromCombo)},
                                        {QStringLiteral("to"), chosenCode(m_ui->divertToCombo)},
                                        {QStringLiteral("share"), m_ui->shareSpin->value() / 100.0}});
    });
    connect(m_ui->clearDivertButton, &QPushButton::clicked, this, [this] {
        send(QStringLiteral("clear_divert"), {{QStringLiteral("from"), chosenCode(m_ui->divertFromCombo)}});
    });
    connect(m_ui->applyPlaybookButton, &QPushButton::clicked, this, [this] {
        const QString name = m_ui->playbookCombo->currentData().toString();
        if (m_ui->reasonEdit->text().trimmed().isEmpty()) {
            m_ui->feedbackLabel->setText(tr("A reason is required: it goes into the audit log with the change."));
            m_ui->reasonEdit->setFocus();
            return;
        }
        // The duration chosen below applies to the playbook as to any other change.
        const qint64 expiry = expiryForNextCommand();
        const QStringList kept = m_service ? m_service->playbookConflicts(name, expiry) : QStringList();
        if (m_service && !m_service->applyPlaybook(name, m_ui->reasonEdit->text().trimmed(), expiry)) {
            m_ui->feedbackLabel->setText(tr("Playbook '%1' could not be applied.").arg(m_ui->playbookCombo->currentText()));
        } else {
            m_playbookNote = kept.join(QLatin1Char('\n'));
            if (!m_playbookNote.isEmpty())
                m_ui->feedbackLabel->setText(m_playbookNote);
        }
        refreshPlaybooks();
    });
    connect(m_ui->revertPlaybookButton, &QPushButton::clicked, this, [this] {
        const QString name = m_ui->playbookCombo->currentData().toString();
        if (m_ui->reasonEdit->text().trimmed().isEmpty()) {
            m_ui->feedbackLabel->setText(tr("A reason is required: it goes into the audit log with the change."));
            m_ui->reasonEdit->setFocus();
            return;
        }
        if (m_service && !m_service->revertPlaybook(name, m_ui->reasonEdit->text().trimmed()))
            m_ui->feedbackLabel->setText(tr("Playbook '%1' is not applied.").arg(m_ui->playbookCombo->currentText()));
        refreshPlaybooks();
    });
    connect(m_ui->playbookCombo, &QComboBox::currentIndexChanged, this, &IntakeControlPanel::refreshPlaybooks);

    // Picking a row fills its form: editing a limit is setting it again.
    connect(m_ui->limitsView, &QTableView::clicked, this, [this](const QModelIndex &index) {
        const auto &r = m_limits->rows().at(index.row());
        chooseCode(m_ui->limitScopeCombo, r.scope);
        m_ui->perMinSpin->setValue(r.perMin);
        m_ui->burstSpin->setValue(static_cast<int>(r.burst));
    });
    connect(m_ui->breakersView, &QTableView::clicked, this, [this](const QModelIndex &index) {
        const auto &r = m_breakers->rows().at(index.row());
        chooseCode(m_ui->breakerScopeCombo, r.scope);
        m_ui->breakerModeCombo->setCurrentIndex(m_ui->breakerModeCombo->findData(r.mode));
    });
    connect(m_ui->diversionsView, &QTableView::clicked, this, [this](const QModelIndex &index) {
        const auto &r = m_diversions->rows().at(index.row());
        chooseCode(m_ui->divertFromCombo, r.from);
        chooseCode(m_ui->divertToCombo, r.to);
        m_ui->shareSpin->setValue(qRound(r.share * 100.0));
    });
}

qint64 IntakeControlPanel::expiryForNextCommand() const
{
    const qint64 now = m_clock();
    switch (m_ui->durationCombo->currentData().toInt()) {
    case For30Minutes: return now + 30 * 60000;
    case For1Hour: return now + 60 * 60000;
    case UntilTime: {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(now);
        QDateTime until(at.date(), m_ui->untilEdit->time());
        if (until <= at)
            until = until.addDays(1);
        return until.toMSecsSinceEpoch();
    }
    default: return 0;
    }
}

void IntakeControlPanel::send(const QString &cmd, const QVariantMap &args)
{
    if (!m_service)
        return;
    const QString reason = m_ui->reasonEdit->text().trimmed();
    if (reason.isEmpty()) {
        m_ui->feedbackLabel->setText(tr("A reason is required: it goes into the audit log with the change."));
        m_ui->reasonEdit->setFocus();
        return;
    }
    m_service->send({cmd, args, reason, expiryForNextCommand()});
}

void IntakeControlPanel::refreshPlaybooks()
{
    if (!m_service)
        return;
    const QStringList names = m_service->playbooks();
    setPlaybookChoices(m_ui->playbookCombo, *m_service);
    const QString name = m_ui->playbookCombo->currentData().toString();
    const bool applied = !name.isEmpty() && m_service->playbookApplied(name);
    const bool allowed = m_service->maySend(QStringLiteral("set_rate_limit"));
    m_ui->applyPlaybookButton->setEnabled(allowed && !name.isEmpty() && !applied);
    m_ui->revertPlaybookButton->setEnabled(allowed && applied);
    QString text = m_service->playbookDescription(name);
    if (applied)
        text = tr("Applied. %1").arg(text);
    if (names.isEmpty())
        text = tr("No playbooks are configured.");
    m_ui->playbookDescription->setText(text);
}

void IntakeControlPanel::refreshPermissions()
{
    const auto allow = [this](const char *cmd) { return m_service && m_service->maySend(QString::fromLatin1(cmd)); };
    m_ui->setLimitButton->setEnabled(allow("set_rate_limit"));
    m_ui->clearLimitButton->setEnabled(allow("clear_rate_limit"));
    m_ui->setBreakerButton->setEnabled(allow("set_breaker"));
    m_ui->divertButton->setEnabled(allow("divert"));
    m_ui->clearDivertButton->setEnabled(allow("clear_divert"));
    if (!allow("set_rate_limit"))
        m_ui->feedbackLabel->setText(tr("Your role may watch intake but not change it."));
}

void IntakeControlPanel::fillDepotChoices(const QList<sdk::DepotIntakeRow> &depots)
{
    QStringList ids, scopes{QStringLiteral("global")};
    for (const auto &d : depots) {
        ids << d.depot;
        scopes << QStringLiteral("depot:") + d.depot;
    }
    for (const auto &d : depots) {
        for (const auto &l : d.limits)
            if (!scopes.contains(l.scope))
                scopes << l.scope;
        for (const auto &b : d.breakers)
            if (!scopes.contains(b.scope))
                scopes << b.scope;
    }
    QStringList depotChoices{tr("All depots")};
    depotChoices += ids;
    if (m_ui->depotCombo->count() != depotChoices.size()) {
        const QString current = m_ui->depotCombo->currentData().toString();
        const QSignalBlocker block(m_ui->depotCombo);
        m_ui->depotCombo->clear();
        m_ui->depotCombo->addItem(tr("All depots"), QString());
        for (const QString &id : ids)
            m_ui->depotCombo->addItem(sdk::depotLabel(id), id);
        m_ui->depotCombo->setCurrentIndex(std::max(0, m_ui->depotCombo->findData(current)));
    }
    setCodeChoices(m_ui->limitScopeCombo, scopes, &sdk::scopeLabel);
    setCodeChoices(m_ui->breakerScopeCombo, scopes, &sdk::scopeLabel);
    setCodeChoices(m_ui->divertFromCombo, ids, &sdk::depotLabel);
    setCodeChoices(m_ui->divertToCombo, ids, &sdk::depotLabel);
}

QList<sdk::DepotIntakeRow> IntakeControlPanel::selectedDepots() const
{
    const QString depot = m_ui->depotCombo->currentData().toString();
    if (depot.isEmpty())
        return m_depots;
    QList<sdk::DepotIntakeRow> one;
    for (const auto &d : m_depots)
        if (d.depot == depot)
            one << d;
    return one;
}

void IntakeControlPanel::showIntake(const QList<sdk::DepotIntakeRow> &depots)
{
    m_depots = depots;
    fillDepotChoices(depots);
    const auto shown = selectedDepots();
    m_limits->setDepots(shown);
    m_breakers->setDepots(shown);
    m_diversions->setDepots(shown);
    replot(false);
}

void IntakeControlPanel::replot(bool restart)
{
    if (restart) {
        m_chart->clear();
        m_lastSample = {};
    }
    const auto shown = selectedDepots();
    if (shown.isEmpty()) {
        m_ui->rateLabel->setText(tr("Waiting for gateway.stats…"));
        return;
    }
    // Rates between two samples from the running sums: exact at any refresh pace, and
    // summed over depots without caring which depot's second came last.
    Sample now;
    for (const auto &d : shown) {
        now.offered += d.totalOffered;
        now.accepted += d.totalAccepted;
        now.rateLimited += d.totalRateLimited;
        now.breakerOpen += d.totalBreakerOpen;
        now.tsMs = std::max(now.tsMs, d.tsMs);
    }
    const Sample before = m_lastSample;
    if (now.tsMs <= before.tsMs)
        return;
    m_lastSample = now;
    if (before.tsMs == 0)
        return; // the first sample only sets the baseline
    const double seconds = double(now.tsMs - before.tsMs) / 1000.0;
    const auto rate = [seconds](qint64 a, qint64 b) { return std::max(0.0, double(a - b) / seconds); };
    const double offered = rate(now.offered, before.offered);
    const double accepted = rate(now.accepted, before.accepted);
    const double limited = rate(now.rateLimited, before.rateLimited);
    const double breaker = rate(now.breakerOpen, before.breakerOpen);
    m_chart->append(now.tsMs, {offered, accepted, limited, breaker});
    const QLocale l;
    m_ui->rateLabel->setText(tr("per second: offered %1 · accepted %2 · rate limited %3 · breaker open %4")
                                 .arg(l.toString(offered, 'f', 1), l.toString(accepted, 'f', 1),
                                      l.toString(limited, 'f', 1), l.toString(breaker, 'f', 1)));
}

} // namespace opsdeck::widgets
