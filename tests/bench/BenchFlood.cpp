// opsdeck-bench flood [--seconds N]: `opsfeed --flood` (sim::Gateway with the flood
// options, as `ingest` runs it) into the whole product headless (app::ConsoleAssembly
// with every feature) for N seconds (60 by default), sampling the console's resident memory.
// Then the gateway pauses, the console resyncs whatever it shed, and every order the
// gateway's own snapshot lists is compared with the console's projection (state, rider).
// The gateway runs in a process of its own (this binary again, `flood --gateway-process`,
// which opsfeed cannot be: the bench must pause it and then ask for its snapshot), so its
// PUB queue is not in the console's figure, as with a real opsfeed.
#include "BenchIngest.h"
#include "app/assembly/ConsoleAssembly.h"
#include "core/model/EventDecoder.h"
#include "feed/wire/WireProtocol.h"
#include "sim/Gateway.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QThread>

#include <zmq.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <thread>

using namespace opsdeck;
using Clock = std::chrono::steady_clock;

namespace {

double residentMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

struct Truth {
    core::OrderState state = core::OrderState::Unknown;
    std::string riderId;
};

// The gateway's own snapshot of every depot, asked for over its snapshot socket
// (protocol.md) and read with the console's decoder.
std::map<std::string, Truth> gatewaySnapshot(const std::string &endpoint)
{
    std::map<std::string, Truth> out;
    zmq::context_t ctx(1);
    zmq::socket_t dealer(ctx, zmq::socket_type::dealer);
    dealer.set(zmq::sockopt::linger, 0);
    dealer.set(zmq::sockopt::rcvtimeo, 10000);
    dealer.connect(endpoint);
    const std::string body = feed::wire::snapshotRequestBody({});
    dealer.send(zmq::buffer(feed::wire::kSnapshotCommand), zmq::send_flags::sndmore);
    dealer.send(zmq::buffer(body));
    core::EventDecoder decoder;
    for (;;) {
        zmq::message_t name, record;
        if (!dealer.recv(name) || !name.more() || !dealer.recv(record))
            break;
        if (name.to_string_view() == feed::wire::kSnapshotEnd)
            break;
        auto result = decoder.decode(name.to_string_view(), record.to_string_view());
        if (auto *e = std::get_if<core::Event>(&result); e && e->kind == core::EventKind::OrderSnapshot)
            out[e->orderId] = Truth{e->snapshotState, e->riderId};
    }
    return out;
}

// Orders the console holds differently from the gateway (missing, other state or rider).
int differences(const app::ConsoleRuntime &runtime, const std::map<std::string, Truth> &truth, std::string *first)
{
    std::map<std::string, const core::OrderRecord *> held;
    const core::ConsoleDelta picture = runtime.fullPicture();
    for (const auto &o : picture.orders)
        held[o.orderId] = &o;
    int different = 0;
    for (const auto &[id, t] : truth) {
        const auto it = held.find(id);
        const bool same = it != held.end() && it->second->state == t.state && it->second->riderId == t.riderId;
        if (!same && different++ == 0 && first)
            *first = id + (it == held.end() ? " missing" : " state/rider differ");
    }
    return different;
}

std::int64_t shedEvents(const app::ConsoleRuntime &runtime)
{
    return runtime.statsJson().value(QStringLiteral("shed")).toObject().value(QStringLiteral("events")).toInteger();
}

// The child: the flood's gateway, told what to do on stdin ("pause"; end of input stops
// it), its endpoints and published count on stdout.
int serveGateway()
{
    sim::Gateway gw(bench::ingestFloodOptions());
    gw.start();
    std::cout << gw.feedEndpoint() << ' ' << gw.snapshotEndpoint() << ' ' << gw.controlEndpoint() << std::endl;
    for (std::string line; std::getline(std::cin, line);) {
        if (line == "pause") {
            gw.setPaused(true);
            std::cout << "paused " << gw.publishedEvents() << ' ' << residentMb() << std::endl;
        }
    }
    gw.stop();
    return 0;
}

// The gateway process, seen from the bench.
class GatewayProcess final
{
public:
    ~GatewayProcess()
    {
        m_process.closeWriteChannel(); // end of input: the child stops its gateway
        if (!m_process.waitForFinished(10000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }
    bool start(QString *error)
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QCoreApplication::applicationFilePath(),
                        {QStringLiteral("flood"), QStringLiteral("--gateway-process")});
        const QStringList endpoints = readLine().split(QLatin1Char(' '));
        if (endpoints.size() != 3) {
            *error = QStringLiteral("gateway process did not start: %1").arg(m_process.errorString());
            return false;
        }
        feed = endpoints[0].toStdString();
        snapshot = endpoints[1].toStdString();
        control = endpoints[2].toStdString();
        return true;
    }
    // Pauses the gateway; its published count and resident memory when it stopped.
    std::pair<long long, double> pause()
    {
        m_process.write("pause\n");
        const QStringList reply = readLine().split(QLatin1Char(' '));
        return {reply.value(1).toLongLong(), reply.value(2).toDouble()};
    }
    std::string feed, snapshot, control;

private:
    QString readLine()
    {
        while (!m_process.canReadLine() && m_process.waitForReadyRead(30000)) {
        }
        return QString::fromUtf8(m_process.readLine()).trimmed();
    }
    QProcess m_process;
};

} // namespace

int runFloodBench(double seconds)
{
    if (QCoreApplication::arguments().contains(QStringLiteral("--gateway-process")))
        return serveGateway();
    std::printf("flood: opsfeed --flood (seed 42, 2000 riders, own process) into the whole console for %.0f s\n",
                seconds);
    QTemporaryDir dir;
    GatewayProcess gw;
    QString error;
    if (!gw.start(&error)) {
        std::fprintf(stderr, "bench: %s\n", qPrintable(error));
        return 1;
    }
    app::RuntimeOptions o;
    o.feed = gw.feed;
    o.snapshot = gw.snapshot;
    o.control = gw.control;
    o.dbPath = dir.filePath("flood.db");
    app::ConsoleAssembly::Options assemblyOptions;
    assemblyOptions.runtime = o;
    app::ConsoleAssembly console(assemblyOptions, nullptr);
    app::ConsoleRuntime &runtime = console.runtime();
    if (!console.start(&error)) {
        std::fprintf(stderr, "bench: %s\n", qPrintable(error));
        return 1;
    }
    std::atomic<double> peak{0};
    std::atomic<bool> sampling{true};
    std::thread sampler([&] {
        while (sampling.load()) {
            peak.store(std::max(peak.load(), residentMb()));
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });
    const auto start = Clock::now();
    for (int s = 1; Clock::now() - start < std::chrono::duration<double>(seconds); ++s) {
        QThread::msleep(1000);
        if (s % 10 == 0)
            std::printf("  %3d s: rss %.0f MB (peak %.0f), persisted %lld, shed %lld\n", s, residentMb(), peak.load(),
                        static_cast<long long>(runtime.eventsPersisted()),
                        static_cast<long long>(shedEvents(runtime)));
    }
    const auto [published, gatewayMb] = gw.pause();
    const auto truth = gatewaySnapshot(gw.snapshot);
    // Heartbeats show the console what it is missing; its resyncs (backed off when the
    // feed degraded) bring every depot back to the gateway's state.
    int different = -1;
    std::string first;
    const auto pausedAt = Clock::now();
    while (Clock::now() - pausedAt < std::chrono::seconds(180)) {
        first.clear();
        different = differences(runtime, truth, &first);
        if (different == 0)
            break;
        QThread::msleep(500);
    }
    const double settle = std::chrono::duration<double>(Clock::now() - pausedAt).count();
    sampling.store(false);
    sampler.join();
    const std::int64_t shed = shedEvents(runtime);
    std::printf("  after the flood: %zu orders in the gateway's snapshot, %d differ%s%s (%.1f s to settle)\n",
                truth.size(), different, different ? ", first: " : "", first.c_str(), settle);
    std::printf("  gateway published %lld messages (its process: %.0f MB resident), console received %lld\n",
                published, gatewayMb,
                static_cast<long long>(runtime.feedStats().received.load()));
    std::printf("  persisted %lld events, shed %lld, gaps %lld, resyncs %lld\n",
                static_cast<long long>(runtime.eventsPersisted()), static_cast<long long>(shed),
                static_cast<long long>(runtime.feedStats().gaps.load()),
                static_cast<long long>(runtime.feedStats().resyncs.load()));
    console.stop();
    std::printf("RESULT flood rss_mb=%.0f shed=%lld final_equal=%d\n", peak.load(), static_cast<long long>(shed),
                different == 0 && !truth.empty() ? 1 : 0);
    return 0;
}
