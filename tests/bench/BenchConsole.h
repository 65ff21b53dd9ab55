#pragma once

// The console the benchmarks measure, built as users run it: app::ConsoleAssembly with
// every feature of the one list, fed over real sockets by a scripted gateway (protocol.md,
// tests/feed/ScriptedGateway), writing a real encrypted SQLite file. The benches feed it
// events, never a hand-made StoreWorker or ConsoleCore.
#include "app/assembly/ConsoleAssembly.h"
#include "app/runtime/ConsoleBridge.h"
#include "core/model/Event.h"
#include "../access/TestAccess.h" // tests/bench is not on the tests/ include path

#include <QString>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

class QSettings;

namespace opsdeck::app {
class ConsoleContextAdapter;
}
namespace opsdeck::feed::test {
class ScriptedGateway;
}

namespace opsdeck::bench {

class BenchConsole final
{
public:
    struct Options {
        QString dbPath;
        // The window's GUI side: the plugins' ConsoleContext gets every feature's SDK
        // services (attachGui), as WindowConsole does, without plugins or main window.
        bool withGui = true;
        // The context also applies the core's deltas on the GUI thread (up to 30 a
        // second), as in the window. Off where a bench times GUI-thread work of its own
        // that would otherwise absorb a delta posted meanwhile.
        bool followDeltas = true;
    };

    BenchConsole(const feed::test::ScriptedGateway &gateway, Options options);
    ~BenchConsole(); // stop()
    BenchConsole(const BenchConsole &) = delete;
    BenchConsole &operator=(const BenchConsole &) = delete;

    bool start(QString *error);
    void stop();

    app::ConsoleAssembly &assembly() { return m_assembly; }
    app::ConsoleRuntime &runtime() { return m_assembly.runtime(); }
    template <typename T>
    T *feature() const
    {
        return m_assembly.feature<T>();
    }

    // Blocks until every store job posted so far has run (the start-up loads: the board's
    // search index over the orders in the file, alert and KPI tables). False on timeout.
    bool waitForStoreJobs(std::chrono::milliseconds timeout);

private:
    Options m_options;
    accesstest::TestAccess m_access{"bench", "dispatcher"}; // the permission check the services go through
    app::ConsoleBridge m_bridge;
    app::ConsoleAssembly m_assembly;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<app::ConsoleContextAdapter> m_context;
};

// Runs the GUI thread's event loop until `done` (polled every 20 ms) or the timeout: the
// console's queued signals keep being delivered while a bench waits for it.
bool waitFor(const std::function<bool()> &done, std::chrono::milliseconds timeout);

// The feed has joined: the console's first snapshot (the Clone pattern's join) is applied,
// so every event published from now on is applied in order.
bool waitForJoin(const app::ConsoleRuntime &runtime, std::chrono::milliseconds timeout);

// CPU seconds used so far by each thread of this process, by thread name (the console
// names its threads: opsdeck-feed, -core, -store; "main" is the GUI thread). Stays meaningful on a busy machine
// where wall-clock figures do not.
std::map<std::string, double> cpuSecondsByThread();
// One line: each thread's share of a core between the two readings, `seconds` apart.
void printThreadCpu(const std::map<std::string, double> &before, const std::map<std::string, double> &after,
                    double seconds);

// The `data` object of an event as a gateway sends it (protocol.md), for the order, rider,
// sensor and gateway.stats events the benches publish. Times are absolute (ms since the
// epoch); personal data is made up from the order id.
std::string wireData(const core::Event &event);

// Publishes `event` on the gateway's feed (its next seq for the depot; ts: now).
// Thread: the one that owns the gateway's feed socket.
void publish(feed::test::ScriptedGateway &gateway, const core::Event &event);

} // namespace opsdeck::bench
