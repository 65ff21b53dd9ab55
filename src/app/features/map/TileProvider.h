#pragma once

#include "sdk/MapTileService.h"

#include <QElapsedTimer>
#include <QHash>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QSet>
#include <QThread>

#include <functional>
#include <memory>

class QSettings;

namespace opsdeck::store {
class MbTilesFile;
}

namespace opsdeck::app {

Q_DECLARE_LOGGING_CATEGORY(lcTiles)

// Raster tiles for the live map: first an offline MBTiles file, then the download cache
// (MBTiles layout), then the XYZ server through QNetworkAccessManager. The two SQLite
// files are read and written on the provider's own thread; the GUI thread only starts
// requests and decodes finished images. A failed tile is not asked for again for a
// minute, so a server that is down costs one timeout per tile, not a stream of them.
class TileProvider final : public sdk::MapTileService
{
    Q_OBJECT
public:
    struct Options {
        QString urlTemplate;  // e.g. https://tile.example.org/{z}/{x}/{y}.png; empty: no downloads
        QString cachePath;    // MBTiles cache file written with downloads; empty: no cache
        QString offlinePath;  // read-only MBTiles file; empty: none
        QString attribution;  // shown on the map, required by most tile servers
        int timeoutMs = 8000; // 0: no transfer timeout
        int retryAfterMs = 60000;
        // Monotonic milliseconds for the retry pause (tests inject one); empty: a steady clock.
        std::function<qint64()> clockMs;
    };
    // Settings keys: map/tileUrlTemplate, map/tileCache, map/offlineMbtiles, map/tileAttribution.
    static Options fromSettings(const QSettings &settings);
    static bool enabled(const Options &options) { return !options.urlTemplate.isEmpty() || !options.offlinePath.isEmpty(); }

    explicit TileProvider(Options options, QObject *parent = nullptr);
    ~TileProvider() override;

    void requestTile(int z, int x, int y) override;
    QString attribution() const override { return m_options.attribution; }

    qint64 servedFromFiles() const { return m_fromFiles; }
    qint64 downloaded() const { return m_downloaded; }
    qint64 failed() const { return m_failed; }
    // Tiles asked for and not yet delivered or failed.
    int pending() const { return static_cast<int>(m_pending.size()); }

private:
    static quint64 key(int z, int x, int y);
    void lookedUp(int z, int x, int y, const QByteArray &bytes);
    void download(int z, int x, int y);
    void fail(int z, int x, int y);
    bool deliver(int z, int x, int y, const QByteArray &bytes);
    qint64 nowMs() const;

    Options m_options;
    QThread m_thread;
    QObject *m_worker = nullptr; // lives in m_thread; context for the file jobs
    std::unique_ptr<store::MbTilesFile> m_cache;   // touched only in m_thread
    std::unique_ptr<store::MbTilesFile> m_offline; // touched only in m_thread
    QNetworkAccessManager m_network;
    QSet<quint64> m_pending;
    QHash<quint64, qint64> m_failedAt;
    QElapsedTimer m_clock;
    qint64 m_fromFiles = 0;
    qint64 m_downloaded = 0;
    qint64 m_failed = 0;
};

} // namespace opsdeck::app
