// Raster tiles never hold the map up: with the tile server down or hanging the view
// paints its vector base at once; from a working server tiles arrive, are drawn and land
// in the MBTiles cache; later, offline, the same tiles come from that file. The options
// come from the settings file as a user writes it, and an offline file named there serves
// the map with no server at all.
#include "app/features/map/TileProvider.h"
#include "store/map/MbTilesFile.h"
#include "widgets/map/CityBaseMap.h"
#include "widgets/map/MapView.h"

#include <QBuffer>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace opsdeck;

namespace {

// A minimal HTTP/1.1 tile server on loopback: every GET gets a 256x256 PNG of one
// colour, or nothing at all when `hang` is set (a server that accepts and never answers).
class TileServer final : public QObject
{
public:
    explicit TileServer(bool hang)
        : m_hang(hang)
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    if (!s->readAll().contains("\r\n\r\n"))
                        return;
                    ++requests;
                    if (m_hang)
                        return;
                    QImage img(256, 256, QImage::Format_RGB32);
                    img.fill(QColor(200, 30, 160));
                    QByteArray png;
                    QBuffer buf(&png);
                    buf.open(QIODevice::WriteOnly);
                    img.save(&buf, "PNG");
                    s->write("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: " + QByteArray::number(png.size())
                             + "\r\nConnection: keep-alive\r\n\r\n" + png);
                });
            }
        });
    }
    QString urlTemplate() const { return QStringLiteral("http://127.0.0.1:%1/{z}/{x}/{y}.png").arg(m_server.serverPort()); }
    int requests = 0;

private:
    QTcpServer m_server;
    bool m_hang;
};

// Paints once. A paint never waits for a tile: it only asks for missing ones, and the
// answers come through the event loop, which painting does not run.
void paint(widgets::MapView &view)
{
    QImage target(view.size(), QImage::Format_ARGB32_Premultiplied);
    view.render(&target);
}

QColor centrePixel(widgets::MapView &view)
{
    return view.grab().toImage().pixelColor(view.width() / 2 + 37, view.height() / 2 + 41);
}

QByteArray png(const QColor &colour)
{
    QImage img(256, 256, QImage::Format_RGB32);
    img.fill(colour);
    QByteArray bytes;
    QBuffer buf(&bytes);
    buf.open(QIODevice::WriteOnly);
    img.save(&buf, "PNG");
    return bytes;
}

bool writeFile(const QString &path, const QString &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text.toUtf8()) > 0;
}

} // namespace

class TestMapTiles final : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    void setUp(widgets::MapView &view, sdk::MapTileService *tiles)
    {
        view.resize(640, 480);
        view.setBaseMap(widgets::CityBaseMap::builtIn());
        view.setZoom(13);
        view.setTileService(tiles);
        view.show();
    }

private slots:
    void serverDownLeavesTheVectorMap()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close(); // nothing listens there any more
        app::TileProvider::Options o;
        o.urlTemplate = QStringLiteral("http://127.0.0.1:%1/{z}/{x}/{y}.png").arg(port);
        o.cachePath = m_dir.filePath(QStringLiteral("down.mbtiles"));
        qint64 clockMs = 0;
        o.clockMs = [&clockMs] { return clockMs; };
        app::TileProvider tiles(o);
        widgets::MapView view;
        setUp(view, &tiles);
        const QColor vector = centrePixel(view);
        QVERIFY(tiles.pending() > 0); // asked for, and the paint did not wait for them
        QTRY_COMPARE(tiles.pending(), 0);
        QVERIFY(tiles.failed() > 0);
        QCOMPARE(view.cachedTiles(), 0);
        QCOMPARE(centrePixel(view), vector);
        // Failed tiles are not hammered: asked again within the pause, nothing is requested
        // (decided at once: nothing pending means nothing can fail later)...
        const qint64 failures = tiles.failed();
        const QPointF c = view.viewport().center;
        const int x = int(c.x() * 8192), y = int(c.y() * 8192);
        clockMs += o.retryAfterMs - 1;
        tiles.requestTile(13, x, y);
        QCOMPARE(tiles.pending(), 0);
        paint(view);
        QCOMPARE(tiles.pending(), 0);
        QCOMPARE(tiles.failed(), failures);
        // ...and once the pause is over, it is asked for (and fails) again.
        clockMs += 1;
        tiles.requestTile(13, x, y);
        QCOMPARE(tiles.pending(), 1);
        QTRY_COMPARE(tiles.failed(), failures + 1);
    }

    void slowServerNeverBlocksPainting()
    {
        TileServer hanging(true);
        app::TileProvider::Options o;
        o.urlTemplate = hanging.urlTemplate();
        o.timeoutMs = 0; // requests hang for as long as the test needs
        {
            app::TileProvider tiles(o);
            widgets::MapView view;
            setUp(view, &tiles);
            QTRY_VERIFY(hanging.requests > 0);
            const int asked = tiles.pending();
            QVERIFY(asked > 0);
            for (int i = 0; i < 5; ++i) {
                paint(view); // returns while the requests hang
                QCOMPARE(tiles.pending(), asked);
                QCOMPARE(tiles.failed(), 0);
            }
            QCOMPARE(view.cachedTiles(), 0);
        }
        // The transfer timeout ends hanging requests.
        o.timeoutMs = 700;
        app::TileProvider tiles(o);
        widgets::MapView view;
        setUp(view, &tiles);
        QTRY_VERIFY_WITH_TIMEOUT(tiles.failed() > 0, 10000);
        QCOMPARE(view.cachedTiles(), 0);
    }

    void tilesArriveAreCachedAndWorkOffline()
    {
        const QString cache = m_dir.filePath(QStringLiteral("cache.mbtiles"));
        {
            TileServer server(false);
            app::TileProvider::Options o;
            o.urlTemplate = server.urlTemplate();
            o.cachePath = cache;
            o.attribution = QStringLiteral("Tiles: test server");
            app::TileProvider tiles(o);
            widgets::MapView view;
            setUp(view, &tiles);
            paint(view);
            QTRY_VERIFY(view.cachedTiles() >= 4);
            QTRY_COMPARE(centrePixel(view), QColor(200, 30, 160));
            QVERIFY(tiles.downloaded() >= 4);
        } // provider gone: its thread has flushed the cache writes
        store::MbTilesFile file(cache.toStdString(), true);
        QVERIFY(file.tileCount() >= 4);

        // No server at all now: the cache file as an offline map.
        app::TileProvider::Options offline;
        offline.offlinePath = cache;
        app::TileProvider tiles(offline);
        widgets::MapView view;
        setUp(view, &tiles);
        paint(view);
        QTRY_VERIFY(view.cachedTiles() >= 4);
        QTRY_COMPARE(centrePixel(view), QColor(200, 30, 160));
        QVERIFY(tiles.servedFromFiles() >= 4);
        QCOMPARE(tiles.downloaded(), 0);
    }

    // The [map] section as docs/map.md tells a user to write it, commas and spaces included.
    void optionsFromAHandWrittenSettingsFile()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("opsdeck.ini"));
        const QString url = QStringLiteral("https://tiles.example.org/{z}/{x}/{y}.png?style=day,hd");
        const QString attribution = QStringLiteral("Map data \u00a9 OpenStreetMap contributors, CC-BY-SA");
        QVERIFY(writeFile(ini, QStringLiteral("[map]\ntileUrlTemplate=%1\ntileCache=%2\nofflineMbtiles=%3\n"
                                              "tileAttribution=%4\n")
                                   .arg(url, dir.filePath(QStringLiteral("cache.mbtiles")),
                                        dir.filePath(QStringLiteral("city offline.mbtiles")), attribution)));
        const QSettings settings(ini, QSettings::IniFormat);
        QCOMPARE(settings.status(), QSettings::NoError);
        const app::TileProvider::Options o = app::TileProvider::fromSettings(settings);
        QCOMPARE(o.urlTemplate, url);
        QCOMPARE(o.cachePath, dir.filePath(QStringLiteral("cache.mbtiles")));
        QCOMPARE(o.offlinePath, dir.filePath(QStringLiteral("city offline.mbtiles")));
        QCOMPARE(o.attribution, attribution);
        QVERIFY(app::TileProvider::enabled(o));
    }

    // Only a server or an offline file turns tiles on; a cache or an attribution alone
    // leaves the map vector-only (and offline: no network use at all).
    void enabledOnlyWithAServerOrAnOfflineFile()
    {
        QTemporaryDir dir;
        int n = 0;
        auto optionsOf = [&](const QVariantMap &values) {
            const QString ini = dir.filePath(QStringLiteral("s%1.ini").arg(++n));
            {
                QSettings writer(ini, QSettings::IniFormat);
                for (auto it = values.cbegin(); it != values.cend(); ++it)
                    writer.setValue(it.key(), it.value());
            } // written to the file here
            return app::TileProvider::fromSettings(QSettings(ini, QSettings::IniFormat));
        };
        const app::TileProvider::Options none = optionsOf({});
        QVERIFY(!app::TileProvider::enabled(none));
        QVERIFY(none.urlTemplate.isEmpty() && none.cachePath.isEmpty() && none.offlinePath.isEmpty());
        const app::TileProvider::Options cacheOnly = optionsOf(
            {{QStringLiteral("map/tileCache"), dir.filePath(QStringLiteral("c.mbtiles"))},
             {QStringLiteral("map/tileAttribution"), QStringLiteral("Tiles, somebody")}});
        QVERIFY(!app::TileProvider::enabled(cacheOnly));
        QCOMPARE(cacheOnly.attribution, QStringLiteral("Tiles, somebody")); // QSettings quotes what it writes
        QVERIFY(app::TileProvider::enabled(optionsOf({{QStringLiteral("map/offlineMbtiles"), dir.filePath(QStringLiteral("o.mbtiles"))}})));
        QVERIFY(app::TileProvider::enabled(optionsOf({{QStringLiteral("map/tileUrlTemplate"), QStringLiteral("http://127.0.0.1:1/{z}/{x}/{y}.png")}})));
        // Keys outside [map] are not read.
        QVERIFY(!app::TileProvider::enabled(optionsOf({{QStringLiteral("tileUrlTemplate"), QStringLiteral("http://127.0.0.1:1/{z}/{x}/{y}.png")}})));
    }

    // As main() does it: options from the settings file, a provider when enabled(), the map
    // drawn from the offline file it names, with no server configured.
    void offlineFileNamedInSettingsServesTheMap()
    {
        QTemporaryDir dir;
        const QString offline = dir.filePath(QStringLiteral("city.mbtiles"));
        const QColor green(20, 160, 90);
        widgets::MapView view;
        setUp(view, nullptr);
        {
            const QPointF c = view.viewport().center;
            store::MbTilesFile file(offline.toStdString(), false);
            for (int dy = -3; dy <= 3; ++dy)
                for (int dx = -3; dx <= 3; ++dx)
                    file.put(13, int(c.x() * 8192) + dx, int(c.y() * 8192) + dy, png(green).toStdString());
        }
        const QColor vector = centrePixel(view);
        QVERIFY(vector != green);
        const QString ini = dir.filePath(QStringLiteral("opsdeck.ini"));
        QVERIFY(writeFile(ini, QStringLiteral("[map]\nofflineMbtiles=%1\ntileAttribution=Offline city\n").arg(offline)));
        const app::TileProvider::Options o = app::TileProvider::fromSettings(QSettings(ini, QSettings::IniFormat));
        QVERIFY(app::TileProvider::enabled(o));
        app::TileProvider tiles(o);
        view.setTileService(&tiles);
        paint(view);
        QTRY_VERIFY_WITH_TIMEOUT(view.cachedTiles() >= 4, 10000);
        QTRY_COMPARE(centrePixel(view), green);
        QVERIFY(tiles.servedFromFiles() >= 4);
        QCOMPARE(tiles.downloaded(), 0);
        QCOMPARE(tiles.attribution(), QStringLiteral("Offline city"));
    }

    void garbageTilesAreFailuresNotImages()
    {
        const QString bad = m_dir.filePath(QStringLiteral("bad.mbtiles"));
        app::TileProvider::Options o;
        o.offlinePath = bad;
        widgets::MapView view;
        setUp(view, nullptr);
        {
            // An HTML error page stored where the tiles around the view's centre should be.
            const QPointF c = view.viewport().center;
            store::MbTilesFile file(bad.toStdString(), false);
            for (int dy = -3; dy <= 3; ++dy)
                for (int dx = -3; dx <= 3; ++dx)
                    file.put(13, int(c.x() * 8192) + dx, int(c.y() * 8192) + dy, "<html>not a tile</html>");
        }
        app::TileProvider tiles(o);
        view.setTileService(&tiles);
        paint(view);
        QTRY_VERIFY(tiles.failed() > 0);
        QCOMPARE(view.cachedTiles(), 0);
    }
};

QTEST_MAIN(TestMapTiles)
#include "tst_map_tiles.moc"
