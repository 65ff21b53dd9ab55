#pragma once

#include "MapRecorders.h"
#include "app/features/Feature.h"

#include <memory>

namespace opsdeck::app {

class FeedHealthHost;
class RiderHistoryHost;
class TileProvider;

// The live map's records (rider positions for replay, geofence crossings: every
// assembly), and in the window the replay service and the optional raster tiles
// (settings map/tileUrlTemplate, map/tileCache, map/offlineMbtiles; without them the
// map is vector-only and needs no network).
class MapFeature final : public Feature
{
public:
    explicit MapFeature(const FeatureOptions &options);
    ~MapFeature() override;

    std::string_view name() const override { return "map"; }
    void assemble(ConsoleRuntime &runtime) override { m_recorders.install(runtime); }
    void attachGui(const GuiAttach &gui) override;

    const MapRecorders &recorders() const { return m_recorders; }

private:
    MapRecorders m_recorders;
    std::unique_ptr<RiderHistoryHost> m_history;
    std::unique_ptr<TileProvider> m_tiles;
    std::unique_ptr<FeedHealthHost> m_feedHealth; // degraded depots, marked on the map
};

} // namespace opsdeck::app
