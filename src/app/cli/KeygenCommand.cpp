#include "KeygenCommand.h"

#include "app/runtime/CurveOptions.h"
#include "feed/curve/CurveKeys.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <cstdio>

namespace opsdeck::app {

int runKeygen(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("opsdeck::app::Keygen", "Write a CURVE key pair for the encrypted transport"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("keygen"), QString());
    const QCommandLineOption out(QStringLiteral("out"),
                                 QCoreApplication::translate("opsdeck::app::Keygen", "Directory (default: %1).")
                                     .arg(defaultCurveKeyDir()),
                                 QStringLiteral("dir"), defaultCurveKeyDir());
    const QCommandLineOption name(QStringLiteral("name"),
                                  QCoreApplication::translate("opsdeck::app::Keygen",
                                                              "File name without extension (console, gateway...)."),
                                  QStringLiteral("name"), QStringLiteral("console"));
    parser.addOptions({out, name});
    if (!parser.parse(app.arguments()) || parser.positionalArguments().size() != 1) {
        std::fprintf(stderr, "opsdeck keygen: %s\n",
                     qPrintable(parser.errorText().isEmpty() ? QStringLiteral("unexpected argument") : parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fprintf(stdout, "%s", qPrintable(parser.helpText()));
        return 0;
    }
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9_.-]{1,64}$"));
    if (!namePattern.match(parser.value(name)).hasMatch() || parser.value(name).startsWith(QLatin1Char('.'))) {
        std::fprintf(stderr, "opsdeck keygen: %s\n",
                     qPrintable(QCoreApplication::translate("opsdeck::app::Keygen",
                                                            "--name must be 1-64 letters, digits, '.', '_' or '-'")));
        return 2;
    }
    const QString base = QDir(parser.value(out)).filePath(parser.value(name));
    for (const QString &path : {base + QStringLiteral(".key"), base + QStringLiteral(".pub")}) {
        if (QFileInfo::exists(path)) {
            std::fprintf(stderr, "opsdeck keygen: %s\n",
                         qPrintable(QCoreApplication::translate("opsdeck::app::Keygen",
                                                                "%1 exists; not overwriting a key").arg(path)));
            return 1;
        }
    }
    const auto pair = feed::curve::generateKeyPair();
    QString error;
    if (!pair || !feed::curve::writeKeyPair(parser.value(out), parser.value(name), *pair, &error)) {
        std::fprintf(stderr, "opsdeck keygen: %s\n",
                     qPrintable(pair ? error : QCoreApplication::translate("opsdeck::app::Keygen",
                                                                           "this libzmq has no CURVE support")));
        return 1;
    }
    std::fprintf(stderr, "%s\n",
                 qPrintable(QCoreApplication::translate("opsdeck::app::Keygen", "wrote %1.key (secret) and %1.pub")
                                .arg(base)));
    std::fprintf(stdout, "%s\n", pair->publicKey.c_str()); // alone on stdout, for scripts
    return 0;
}

} // namespace opsdeck::app
