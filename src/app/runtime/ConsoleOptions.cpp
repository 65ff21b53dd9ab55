#include "ConsoleOptions.h"

#include <QCommandLineParser>
#include <QDir>
#include <QStandardPaths>

#include <cstring>

namespace opsdeck::app {

bool wantsHeadless(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--headless") == 0)
            return true;
    }
    return false;
}

std::optional<ConsoleOptions> parseConsoleOptions(const QStringList &arguments, QString *error, QString *helpText)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("OpsDeck operations console"));
    parser.addHelpOption();
    const QCommandLineOption feed(QStringLiteral("feed"),
                                  QObject::tr("Gateway feed endpoint (PUB). Without it an embedded gateway starts."),
                                  QStringLiteral("endpoint"));
    const QCommandLineOption snapshot(QStringLiteral("snapshot"), QObject::tr("Gateway snapshot endpoint (ROUTER)."),
                                      QStringLiteral("endpoint"));
    const QCommandLineOption control(QStringLiteral("control"), QObject::tr("Gateway control endpoint (ROUTER)."),
                                     QStringLiteral("endpoint"));
    const QCommandLineOption depots(QStringLiteral("depot"), QObject::tr("Watch only this depot (repeatable)."),
                                    QStringLiteral("id"));
    const QCommandLineOption db(QStringLiteral("db"), QObject::tr("SQLite database file."), QStringLiteral("path"));
    const QCommandLineOption headless(QStringLiteral("headless"), QObject::tr("Ingest and persist without a window."));
    const QCommandLineOption duration(QStringLiteral("duration"), QObject::tr("Stop after this many seconds."),
                                      QStringLiteral("seconds"));
    const QCommandLineOption seed(QStringLiteral("seed"), QObject::tr("Seed of the embedded gateway."),
                                  QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption riders(QStringLiteral("riders"), QObject::tr("Riders in the embedded gateway."),
                                    QStringLiteral("n"), QStringLiteral("120"));
    const QCommandLineOption rate(QStringLiteral("orders-per-min"),
                                  QObject::tr("Order intake of the embedded gateway."), QStringLiteral("n"),
                                  QStringLiteral("60"));
    const QCommandLineOption timeScale(QStringLiteral("time-scale"),
                                       QObject::tr("Simulated seconds per second in the embedded gateway (demos, training)."),
                                       QStringLiteral("x"), QStringLiteral("1"));
    const QCommandLineOption settings(QStringLiteral("settings"), QObject::tr("Settings file (INI)."),
                                      QStringLiteral("path"));
    const QCommandLineOption lang(QStringLiteral("lang"), QObject::tr("User interface language (en, zh_CN)."),
                                  QStringLiteral("locale"));
    const QCommandLineOption role(QStringLiteral("role"),
                                  QObject::tr("Role: dispatcher, customer_service, ops_manager, merchant."),
                                  QStringLiteral("role"), QStringLiteral("dispatcher"));
    const QCommandLineOption user(QStringLiteral("user"), QObject::tr("User name for the audit trail."),
                                  QStringLiteral("name"));
    parser.addOptions({feed, snapshot, control, depots, db, headless, duration, seed, riders, rate, timeScale, settings,
                       lang, role, user});

    if (helpText)
        *helpText = parser.helpText();
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *error = QObject::tr("unexpected argument: %1").arg(parser.positionalArguments().constFirst());
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        *error = QString();
        return std::nullopt;
    }

    ConsoleOptions o;
    o.headless = parser.isSet(headless);
    o.runtime.feed = parser.value(feed).toStdString();
    o.runtime.snapshot = parser.value(snapshot).toStdString();
    o.runtime.control = parser.value(control).toStdString();
    if (!o.runtime.feed.empty() && (o.runtime.snapshot.empty() || o.runtime.control.empty())) {
        *error = QObject::tr("--feed needs --snapshot and --control as well");
        return std::nullopt;
    }
    if (o.runtime.feed.empty() && (!o.runtime.snapshot.empty() || !o.runtime.control.empty())) {
        *error = QObject::tr("--snapshot and --control need --feed");
        return std::nullopt;
    }
    for (const QString &d : parser.values(depots))
        o.runtime.depots.push_back(d.toStdString());

    bool ok = true;
    if (parser.isSet(duration)) {
        o.durationSeconds = parser.value(duration).toDouble(&ok);
        if (!ok || o.durationSeconds < 0) {
            *error = QObject::tr("--duration must be a number of seconds ≥ 0");
            return std::nullopt;
        }
    }
    o.runtime.embeddedSeed = parser.value(seed).toULongLong(&ok);
    if (!ok) {
        *error = QObject::tr("--seed must be a whole number");
        return std::nullopt;
    }
    o.runtime.embeddedRiders = parser.value(riders).toInt(&ok);
    if (!ok || o.runtime.embeddedRiders < 1) {
        *error = QObject::tr("--riders must be a whole number ≥ 1");
        return std::nullopt;
    }
    o.runtime.embeddedOrdersPerMin = parser.value(rate).toDouble(&ok);
    if (!ok || o.runtime.embeddedOrdersPerMin <= 0) {
        *error = QObject::tr("--orders-per-min must be a positive number");
        return std::nullopt;
    }
    o.runtime.embeddedTimeScale = parser.value(timeScale).toDouble(&ok);
    if (!ok || o.runtime.embeddedTimeScale <= 0 || o.runtime.embeddedTimeScale > 1000) {
        *error = QObject::tr("--time-scale must be a number above 0 and at most 1000");
        return std::nullopt;
    }
    o.runtime.dbPath = parser.value(db);
    if (o.runtime.dbPath.isEmpty()) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir().mkpath(dir);
        o.runtime.dbPath = dir + QStringLiteral("/opsdeck.db");
    }
    o.settingsPath = parser.value(settings);
    o.locale = parser.value(lang);
    o.role = parser.value(role);
    static const QStringList kRoles = {QStringLiteral("dispatcher"), QStringLiteral("customer_service"),
                                       QStringLiteral("ops_manager"), QStringLiteral("merchant")};
    if (!kRoles.contains(o.role)) {
        *error = QObject::tr("unknown role: %1").arg(o.role);
        return std::nullopt;
    }
    o.user = parser.value(user);
    if (o.user.isEmpty())
        o.user = qEnvironmentVariable("USER", QStringLiteral("operator"));
    return o;
}

} // namespace opsdeck::app
