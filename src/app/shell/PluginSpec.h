#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVersionNumber>

#include <optional>

namespace opsdeck::app {

struct PluginDependency {
    QString id;
    QVersionNumber version; // the lowest compatible version needed
};

// What a plugin says about itself in its metadata JSON, checked and typed.
struct PluginSpec {
    QString file;
    QString id;
    QString name;
    QVersionNumber version;
    int sdkVersion = 0;
    QStringList roles; // empty: every role
    QList<PluginDependency> dependencies;
};

// Why a plugin was skipped. `kind` is for code and tests, `reason` for people.
struct PluginProblem {
    enum class Kind {
        NotAPlugin,             // no readable Qt plugin metadata
        WrongInterface,         // IID is not a RolePlugin this host knows
        BadMetadata,            // fields missing or of the wrong type
        SdkMismatch,            // built against another sdkVersion
        DuplicateId,            // another file already provides this id
        MissingDependency,
        IncompatibleDependency, // dependency present, version too old or other major
        DependencyCycle,
        DependencyFailed,       // a dependency was itself skipped
        LoadFailed,             // instance() failed or the object is no RolePlugin
        InitializeFailed,
    };
    QString file;
    QString id; // empty when the metadata did not say
    Kind kind = Kind::NotAPlugin;
    QString reason;
};

const char *toString(PluginProblem::Kind kind);

// Parses and type-checks the "MetaData" object of QPluginLoader::metaData() (our JSON
// file). On failure returns nullopt and every problem found, joined, in *error.
std::optional<PluginSpec> parsePluginMetadata(const QJsonObject &metaData, const QString &file, QString *error);

// A dependency needing `required` is satisfied by `provided` when both share the major
// version and provided is at least required (semantic versioning).
bool isCompatibleVersion(const QVersionNumber &provided, const QVersionNumber &required);

} // namespace opsdeck::app
