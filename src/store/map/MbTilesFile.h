#pragma once

#include "store/db/Sqlite.h"

#include <optional>
#include <string>

namespace opsdeck::store {

// A raster tile file in MBTiles layout (tiles(zoom_level, tile_column, tile_row,
// tile_data) with TMS rows, plus metadata), used both as the download cache and as an
// offline map. One connection, used by one thread (the tile worker's).
class MbTilesFile final
{
public:
    // Creates the file and its tables unless readOnly. Throws StoreError.
    MbTilesFile(const std::string &path, bool readOnly);

    // XYZ addressing (y from the top, as in the URL); the TMS flip happens inside.
    std::optional<std::string> tile(int z, int x, int y);
    void put(int z, int x, int y, const std::string &bytes);
    std::int64_t tileCount();

private:
    Database m_db;
    bool m_readOnly;
};

} // namespace opsdeck::store
