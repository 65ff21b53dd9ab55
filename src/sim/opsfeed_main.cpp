// opsfeed: the simulated order gateway as a command-line program.
#include "Gateway.h"
#include "SimLog.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
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

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Simulated delivery-platform gateway speaking the OpsDeck feed protocol v1."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption seed({QStringLiteral("seed")}, QStringLiteral("Random seed (same seed, same stream)."), QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption riders({QStringLiteral("riders")}, QStringLiteral("Number of riders."), QStringLiteral("n"), QStringLiteral("60"));
    const QCommandLineOption rate({QStringLiteral("orders-per-min")}, QStringLiteral("New orders per minute, all depots."), QStringLiteral("x"), QStringLiteral("40"));
    const QCommandLineOption depots({QStringLiteral("depots")}, QStringLiteral("Number of depots (1-5)."), QStringLiteral("n"), QStringLiteral("3"));
    const QCommandLineOption scenario({QStringLiteral("scenario")}, QStringLiteral("normal or storm."), QStringLiteral("name"), QStringLiteral("normal"));
    const QCommandLineOption flood({QStringLiteral("flood")}, QStringLiteral("Generate as fast as possible (benchmarks)."));
    const QCommandLineOption timeScale({QStringLiteral("time-scale")}, QStringLiteral("Simulated seconds per wall second."), QStringLiteral("x"), QStringLiteral("1"));
    const QCommandLineOption feed({QStringLiteral("feed")}, QStringLiteral("Feed PUB bind address."), QStringLiteral("addr"), QStringLiteral("tcp://127.0.0.1:5556"));
    const QCommandLineOption snapshot({QStringLiteral("snapshot")}, QStringLiteral("Snapshot ROUTER bind address."), QStringLiteral("addr"), QStringLiteral("tcp://127.0.0.1:5557"));
    const QCommandLineOption control({QStringLiteral("control")}, QStringLiteral("Control ROUTER bind address."), QStringLiteral("addr"), QStringLiteral("tcp://127.0.0.1:5558"));
    const QCommandLineOption city({QStringLiteral("city")}, QStringLiteral("City GeoJSON (default: built in Beijing)."), QStringLiteral("path"));
    const QCommandLineOption duration({QStringLiteral("duration")}, QStringLiteral("Stop after this many seconds (0 = run until SIGINT/SIGTERM)."), QStringLiteral("s"), QStringLiteral("0"));
    parser.addOptions({seed, riders, rate, depots, scenario, flood, timeScale, feed, snapshot, control, city, duration});
    if (!parser.parse(QCoreApplication::arguments()))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));

    GatewayOptions o;
    bool ok = false;
    o.seed = parser.value(seed).toULongLong(&ok);
    if (!ok)
        return usageError(QStringLiteral("--seed must be a non-negative integer"));
    o.riders = parser.value(riders).toInt(&ok);
    if (!ok || o.riders < 1 || o.riders > 100000)
        return usageError(QStringLiteral("--riders must be 1..100000"));
    o.ordersPerMin = parser.value(rate).toDouble(&ok);
    if (!ok || o.ordersPerMin < 0 || o.ordersPerMin > 1e6)
        return usageError(QStringLiteral("--orders-per-min must be a number >= 0"));
    o.depots = parser.value(depots).toInt(&ok);
    if (!ok || o.depots < 1 || o.depots > 5)
        return usageError(QStringLiteral("--depots must be 1..5"));
    const QString sc = parser.value(scenario);
    if (sc == QLatin1String("normal"))
        o.scenario = Scenario::Normal;
    else if (sc == QLatin1String("storm"))
        o.scenario = Scenario::Storm;
    else
        return usageError(QStringLiteral("--scenario must be normal or storm"));
    o.flood = parser.isSet(flood);
    o.timeScale = parser.value(timeScale).toDouble(&ok);
    if (!ok || !(o.timeScale > 0) || o.timeScale > 100000)
        return usageError(QStringLiteral("--time-scale must be a positive number"));
    o.feedBind = parser.value(feed).toStdString();
    o.snapshotBind = parser.value(snapshot).toStdString();
    o.controlBind = parser.value(control).toStdString();
    o.cityPath = parser.value(city);
    const double durationS = parser.value(duration).toDouble(&ok);
    if (!ok || durationS < 0)
        return usageError(QStringLiteral("--duration must be a number of seconds >= 0"));

    std::unique_ptr<Gateway> gateway;
    try {
        gateway = std::make_unique<Gateway>(o);
        gateway->start();
    } catch (const std::exception &e) {
        qCCritical(lcSim) << "cannot start:" << e.what();
        return 1;
    }

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
            const std::int64_t count = gateway->publishedEvents();
            const double secs = std::chrono::duration<double>(now - lastReport).count();
            QStringList seqs;
            for (const auto &[depot, s] : gateway->currentSeqs())
                seqs << QStringLiteral("%1=%2").arg(QString::fromStdString(depot)).arg(s);
            qCInfo(lcSim).noquote() << QStringLiteral("published %1 (%2/s) epoch %3 sim %4 seqs %5")
                                           .arg(count)
                                           .arg(static_cast<double>(count - lastCount) / secs, 0, 'f', 0)
                                           .arg(QString::fromStdString(gateway->epoch()))
                                           .arg(QDateTime::fromMSecsSinceEpoch(gateway->simTimeMs(), QTimeZone::utc()).toString(Qt::ISODate))
                                           .arg(seqs.join(QLatin1Char(' ')));
            lastReport = now;
            lastCount = count;
        }
    }
    gateway->stop();
    qCInfo(lcSim) << "stopped after" << gateway->publishedEvents() << "events";
    return 0;
}
