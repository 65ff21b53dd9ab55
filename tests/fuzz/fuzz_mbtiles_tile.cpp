// An MBTiles tile as the map's tile worker reads it: the blob stored in the tile cache
// read back and decoded into the image the map draws. An input that is itself an SQLite
// file is opened as an offline .mbtiles file (a user's file, possibly corrupt).
#include "FuzzInput.h"

#include "store/db/StoreError.h"
#include "store/map/MbTilesFile.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>

#include <cstring>

using namespace opsdeck;

namespace {

void decode(const std::optional<std::string> &bytes)
{
    if (!bytes)
        return;
    QImage image;
    if (image.loadFromData(QByteArray::fromStdString(*bytes)) && !image.isNull())
        (void)image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
}

void offlineFile(const std::uint8_t *data, std::size_t size)
{
    static QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("offline.mbtiles"));
    QFile::remove(path);
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return;
        file.write(reinterpret_cast<const char *>(data), static_cast<qint64>(size));
    }
    try {
        store::MbTilesFile offline(path.toStdString(), true);
        for (int z = 0; z <= 2; ++z)
            decode(offline.tile(z, 0, 0));
        (void)offline.tileCount();
    } catch (const store::StoreError &) {
        // Unusable file: the tile worker turns that source off, as here.
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static constexpr char kSqliteMagic[] = "SQLite format 3";
    if (size >= sizeof kSqliteMagic && std::memcmp(data, kSqliteMagic, sizeof kSqliteMagic) == 0) {
        offlineFile(data, size);
        return 0;
    }
    // A fresh cache each time keeps memory flat over millions of inputs.
    store::MbTilesFile cache(":memory:", false);
    // Any tile address the map may ask for (requestTile keeps z within 0..22).
    const int z = static_cast<int>(size % 23);
    const int x = static_cast<int>(size % (std::size_t(1) << z));
    const int y = static_cast<int>((size / 7) % (std::size_t(1) << z));
    cache.put(z, x, y, std::string(fuzz::view(data, size)));
    decode(cache.tile(z, x, y));
    return 0;
}
