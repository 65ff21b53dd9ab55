// The console's command line over SSH: no DISPLAY, no Wayland, no QT_QPA_PLATFORM. Every
// answer that is only text (help, version, a refused option) works and says something
// useful; before, anything but --help aborted in Qt with "could not connect to display".
#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

namespace {

struct Run {
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::CrashExit;
    QString out, err;
};

Run runWithoutDisplay(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QString::fromLatin1(name));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(OPSDECK_BINARY), arguments);
    Run run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitCode();
    run.status = process.exitStatus();
    run.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    run.err = QString::fromLocal8Bit(process.readAllStandardError());
    return run;
}

} // namespace

class TestCliNoDisplay final : public QObject
{
    Q_OBJECT

private slots:
    void textAnswersNeedNoDisplay_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stdoutHas");
        QTest::addColumn<QString>("stderrHas");
        QTest::newRow("help") << QStringList{"--help"} << 0 << "--headless" << "";
        QTest::newRow("help-all") << QStringList{"--help-all"} << 0 << "--headless" << "";
        QTest::newRow("version") << QStringList{"--version"} << 0 << "OpsDeck 0." << "";
        QTest::newRow("unknown option") << QStringList{"--bogus"} << 2 << "" << "bogus";
        QTest::newRow("bad role") << QStringList{"--role", "nobody"} << 2 << "" << "nobody";
        QTest::newRow("window without display") << QStringList{"--role", "dispatcher"} << 2 << ""
                                                << "--headless";
        QTest::newRow("export help") << QStringList{"export", "--help"} << 0 << "export" << "";
        QTest::newRow("ctl help") << QStringList{"ctl", "--help"} << 0 << "ctl" << "";
    }

    void textAnswersNeedNoDisplay()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, stdoutHas);
        QFETCH(QString, stderrHas);
        const Run run = runWithoutDisplay(arguments);
        QCOMPARE(run.status, QProcess::NormalExit);
        QVERIFY2(run.exitCode == exitCode, qPrintable(QStringLiteral("exit %1, stderr: %2").arg(run.exitCode).arg(run.err)));
        QVERIFY2(!run.err.contains(QStringLiteral("could not connect to display")), qPrintable(run.err));
        QVERIFY2(run.out.contains(stdoutHas), qPrintable(run.out));
        QVERIFY2(run.err.contains(stderrHas), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestCliNoDisplay)
#include "tst_cli_no_display.moc"
