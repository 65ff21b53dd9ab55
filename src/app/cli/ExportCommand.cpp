#include "ExportCommand.h"

#include "store/db/KeyVault.h"
#include "store/export/Exporter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <cstdio>

namespace opsdeck::app {

int runExport(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Export the console's database"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("export"), QString());
    parser.addPositionalArgument(QStringLiteral("table"), QObject::tr("orders, events or rejected"));
    const QCommandLineOption db(QStringLiteral("db"), QObject::tr("SQLite database file."), QStringLiteral("path"));
    const QCommandLineOption format(QStringLiteral("format"), QObject::tr("csv or jsonl"), QStringLiteral("format"),
                                    QStringLiteral("csv"));
    const QCommandLineOption pii(QStringLiteral("with-personal-data"),
                                 QObject::tr("Include unmasked customer names, phones and addresses."));
    parser.addOptions({db, format, pii});
    if (!parser.parse(app.arguments())) {
        std::fprintf(stderr, "opsdeck export: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fprintf(stdout, "%s", qPrintable(parser.helpText()));
        return 0;
    }
    const QStringList args = parser.positionalArguments();
    const auto table = args.size() == 2 ? store::exportTableFromName(args.at(1)) : std::nullopt;
    const auto fmt = store::exportFormatFromName(parser.value(format));
    if (!table || !fmt || !parser.isSet(db)) {
        std::fprintf(stderr, "usage: opsdeck export orders|events|rejected --db PATH --format csv|jsonl\n");
        return 2;
    }
    store::ExportOptions options;
    options.table = *table;
    options.format = *fmt;
    options.includePersonalData = parser.isSet(pii);
    options.keyVault = std::make_shared<store::KeyringKeyVault>();
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly)) {
        std::fprintf(stderr, "opsdeck export: cannot write to stdout\n");
        return 1;
    }
    const store::ExportResult result = store::Exporter(options).run(parser.value(db), out);
    out.flush();
    if (!result.ok) {
        std::fprintf(stderr, "opsdeck export: %s\n", qPrintable(result.error));
        return 1;
    }
    return 0;
}

} // namespace opsdeck::app
