#include "ConsoleOptions.h"

#include "CurveOptions.h"
#include "store/db/KeyLocation.h"
#include "store/db/KeyVault.h"

#include "RetentionSettings.h"

#include <QCommandLineParser>
#include <QCoreApplication>
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

bool needsNoWindow(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        for (const char *flag : {"--help", "-h", "--help-all", "--version", "-v"})
            if (std::strcmp(argv[i], flag) == 0)
                return true;
        // Qt's own -platform picks a platform that may need no display (offscreen, vnc).
        if (std::strcmp(argv[i], "-platform") == 0)
            return false;
    }
    const bool display = !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
    return !display;
}

namespace {

// The console's options. QCommandLineOption has no default constructor, hence the
// aggregate built in one go.
struct OptionSet {
    QCommandLineOption feed, snapshot, control, depots, db, headless, duration, seed, riders, rate, timeScale, settings,
        lang, role, user, merchant, rebuildCorrupt, positionRetention, eventRetention, embeddedCurve, cold;
};

OptionSet consoleOptionSet()
{
    return OptionSet{
        .feed = QCommandLineOption(QStringLiteral("feed"),
                                   QObject::tr("Gateway feed endpoint (PUB). Without it an embedded gateway starts."),
                                   QStringLiteral("endpoint")),
        .snapshot = QCommandLineOption(QStringLiteral("snapshot"), QObject::tr("Gateway snapshot endpoint (ROUTER)."),
                                       QStringLiteral("endpoint")),
        .control = QCommandLineOption(QStringLiteral("control"), QObject::tr("Gateway control endpoint (ROUTER)."),
                                      QStringLiteral("endpoint")),
        .depots = QCommandLineOption(QStringLiteral("depot"), QObject::tr("Watch only this depot (repeatable)."),
                                     QStringLiteral("id")),
        .db = QCommandLineOption(QStringLiteral("db"), QObject::tr("SQLite database file."), QStringLiteral("path")),
        .headless = QCommandLineOption(QStringLiteral("headless"), QObject::tr("Ingest and persist without a window.")),
        .duration = QCommandLineOption(QStringLiteral("duration"), QObject::tr("Stop after this many seconds."),
                                       QStringLiteral("seconds")),
        .seed = QCommandLineOption(QStringLiteral("seed"), QObject::tr("Seed of the embedded gateway."),
                                   QStringLiteral("n"), QStringLiteral("1")),
        .riders = QCommandLineOption(QStringLiteral("riders"), QObject::tr("Riders in the embedded gateway."),
                                     QStringLiteral("n"), QStringLiteral("120")),
        .rate = QCommandLineOption(QStringLiteral("orders-per-min"), QObject::tr("Order intake of the embedded gateway."),
                                   QStringLiteral("n"), QStringLiteral("60")),
        .timeScale = QCommandLineOption(
            QStringLiteral("time-scale"),
            QObject::tr("Simulated seconds per second in the embedded gateway (demos, training)."), QStringLiteral("x"),
            QStringLiteral("1")),
        .settings = QCommandLineOption(QStringLiteral("settings"), QObject::tr("Settings file (INI)."),
                                       QStringLiteral("path")),
        .lang = QCommandLineOption(QStringLiteral("lang"), QObject::tr("User interface language (en, zh_CN)."),
                                   QStringLiteral("locale")),
        .role = QCommandLineOption(QStringLiteral("role"),
                                   QObject::tr("Role: dispatcher, customer_service, ops_manager, merchant, admin."),
                                   QStringLiteral("role"), QStringLiteral("dispatcher")),
        .user = QCommandLineOption(QStringLiteral("user"), QObject::tr("User name for the audit trail."),
                                   QStringLiteral("name")),
        .merchant = QCommandLineOption(QStringLiteral("merchant"),
                                       QObject::tr("The merchant whose orders a merchant user sees."),
                                       QStringLiteral("id")),
        .rebuildCorrupt = QCommandLineOption(
            QStringLiteral("rebuild-corrupt"),
            QObject::tr("If the database is corrupt, move it aside (with its key) and rebuild it from the gateway's "
                        "snapshot.")),
        .positionRetention = QCommandLineOption(
            QStringLiteral("position-retention"),
            QObject::tr("Keep rider position history for this many seconds of feed time (default: a day)."),
            QStringLiteral("seconds")),
        .eventRetention = QCommandLineOption(
            QStringLiteral("event-retention"),
            QObject::tr("Keep the event log for this many days of feed time (default: the settings file's, or 30)."),
            QStringLiteral("days")),
        .embeddedCurve = QCommandLineOption(
            QStringLiteral("embedded-curve"),
            QObject::tr("Encrypt the embedded gateway's sockets with CURVE (a key pair made for this run).")),
        .cold = QCommandLineOption(
            QStringLiteral("cold"),
            QObject::tr("Start the embedded gateway's day empty, instead of three hours in (riders out, orders in "
                        "every column, two hours of KPI history).")),
    };
}

// A remote gateway needs all three endpoints; the embedded one none of them.
bool readEndpoints(const QCommandLineParser &parser, const OptionSet &opt, ConsoleOptions &o, QString *error)
{
    o.runtime.feed = parser.value(opt.feed).toStdString();
    o.runtime.snapshot = parser.value(opt.snapshot).toStdString();
    o.runtime.control = parser.value(opt.control).toStdString();
    if (!o.runtime.feed.empty() && (o.runtime.snapshot.empty() || o.runtime.control.empty())) {
        *error = QObject::tr("--feed needs --snapshot and --control as well");
        return false;
    }
    if (o.runtime.feed.empty() && (!o.runtime.snapshot.empty() || !o.runtime.control.empty())) {
        *error = QObject::tr("--snapshot and --control need --feed");
        return false;
    }
    for (const QString &d : parser.values(opt.depots))
        o.runtime.depots.push_back(d.toStdString());
    return true;
}

// --duration and the embedded gateway's seed, riders, rate and time scale.
bool readNumbers(const QCommandLineParser &parser, const OptionSet &opt, ConsoleOptions &o, QString *error)
{
    bool ok = true;
    if (parser.isSet(opt.duration)) {
        o.durationSeconds = parser.value(opt.duration).toDouble(&ok);
        if (!ok || o.durationSeconds < 0) {
            *error = QObject::tr("--duration must be a number of seconds ≥ 0");
            return false;
        }
    }
    o.runtime.embeddedSeed = parser.value(opt.seed).toULongLong(&ok);
    if (!ok) {
        *error = QObject::tr("--seed must be a whole number");
        return false;
    }
    o.runtime.embeddedRiders = parser.value(opt.riders).toInt(&ok);
    if (!ok || o.runtime.embeddedRiders < 1) {
        *error = QObject::tr("--riders must be a whole number ≥ 1");
        return false;
    }
    o.runtime.embeddedOrdersPerMin = parser.value(opt.rate).toDouble(&ok);
    if (!ok || o.runtime.embeddedOrdersPerMin <= 0) {
        *error = QObject::tr("--orders-per-min must be a positive number");
        return false;
    }
    if (parser.isSet(opt.positionRetention)) {
        const double seconds = parser.value(opt.positionRetention).toDouble(&ok);
        if (!ok || seconds < 1) {
            *error = QObject::tr("--position-retention must be a number of seconds ≥ 1");
            return false;
        }
        o.positionRetentionMs = static_cast<std::int64_t>(seconds * 1000);
    }
    if (parser.isSet(opt.eventRetention)) {
        QString reason;
        const auto ms = parseEventRetentionDays(parser.value(opt.eventRetention), &reason);
        if (!ms) {
            *error = QStringLiteral("--event-retention: ") + reason;
            return false;
        }
        o.eventRetentionMs = *ms;
    }
    o.runtime.embeddedPrerollMs = parser.isSet(opt.cold) ? 0 : kWarmStartPrerollMs;
    o.runtime.embeddedReplayMs = parser.isSet(opt.cold) ? 0 : kWarmStartReplayMs;
    o.runtime.embeddedTimeScale = parser.value(opt.timeScale).toDouble(&ok);
    if (!ok || o.runtime.embeddedTimeScale <= 0 || o.runtime.embeddedTimeScale > 1000) {
        *error = QObject::tr("--time-scale must be a number above 0 and at most 1000");
        return false;
    }
    return true;
}

// Database, settings, language, role and user, with their defaults.
bool readSession(const QCommandLineParser &parser, const OptionSet &opt, ConsoleOptions &o, QString *error)
{
    o.runtime.dbPath = parser.value(opt.db);
    if (o.runtime.dbPath.isEmpty()) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir().mkpath(dir);
        o.runtime.dbPath = dir + QStringLiteral("/opsdeck.db");
    }
    o.runtime.keyDir = store::defaultKeyDir();
    o.runtime.keyVault = std::make_shared<store::KeyringKeyVault>();
    o.settingsPath = parser.value(opt.settings);
    o.locale = parser.value(opt.lang);
    o.role = parser.value(opt.role);
    static const QStringList kRoles = {QStringLiteral("dispatcher"), QStringLiteral("customer_service"),
                                       QStringLiteral("ops_manager"), QStringLiteral("merchant"),
                                       QStringLiteral("admin")};
    if (!kRoles.contains(o.role)) {
        *error = QObject::tr("unknown role: %1").arg(o.role);
        return false;
    }
    o.merchant = parser.value(opt.merchant);
    o.user = parser.value(opt.user);
    if (o.user.isEmpty())
        o.user = qEnvironmentVariable("USER", QStringLiteral("operator"));
    o.principal.user = o.user.toStdString();
    o.principal.role = o.role.toStdString();
    o.principal.demo = o.runtime.feed.empty(); // readEndpoints ran first
    return true;
}

} // namespace

std::optional<ConsoleOptions> parseConsoleOptions(const QStringList &arguments, QString *error, QString *helpText)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("OpsDeck operations console"));
    parser.addHelpOption();
    parser.addVersionOption();
    const OptionSet opt = consoleOptionSet();
    parser.addOptions({opt.feed, opt.snapshot, opt.control, opt.depots, opt.db, opt.headless, opt.duration, opt.seed,
                       opt.riders, opt.rate, opt.timeScale, opt.settings, opt.lang, opt.role, opt.user, opt.merchant,
                       opt.rebuildCorrupt, opt.positionRetention, opt.eventRetention, opt.embeddedCurve, opt.cold});
    const CurveOptionSet curve = curveOptionSet();
    parser.addOptions({curve.secret, curve.gatewayKey});

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
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-all"))) {
        *error = QString();
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        *error = QString();
        if (helpText)
            *helpText = QCoreApplication::applicationName() + QLatin1Char(' ') + QCoreApplication::applicationVersion()
                + QLatin1Char('\n');
        return std::nullopt;
    }

    ConsoleOptions o;
    o.headless = parser.isSet(opt.headless);
    o.runtime.rebuildCorrupt = parser.isSet(opt.rebuildCorrupt);
    if (!readEndpoints(parser, opt, o, error) || !readNumbers(parser, opt, o, error) || !readSession(parser, opt, o, error))
        return std::nullopt;
    const auto keys = readCurveOptions(parser, curve, error);
    if (!keys)
        return std::nullopt;
    o.runtime.curve = *keys;
    o.runtime.embeddedCurve = parser.isSet(opt.embeddedCurve);
    if (o.runtime.curve.enabled() && o.runtime.feed.empty()) {
        *error = QObject::tr("--gateway-key needs --feed (the embedded gateway takes --embedded-curve)");
        return std::nullopt;
    }
    return o;
}

} // namespace opsdeck::app
