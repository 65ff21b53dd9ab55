#include "CorruptFile.h"

#include "StoreLog.h"

#include <QFile>
#include <QFileInfo>

#include <utility>
#include <vector>

namespace opsdeck::store {

namespace {

// A name no file has yet: two corrupt files in the same second get -2, -3, ...
QString freeBaseName(const QString &dbPath, const QDateTime &now)
{
    const QString stamp = dbPath + QStringLiteral(".corrupt-") + now.toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString base = stamp;
    for (int n = 2; QFileInfo::exists(base) || QFileInfo::exists(base + QStringLiteral(".key")); ++n)
        base = stamp + QLatin1Char('-') + QString::number(n);
    return base;
}

} // namespace

std::optional<MovedAside> moveCorruptAside(const QString &dbPath, const QString &keyPath, const QDateTime &now,
                                           QString *error)
{
    const QString base = freeBaseName(dbPath, now);
    const std::pair<QString, QString> moves[] = {
        {dbPath, base},
        {dbPath + QStringLiteral("-wal"), base + QStringLiteral("-wal")},
        {dbPath + QStringLiteral("-shm"), base + QStringLiteral("-shm")},
        {keyPath, base + QStringLiteral(".key")},
    };
    std::vector<std::pair<QString, QString>> done;
    MovedAside moved{base, {}};
    for (const auto &[from, to] : moves) {
        if (!QFileInfo::exists(from))
            continue;
        if (!QFile::rename(from, to)) {
            if (error)
                *error = QStringLiteral("cannot rename %1 to %2").arg(from, to);
            for (auto it = done.rbegin(); it != done.rend(); ++it)
                QFile::rename(it->second, it->first);
            return std::nullopt;
        }
        done.emplace_back(from, to);
        moved.files << to;
    }
    qCWarning(lcStore).noquote() << "corrupt database moved aside:" << moved.files.join(QStringLiteral(", "));
    return moved;
}

} // namespace opsdeck::store
