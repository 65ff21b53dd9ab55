#include "ControlCommand.h"

#include "core/access/AccessPolicy.h"

#include <QJsonDocument>

#include <cmath>
#include <cstring>

namespace opsdeck::core {

namespace {

const QString kScope = QStringLiteral("scope");
const QString kPerMin = QStringLiteral("per_min");
const QString kBurst = QStringLiteral("burst");
const QString kMode = QStringLiteral("mode");
const QString kFrom = QStringLiteral("from");
const QString kTo = QStringLiteral("to");
const QString kShare = QStringLiteral("share");

// Keys each command accepts, numbers marked.
QStringList keysOf(const QString &cmd)
{
    if (cmd == QLatin1String("set_rate_limit"))
        return {kScope, kPerMin, kBurst};
    if (cmd == QLatin1String("clear_rate_limit"))
        return {kScope};
    if (cmd == QLatin1String("set_breaker"))
        return {kScope, kMode};
    if (cmd == QLatin1String("divert"))
        return {kFrom, kTo, kShare};
    if (cmd == QLatin1String("clear_divert"))
        return {kFrom};
    if (cmd == QLatin1String("reassign"))
        return {QStringLiteral("order_id"), QStringLiteral("rider_id")};
    if (cmd == QLatin1String("hold") || cmd == QLatin1String("release") || cmd == QLatin1String("cancel"))
        return {QStringLiteral("order_id"), QStringLiteral("reason")};
    return {};
}

bool isNumberKey(const QString &key)
{
    return key == kPerMin || key == kBurst || key == kShare;
}

bool validScopeSyntax(const QString &scope)
{
    if (scope == QLatin1String("global"))
        return true;
    for (const char *prefix : {"depot:", "merchant:"})
        if (scope.startsWith(QLatin1String(prefix)) && scope.size() > static_cast<qsizetype>(std::strlen(prefix)))
            return true;
    return false;
}

std::string str(const QJsonObject &o, const QString &key)
{
    return o.value(key).toString().toStdString();
}

bool near(double a, double b)
{
    return std::abs(a - b) < 0.051; // the gateway reports per_min and burst with one decimal
}

} // namespace

const QStringList &knownCommands()
{
    static const QStringList kCommands = {
        QStringLiteral("ping"),   QStringLiteral("set_rate_limit"), QStringLiteral("clear_rate_limit"),
        QStringLiteral("set_breaker"), QStringLiteral("divert"),   QStringLiteral("clear_divert"),
        QStringLiteral("reassign"), QStringLiteral("hold"),        QStringLiteral("release"),
        QStringLiteral("cancel")};
    return kCommands;
}

bool isIntakeCommand(const QString &cmd)
{
    return cmd == QLatin1String("set_rate_limit") || cmd == QLatin1String("clear_rate_limit")
        || cmd == QLatin1String("set_breaker") || cmd == QLatin1String("divert") || cmd == QLatin1String("clear_divert");
}

std::optional<ControlCommand> parseKeyValues(const QString &cmd, const QStringList &pairs, QString *error)
{
    if (!knownCommands().contains(cmd)) {
        *error = QStringLiteral("unknown command '%1'").arg(cmd);
        return std::nullopt;
    }
    const QStringList allowed = keysOf(cmd);
    ControlCommand c{cmd, {}};
    for (const QString &pair : pairs) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            *error = QStringLiteral("'%1' is not key=value").arg(pair);
            return std::nullopt;
        }
        const QString key = pair.left(eq);
        const QString value = pair.mid(eq + 1);
        if (!allowed.contains(key)) {
            *error = QStringLiteral("%1 takes no argument '%2'").arg(cmd, key);
            return std::nullopt;
        }
        if (c.args.contains(key)) {
            *error = QStringLiteral("'%1' given twice").arg(key);
            return std::nullopt;
        }
        if (isNumberKey(key)) {
            bool ok = false;
            const double number = value.toDouble(&ok);
            if (!ok || !std::isfinite(number)) {
                *error = QStringLiteral("%1 must be a number, not '%2'").arg(key, value);
                return std::nullopt;
            }
            c.args.insert(key, number);
        } else {
            c.args.insert(key, value);
        }
    }
    if (QString problem = validateCommand(c); !problem.isEmpty()) {
        *error = problem;
        return std::nullopt;
    }
    return c;
}

QString validateCommand(const ControlCommand &c)
{
    if (!knownCommands().contains(c.cmd))
        return QStringLiteral("unknown command '%1'").arg(c.cmd);
    const QStringList allowed = keysOf(c.cmd);
    for (auto it = c.args.begin(); it != c.args.end(); ++it) {
        if (!allowed.contains(it.key()))
            return QStringLiteral("%1 takes no argument '%2'").arg(c.cmd, it.key());
        if (isNumberKey(it.key()) != it.value().isDouble())
            return QStringLiteral("'%1' has the wrong type").arg(it.key());
    }
    const auto need = [&c](const QString &key) { return c.args.value(key).toString().isEmpty(); };
    if (c.args.contains(kScope) || c.cmd.contains(QLatin1String("rate_limit")) || c.cmd == QLatin1String("set_breaker")) {
        if (!validScopeSyntax(c.args.value(kScope).toString()))
            return QStringLiteral("scope must be global, depot:<id> or merchant:<id>");
    }
    if (c.cmd == QLatin1String("set_rate_limit")) {
        const double perMin = c.args.value(kPerMin).toDouble(-1);
        if (!c.args.contains(kPerMin) || !(perMin > 0))
            return QStringLiteral("per_min must be a positive number");
        if (c.args.contains(kBurst) && c.args.value(kBurst).toDouble() < 1)
            return QStringLiteral("burst must be at least 1");
    } else if (c.cmd == QLatin1String("set_breaker")) {
        const QString mode = c.args.value(kMode).toString();
        if (mode != QLatin1String("auto") && mode != QLatin1String("forced_open") && mode != QLatin1String("forced_closed"))
            return QStringLiteral("mode must be auto, forced_open or forced_closed");
    } else if (c.cmd == QLatin1String("divert")) {
        if (need(kFrom) || need(kTo) || c.args.value(kFrom) == c.args.value(kTo))
            return QStringLiteral("from and to must be two different depots");
        const double share = c.args.value(kShare).toDouble(-1);
        if (!c.args.contains(kShare) || share < 0 || share > 1)
            return QStringLiteral("share must be a number in 0..1");
    } else if (c.cmd == QLatin1String("clear_divert")) {
        if (need(kFrom))
            return QStringLiteral("from is required");
    } else if (c.cmd == QLatin1String("reassign")) {
        if (need(QStringLiteral("order_id")) || need(QStringLiteral("rider_id")))
            return QStringLiteral("order_id and rider_id are required");
    } else if (c.cmd != QLatin1String("ping") && !isIntakeCommand(c.cmd)) {
        if (need(QStringLiteral("order_id")))
            return QStringLiteral("order_id is required");
    }
    return {};
}

std::optional<access::Permission> commandPermission(const QString &cmd)
{
    if (isIntakeCommand(cmd))
        return access::Permission::SetIntakeControls;
    if (cmd == QLatin1String("reassign"))
        return access::Permission::Reassign;
    if (cmd == QLatin1String("hold") || cmd == QLatin1String("release"))
        return access::Permission::HoldRelease;
    if (cmd == QLatin1String("cancel"))
        return access::Permission::Cancel;
    return std::nullopt;
}

bool roleMayIssue(const QString &role, const QString &cmd)
{
    if (cmd == QLatin1String("ping"))
        return true; // a liveness probe: changes nothing, reveals nothing
    const auto permission = commandPermission(cmd);
    return permission && access::roleHas(role.toStdString(), *permission);
}

std::string requestJson(const ControlCommand &command, const std::string &id, const QString &user, const QString &role)
{
    QJsonObject o = command.args;
    o.insert(QStringLiteral("id"), QString::fromStdString(id));
    o.insert(QStringLiteral("cmd"), command.cmd);
    o.insert(QStringLiteral("by"), QJsonObject{{QStringLiteral("user"), user}, {QStringLiteral("role"), role}});
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

QJsonValue touchedState(const ControlCommand &c, const std::vector<DepotIntake> &board)
{
    if (c.cmd == QLatin1String("set_rate_limit") || c.cmd == QLatin1String("clear_rate_limit"))
        return limitState(board, str(c.args, kScope));
    if (c.cmd == QLatin1String("set_breaker"))
        return breakerState(board, str(c.args, kScope));
    if (c.cmd == QLatin1String("divert") || c.cmd == QLatin1String("clear_divert"))
        return diversionState(board, str(c.args, kFrom));
    return QJsonValue::Null;
}

bool effectVisible(const ControlCommand &c, const std::vector<DepotIntake> &board)
{
    if (!isIntakeCommand(c.cmd))
        return true;
    const QJsonObject now = touchedState(c, board).toObject();
    if (c.cmd == QLatin1String("set_rate_limit")) {
        const QJsonObject limit = now.value(QStringLiteral("limit")).toObject();
        if (limit.isEmpty() || !near(limit.value(kPerMin).toDouble(), c.args.value(kPerMin).toDouble()))
            return false;
        return !c.args.contains(kBurst) || near(limit.value(kBurst).toDouble(), c.args.value(kBurst).toDouble());
    }
    if (c.cmd == QLatin1String("clear_rate_limit"))
        return now.value(QStringLiteral("limit")).isNull();
    if (c.cmd == QLatin1String("set_breaker"))
        return now.value(kMode) == c.args.value(kMode);
    if (c.cmd == QLatin1String("divert")) {
        const QJsonObject d = now.value(QStringLiteral("diversion")).toObject();
        return d.value(kTo) == c.args.value(kTo) && std::abs(d.value(kShare).toDouble() - c.args.value(kShare).toDouble()) < 0.001;
    }
    return now.value(QStringLiteral("diversion")).isNull(); // clear_divert
}

std::optional<ControlCommand> restoringCommand(const ControlCommand &c, const QJsonValue &beforeValue)
{
    const QJsonObject before = beforeValue.toObject();
    if (before.isEmpty())
        return std::nullopt;
    if (c.cmd == QLatin1String("set_rate_limit") || c.cmd == QLatin1String("clear_rate_limit")) {
        const QJsonValue scope = c.args.value(kScope);
        const QJsonObject limit = before.value(QStringLiteral("limit")).toObject();
        if (limit.isEmpty())
            return ControlCommand{QStringLiteral("clear_rate_limit"), {{kScope, scope}}};
        return ControlCommand{QStringLiteral("set_rate_limit"),
                              {{kScope, scope}, {kPerMin, limit.value(kPerMin)}, {kBurst, limit.value(kBurst)}}};
    }
    if (c.cmd == QLatin1String("set_breaker"))
        return ControlCommand{QStringLiteral("set_breaker"),
                              {{kScope, c.args.value(kScope)}, {kMode, before.value(kMode).toString(QStringLiteral("auto"))}}};
    if (c.cmd == QLatin1String("divert") || c.cmd == QLatin1String("clear_divert")) {
        const QJsonObject d = before.value(QStringLiteral("diversion")).toObject();
        if (d.isEmpty())
            return ControlCommand{QStringLiteral("clear_divert"), {{kFrom, c.args.value(kFrom)}}};
        return ControlCommand{QStringLiteral("divert"),
                              {{kFrom, c.args.value(kFrom)}, {kTo, d.value(kTo)}, {kShare, d.value(kShare)}}};
    }
    return std::nullopt;
}

std::string controlTarget(const ControlCommand &c)
{
    if (c.cmd == QLatin1String("set_rate_limit") || c.cmd == QLatin1String("clear_rate_limit"))
        return "limit|" + c.args.value(QStringLiteral("scope")).toString().toStdString();
    if (c.cmd == QLatin1String("set_breaker"))
        return "breaker|" + c.args.value(QStringLiteral("scope")).toString().toStdString();
    if (c.cmd == QLatin1String("divert") || c.cmd == QLatin1String("clear_divert"))
        return "divert|" + c.args.value(QStringLiteral("from")).toString().toStdString();
    return {};
}

} // namespace opsdeck::core
