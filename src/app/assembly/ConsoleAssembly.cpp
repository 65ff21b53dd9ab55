#include "ConsoleAssembly.h"

#include "app/features/ConsoleFeatures.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAssembly, "opsdeck.app.assembly")

namespace opsdeck::app {

ConsoleAssembly::Options ConsoleAssembly::forConsole(const ConsoleOptions &options, bool withGui,
                                                     std::optional<core::access::Principal> viewer)
{
    Options o;
    o.runtime = options.runtime;
    o.features.withGui = withGui;
    o.features.user = options.user;
    o.features.viewer = std::move(viewer);
    o.features.positionRetentionMs = options.positionRetentionMs;
    o.features.eventRetentionMs = options.eventRetentionMs;
    o.features.personalRetentionMs = options.personalRetentionMs;
    return o;
}

ConsoleAssembly::ConsoleAssembly(Options options, core::ConsoleCore::DeltaSink deltaSink)
{
    m_runtime = std::make_unique<ConsoleRuntime>(std::move(options.runtime), std::move(deltaSink));
    // Every feature judges time by the runtime's one clock, the feed's (FeedClock).
    options.features.clockMs = m_runtime->clock();
    m_features = consoleFeatures(options.features, options.onlyFeatures);
    for (const auto &f : m_features)
        f->assemble(*m_runtime);
}

ConsoleAssembly::~ConsoleAssembly()
{
    stop();
}

bool ConsoleAssembly::start(QString *error)
{
    m_stopped = false;
    if (!m_runtime->start(error))
        return false;
    QStringList names;
    for (const auto &f : m_features)
        names << QString::fromUtf8(f->name().data(), static_cast<qsizetype>(f->name().size()));
    qCInfo(lcAssembly) << "features:" << names.join(QLatin1Char(' '));
    return true;
}

void ConsoleAssembly::attachGui(sdk::ConsoleContext &context, QSettings &settings,
                                const core::access::AccessGuard &access)
{
    const GuiAttach gui{*m_runtime, context, settings, access};
    for (const auto &f : m_features)
        f->attachGui(gui);
}

void ConsoleAssembly::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    for (auto it = m_features.rbegin(); it != m_features.rend(); ++it)
        (*it)->shutdown();
    m_runtime->stop();
}

} // namespace opsdeck::app
