#include "RelayCli.h"

#include "Relay.h"
#include "RelayLog.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace opsdeck::relay {

namespace {
constexpr int kBadUsage = 2;

int usageError(const QString &message)
{
    std::fprintf(stderr, "opsfeed relay: %s\n(see opsfeed relay --help)\n", qPrintable(message));
    return kBadUsage;
}

void logCounters(const Relay &relay)
{
    const RelayCounters &c = relay.counters();
    qCInfo(lcRelay).noquote() << QStringLiteral("depots %1, snapshots %2 (%3 merged, %4 records), control %5 (%6 passed on), "
                                                "rejected %7, unavailable %8, timeouts %9")
                                     .arg(c.depotsKnown.load())
                                     .arg(c.snapshotRequests.load())
                                     .arg(c.snapshotsMerged.load())
                                     .arg(c.snapshotRecords.load())
                                     .arg(c.controlRequests.load())
                                     .arg(c.controlTries.load())
                                     .arg(c.rejected.load())
                                     .arg(c.unavailable.load())
                                     .arg(c.timeouts.load());
}

void runUntilStopped(const Relay &relay, const sigset_t &stopSignals, double durationS)
{
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    auto lastReport = started;
    for (;;) {
        const timespec wait{0, 250 * 1000 * 1000};
        siginfo_t info{};
        const int sig = sigtimedwait(&stopSignals, &info, &wait);
        if (sig == SIGINT || sig == SIGTERM)
            break;
        const auto now = Clock::now();
        if (durationS > 0 && now - started >= std::chrono::duration<double>(durationS))
            break;
        if (now - lastReport >= std::chrono::seconds(5)) {
            logCounters(relay);
            lastReport = now;
        }
    }
}
} // namespace

bool parseUpstream(const QString &value, Upstream &out)
{
    const QStringList parts = value.split(QLatin1Char(','));
    if (parts.size() == 3 && !parts[0].isEmpty() && !parts[1].isEmpty() && !parts[2].isEmpty()) {
        out = Upstream{parts[0].toStdString(), parts[1].toStdString(), parts[2].toStdString()};
        return true;
    }
    static const QRegularExpression tcp(QStringLiteral("^(tcp://.+):(\\d{1,5})$"));
    const auto m = tcp.match(value);
    const int port = m.hasMatch() ? m.captured(2).toInt() : 0;
    if (parts.size() != 1 || port < 1 || port > 65533)
        return false;
    auto at = [&](int p) { return QStringLiteral("%1:%2").arg(m.captured(1)).arg(p).toStdString(); };
    out = Upstream{at(port), at(port + 1), at(port + 2)};
    return true;
}

int runRelayCli(const QStringList &arguments, const sigset_t &stopSignals)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Fan-out relay for the OpsDeck feed protocol v1: consoles connect to the relay as to a gateway; the relay "
        "holds one connection to each gateway. The feed passes through ZeroMQ's proxy (XSUB/XPUB); snapshot and "
        "control requests go to the gateway that owns the depot or order (learnt from its heartbeats)."));
    parser.addHelpOption();
    const QCommandLineOption upstream({QStringLiteral("upstream")},
                                      QStringLiteral("A gateway: feed,snapshot,control endpoints, or one tcp endpoint whose "
                                                     "port P means P, P+1, P+2. Repeat for several gateways."),
                                      QStringLiteral("endpoints"));
    const QCommandLineOption feed({QStringLiteral("feed")}, QStringLiteral("Feed XPUB bind address for consoles."),
                                  QStringLiteral("addr"), QStringLiteral("tcp://127.0.0.1:6556"));
    const QCommandLineOption snapshot({QStringLiteral("snapshot")}, QStringLiteral("Snapshot ROUTER bind address."),
                                      QStringLiteral("addr"), QStringLiteral("tcp://127.0.0.1:6557"));
    const QCommandLineOption control({QStringLiteral("control")}, QStringLiteral("Control ROUTER bind address."),
                                     QStringLiteral("addr"), QStringLiteral("tcp://127.0.0.1:6558"));
    const QCommandLineOption duration({QStringLiteral("duration")},
                                      QStringLiteral("Stop after this many seconds (0 = run until SIGINT/SIGTERM)."),
                                      QStringLiteral("s"), QStringLiteral("0"));
    parser.addOptions({upstream, feed, snapshot, control, duration});
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    RelayOptions o;
    for (const QString &value : parser.values(upstream)) {
        Upstream u;
        if (!parseUpstream(value, u))
            return usageError(QStringLiteral("--upstream '%1' is neither feed,snapshot,control nor tcp://host:port").arg(value));
        o.upstreams.push_back(std::move(u));
    }
    if (o.upstreams.empty())
        return usageError(QStringLiteral("at least one --upstream is needed"));
    o.feedBind = parser.value(feed).toStdString();
    o.snapshotBind = parser.value(snapshot).toStdString();
    o.controlBind = parser.value(control).toStdString();
    bool ok = false;
    const double durationS = parser.value(duration).toDouble(&ok);
    if (!ok || durationS < 0)
        return usageError(QStringLiteral("--duration must be a number of seconds >= 0"));

    Relay relay(std::move(o));
    try {
        relay.start();
    } catch (const std::exception &e) {
        qCCritical(lcRelay) << "cannot start:" << e.what();
        return 1;
    }
    runUntilStopped(relay, stopSignals, durationS);
    logCounters(relay);
    relay.stop();
    return 0;
}

} // namespace opsdeck::relay
