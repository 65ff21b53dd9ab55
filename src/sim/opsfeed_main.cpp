// opsfeed: the simulated order gateway as a command-line program.
#include "Gateway.h"
#include "SimLog.h"
#include "feed/curve/CurveKeys.h"
#include "feed/curve/CurveServer.h"
#include "relay/RelayCli.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <pthread.h>

using namespace opsdeck::sim;

namespace {
constexpr int kBadUsage = 2;

int usageError(const QString &message)
{
    std::fprintf(stderr, "opsfeed: %s\n(see opsfeed --help)\n", qPrintable(message));
    return kBadUsage;
}

struct CliOptions {
    QCommandLineOption seed, riders, rate, depots, firstDepot, epochTag, scenario, stormAt, stormFor, flood, timeScale, feed, snapshot, control, city, duration, curveSecret, allowKeys, warm, replay, cold;
};

CliOptions addCliOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "Simulated delivery-platform gateway speaking the OpsDeck feed protocol v1.\n\n"
        "opsfeed relay --upstream <gateway> [--upstream <gateway>...]: a fan-out relay instead of a gateway. Consoles "
        "connect to it as to one gateway (default tcp://127.0.0.1:6556-6558) and share its one connection to each "
        "gateway; one console can follow several gateways. See opsfeed relay --help."));
    parser.addHelpOption();
    parser.addVersionOption();
    CliOptions o{
        .seed = QCommandLineOption({QStringLiteral("seed")}, QStringLiteral("Random seed (same seed, same stream)."), QStringLiteral("n"), QStringLiteral("1")),
        .riders = QCommandLineOption({QStringLiteral("riders")}, QStringLiteral("Number of riders."), QStringLiteral("n"), QStringLiteral("60")),
        .rate = QCommandLineOption({QStringLiteral("orders-per-min")}, QStringLiteral("New orders per minute, all depots."), QStringLiteral("x"), QStringLiteral("40")),
        .depots = QCommandLineOption({QStringLiteral("depots")}, QStringLiteral("Number of depots (1-5)."), QStringLiteral("n"), QStringLiteral("3")),
        .firstDepot = QCommandLineOption({QStringLiteral("first-depot")}, QStringLiteral("Index of the city's first depot to run (0-4): two gateways of one city with distinct depots."), QStringLiteral("i"), QStringLiteral("0")),
        .epochTag = QCommandLineOption({QStringLiteral("epoch-tag")}, QStringLiteral("Start of every epoch name: gateways behind one relay need distinct tags."), QStringLiteral("tag"), QStringLiteral("gw1")),
        .scenario = QCommandLineOption({QStringLiteral("scenario")}, QStringLiteral("normal or storm."), QStringLiteral("name"), QStringLiteral("normal")),
        .stormAt = QCommandLineOption({QStringLiteral("storm-at")}, QStringLiteral("Storm scenario: seconds until the first storm."), QStringLiteral("s"), QStringLiteral("20")),
        .stormFor = QCommandLineOption({QStringLiteral("storm-for")}, QStringLiteral("Storm scenario: seconds each storm lasts."), QStringLiteral("s"), QStringLiteral("360")),
        .flood = QCommandLineOption({QStringLiteral("flood")}, QStringLiteral("Generate as fast as possible (benchmarks).")),
        .timeScale = QCommandLineOption({QStringLiteral("time-scale")}, QStringLiteral("Simulated seconds per wall second."), QStringLiteral("x"), QStringLiteral("1")),
        .feed = QCommandLineOption({QStringLiteral("feed")}, QStringLiteral("Feed PUB bind address."), QStringLiteral("addr"), QStringLiteral("tcp://127.0.0.1:5556")),
        .snapshot = QCommandLineOption({QStringLiteral("snapshot")}, QStringLiteral("Snapshot ROUTER bind address."), QStringLiteral("addr"), QStringLiteral("tcp://127.0.0.1:5557")),
        .control = QCommandLineOption({QStringLiteral("control")}, QStringLiteral("Control ROUTER bind address."), QStringLiteral("addr"), QStringLiteral("tcp://127.0.0.1:5558")),
        .city = QCommandLineOption({QStringLiteral("city")}, QStringLiteral("City GeoJSON (default: built in Beijing)."), QStringLiteral("path")),
        .duration = QCommandLineOption({QStringLiteral("duration")}, QStringLiteral("Stop after this many seconds (0 = run until SIGINT/SIGTERM)."), QStringLiteral("s"), QStringLiteral("0")),
        .curveSecret = QCommandLineOption({QStringLiteral("curve-secret")}, QStringLiteral("Serve CURVE on all three sockets with this secret key file (Z85, e.g. from opsdeck keygen); needs --allow-keys."), QStringLiteral("file")),
        .allowKeys = QCommandLineOption({QStringLiteral("allow-keys")}, QStringLiteral("Directory of client public keys (one Z85 key per file) admitted with --curve-secret; every other key is refused."), QStringLiteral("dir")),
        .warm = QCommandLineOption({QStringLiteral("warm-minutes")}, QStringLiteral("Warm start: play this many minutes of the day at full speed before serving (riders out, orders in every state)."), QStringLiteral("min"), QStringLiteral("180")),
        .replay = QCommandLineOption({QStringLiteral("replay-minutes")}, QStringLiteral("Of the warm start, the last minutes published to the first console once it has its snapshot (its KPI history), the rest silent."), QStringLiteral("min"), QStringLiteral("120")),
        .cold = QCommandLineOption({QStringLiteral("cold")}, QStringLiteral("Start the day empty (no warm start; implied by --flood).")),
    };
    parser.addOptions({o.seed, o.riders, o.rate, o.depots, o.firstDepot, o.epochTag, o.scenario, o.stormAt, o.stormFor, o.flood, o.timeScale, o.feed, o.snapshot, o.control,
                       o.city, o.duration, o.curveSecret, o.allowKeys, o.warm, o.replay, o.cold});
    return o;
}

// The gateway's options and the run's duration from the command line; the message of
// the first bad value, or an empty string.
QString readOptions(const QCommandLineParser &parser, const CliOptions &cli, GatewayOptions &o, double &durationS)
{
    bool ok = false;
    o.seed = parser.value(cli.seed).toULongLong(&ok);
    if (!ok)
        return QStringLiteral("--seed must be a non-negative integer");
    o.riders = parser.value(cli.riders).toInt(&ok);
    if (!ok || o.riders < 1 || o.riders > 100000)
        return QStringLiteral("--riders must be 1..100000");
    o.ordersPerMin = parser.value(cli.rate).toDouble(&ok);
    if (!ok || o.ordersPerMin < 0 || o.ordersPerMin > 1e6)
        return QStringLiteral("--orders-per-min must be a number >= 0");
    o.depots = parser.value(cli.depots).toInt(&ok);
    if (!ok || o.depots < 1 || o.depots > 5)
        return QStringLiteral("--depots must be 1..5");
    o.firstDepot = parser.value(cli.firstDepot).toInt(&ok);
    if (!ok || o.firstDepot < 0 || o.firstDepot + o.depots > 5)
        return QStringLiteral("--first-depot must be 0..4, and --first-depot + --depots at most 5");
    o.epochTag = parser.value(cli.epochTag).toStdString();
    static const QRegularExpression tagPattern(QStringLiteral("^[A-Za-z0-9_]{1,16}$"));
    if (!tagPattern.match(parser.value(cli.epochTag)).hasMatch())
        return QStringLiteral("--epoch-tag must be 1-16 letters, digits or _");
    const QString sc = parser.value(cli.scenario);
    if (sc == QLatin1String("normal"))
        o.scenario = Scenario::Normal;
    else if (sc == QLatin1String("storm"))
        o.scenario = Scenario::Storm;
    else
        return QStringLiteral("--scenario must be normal or storm");
    const double stormAt = parser.value(cli.stormAt).toDouble(&ok);
    const double stormFor = ok ? parser.value(cli.stormFor).toDouble(&ok) : 0;
    if (!ok || stormAt < 0 || !(stormFor > 0))
        return QStringLiteral("--storm-at must be >= 0 and --storm-for > 0 seconds");
    o.stormAfterMs = static_cast<std::int64_t>(stormAt * 1000);
    o.stormMs = static_cast<std::int64_t>(stormFor * 1000);
    o.flood = parser.isSet(cli.flood);
    o.timeScale = parser.value(cli.timeScale).toDouble(&ok);
    if (!ok || !(o.timeScale > 0) || o.timeScale > 100000)
        return QStringLiteral("--time-scale must be a positive number");
    o.feedBind = parser.value(cli.feed).toStdString();
    o.snapshotBind = parser.value(cli.snapshot).toStdString();
    o.controlBind = parser.value(cli.control).toStdString();
    o.cityPath = parser.value(cli.city);
    const double warmMinutes = parser.value(cli.warm).toDouble(&ok);
    if (!ok || warmMinutes < 0 || warmMinutes > 24 * 60)
        return QStringLiteral("--warm-minutes must be 0..1440");
    const double replayMinutes = parser.value(cli.replay).toDouble(&ok);
    if (!ok || replayMinutes < 0 || replayMinutes > warmMinutes)
        return QStringLiteral("--replay-minutes must be 0..--warm-minutes");
    const bool cold = parser.isSet(cli.cold) || o.flood;
    o.prerollMs = cold ? 0 : static_cast<std::int64_t>(warmMinutes * 60000);
    o.replayMs = cold ? 0 : static_cast<std::int64_t>(replayMinutes * 60000);
    durationS = parser.value(cli.duration).toDouble(&ok);
    if (!ok || durationS < 0)
        return QStringLiteral("--duration must be a number of seconds >= 0");
    return {};
}

// CURVE on all three sockets with --curve-secret and --allow-keys (read as the relay
// reads them). The first problem, or "".
QString readCurveOptions(const QCommandLineParser &parser, const CliOptions &cli, GatewayOptions &o)
{
    QString error;
    const auto keys = opsdeck::feed::curve::readServerKeys(parser.value(cli.curveSecret), parser.value(cli.allowKeys), &error);
    if (!keys)
        return error;
    if (!keys->enabled())
        return {};
    o.curveSecret = keys->secret;
    o.allowedClientKeys = keys->allowed;
    qCInfo(lcSim).noquote() << QStringLiteral("CURVE on; server public key %1; %2 client keys allowed")
                                   .arg(QString::fromStdString(opsdeck::feed::curve::publicFromSecret(keys->secret).value_or("?")))
                                   .arg(keys->allowed.size());
    return {};
}

void logProgress(const Gateway &gateway, std::int64_t count, std::int64_t lastCount, double secs)
{
    QStringList seqs;
    for (const auto &[depot, s] : gateway.currentSeqs())
        seqs << QStringLiteral("%1=%2").arg(QString::fromStdString(depot)).arg(s);
    qCInfo(lcSim).noquote() << QStringLiteral("published %1 (%2/s) epoch %3 sim %4 seqs %5")
                                   .arg(count)
                                   .arg(static_cast<double>(count - lastCount) / secs, 0, 'f', 0)
                                   .arg(QString::fromStdString(gateway.epoch()))
                                   .arg(QDateTime::fromMSecsSinceEpoch(gateway.simTimeMs(), QTimeZone::utc()).toString(Qt::ISODate))
                                   .arg(seqs.join(QLatin1Char(' ')));
}

// Until SIGINT/SIGTERM or the duration (0: none), with a progress line every 5 s.
void runUntilStopped(const Gateway &gateway, const sigset_t &stopSignals, double durationS)
{
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    auto lastReport = started;
    std::int64_t lastCount = 0;
    for (;;) {
        const timespec wait{0, 250 * 1000 * 1000};
        siginfo_t info{};
        const int sig = sigtimedwait(&stopSignals, &info, &wait);
        if (sig == SIGINT || sig == SIGTERM) {
            qCInfo(lcSim) << "signal" << sig << "- stopping";
            break;
        }
        const auto now = Clock::now();
        if (durationS > 0 && now - started >= std::chrono::duration<double>(durationS))
            break;
        if (now - lastReport >= std::chrono::seconds(5)) {
            const std::int64_t count = gateway.publishedEvents();
            logProgress(gateway, count, lastCount, std::chrono::duration<double>(now - lastReport).count());
            lastReport = now;
            lastCount = count;
        }
    }
}

} // namespace

int main(int argc, char *argv[])
{
    // Block the stop signals before any thread exists (ZeroMQ starts I/O threads) so
    // every thread inherits the mask and only the main thread's sigtimedwait sees them:
    // no async-signal-safety concerns, no self-pipe, never a hang.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("opsfeed"));
    QCoreApplication::setApplicationVersion(QStringLiteral("1.0"));

    if (QStringList args = QCoreApplication::arguments(); args.size() > 1 && args[1] == QLatin1String("relay")) {
        args.removeAt(1);
        return opsdeck::relay::runRelayCli(args, stopSignals);
    }

    QCommandLineParser parser;
    const CliOptions cli = addCliOptions(parser);
    if (!parser.parse(QCoreApplication::arguments()))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));

    GatewayOptions o;
    double durationS = 0;
    if (const QString problem = readOptions(parser, cli, o, durationS); !problem.isEmpty())
        return usageError(problem);
    if (const QString problem = readCurveOptions(parser, cli, o); !problem.isEmpty())
        return usageError(problem);

    std::unique_ptr<Gateway> gateway;
    try {
        gateway = std::make_unique<Gateway>(o);
        gateway->start();
    } catch (const std::exception &e) {
        qCCritical(lcSim) << "cannot start:" << e.what();
        return 1;
    }
    runUntilStopped(*gateway, stopSignals, durationS);
    gateway->stop();
    qCInfo(lcSim) << "stopped after" << gateway->publishedEvents() << "events;" << gateway->refusedKeys()
                  << "client keys refused";
    return 0;
}
