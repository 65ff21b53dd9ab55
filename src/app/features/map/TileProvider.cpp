#include "TileProvider.h"

#include "store/map/MbTilesFile.h"
#include "store/db/StoreError.h"

#include <QNetworkReply>
#include <QSettings>

namespace opsdeck::app {

Q_LOGGING_CATEGORY(lcTiles, "opsdeck.app.tiles")

namespace {

// An unquoted comma in a hand-edited INI file makes QSettings return a string list, whose
// toString() is empty: "© OpenStreetMap contributors, CC-BY-SA" vanished from the map and a
// URL with a comma in its query turned downloads off. QSettings drops the blanks around
// each comma, so the caller says what to join with.
QString text(const QSettings &settings, const QString &key, QLatin1String separator)
{
    const QVariant v = settings.value(key);
    return v.typeId() == QMetaType::QStringList ? v.toStringList().join(separator) : v.toString();
}

} // namespace

TileProvider::Options TileProvider::fromSettings(const QSettings &settings)
{
    Options o;
    o.urlTemplate = text(settings, QStringLiteral("map/tileUrlTemplate"), QLatin1String(","));
    o.cachePath = text(settings, QStringLiteral("map/tileCache"), QLatin1String(","));
    o.offlinePath = text(settings, QStringLiteral("map/offlineMbtiles"), QLatin1String(","));
    o.attribution = text(settings, QStringLiteral("map/tileAttribution"), QLatin1String(", "));
    return o;
}

TileProvider::TileProvider(Options options, QObject *parent)
    : sdk::MapTileService(parent)
    , m_options(std::move(options))
{
    m_clock.start();
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    m_thread.setObjectName(QStringLiteral("tiles"));
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, [this] {
        // A file that cannot be opened turns that source off; the map still works.
        try {
            if (!m_options.offlinePath.isEmpty())
                m_offline = std::make_unique<store::MbTilesFile>(m_options.offlinePath.toStdString(), true);
        } catch (const store::StoreError &e) {
            qCWarning(lcTiles) << "offline tiles unusable:" << e.what();
        }
        try {
            if (!m_options.cachePath.isEmpty())
                m_cache = std::make_unique<store::MbTilesFile>(m_options.cachePath.toStdString(), false);
        } catch (const store::StoreError &e) {
            qCWarning(lcTiles) << "tile cache unusable:" << e.what();
        }
    });
}

TileProvider::~TileProvider()
{
    QMetaObject::invokeMethod(m_worker, [this] {
        m_cache.reset();
        m_offline.reset();
    }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

quint64 TileProvider::key(int z, int x, int y)
{
    return (quint64(z) << 58) | (quint64(x) << 29) | quint64(y);
}

void TileProvider::requestTile(int z, int x, int y)
{
    if (z < 0 || z > 22 || x < 0 || y < 0 || x >= (1 << z) || y >= (1 << z))
        return;
    const quint64 k = key(z, x, y);
    if (m_pending.contains(k))
        return;
    const auto failed = m_failedAt.constFind(k);
    if (failed != m_failedAt.cend() && nowMs() - *failed < m_options.retryAfterMs)
        return;
    m_pending.insert(k);
    QMetaObject::invokeMethod(m_worker, [this, z, x, y] {
        std::optional<std::string> bytes;
        try {
            if (m_offline)
                bytes = m_offline->tile(z, x, y);
            if (!bytes && m_cache)
                bytes = m_cache->tile(z, x, y);
        } catch (const store::StoreError &e) {
            qCWarning(lcTiles) << "tile read failed:" << e.what();
        }
        const QByteArray data = bytes ? QByteArray::fromStdString(*bytes) : QByteArray();
        QMetaObject::invokeMethod(this, [this, z, x, y, data] { lookedUp(z, x, y, data); }, Qt::QueuedConnection);
    });
}

void TileProvider::lookedUp(int z, int x, int y, const QByteArray &bytes)
{
    if (!bytes.isEmpty() && deliver(z, x, y, bytes)) {
        ++m_fromFiles;
        m_pending.remove(key(z, x, y));
        return;
    }
    download(z, x, y);
}

void TileProvider::download(int z, int x, int y)
{
    if (m_options.urlTemplate.isEmpty()) {
        fail(z, x, y);
        return;
    }
    QString url = m_options.urlTemplate;
    url.replace(QLatin1String("{z}"), QString::number(z))
        .replace(QLatin1String("{x}"), QString::number(x))
        .replace(QLatin1String("{y}"), QString::number(y));
    QNetworkRequest request{QUrl(url)};
    request.setTransferTimeout(m_options.timeoutMs); // 0 turns it off
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("OpsDeck/0.1 (operations console)"));
    QNetworkReply *reply = m_network.get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, z, x, y] {
        reply->deleteLater();
        const QByteArray bytes = reply->error() == QNetworkReply::NoError ? reply->readAll() : QByteArray();
        if (bytes.isEmpty() || !deliver(z, x, y, bytes)) {
            qCDebug(lcTiles) << "tile" << z << x << y << "failed:" << reply->errorString();
            fail(z, x, y);
            return;
        }
        ++m_downloaded;
        m_pending.remove(key(z, x, y));
        QMetaObject::invokeMethod(m_worker, [this, z, x, y, bytes] {
            try {
                if (m_cache)
                    m_cache->put(z, x, y, bytes.toStdString());
            } catch (const store::StoreError &e) {
                qCWarning(lcTiles) << "tile cache write failed:" << e.what();
            }
        });
    });
}

bool TileProvider::deliver(int z, int x, int y, const QByteArray &bytes)
{
    QImage image;
    if (!image.loadFromData(bytes) || image.isNull())
        return false; // not an image (an HTML error page, a truncated file): counted as a failure
    emit tileReady(z, x, y, image.convertToFormat(QImage::Format_ARGB32_Premultiplied));
    return true;
}

void TileProvider::fail(int z, int x, int y)
{
    ++m_failed;
    const quint64 k = key(z, x, y);
    m_pending.remove(k);
    m_failedAt.insert(k, nowMs());
}

qint64 TileProvider::nowMs() const
{
    return m_options.clockMs ? m_options.clockMs() : m_clock.elapsed();
}

} // namespace opsdeck::app
