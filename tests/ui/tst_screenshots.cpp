// The guide's screenshot script (tools/screenshots.sh, issue 20) as CI runs it: one role's
// shot from the real console, offscreen, on a seeded warm start with a short, slow replay
// (a console that sheds on a loaded machine makes the tool refuse the shot). The
// PNG must exist, have the screen's size and show a window (many colours across the
// board, not one flat fill): a script that silently writes nothing or a blank grab fails.
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

class TestScreenshots final : public QObject
{
    Q_OBJECT
private slots:
    void scriptTakesOneRolesShot()
    {
        QTemporaryDir out;
        QVERIFY(out.isValid());
        QProcess script;
        script.setProcessChannelMode(QProcess::ForwardedChannels);
        script.start(QStringLiteral("bash"),
                     {QStringLiteral(OPSDECK_SOURCE_DIR "/tools/screenshots.sh"), QStringLiteral("--build"),
                      QStringLiteral(OPSDECK_BUILD_DIR), QStringLiteral("--out"), out.path(),
                      QStringLiteral("--replay-minutes"), QStringLiteral("10"), QStringLiteral("--replay-rate"),
                      QStringLiteral("3000"), QStringLiteral("dispatcher-en")});
        QVERIFY(script.waitForFinished(150000));
        QCOMPARE(script.exitStatus(), QProcess::NormalExit);
        QCOMPARE(script.exitCode(), 0);

        const QString file = out.filePath(QStringLiteral("dispatcher-en.png"));
        QVERIFY2(QFile::exists(file), qPrintable(file));
        const QImage image(file);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(1920, 1080));
        // A blank grab is one colour (or a handful, a bare frame); the console shows cards,
        // text, a map and charts.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 200, qPrintable(QString::number(colours.size())));
    }
};

QTEST_GUILESS_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
