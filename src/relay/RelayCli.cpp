#include "RelayCli.h"

#include "Relay.h"
#include "RelayLog.h"

#include "feed/curve/CurveKeys.h"

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

struct CurveCliOptions {
    QCommandLineOption secret, gatewayKey, allowKeys;
};

CurveCliOptions curveCliOptions()
{
    return CurveCliOptions{
        .secret = QCommandLineOption({QStringLiteral("curve-secret")},
                                     QStringLiteral("The relay's CURVE secret key file (Z85, e.g. from opsdeck keygen): its "
                                                    "identity to the gateways with --gateway-key, and to consoles with "
                                                    "--allow-keys."),
                                     QStringLiteral("file")),
        .gatewayKey = QCommandLineOption({QStringLiteral("gateway-key")},
                                         QStringLiteral("The gateways' CURVE public key file: encrypt feed, snapshot and "
                                                        "control upstream (needs --curve-secret)."),
                                         QStringLiteral("file")),
        .allowKeys = QCommandLineOption({QStringLiteral("allow-keys")},
                                        QStringLiteral("Directory of console public keys (one Z85 key per file): serve CURVE "
                                                       "to consoles and refuse every other key (needs --curve-secret)."),
                                        QStringLiteral("dir")),
    };
}

// Upstream and downstream CURVE, each on its own: a relay in front of a plain gateway may
// still encrypt its consoles, and the other way round. The first problem, or "".
QString readCurveOptions(const QCommandLineParser &parser, const CurveCliOptions &cli, RelayOptions &o)
{
    const bool upstream = parser.isSet(cli.gatewayKey);
    const bool downstream = parser.isSet(cli.allowKeys);
    if (parser.isSet(cli.secret) && !upstream && !downstream)
        return QStringLiteral("--curve-secret needs --gateway-key, --allow-keys or both");
    if ((upstream || downstream) && !parser.isSet(cli.secret))
        return QStringLiteral("--gateway-key and --allow-keys need --curve-secret (the relay's own key)");
    if (!upstream && !downstream)
        return {};
    QString error;
    const auto secret = feed::curve::readKeyFile(parser.value(cli.secret), &error);
    const auto ours = secret ? feed::curve::publicFromSecret(*secret) : std::nullopt;
    if (!ours)
        return error.isEmpty() ? QStringLiteral("--curve-secret %1 is not a secret key").arg(parser.value(cli.secret)) : error;
    if (upstream) {
        const auto server = feed::curve::readKeyFile(parser.value(cli.gatewayKey), &error);
        if (!server)
            return error;
        o.upstreamCurve = feed::CurveKeys{*server, *ours, *secret};
    }
    if (downstream) {
        const auto keys = feed::curve::readServerKeys(parser.value(cli.secret), parser.value(cli.allowKeys), &error);
        if (!keys)
            return error;
        o.downstreamCurve = *keys;
    }
    qCInfo(lcRelay).noquote() << QStringLiteral("CURVE upstream %1, downstream %2 (%3 console keys allowed); relay public key %4")
                                     .arg(upstream ? QStringLiteral("on") : QStringLiteral("off"),
                                          downstream ? QStringLiteral("on") : QStringLiteral("off"))
                                     .arg(o.downstreamCurve.allowed.size())
                                     .arg(QString::fromStdString(*ours));
    return {};
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
    const CurveCliOptions curve = curveCliOptions();
    parser.addOptions({upstream, feed, snapshot, control, duration, curve.secret, curve.gatewayKey, curve.allowKeys});
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
    if (const QString problem = readCurveOptions(parser, curve, o); !problem.isEmpty())
        return usageError(problem);
    bool ok = false;
    const double durationS = parser.value(duration).toDouble(&ok);
    if (!ok || durationS < 0)
        return usageError(QStringLiteral("--duration must be a number of seconds >= 0"));

    const bool servesCurve = o.downstreamCurve.enabled();
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
    if (servesCurve)
        qCInfo(lcRelay) << relay.refusedKeys() << "console keys refused";
    return 0;
}

} // namespace opsdeck::relay
