#include "PluginSpec.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

namespace opsdeck::app {

namespace {

// Gives the free functions below a translation context lupdate understands.
class PluginSpecText
{
    Q_DECLARE_TR_FUNCTIONS(opsdeck::app::PluginSpec)
};

std::optional<QVersionNumber> parseVersion(const QJsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    const QString text = value.toString();
    qsizetype suffix = 0;
    const auto version = QVersionNumber::fromString(text, &suffix);
    if (version.isNull() || suffix != text.size())
        return std::nullopt;
    return version;
}

} // namespace

const char *toString(PluginProblem::Kind kind)
{
    switch (kind) {
    case PluginProblem::Kind::NotAPlugin: return "not_a_plugin";
    case PluginProblem::Kind::WrongInterface: return "wrong_interface";
    case PluginProblem::Kind::BadMetadata: return "bad_metadata";
    case PluginProblem::Kind::SdkMismatch: return "sdk_mismatch";
    case PluginProblem::Kind::DuplicateId: return "duplicate_id";
    case PluginProblem::Kind::MissingDependency: return "missing_dependency";
    case PluginProblem::Kind::IncompatibleDependency: return "incompatible_dependency";
    case PluginProblem::Kind::DependencyCycle: return "dependency_cycle";
    case PluginProblem::Kind::DependencyFailed: return "dependency_failed";
    case PluginProblem::Kind::LoadFailed: return "load_failed";
    case PluginProblem::Kind::InitializeFailed: return "initialize_failed";
    }
    return "unknown";
}

bool isCompatibleVersion(const QVersionNumber &provided, const QVersionNumber &required)
{
    return provided.majorVersion() == required.majorVersion() && provided >= required;
}

std::optional<PluginSpec> parsePluginMetadata(const QJsonObject &metaData, const QString &file, QString *error)
{
    QStringList errors;
    PluginSpec spec;
    spec.file = file;

    static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9_.-]+$"));
    const QJsonValue id = metaData.value(QLatin1String("id"));
    if (id.isUndefined())
        errors << PluginSpecText::tr("'id' is missing");
    else if (!id.isString() || !idPattern.match(id.toString()).hasMatch())
        errors << PluginSpecText::tr("'id' must be a non-empty string of letters, digits, '.', '_' or '-'");
    else
        spec.id = id.toString();

    const QJsonValue name = metaData.value(QLatin1String("name"));
    if (name.isUndefined())
        errors << PluginSpecText::tr("'name' is missing");
    else if (!name.isString() || name.toString().trimmed().isEmpty())
        errors << PluginSpecText::tr("'name' must be a non-empty string");
    else
        spec.name = name.toString();

    const QJsonValue version = metaData.value(QLatin1String("version"));
    if (version.isUndefined())
        errors << PluginSpecText::tr("'version' is missing");
    else if (const auto v = parseVersion(version))
        spec.version = *v;
    else
        errors << PluginSpecText::tr("'version' must be a string like \"1.2.0\"");

    const QJsonValue sdk = metaData.value(QLatin1String("sdkVersion"));
    if (sdk.isUndefined())
        errors << PluginSpecText::tr("'sdkVersion' is missing");
    else if (!sdk.isDouble() || std::trunc(sdk.toDouble()) != sdk.toDouble())
        errors << PluginSpecText::tr("'sdkVersion' must be an integer");
    else
        spec.sdkVersion = sdk.toInt();

    const QJsonValue roles = metaData.value(QLatin1String("roles"));
    if (roles.isUndefined()) {
        errors << PluginSpecText::tr("'roles' is missing");
    } else if (!roles.isArray()) {
        errors << PluginSpecText::tr("'roles' must be an array of strings");
    } else {
        for (const auto &role : roles.toArray()) {
            if (!role.isString() || role.toString().isEmpty()) {
                errors << PluginSpecText::tr("'roles' must be an array of strings");
                break;
            }
            spec.roles << role.toString();
        }
    }

    const QJsonValue deps = metaData.value(QLatin1String("dependencies"));
    if (deps.isUndefined()) {
        errors << PluginSpecText::tr("'dependencies' is missing");
    } else if (!deps.isArray()) {
        errors << PluginSpecText::tr("'dependencies' must be an array");
    } else {
        for (const auto &dep : deps.toArray()) {
            const QJsonObject o = dep.toObject();
            const QJsonValue depId = o.value(QLatin1String("id"));
            const auto depVersion = parseVersion(o.value(QLatin1String("version")));
            if (!dep.isObject() || !depId.isString() || depId.toString().isEmpty() || !depVersion) {
                errors << PluginSpecText::tr("each dependency must be {\"id\": string, \"version\": \"x.y\"}");
                break;
            }
            spec.dependencies.append({depId.toString(), *depVersion});
        }
    }

    if (!errors.isEmpty()) {
        if (error)
            *error = errors.join(QLatin1String("; "));
        return std::nullopt;
    }
    return spec;
}

} // namespace opsdeck::app
