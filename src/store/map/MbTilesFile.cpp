#include "MbTilesFile.h"

#include <sqlite3.h>

namespace opsdeck::store {

namespace {
int tmsRow(int z, int y)
{
    return (1 << z) - 1 - y;
}
} // namespace

MbTilesFile::MbTilesFile(const std::string &path, bool readOnly)
    : m_db(path, readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE))
    , m_readOnly(readOnly)
{
    if (readOnly)
        return;
    m_db.exec("PRAGMA journal_mode=WAL");
    m_db.exec("CREATE TABLE IF NOT EXISTS metadata (name TEXT PRIMARY KEY, value TEXT)");
    m_db.exec("CREATE TABLE IF NOT EXISTS tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER,"
              " tile_data BLOB, PRIMARY KEY (zoom_level, tile_column, tile_row))");
    m_db.exec("INSERT OR IGNORE INTO metadata VALUES ('name', 'OpsDeck tile cache'), ('format', 'png'),"
              " ('type', 'baselayer'), ('version', '1')");
}

std::optional<std::string> MbTilesFile::tile(int z, int x, int y)
{
    Statement st = m_db.prepare("SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
                                true);
    st.bind(1, z).bind(2, x).bind(3, tmsRow(z, y));
    if (!st.step())
        return std::nullopt;
    return st.columnBlob(0);
}

void MbTilesFile::put(int z, int x, int y, const std::string &bytes)
{
    if (m_readOnly)
        return;
    Statement st = m_db.prepare("INSERT OR REPLACE INTO tiles VALUES (?1, ?2, ?3, ?4)", true);
    st.bind(1, z).bind(2, x).bind(3, tmsRow(z, y)).bindBlob(4, bytes);
    st.run();
}

std::int64_t MbTilesFile::tileCount()
{
    return m_db.queryInt("SELECT COUNT(*) FROM tiles");
}

} // namespace opsdeck::store
