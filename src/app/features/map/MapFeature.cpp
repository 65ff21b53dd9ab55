#include "MapFeature.h"

#include "FeedHealthHost.h"
#include "RiderHistoryHost.h"
#include "TileProvider.h"
#include "app/runtime/ConsoleRuntime.h"
#include "sdk/ConsoleContext.h"

namespace opsdeck::app {

MapFeature::MapFeature(const FeatureOptions &options)
    : m_recorders(PositionRecorder::withRetention(options.positionRetentionMs))
{
}

MapFeature::~MapFeature() = default;

void MapFeature::attachGui(const GuiAttach &gui)
{
    m_history = std::make_unique<RiderHistoryHost>(gui.runtime.storeWorker());
    gui.context.provide<sdk::RiderHistoryService>(m_history.get());
    m_feedHealth = std::make_unique<FeedHealthHost>(gui.runtime.feedStats());
    gui.context.provide<sdk::FeedHealthService>(m_feedHealth.get());
    if (const auto options = TileProvider::fromSettings(gui.settings); TileProvider::enabled(options)) {
        m_tiles = std::make_unique<TileProvider>(options);
        gui.context.provide<sdk::MapTileService>(m_tiles.get());
    }
}

} // namespace opsdeck::app
