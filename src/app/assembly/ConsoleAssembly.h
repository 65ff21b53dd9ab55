#pragma once

#include "app/features/Feature.h"
#include "app/runtime/ConsoleOptions.h"
#include "app/runtime/ConsoleRuntime.h"

#include <memory>
#include <string>
#include <vector>

namespace opsdeck::app {

// One console: the runtime (feed → core → store threads) with the one list of features
// (app/features/ConsoleFeatures) assembled into it. The window, --headless and every
// benchmark build the console through this class, so they write the same tables.
class ConsoleAssembly final
{
public:
    struct Options {
        RuntimeOptions runtime;
        FeatureOptions features;
        std::vector<std::string> onlyFeatures; // empty: every feature (profiling may narrow)
    };

    // The assembly of a console started from the command line: every feature, its GUI
    // parts only for the window. The features get the runtime's feed clock (the
    // constructor sets FeatureOptions::clockMs).
    static Options forConsole(const ConsoleOptions &options, bool withGui,
                              std::optional<core::access::Principal> viewer = std::nullopt);

    ConsoleAssembly(Options options, core::ConsoleCore::DeltaSink deltaSink);
    ~ConsoleAssembly(); // stops
    ConsoleAssembly(const ConsoleAssembly &) = delete;
    ConsoleAssembly &operator=(const ConsoleAssembly &) = delete;

    bool start(QString *error);
    // Window only, after start(): every feature provides its SDK services to `context`.
    void attachGui(sdk::ConsoleContext &context, QSettings &settings, const core::access::AccessGuard &access);
    // Features finish what is in flight, then the runtime stops in data-flow order.
    void stop();

    ConsoleRuntime &runtime() { return *m_runtime; }
    const ConsoleRuntime &runtime() const { return *m_runtime; }
    const std::vector<std::unique_ptr<Feature>> &features() const { return m_features; }

    template <typename T>
    T *feature() const
    {
        for (const auto &f : m_features)
            if (auto *t = dynamic_cast<T *>(f.get()))
                return t;
        return nullptr;
    }

private:
    // Declared before the runtime: destroyed after it, so every observer outlives the
    // core thread.
    std::vector<std::unique_ptr<Feature>> m_features;
    std::unique_ptr<ConsoleRuntime> m_runtime;
    bool m_stopped = false;
};

} // namespace opsdeck::app
