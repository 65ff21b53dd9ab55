// PluginHost against real plugin files: one fixture per failure mode. Good plugins load
// in dependency order; each broken one is reported with the right reason and skipped.
#include "app/shell/PluginHost.h"
#include "sdk/ConsoleContext.h"
#include "sdk/RolePlugin.h"

#include <QApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QWidget>
#include <QtTest>

#include <algorithm>

using opsdeck::app::PluginHost;
using opsdeck::app::PluginProblem;
using Kind = opsdeck::app::PluginProblem::Kind;
Q_DECLARE_METATYPE(opsdeck::app::PluginProblem::Kind)

namespace {

class FakeContext final : public opsdeck::sdk::ConsoleContext
{
public:
    QList<opsdeck::sdk::OrderRow> currentOrders() const override { return {}; }
    QList<opsdeck::sdk::RiderRow> currentRiders() const override { return {}; }
    QString role() const override { return QStringLiteral("dispatcher"); }
    QString userName() const override { return QStringLiteral("tester"); }
    bool maskPersonalData() const override { return true; }
};

QStringList loadedIds(const PluginHost &host)
{
    QStringList ids;
    for (const auto &p : host.plugins())
        ids << p.spec.id;
    return ids;
}

const PluginProblem *problemFor(const PluginHost &host, const QString &fileStem)
{
    for (const auto &p : host.problems()) {
        if (QFileInfo(p.file).completeBaseName() == fileStem)
            return &p;
    }
    return nullptr;
}

} // namespace

class TestPluginHost final : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        qApp->setProperty("opsdeck.fixture.initOrder", QStringList());
        qApp->setProperty("opsdeck.fixture.shutdownOrder", QStringList());
    }

    void goodPluginsLoadInDependencyOrder()
    {
        FakeContext context;
        PluginHost host({QStringLiteral(OPSDECK_FIXTURE_PLUGIN_DIR)});
        QSignalSpy loaded(&host, &PluginHost::pluginsLoaded);
        host.loadPlugins(&context);
        QCOMPARE(loaded.size(), 1);

        // alpha_dependent sorts first by id and by file, yet its dependency comes first.
        QCOMPARE(loadedIds(host), (QStringList{"zulu_base", "alpha_dependent", "merchant_only", "minimal_defaults"}));
        // init_fails ran initialize() (and refused); nothing else broken ran any code.
        // minimal_defaults has the SDK's initialize(), which records nothing.
        QCOMPARE(qApp->property("opsdeck.fixture.initOrder").toStringList(),
                 (QStringList{"zulu_base", "alpha_dependent", "init_fails", "merchant_only"}));
        QCOMPARE(host.plugins().at(0).spec.version, QVersionNumber(1, 2, 0));

        host.shutdown();
        host.shutdown(); // idempotent
        QCOMPARE(qApp->property("opsdeck.fixture.shutdownOrder").toStringList(),
                 (QStringList{"merchant_only", "alpha_dependent", "zulu_base"}));
    }

    void brokenPluginsAreReportedWithTheirReason_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("reasonContains");
        QTest::newRow("missing fields") << "fixture_bad_metadata_missing" << Kind::BadMetadata << "'name' is missing";
        QTest::newRow("missing version") << "fixture_bad_metadata_missing" << Kind::BadMetadata << "'version' is missing";
        QTest::newRow("wrong types") << "fixture_bad_metadata_types" << Kind::BadMetadata << "'sdkVersion' must be an integer";
        QTest::newRow("roles type") << "fixture_bad_metadata_types" << Kind::BadMetadata << "'roles' must be an array";
        QTest::newRow("dependency type") << "fixture_bad_metadata_types" << Kind::BadMetadata << "each dependency";
        QTest::newRow("missing dependency") << "fixture_missing_dependency" << Kind::MissingDependency << "'nowhere'";
        QTest::newRow("incompatible dependency")
            << "fixture_incompatible_dependency" << Kind::IncompatibleDependency << "version 1.2.0, version 2.0 is needed";
        QTest::newRow("wrong sdk") << "fixture_wrong_sdk" << Kind::SdkMismatch << "SDK version 99";
        QTest::newRow("wrong iid") << "fixture_wrong_iid" << Kind::WrongInterface << "org.opsdeck.RolePlugin/9.0";
        // A plugin built against SDK 2 is refused on its IID before its code runs; one whose
        // IID is current but whose metadata says 2 is refused on the version.
        QTest::newRow("sdk 2 plugin") << "fixture_sdk2_plugin" << Kind::WrongInterface
                                      << "implements 'org.opsdeck.RolePlugin/2.0', this console needs "
                                         "'org.opsdeck.RolePlugin/3.0'";
        QTest::newRow("sdk 2 metadata") << "fixture_sdk2_metadata" << Kind::SdkMismatch
                                        << "built for SDK version 2, this console provides version 3";
        QTest::newRow("cycle a") << "fixture_cycle_a" << Kind::DependencyCycle << "cycle_a -> cycle_b -> cycle_a";
        QTest::newRow("cycle b") << "fixture_cycle_b" << Kind::DependencyCycle << "cycle_a -> cycle_b -> cycle_a";
        QTest::newRow("on cycle") << "fixture_on_cycle" << Kind::DependencyFailed << "'cycle_a' cannot be loaded";
        QTest::newRow("duplicate") << "fixture_zz_duplicate" << Kind::DuplicateId << "fixture_zulu_base";
        QTest::newRow("init fails") << "fixture_init_fails" << Kind::InitializeFailed << "fixture refuses to start";
        QTest::newRow("on init fails") << "fixture_on_init_fails" << Kind::DependencyFailed << "'init_fails'";
    }

    void brokenPluginsAreReportedWithTheirReason()
    {
        QFETCH(QString, file);
        QFETCH(Kind, kind);
        QFETCH(QString, reasonContains);
        FakeContext context;
        PluginHost host({QStringLiteral(OPSDECK_FIXTURE_PLUGIN_DIR)});
        host.loadPlugins(&context);
        const PluginProblem *problem = problemFor(host, file);
        QVERIFY2(problem, qPrintable(file + " was not reported"));
        QCOMPARE(problem->kind, kind);
        QVERIFY2(problem->reason.contains(reasonContains), qPrintable(problem->reason));
        QVERIFY(!problem->file.isEmpty());
    }

    void everyBrokenPluginIsReportedExactlyOnceAndNeverLoaded()
    {
        FakeContext context;
        PluginHost host({QStringLiteral(OPSDECK_FIXTURE_PLUGIN_DIR)});
        host.loadPlugins(&context);
        QStringList reported;
        for (const auto &p : host.problems())
            reported << QFileInfo(p.file).completeBaseName();
        reported.sort();
        QCOMPARE(reported, (QStringList{"fixture_bad_metadata_missing", "fixture_bad_metadata_types",
                                        "fixture_cycle_a", "fixture_cycle_b", "fixture_incompatible_dependency",
                                        "fixture_init_fails", "fixture_missing_dependency", "fixture_on_cycle",
                                        "fixture_on_init_fails", "fixture_sdk2_metadata", "fixture_sdk2_plugin",
                                        "fixture_wrong_iid", "fixture_wrong_sdk", "fixture_zz_duplicate"}));
        // Only init_fails ran code (it had to, to fail in initialize()); dependents of a
        // failed plugin never start.
        const auto started = qApp->property("opsdeck.fixture.initOrder").toStringList();
        QVERIFY(!started.contains("on_init_fails"));
        QVERIFY(!started.contains("cycle_a"));
        QVERIFY(!started.contains("wrong_sdk"));
        QVERIFY(!started.contains("sdk2_plugin"));
        QVERIFY(!started.contains("sdk2_metadata"));
    }

    // A plugin that writes only createPanels() loads, makes its panels and shuts down on
    // the SDK's defaults.
    void pluginWithOnlyCreatePanelsUsesTheDefaults()
    {
        FakeContext context;
        PluginHost host({QStringLiteral(OPSDECK_FIXTURE_PLUGIN_DIR)});
        host.loadPlugins(&context);
        const auto &loaded = host.plugins();
        const auto it = std::find_if(loaded.cbegin(), loaded.cend(),
                                     [](const auto &p) { return p.spec.id == QLatin1String("minimal_defaults"); });
        QVERIFY(it != loaded.cend());
        QWidget parent;
        const QList<opsdeck::sdk::Panel> panels = it->plugin->createPanels(&context, &parent);
        QCOMPARE(panels.size(), 1);
        QCOMPARE(panels.at(0).widget->parent(), &parent);
        host.shutdown(); // the default aboutToShutdown(): nothing to release
        QCOMPARE(qApp->property("opsdeck.fixture.shutdownOrder").toStringList(),
                 (QStringList{"merchant_only", "alpha_dependent", "zulu_base"}));
    }

    void metadataIdIsKeptWhenTheRestIsBroken()
    {
        FakeContext context;
        PluginHost host({QStringLiteral(OPSDECK_FIXTURE_PLUGIN_DIR)});
        host.loadPlugins(&context);
        QCOMPARE(problemFor(host, "fixture_bad_metadata_missing")->id, QStringLiteral("bad_missing"));
        QCOMPARE(problemFor(host, "fixture_wrong_sdk")->id, QStringLiteral("wrong_sdk"));
        QCOMPARE(problemFor(host, "fixture_sdk2_metadata")->id, QStringLiteral("sdk2_metadata"));
    }

    void roleFilterSkipsOtherRolesButKeepsDependencies()
    {
        FakeContext context;
        PluginHost host({QStringLiteral(OPSDECK_FIXTURE_PLUGIN_DIR)});
        host.setRole(QStringLiteral("dispatcher"));
        host.loadPlugins(&context);
        QCOMPARE(loadedIds(host), (QStringList{"zulu_base", "alpha_dependent", "minimal_defaults"}));
        QStringList skipped;
        for (const auto &spec : host.skippedForRole())
            skipped << spec.id;
        QCOMPARE(skipped, QStringList{"merchant_only"});
    }

    void garbageFilesAndMissingDirectoriesAreNotFatal()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile garbage(dir.filePath("libgarbage.so"));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write("this is not an ELF file");
        garbage.close();
        QFile text(dir.filePath("README.txt")); // not a library name: ignored silently
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.close();

        FakeContext context;
        PluginHost host({dir.path(), dir.filePath("does-not-exist")});
        host.loadPlugins(&context);
        QCOMPARE(host.plugins().size(), 0);
        QCOMPARE(host.problems().size(), 1);
        QCOMPARE(host.problems().at(0).kind, Kind::NotAPlugin);
    }

    void realDispatcherPluginLoads()
    {
        FakeContext context;
        PluginHost host({QStringLiteral(OPSDECK_PLUGIN_DIR)});
        host.setRole(QStringLiteral("dispatcher")); // the console's plugin dir holds every role's plugins
        host.loadPlugins(&context);
        QCOMPARE(loadedIds(host), QStringList{"dispatcher"});
        QVERIFY(host.problems().isEmpty());
    }

    void defaultDirsHonourEnvironmentFirst()
    {
        qputenv("OPSDECK_PLUGIN_PATH", "/tmp/a:/tmp/b");
        const auto dirs = PluginHost::defaultPluginDirs();
        qunsetenv("OPSDECK_PLUGIN_PATH");
        QCOMPARE(dirs.size(), 3);
        QCOMPARE(dirs.at(0), QStringLiteral("/tmp/a"));
        QVERIFY(dirs.at(2).endsWith(QStringLiteral("lib/opsdeck/plugins")));
    }
};

QTEST_MAIN(TestPluginHost)
#include "tst_plugin_host.moc"
