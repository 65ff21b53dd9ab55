#include "Playbook.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace opsdeck::core {

std::vector<Playbook> parsePlaybooks(const QByteArray &json, QStringList *errors)
{
    std::vector<Playbook> out;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        errors->append(QStringLiteral("not a JSON object: %1").arg(parseError.errorString()));
        return out;
    }
    const QJsonArray list = doc.object().value(QLatin1String("playbooks")).toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject o = list.at(i).toObject();
        Playbook p;
        p.name = o.value(QLatin1String("name")).toString().trimmed();
        p.description = o.value(QLatin1String("description")).toString();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString text = it.value().toString().trimmed();
            if (text.isEmpty())
                continue;
            if (it.key().startsWith(QLatin1String("name_")))
                p.names.insert(it.key().mid(5), text);
            else if (it.key().startsWith(QLatin1String("description_")))
                p.descriptions.insert(it.key().mid(12), text);
        }
        if (p.name.isEmpty()) {
            errors->append(QStringLiteral("playbook %1 has no name").arg(i + 1));
            continue;
        }
        QString problem;
        const QJsonArray controls = o.value(QLatin1String("controls")).toArray();
        if (controls.isEmpty())
            problem = QStringLiteral("no controls");
        for (const QJsonValue &v : controls) {
            QJsonObject args = v.toObject();
            const QString cmd = args.take(QLatin1String("cmd")).toString();
            ControlCommand c{cmd, args};
            if (!isIntakeCommand(cmd))
                problem = QStringLiteral("'%1' is not an intake control").arg(cmd);
            else if (const QString e = validateCommand(c); !e.isEmpty())
                problem = e;
            if (!problem.isEmpty())
                break;
            p.controls.push_back(std::move(c));
        }
        if (!problem.isEmpty()) {
            errors->append(QStringLiteral("playbook '%1' left out: %2").arg(p.name, problem));
            continue;
        }
        out.push_back(std::move(p));
    }
    return out;
}

QString playbookTitle(const Playbook &playbook, const QString &language)
{
    return playbook.names.value(language, playbook.name);
}

QString playbookText(const Playbook &playbook, const QString &language)
{
    return playbook.descriptions.value(language, playbook.description);
}

std::int64_t nextLocalTime(int hour, int minute, std::int64_t nowMs)
{
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs);
    QDateTime at(now.date(), QTime(hour, minute));
    if (at.toMSecsSinceEpoch() <= nowMs)
        at = QDateTime(now.date().addDays(1), QTime(hour, minute));
    return at.toMSecsSinceEpoch();
}

} // namespace opsdeck::core
