#include "CurveOptions.h"

#include "feed/curve/CurveKeys.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

namespace opsdeck::app {

QString defaultCurveKeyDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
        .filePath(QStringLiteral("OpsDeck/curve"));
}

CurveOptionSet curveOptionSet()
{
    return CurveOptionSet{
        .secret = QCommandLineOption(
            QStringLiteral("curve-secret"),
            QCoreApplication::translate("opsdeck::app::CurveOptions",
                                        "This console's CURVE secret key file (default: %1).")
                .arg(QDir(defaultCurveKeyDir()).filePath(QStringLiteral("console.key"))),
            QStringLiteral("file")),
        .gatewayKey = QCommandLineOption(
            QStringLiteral("gateway-key"),
            QCoreApplication::translate("opsdeck::app::CurveOptions",
                                        "The gateway's CURVE public key file: encrypt feed, snapshot and control."),
            QStringLiteral("file")),
    };
}

std::optional<feed::CurveKeys> readCurveOptions(const QCommandLineParser &parser, const CurveOptionSet &set,
                                                QString *error)
{
    if (!parser.isSet(set.gatewayKey)) {
        if (parser.isSet(set.secret)) {
            *error = QCoreApplication::translate("opsdeck::app::CurveOptions", "--curve-secret needs --gateway-key");
            return std::nullopt;
        }
        return feed::CurveKeys{};
    }
    const QString secretPath = parser.isSet(set.secret)
        ? parser.value(set.secret)
        : QDir(defaultCurveKeyDir()).filePath(QStringLiteral("console.key"));
    QString problem;
    const auto server = feed::curve::readKeyFile(parser.value(set.gatewayKey), &problem);
    const auto secret = server ? feed::curve::readKeyFile(secretPath, &problem) : std::nullopt;
    const auto ours = secret ? feed::curve::publicFromSecret(*secret) : std::nullopt;
    if (!server || !secret || !ours) {
        *error = QCoreApplication::translate("opsdeck::app::CurveOptions", "CURVE keys: %1").arg(problem);
        return std::nullopt;
    }
    return feed::CurveKeys{*server, *ours, *secret};
}

} // namespace opsdeck::app
