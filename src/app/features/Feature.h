#pragma once

#include "core/access/Permission.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

class QSettings;

namespace opsdeck::sdk {
class ConsoleContext;
}
namespace opsdeck::core::access {
class AccessGuard;
}

namespace opsdeck::app {

class ConsoleRuntime;

// What every feature is told when the console is assembled.
struct FeatureOptions {
    // The console's clock (ms since the epoch): the runtime's feed clock, set by
    // ConsoleAssembly (ConsoleRuntime::clock()); empty only outside an assembly: the wall
    // clock. Features judge feed time by it (alert ages, snoozes, timed controls) and
    // hand it to the GUI (ConsoleContext::nowMs()).
    std::function<std::int64_t()> clockMs;
    // True for the window: the feature will be asked to attachGui() after the start,
    // so it may prepare the GUI-side listeners that must exist before the first event.
    bool withGui = false;
    QString user;
    // Who looks at the window (the signed-in user): figures computed for the window (KPIs)
    // are cut to its scope. Empty (headless, benches): everything.
    std::optional<core::access::Principal> viewer;
    std::int64_t positionRetentionMs = 0; // rider position history kept (feed time); 0: a day
    std::int64_t eventRetentionMs = 0;    // event log kept (feed time); 0: 30 days
    std::int64_t personalRetentionMs = 0; // personal data kept (feed time); 0: 90 days
};

// The window's side of an assembly, after the runtime has started.
struct GuiAttach {
    ConsoleRuntime &runtime;
    sdk::ConsoleContext &context;
    QSettings &settings;
    // The console's one permission check: every action and read a feature provides to
    // the plugins goes through it.
    const core::access::AccessGuard &access;
};

// One feature of the console (board, map, alerts, KPIs, intake, ...). The same list of
// features is assembled by the window, --headless and every benchmark, so a database
// has the same tables however the console ran. A feature registers:
//  - in assemble(), before the runtime starts: its core observers and its store tables
//    and jobs (ConsoleRuntime::addAssembleHook, addBeforeStoreStopHook);
//  - in attachGui(), window only: the SDK services the plugins look up;
//  - in shutdown(), before the runtime stops: what it must finish (commands in flight).
// A feature is destroyed after the runtime has stopped, so its observers outlive the
// core thread.
class Feature
{
public:
    virtual ~Feature() = default;

    virtual std::string_view name() const = 0;
    virtual void assemble(ConsoleRuntime &runtime) = 0;
    virtual void attachGui(const GuiAttach &gui) { (void)gui; }
    virtual void shutdown() {}
};

} // namespace opsdeck::app
