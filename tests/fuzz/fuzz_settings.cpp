// The console's settings file (--settings, INI): what an operator edits by hand. Read as
// the console reads it at start: Qt's INI parser, then the logging rules it installs
// before anything logs, then every value as the plugins read theirs.
#include "FuzzInput.h"

#include "app/runtime/LoggingRules.h"

#include <QFile>
#include <QLoggingCategory>
#include <QSettings>

#include <string_view>
#include <QTemporaryDir>

using namespace opsdeck;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // QSettings turns an "@Variant(...)" value into a QVariant with QDataStream, which
    // allocates whatever length the file states (42 GB in one found input): a Qt behaviour
    // of files the operator writes, not input from the feed. Left out here; docs say so.
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    if (text.find("@Variant(") != std::string_view::npos)
        return 0;
    static QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("opsdeck.ini"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 0;
        file.write(reinterpret_cast<const char *>(data), static_cast<qint64>(size));
    }
    QSettings settings(path, QSettings::IniFormat);
    QLoggingCategory::setFilterRules(app::loggingRules(settings));
    for (const QString &key : settings.allKeys()) {
        const QVariant value = settings.value(key);
        (void)value.toString();
        (void)value.toStringList();
        (void)value.toByteArray();
        (void)value.toInt();
    }
    QLoggingCategory::setFilterRules(app::defaultLoggingRules());
    return 0;
}
