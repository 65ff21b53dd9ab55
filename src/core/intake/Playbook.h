#pragma once

#include "ControlCommand.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace opsdeck::core {

// A storm playbook: a named set of intake controls applied in one action.
//   {"playbooks": [{"name": "Campus lunch storm", "description": "...",
//     "controls": [{"cmd": "set_rate_limit", "scope": "depot:BJ-CY-01", "per_min": 50, "burst": 10},
//                  {"cmd": "set_breaker", "scope": "merchant:M-CY-05", "mode": "forced_open"},
//                  {"cmd": "divert", "from": "BJ-CY-01", "to": "BJ-DC-03", "share": 0.3}]}]}
// "name" is the playbook's identity (applied runs, the audit trail, opsdeck ctl);
// "name_<language>" and "description_<language>" (e.g. "name_zh_CN") are what a user of
// that language reads, as alert rules carry "title_<language>".
struct Playbook {
    QString name;
    QString description;
    QHash<QString, QString> names;        // by language ("zh_CN")
    QHash<QString, QString> descriptions; // by language
    std::vector<ControlCommand> controls;
};

// The name and description in `language` ("zh_CN"), or the plain ones.
QString playbookTitle(const Playbook &playbook, const QString &language);
QString playbookText(const Playbook &playbook, const QString &language);

// A playbook with any control that is not a valid intake command is left out as a
// whole (a half-applied playbook is worse than none) and reported in *errors.
std::vector<Playbook> parsePlaybooks(const QByteArray &json, QStringList *errors);

// The next local wall-clock time hh:mm strictly after nowMs ("until 06:00").
std::int64_t nextLocalTime(int hour, int minute, std::int64_t nowMs);

} // namespace opsdeck::core
