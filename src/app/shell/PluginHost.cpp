#include "PluginHost.h"

#include "sdk/RolePlugin.h"

#include <QCoreApplication>
#include <QDir>
#include <QHash>
#include <QJsonObject>
#include <QLibrary>
#include <QPluginLoader>
#include <QSet>

#include <functional>

namespace opsdeck::app {

Q_LOGGING_CATEGORY(lcPlugins, "opsdeck.app.plugins")

namespace {

// Roots in id order so the load order does not depend on file names or hashing.
QList<int> rootsInIdOrder(const QList<const PluginSpec *> &specs, const QString &role)
{
    QList<int> roots;
    for (int i = 0; i < specs.size(); ++i) {
        const PluginSpec &spec = *specs[i];
        if (role.isEmpty() || spec.roles.isEmpty() || spec.roles.contains(role))
            roots.append(i);
    }
    std::sort(roots.begin(), roots.end(), [&specs](int a, int b) { return specs[a]->id < specs[b]->id; });
    return roots;
}

} // namespace

struct PluginHost::Candidate {
    std::unique_ptr<QPluginLoader> loader;
    PluginSpec spec;
};

PluginHost::PluginHost(QStringList pluginDirs, QObject *parent)
    : QObject(parent)
    , m_dirs(std::move(pluginDirs))
{
}

PluginHost::~PluginHost()
{
    shutdown();
}

QStringList PluginHost::defaultPluginDirs()
{
    QStringList dirs;
    const QString env = qEnvironmentVariable("OPSDECK_PLUGIN_PATH");
    for (const auto &dir : env.split(QLatin1Char(':'), Qt::SkipEmptyParts))
        dirs << QDir::cleanPath(dir);
    dirs << QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../lib/opsdeck/plugins"));
    return dirs;
}

void PluginHost::addProblem(const QString &file, const QString &id, PluginProblem::Kind kind, const QString &reason)
{
    qCWarning(lcPlugins).noquote() << "skipping plugin" << (id.isEmpty() ? file : id) << "(" << file
                                   << "):" << toString(kind) << "-" << reason;
    m_problems.append({file, id, kind, reason});
}

void PluginHost::loadPlugins(sdk::ConsoleContext *context)
{
    Q_ASSERT(context); // plugins rely on it (RolePlugin.h)
    scan();
    instantiate(resolveLoadOrder(), context);
    qCInfo(lcPlugins) << "loaded" << m_loaded.size() << "plugins," << m_problems.size() << "problems";
    emit pluginsLoaded();
}

// Reads metadata only: no plugin code runs here (metaData() does not call instance()).
void PluginHost::scan()
{
    QHash<QString, QString> fileOfId;
    for (const auto &dirPath : std::as_const(m_dirs)) {
        const QDir dir(dirPath);
        if (!dir.exists()) {
            qCInfo(lcPlugins) << "plugin directory does not exist:" << dirPath;
            continue;
        }
        const auto entries = dir.entryInfoList(QDir::Files | QDir::Readable, QDir::Name);
        for (const auto &entry : entries) {
            const QString file = entry.absoluteFilePath();
            if (!QLibrary::isLibrary(file))
                continue;
            auto loader = std::make_unique<QPluginLoader>(file);
            const QJsonObject meta = loader->metaData();
            if (meta.isEmpty()) {
                addProblem(file, {}, PluginProblem::Kind::NotAPlugin,
                           tr("not a Qt plugin: %1").arg(loader->errorString()));
                continue;
            }
            const QString iid = meta.value(QLatin1String("IID")).toString();
            if (iid != QLatin1String(sdk::kRolePluginIid)) {
                addProblem(file, {}, PluginProblem::Kind::WrongInterface,
                           tr("implements '%1', this console needs '%2'").arg(iid, QLatin1String(sdk::kRolePluginIid)));
                continue;
            }
            const QJsonValue ours = meta.value(QLatin1String("MetaData"));
            if (!ours.isObject()) {
                addProblem(file, {}, PluginProblem::Kind::BadMetadata,
                           tr("no metadata (Q_PLUGIN_METADATA without FILE?)"));
                continue;
            }
            QString error;
            auto spec = parsePluginMetadata(ours.toObject(), file, &error);
            if (!spec) {
                const QString id = ours.toObject().value(QLatin1String("id")).toString();
                addProblem(file, id, PluginProblem::Kind::BadMetadata, tr("bad metadata: %1").arg(error));
                continue;
            }
            if (spec->sdkVersion != sdk::kSdkVersion) {
                addProblem(file, spec->id, PluginProblem::Kind::SdkMismatch,
                           tr("built for SDK version %1, this console provides version %2")
                               .arg(spec->sdkVersion)
                               .arg(sdk::kSdkVersion));
                continue;
            }
            if (fileOfId.contains(spec->id)) {
                addProblem(file, spec->id, PluginProblem::Kind::DuplicateId,
                           tr("id '%1' is already provided by %2").arg(spec->id, fileOfId.value(spec->id)));
                continue;
            }
            fileOfId.insert(spec->id, file);
            m_candidates.push_back(std::make_unique<Candidate>(Candidate{std::move(loader), *spec}));
        }
    }
}

// Depth-first over dependencies: post-order is a valid load order, and meeting a plugin
// that is still on the stack is a cycle (every member of it is reported).
QList<int> PluginHost::resolveLoadOrder()
{
    QList<const PluginSpec *> specs; // by candidate index
    QHash<QString, int> byId;
    for (const auto &candidate : m_candidates) {
        byId.insert(candidate->spec.id, static_cast<int>(specs.size()));
        specs.append(&candidate->spec);
    }

    enum class Mark { Visiting, Ok, Failed };
    QHash<int, Mark> marks;
    QList<int> stack;
    QHash<int, QString> cycleOf; // candidate -> "a -> b -> a"
    QList<int> order;

    std::function<bool(int)> visit = [&](int i) -> bool {
        const auto seen = marks.constFind(i);
        if (seen != marks.constEnd()) {
            if (*seen == Mark::Visiting) {
                QStringList ids;
                const auto members = stack.mid(stack.indexOf(i));
                for (int m : members)
                    ids << specs[m]->id;
                ids << specs[i]->id;
                for (int m : members)
                    cycleOf.insert(m, ids.join(QLatin1String(" -> ")));
                return false;
            }
            return *seen == Mark::Ok;
        }
        marks.insert(i, Mark::Visiting);
        stack.append(i);
        const PluginSpec &spec = *specs[i];
        PluginProblem::Kind kind = PluginProblem::Kind::DependencyFailed;
        QStringList reasons;
        for (const auto &dep : spec.dependencies) {
            const int d = byId.value(dep.id, -1);
            if (d < 0) {
                kind = PluginProblem::Kind::MissingDependency;
                reasons << tr("missing dependency '%1' (version %2)").arg(dep.id, dep.version.toString());
                continue;
            }
            const auto &provided = specs[d]->version;
            if (!isCompatibleVersion(provided, dep.version)) {
                kind = PluginProblem::Kind::IncompatibleDependency;
                reasons << tr("dependency '%1' is version %2, version %3 is needed")
                               .arg(dep.id, provided.toString(), dep.version.toString());
                continue;
            }
            if (!visit(d) && !cycleOf.contains(i))
                reasons << tr("dependency '%1' cannot be loaded").arg(dep.id);
        }
        stack.removeLast();
        if (cycleOf.contains(i)) {
            kind = PluginProblem::Kind::DependencyCycle;
            reasons = QStringList{tr("dependency cycle: %1").arg(cycleOf.value(i))};
        }
        const bool ok = reasons.isEmpty();
        marks.insert(i, ok ? Mark::Ok : Mark::Failed);
        if (ok)
            order.append(i);
        else
            addProblem(spec.file, spec.id, kind, reasons.join(QLatin1String("; ")));
        return ok;
    };

    for (int i : rootsInIdOrder(specs, m_role))
        visit(i);

    for (int i = 0; i < specs.size(); ++i) {
        if (!marks.contains(i))
            m_skippedForRole.append(*specs[i]);
    }
    return order;
}

void PluginHost::instantiate(const QList<int> &order, sdk::ConsoleContext *context)
{
    QSet<QString> loadedIds;
    for (int i : order) {
        auto &candidate = *m_candidates[static_cast<std::size_t>(i)];
        const PluginSpec &spec = candidate.spec;
        // A dependency that passed the metadata checks can still fail to initialize.
        QString missing;
        for (const auto &dep : spec.dependencies) {
            if (!loadedIds.contains(dep.id)) {
                missing = dep.id;
                break;
            }
        }
        if (!missing.isEmpty()) {
            addProblem(spec.file, spec.id, PluginProblem::Kind::DependencyFailed,
                       tr("dependency '%1' cannot be loaded").arg(missing));
            continue;
        }
        QObject *instance = candidate.loader->instance();
        auto *plugin = qobject_cast<sdk::RolePlugin *>(instance);
        if (!plugin) {
            const QString why = instance ? tr("the plugin object does not implement RolePlugin")
                                         : candidate.loader->errorString();
            addProblem(spec.file, spec.id, PluginProblem::Kind::LoadFailed, tr("cannot load: %1").arg(why));
            candidate.loader->unload();
            continue;
        }
        QString error;
        if (!plugin->initialize(context, &error)) {
            addProblem(spec.file, spec.id, PluginProblem::Kind::InitializeFailed,
                       tr("initialization failed: %1").arg(error.isEmpty() ? tr("no reason given") : error));
            candidate.loader->unload();
            continue;
        }
        qCInfo(lcPlugins).noquote() << "loaded" << spec.id << spec.version.toString() << "from" << spec.file;
        loadedIds.insert(spec.id);
        m_loaded.append({spec, plugin});
    }
}

void PluginHost::shutdown()
{
    if (m_shutDown)
        return;
    m_shutDown = true;
    for (auto it = m_loaded.crbegin(); it != m_loaded.crend(); ++it) {
        qCInfo(lcPlugins).noquote() << "shutting down" << it->spec.id;
        it->plugin->aboutToShutdown();
    }
}

} // namespace opsdeck::app
