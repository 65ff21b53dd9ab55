// opsdeck-screenshot: one screenshot of the real console (app::WindowConsole, the role's
// plugins, MainWindow) on the embedded opsfeed, offscreen, for docs/user-guide.md and the
// README (tools/screenshots.sh runs it once per shot). What makes a shot the same on
// every run and every machine:
//  - the gateway's day starts at a fixed instant (--start, default 2026-12-07 07:00 in
//    Beijing) with a fixed --seed, so the warm start's snapshot and replay are one stream;
//  - the gateway pauses the moment its replay is over (GatewayOptions::pauseAfterReplay)
//    and the day then moves only by Gateway::step(), never by the wall clock;
//  - the shot is taken once the console has every message the gateway published and the
//    window shows the gateway's state of every order it lists.
// The wall clock only bounds how long it waits before it gives up (exit 3).
#include "app/assembly/WindowConsole.h"
#include "app/runtime/ConsoleOptions.h"
#include "app/runtime/EmbeddedGateway.h"
#include "app/shell/ConsoleContextAdapter.h"
#include "app/shell/MainWindow.h"
#include "app/shell/Translations.h"
#include "app/shell/palette/CommandPalette.h"
#include "app/signin/WindowSignIn.h"
#include "sdk/Rows.h"
#include "sdk/SelectionService.h"
#include "sim/Gateway.h"
#include "widgets/board/BoardColumnModel.h"
#include "widgets/board/OrderDetailPanel.h"
#include "widgets/board/OrderKanbanBoard.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QKeyEvent>
#include <QLineEdit>
#include <QScreen>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>

using namespace opsdeck;

namespace {

constexpr int kExitBadArguments = 2;
constexpr int kExitTimedOut = 3;

struct ShotOptions {
    QString role = QStringLiteral("dispatcher");
    QString lang = QStringLiteral("en");
    QString out;
    QString task = QStringLiteral("overview"); // overview | order | palette | storm | stock
    QString theme = QStringLiteral("light");   // light | dark (View → Theme)
    quint64 seed = 7;
    qint64 startMs = 0;
    int replayMinutes = 120;
    // Below opsfeed's 20,000/s: a console on a busy machine sheds what it cannot take
    // (a hole in the charts), and a shot must not depend on the machine's load.
    int replayRate = 6000;
    int steps = 10; // of stepMs each, after the replay
    int stepMs = 1000;
    int width = 1920;
    int height = 1080;
};

bool fail(const char *what)
{
    std::fprintf(stderr, "opsdeck-screenshot: %s\n", what);
    return false;
}

// Parsed before the QApplication exists: the offscreen screen's size is given to it.
bool parseShotOptions(const QStringList &arguments, ShotOptions &o)
{
    QCommandLineParser p;
    p.addHelpOption();
    const QCommandLineOption role(QStringLiteral("role"), QStringLiteral("dispatcher, customer_service, ops_manager, "
                                                                         "merchant or admin."),
                                  QStringLiteral("role"), o.role);
    const QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("en or zh_CN."), QStringLiteral("locale"), o.lang);
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("PNG file to write."), QStringLiteral("file"));
    const QCommandLineOption task(QStringLiteral("task"), QStringLiteral("overview, order, palette, storm or stock."),
                                  QStringLiteral("task"), o.task);
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Seed of the simulated day."),
                                  QStringLiteral("n"), QStringLiteral("7"));
    const QCommandLineOption start(QStringLiteral("start"),
                                   QStringLiteral("When the console opens, ISO 8601 (default 2026-12-07T10:00:00+08:00)."),
                                   QStringLiteral("time"), QStringLiteral("2026-12-07T10:00:00+08:00"));
    const QCommandLineOption replay(QStringLiteral("replay-minutes"),
                                    QStringLiteral("Minutes of the warm start published to the console (default 120)."),
                                    QStringLiteral("n"), QStringLiteral("120"));
    const QCommandLineOption rate(QStringLiteral("replay-rate"),
                                  QStringLiteral("Messages per second of the replay (default 6000)."),
                                  QStringLiteral("n"), QStringLiteral("6000"));
    const QCommandLineOption steps(QStringLiteral("steps"), QStringLiteral("Simulated seconds after the replay."),
                                   QStringLiteral("n"), QStringLiteral("10"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Screen size (default 1920x1080)."),
                                  QStringLiteral("WxH"), QStringLiteral("1920x1080"));
    const QCommandLineOption theme(QStringLiteral("theme"), QStringLiteral("light or dark (default light)."),
                                   QStringLiteral("theme"), o.theme);
    p.addOptions({role, lang, out, task, seed, start, replay, rate, steps, size, theme});
    if (!p.parse(arguments))
        return fail(qPrintable(p.errorText()));
    if (p.isSet(QStringLiteral("help"))) {
        std::fprintf(stdout, "%s", qPrintable(p.helpText()));
        return false;
    }
    o.role = p.value(role);
    o.lang = p.value(lang);
    o.out = p.value(out);
    o.task = p.value(task);
    o.theme = p.value(theme);
    if (o.theme != QLatin1String("light") && o.theme != QLatin1String("dark"))
        return fail("--theme is light or dark");
    bool ok1 = false, ok2 = false, ok3 = false, ok4 = false;
    o.replayRate = p.value(rate).toInt(&ok4);
    o.seed = p.value(seed).toULongLong(&ok1);
    o.replayMinutes = p.value(replay).toInt(&ok2);
    o.steps = p.value(steps).toInt(&ok3);
    const QDateTime at = QDateTime::fromString(p.value(start), Qt::ISODate);
    o.startMs = at.toMSecsSinceEpoch();
    const QStringList wh = p.value(size).split(QLatin1Char('x'));
    if (wh.size() == 2) {
        o.width = wh[0].toInt();
        o.height = wh[1].toInt();
    }
    if (o.out.isEmpty() || !ok1 || !ok2 || !ok3 || !ok4 || o.replayRate < 100 || !at.isValid() || o.replayMinutes < 0 || o.replayMinutes > 180
        || o.steps < 0 || o.width < 640 || o.height < 480)
        return fail("bad arguments (--out FILE is required; --help)");
    static const QStringList kTasks = {QStringLiteral("overview"), QStringLiteral("order"), QStringLiteral("palette"),
                                       QStringLiteral("storm"), QStringLiteral("stock")};
    if (!kTasks.contains(o.task))
        return fail("unknown --task");
    return true;
}

// opsfeed in-process as app::opsfeedGateway() makes it, but with a fixed start and a
// pause at the end of the replay; the tool steps it through `gateway`.
class ShotGateway final : public app::EmbeddedGateway
{
public:
    explicit ShotGateway(const sim::GatewayOptions &options) : m_gateway(options) {}
    void start() override { m_gateway.start(); }
    void stop() override { m_gateway.stop(); }
    std::string feedEndpoint() const override { return m_gateway.feedEndpoint(); }
    std::string snapshotEndpoint() const override { return m_gateway.snapshotEndpoint(); }
    std::string controlEndpoint() const override { return m_gateway.controlEndpoint(); }
    sim::Gateway &gateway() { return m_gateway; }

private:
    sim::Gateway m_gateway;
};

sim::GatewayOptions gatewayOptions(const ShotOptions &o)
{
    sim::GatewayOptions g;
    g.seed = o.seed;
    g.riders = 120; // the console's defaults (ConsoleOptions)
    g.ordersPerMin = 60;
    g.startMs = o.startMs;
    g.prerollMs = app::kWarmStartPrerollMs;
    g.replayMs = static_cast<std::int64_t>(o.replayMinutes) * 60000;
    g.replayRate = o.replayRate;
    g.pauseAfterReplay = true;
    if (o.task == QLatin1String("storm")) {
        // Storms come every 30 minutes from stormAfterMs: one that began 5 minutes before
        // the console opens, and none earlier in the day.
        g.scenario = sim::Scenario::Storm;
        g.stormAfterMs = app::kWarmStartPrerollMs - 5 * 60000;
    }
    g.feedBind = g.snapshotBind = g.controlBind = "tcp://127.0.0.1:*";
    return g;
}

// Runs the GUI's events until `done` holds; false after `timeoutMs`.
bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    return true;
}

// Every card of the board's working columns is in the gateway's state: the board, which
// takes the console's changes at its own pace, has them all.
bool boardCaughtUp(app::MainWindow &window, const std::map<std::string, std::string> &states)
{
    static const QStringList kWorking = {QStringLiteral("CREATED"),   QStringLiteral("PAID"),
                                         QStringLiteral("HELD"),      QStringLiteral("OUT_OF_STOCK"),
                                         QStringLiteral("PICKING"),   QStringLiteral("DELIVERING"),
                                         QStringLiteral("EXCEPTION"), QStringLiteral("RETURNING"),
                                         QStringLiteral("CLAIMING")};
    for (const widgets::OrderKanbanBoard *board : window.findChildren<widgets::OrderKanbanBoard *>()) {
        for (const QString &state : kWorking) {
            const widgets::BoardColumnModel *column = board->columnModel(state);
            for (int row = 0; column && row < column->rowCount(); ++row) {
                const auto it = states.find(column->order(row).orderId.toStdString());
                if (it == states.end() || QString::fromStdString(it->second) != state)
                    return false;
            }
        }
    }
    return true;
}

// Every message the gateway published reached the console, and the window lists each
// order in the gateway's state (or retired): nothing is still on its way to the screen.
bool caughtUp(app::WindowConsole &console, sim::Gateway &gateway)
{
    const auto truth = gateway.currentSeqs();
    const auto seen = console.assembly().runtime().feedStats().lastSeqs();
    for (const auto &[depot, seq] : truth) {
        const auto it = std::find_if(seen.begin(), seen.end(), [&depot](const auto &s) { return s.first == depot; });
        if (it == seen.end() || it->second != seq)
            return false;
    }
    const auto states = gateway.truthOrderStates();
    const QList<sdk::OrderRow> orders = console.context().currentOrders();
    if (orders.isEmpty())
        return false;
    for (const sdk::OrderRow &row : orders) {
        if (row.state == QLatin1String(sdk::kRetiredState))
            continue;
        const auto it = states.find(row.orderId.toStdString());
        if (it == states.end() || QString::fromStdString(it->second) != row.state)
            return false;
    }
    return boardCaughtUp(*console.window(), states);
}

// The order a task shows: the first late delivery by id (the same one every run), else
// the first delivery, else the first order.
QString pickOrder(app::WindowConsole &console)
{
    const qint64 now = console.assembly().runtime().feedClock().nowMs();
    QList<sdk::OrderRow> orders = console.context().currentOrders();
    std::sort(orders.begin(), orders.end(),
              [](const sdk::OrderRow &a, const sdk::OrderRow &b) { return a.orderId < b.orderId; });
    for (const sdk::OrderRow &o : orders)
        if (o.state == QLatin1String("DELIVERING") && o.promisedAtMs > 0 && o.promisedAtMs < now)
            return o.orderId;
    for (const sdk::OrderRow &o : orders)
        if (o.state == QLatin1String("DELIVERING"))
            return o.orderId;
    return orders.isEmpty() ? QString() : orders.first().orderId;
}

bool showOrder(app::WindowConsole &console, const QString &id)
{
    auto *selection = console.context().service<sdk::SelectionService>();
    if (!selection || id.isEmpty())
        return fail("no order to select");
    selection->selectOrder(id);
    auto *detail = console.window()->findChild<widgets::OrderDetailPanel *>();
    return !detail
        || waitFor([detail, &id] { return detail->orderId() == id && detail->timelineCount() > 0; }, 30000)
        || fail("the order's timeline did not load");
}

// Ctrl+K, then the order's id typed into the palette, as a user answering "where is my order".
bool openPalette(app::WindowConsole &console, const QString &id)
{
    app::MainWindow *window = console.window();
    QApplication::setActiveWindow(window);
    QKeyEvent press(QEvent::KeyPress, Qt::Key_K, Qt::ControlModifier);
    QKeyEvent release(QEvent::KeyRelease, Qt::Key_K, Qt::ControlModifier);
    QCoreApplication::sendEvent(window, &press);
    QCoreApplication::sendEvent(window, &release);
    app::CommandPalette *palette = nullptr;
    const auto open = [&] {
        for (auto *p : window->findChildren<app::CommandPalette *>())
            if (p->isVisible())
                palette = p;
        return palette != nullptr;
    };
    if (!waitFor(open, 10000))
        return fail("the palette did not open");
    palette->filterEdit()->setText(id);
    return true;
}

// The ops manager about to apply a storm playbook: its tab open and a reason typed (the
// panel sends nothing without one). Applying is left to the reader: a shot changes nothing.
bool preparePlaybook(app::MainWindow &window, const QString &lang)
{
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("controlTabs"));
    auto *tab = window.findChild<QWidget *>(QStringLiteral("playbooksTab"));
    auto *reason = window.findChild<QLineEdit *>(QStringLiteral("reasonEdit"));
    if (!tabs || !tab || !reason)
        return fail("no intake panel (the storm shot is the ops manager's)");
    tabs->setCurrentWidget(tab);
    reason->setText(lang.startsWith(QLatin1String("zh")) ? QStringLiteral("午高峰订单风暴")
                                                         : QStringLiteral("Lunch-time order storm"));
    return true;
}

QImage grab(app::MainWindow &window)
{
    QCoreApplication::processEvents();
    // The screen, not the window: the palette and other pop-ups are windows of their own.
    if (QScreen *screen = QGuiApplication::primaryScreen()) {
        const QPixmap shot = screen->grabWindow(0);
        if (!shot.isNull())
            return shot.toImage();
    }
    return window.grab().toImage();
}

// The console as main.cpp opens it for the embedded demo, on the tool's gateway.
std::unique_ptr<app::WindowConsole> openConsole(const ShotOptions &o, const QTemporaryDir &dir, ShotGateway **gateway)
{
    QString error;
    QString help;
    auto options = app::parseConsoleOptions(
        {QStringLiteral("opsdeck"), QStringLiteral("--role"), o.role, QStringLiteral("--user"), QStringLiteral("demo"),
         QStringLiteral("--lang"), o.lang, QStringLiteral("--db"), dir.filePath(QStringLiteral("ops.db")),
         QStringLiteral("--settings"), dir.filePath(QStringLiteral("opsdeck.ini")),
         // The merchant desk follows one merchant (the demo asks which; a shot names one).
         QStringLiteral("--merchant"), QStringLiteral("M-HD-07")},
        &error, &help);
    if (!options) {
        fail(qPrintable(error));
        return nullptr;
    }
    // The theme as View → Theme leaves it in the settings the console reads at start.
    QSettings(dir.filePath(QStringLiteral("opsdeck.ini")), QSettings::IniFormat)
        .setValue(QStringLiteral("ui/theme"), o.theme);
    options->runtime.keyDir = dir.path(); // a throw-away database: its key beside it, not the keyring
    options->runtime.keyVault.reset();
    options->runtime.embedded = [o, gateway](const app::RuntimeOptions &) -> std::unique_ptr<app::EmbeddedGateway> {
        auto made = std::make_unique<ShotGateway>(gatewayOptions(o));
        *gateway = made.get();
        return made;
    };
    auto console = std::make_unique<app::WindowConsole>(*options);
    if (!console->start(&error)) {
        fail(qPrintable(error));
        return nullptr;
    }
    app::markDemo(*console->window());
    return console;
}

// The merchant's Stock panel brought to the front (it shares a tab with the order detail).
bool raiseStock(app::MainWindow &window)
{
    auto *dock = window.findChild<QDockWidget *>(QStringLiteral("merchant/stock"));
    if (!dock)
        return fail("no stock panel (the stock shot is the merchant's)");
    dock->show();
    dock->raise();
    return true;
}

// Replay over, the set steps taken, everything on screen, the task's state shown: the shot.
bool shoot(const ShotOptions &o, app::WindowConsole &console, sim::Gateway &gateway)
{
    if (!waitFor([&gateway] { return gateway.prerollWallMs() >= 0 && !gateway.replaying(); }, 240000))
        return fail("the warm start's replay did not end");
    for (int i = 0; i < o.steps; ++i)
        if (gateway.step(o.stepMs) < 0)
            return fail("the gateway did not step");
    if (!waitFor([&] { return caughtUp(console, gateway); }, 120000))
        return fail("the console did not catch up with the gateway");
    if (console.assembly().runtime().feedStats().shedEvents.load() > 0)
        return fail("the console shed events during the replay (a busy machine): lower --replay-rate");
    if (o.task == QLatin1String("order") && !showOrder(console, pickOrder(console)))
        return false;
    if (o.task == QLatin1String("palette") && !openPalette(console, pickOrder(console)))
        return false;
    if (o.task == QLatin1String("storm") && !preparePlaybook(*console.window(), o.lang))
        return false;
    if (o.task == QLatin1String("stock") && !raiseStock(*console.window()))
        return false;
    const QImage image = grab(*console.window());
    QDir().mkpath(QFileInfo(o.out).absolutePath());
    if (image.isNull() || !image.save(o.out, "PNG"))
        return fail("could not write the PNG");
    std::fprintf(stdout, "%s\n", qPrintable(o.out));
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    ShotOptions o;
    if (!parseShotOptions(arguments, o))
        return arguments.contains(QStringLiteral("--help")) ? 0 : kExitBadArguments;

    // An offscreen screen of the asked size: the window opens maximised on it, as on a desk.
    QTemporaryDir dir;
    const QString screens = dir.filePath(QStringLiteral("screens.json"));
    QFile config(screens);
    if (!dir.isValid() || !config.open(QIODevice::WriteOnly))
        return kExitBadArguments;
    config.write(QStringLiteral(R"({"screens": [{"name": "shot", "x": 0, "y": 0, "width": %1, "height": %2,
                                   "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})")
                     .arg(o.width)
                     .arg(o.height)
                     .toUtf8());
    config.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + screens.toLocal8Bit());

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("OpsDeck"));
    QApplication::setOrganizationName(QStringLiteral("OpsDeck"));
    app::installTranslations(app, o.lang);

    ShotGateway *gateway = nullptr;
    auto console = openConsole(o, dir, &gateway);
    if (!console || !gateway)
        return 1;
    console->window()->show();
    const bool shot = shoot(o, *console, gateway->gateway());
    console->shutdown();
    return shot ? 0 : kExitTimedOut;
}
