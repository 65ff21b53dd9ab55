#pragma once

#include "core/access/Permission.h"

#include <optional>

#include "IntakeStats.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <string>
#include <vector>

namespace opsdeck::core {

// A control command of protocol.md ("Control") before it gets an id and a sender:
// the command name and its arguments, typed as the gateway expects them.
struct ControlCommand {
    QString cmd;
    QJsonObject args;

    bool operator==(const ControlCommand &) const = default;
};

// The commands the console knows, and whether they change intake policy.
const QStringList &knownCommands();
bool isIntakeCommand(const QString &cmd);

// "scope=depot:BJ-CY-01 per_min=50 burst=10" → typed arguments. per_min, burst and share
// become numbers; a key given twice, a missing '=', an unknown key or a value that is
// not the right type is an error (message in *error), never guessed.
std::optional<ControlCommand> parseKeyValues(const QString &cmd, const QStringList &pairs, QString *error);

// Checks a command's arguments (required keys, types, ranges). Empty when fine.
QString validateCommand(const ControlCommand &command);

// The permission a command needs (core/access/AccessPolicy: the one role -> permission
// table); nullopt for ping (every role) and for unknown commands (refused by validation).
std::optional<access::Permission> commandPermission(const QString &cmd);
// roleHas(role, commandPermission(cmd)); ping: every role.
bool roleMayIssue(const QString &role, const QString &cmd);

// The one-frame request: {"id":..,"cmd":..,"by":{"user":..,"role":..}, args...}.
std::string requestJson(const ControlCommand &command, const std::string &id, const QString &user, const QString &role);

// The state the command touches, read from the board (for the audit's before/after).
// Null for commands that do not touch intake policy.
QJsonValue touchedState(const ControlCommand &command, const std::vector<DepotIntake> &board);

// True once the board shows the command's effect (e.g. the limit with the new per_min).
// Commands without a visible intake effect (ping, order commands) return true.
bool effectVisible(const ControlCommand &command, const std::vector<DepotIntake> &board);

// The command that restores `before` (a touchedState() value): set_rate_limit back to
// the old values or clear_rate_limit, set_breaker back to the old mode, divert back or
// clear_divert. nullopt when there is nothing to restore from.
std::optional<ControlCommand> restoringCommand(const ControlCommand &command, const QJsonValue &before);

// What a command acts on, so a later command on the same thing can be recognised:
// "limit|depot:X", "breaker|global", "divert|BJ-CY-01"; empty for other commands.
std::string controlTarget(const ControlCommand &command);

} // namespace opsdeck::core
