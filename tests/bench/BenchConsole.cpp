#include "BenchConsole.h"

#include "ScriptedGateway.h"
#include "app/shell/ConsoleContextAdapter.h"
#include "sim/WireWriter.h"
#include "store/db/StoreWorker.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QTimer>

#include <cstdio>
#include <future>

#include <unistd.h>

namespace opsdeck::bench {

namespace {

app::ConsoleAssembly::Options assemblyOptions(const feed::test::ScriptedGateway &gateway,
                                              const BenchConsole::Options &options)
{
    app::ConsoleAssembly::Options o;
    o.runtime.feed = gateway.feedEndpoint();
    o.runtime.snapshot = gateway.snapshotEndpoint();
    o.runtime.control = gateway.controlEndpoint();
    o.runtime.dbPath = options.dbPath;
    o.features.withGui = options.withGui;
    o.features.user = QStringLiteral("bench");
    return o; // onlyFeatures empty: every feature, as the console runs
}

} // namespace

BenchConsole::BenchConsole(const feed::test::ScriptedGateway &gateway, Options options)
    : m_options(std::move(options))
    // The window's delta sink even when no context follows it: the core builds and
    // hands over its deltas as it does in the window.
    , m_assembly(assemblyOptions(gateway, m_options), [this](core::ConsoleDelta &&d) { m_bridge.publish(std::move(d)); })
{
}

BenchConsole::~BenchConsole()
{
    stop();
}

bool BenchConsole::start(QString *error)
{
    if (!m_assembly.start(error))
        return false;
    if (!m_options.withGui)
        return true;
    // Settings in the bench's directory: a run never reads or changes the user's.
    m_settings = std::make_unique<QSettings>(QFileInfo(m_options.dbPath).absolutePath()
                                                 + QStringLiteral("/bench-settings.ini"),
                                             QSettings::IniFormat);
    const QString role = QStringLiteral("dispatcher");
    m_context = std::make_unique<app::ConsoleContextAdapter>(app::ConsoleContextAdapter::Identity{
        role, QStringLiteral("bench"), !m_access.guard.allows(core::access::Permission::ViewPersonalData).allowed()});
    m_context->applyDelta(m_assembly.runtime().fullPicture());
    if (m_options.followDeltas)
        m_context->attach(m_bridge);
    m_assembly.attachGui(*m_context, *m_settings, m_access.guard);
    return true;
}

void BenchConsole::stop()
{
    m_assembly.stop();
}

bool BenchConsole::waitForStoreJobs(std::chrono::milliseconds timeout)
{
    store::StoreWorker *store = m_assembly.runtime().storeWorker();
    if (!store)
        return false;
    // Jobs run in the order they were posted: this one runs after every start-up job.
    auto done = std::make_shared<std::promise<void>>();
    std::future<void> ran = done->get_future();
    if (!store->post([done](store::EventStore &) { done->set_value(); }))
        return false;
    return ran.wait_for(timeout) == std::future_status::ready;
}

bool waitFor(const std::function<bool()> &done, std::chrono::milliseconds timeout)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done() || std::chrono::steady_clock::now() >= deadline)
            loop.quit();
    });
    poll.start(20);
    loop.exec();
    return done();
}

bool waitForJoin(const app::ConsoleRuntime &runtime, std::chrono::milliseconds timeout)
{
    return waitFor([&runtime] { return runtime.feedStats().resyncs.load() > 0; }, timeout);
}

std::map<std::string, double> cpuSecondsByThread()
{
    std::map<std::string, double> cpu;
    const long ticks = sysconf(_SC_CLK_TCK);
    for (const QString &tid : QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile commFile(QStringLiteral("/proc/self/task/%1/comm").arg(tid));
        QFile statFile(QStringLiteral("/proc/self/task/%1/stat").arg(tid));
        if (!commFile.open(QIODevice::ReadOnly) || !statFile.open(QIODevice::ReadOnly))
            continue;
        // The main thread carries the executable's name: called what it is (the GUI
        // thread where there is one).
        const std::string name = tid.toLongLong() == getpid() ? std::string("main")
                                                              : commFile.readAll().trimmed().toStdString();
        const QByteArray stat = statFile.readAll();
        const auto fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 12) // utime and stime are fields 14 and 15 of stat, 12 and 13 after ")"
            cpu[name] += static_cast<double>(fields.at(11).toLongLong() + fields.at(12).toLongLong()) / ticks;
    }
    return cpu;
}

void printThreadCpu(const std::map<std::string, double> &before, const std::map<std::string, double> &after,
                    double seconds)
{
    std::printf("  CPU by thread, %% of a core:");
    for (const auto &[name, used] : after) {
        const auto was = before.find(name);
        const double share = (used - (was != before.end() ? was->second : 0.0)) * 100 / seconds;
        if (share >= 0.5)
            std::printf(" %s=%.1f", name.c_str(), share);
    }
    std::printf("\n");
}

namespace {

void orderCreatedData(sim::JsonWriter &w, const core::Event &e)
{
    w.field("merchant_id", e.merchantId.empty() ? std::string("m-1") : e.merchantId);
    w.field("channel", e.channel.empty() ? std::string("fresh") : e.channel);
    w.key("customer");
    w.beginObject();
    w.field("name", e.customerName.empty() ? "Li Lei " + e.orderId : e.customerName);
    w.field("phone", e.customerPhone.empty() ? std::string("13800000000") : e.customerPhone);
    w.endObject();
    w.key("address");
    w.beginObject();
    w.field("text", e.addressText.empty() ? std::string("1 Chaoyang Rd") : e.addressText);
    w.field("lat", 39.9, 6);
    w.field("lng", 116.4, 6);
    w.endObject();
    w.key("items");
    w.beginArray();
    w.beginObject();
    w.field("sku", "s1");
    w.field("name", "milk");
    w.field("qty", 1);
    w.field("unit", "box");
    w.endObject();
    w.endArray();
    w.field("amount", e.amount > 0 ? e.amount : 30.0, 2);
    w.key("promised_at");
    w.timestamp(e.promisedAtMs);
}

// gateway.stats and sensor.reading come from the synthetic day with their envelope in
// `raw`: its data object is taken as is.
std::string dataOfRaw(const std::string &raw)
{
    const auto at = raw.find("\"data\":");
    if (at == std::string::npos || raw.size() < at + 8)
        return "{}";
    return raw.substr(at + 7, raw.size() - (at + 7) - 1);
}

void orderStepData(sim::JsonWriter &w, const core::Event &e)
{
    using K = core::EventKind;
    switch (e.kind) {
    case K::OrderCreated: orderCreatedData(w, e); break;
    case K::OrderPaid:
        w.field("amount", e.amount > 0 ? e.amount : 30.0, 2);
        w.field("method", "wechat");
        break;
    case K::OrderHeld: w.field("reason", e.reason.empty() ? std::string("address_check") : e.reason); break;
    case K::OrderStockChecked:
        w.field("ok", e.stockOk);
        w.key("short_skus");
        w.beginArray();
        if (!e.stockOk)
            w.value("s1");
        w.endArray();
        break;
    case K::OrderDispatched:
    case K::OrderReassigned:
        w.field("rider_id", e.riderId);
        w.key("eta");
        w.timestamp(e.etaMs);
        break;
    case K::OrderException: w.field("reason", e.reason.empty() ? std::string("delayed") : e.reason); break;
    case K::OrderReturnStarted:
    case K::OrderCancelled:
    case K::OrderClaimOpened:
        if (!e.reason.empty())
            w.field("reason", e.reason);
        break;
    case K::OrderClosed: w.field("outcome", e.reason.empty() ? std::string("returned") : e.reason); break;
    default: break; // released, restocked, signed: order_id is all they need
    }
}

} // namespace

std::string wireData(const core::Event &e)
{
    using K = core::EventKind;
    if (e.kind == K::GatewayStats || e.kind == K::SensorReading)
        return dataOfRaw(e.raw);
    std::string out;
    out.reserve(256);
    sim::JsonWriter w(out);
    w.beginObject();
    if (e.kind == K::RiderStatus) {
        w.field("rider_id", e.riderId);
        w.field("status", e.riderStatus);
        w.field("capacity", e.capacity);
        w.field("depot", e.riderDepot.empty() ? e.depot : e.riderDepot);
    } else if (e.kind == K::RiderPosition) {
        w.field("rider_id", e.riderId);
        w.field("lat", e.lat, 6);
        w.field("lng", e.lng, 6);
    } else {
        w.field("order_id", e.orderId);
        orderStepData(w, e);
    }
    w.endObject();
    return out;
}

void publish(feed::test::ScriptedGateway &gateway, const core::Event &event)
{
    gateway.publish(event.depot, std::string(core::typeName(event.kind)), wireData(event));
}

} // namespace opsdeck::bench
