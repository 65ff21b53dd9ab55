// Retention settings (issue 16): the Settings → Data retention dialog round-trips through
// the settings file and refuses bad input with a visible reason; the command line's
// --event-retention refuses the same values and wins over the file; the status bar shows
// purging. Real widgets, offscreen.

#include "app/runtime/ConsoleOptions.h"
#include "app/runtime/RetentionSettings.h"
#include "app/shell/RetentionDialog.h"
#include "app/shell/RetentionStatusLabel.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace opsdeck;
using namespace opsdeck::app;

namespace {

class CollectingSink final : public core::audit::AuditSink
{
public:
    void append(core::audit::AuditRecord record) override { records.push_back(std::move(record)); }
    std::vector<core::audit::AuditRecord> records;
};

void typeInto(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

} // namespace

class TstRetentionSettings final : public QObject
{
    Q_OBJECT

private slots:
    void dialogRoundTripsThroughTheSettingsFile()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("opsdeck.ini"), QSettings::IniFormat);
        std::optional<RetentionSettings> applied;
        {
            RetentionDialog dialog(settings, [&applied](const RetentionSettings &r) { applied = r; });
            dialog.show();
            auto *days = dialog.findChild<QLineEdit *>("eventDaysEdit");
            auto *hours = dialog.findChild<QLineEdit *>("positionHoursEdit");
            QVERIFY(days && hours);
            QCOMPARE(days->text(), QStringLiteral("30")); // the defaults
            QCOMPARE(hours->text(), QStringLiteral("24"));
            typeInto(days, QStringLiteral("45"));
            typeInto(hours, QStringLiteral("6"));
            QVERIFY(dialog.problem().isEmpty());
            QTest::mouseClick(dialog.findChild<QDialogButtonBox *>("buttonBox")->button(QDialogButtonBox::Ok),
                              Qt::LeftButton);
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        QVERIFY(applied);
        QCOMPARE(applied->eventRetentionMs, 45 * RetentionSettings::kDayMs);
        QCOMPARE(applied->positionRetentionMs, 6 * RetentionSettings::kHourMs);

        QSettings reread(dir.filePath("opsdeck.ini"), QSettings::IniFormat);
        QCOMPARE(reread.value(kEventRetentionKey).toString(), QStringLiteral("45"));
        RetentionDialog again(reread, {});
        QCOMPARE(again.findChild<QLineEdit *>("eventDaysEdit")->text(), QStringLiteral("45"));
        QCOMPARE(again.findChild<QLineEdit *>("positionHoursEdit")->text(), QStringLiteral("6"));
    }

    // Issue 18: personal data has its own retention (default 90 days) in the same dialog.
    void personalDataRetentionIsSetInTheDialogAndTheFile()
    {
        CollectingSink audit;
        QTemporaryDir dir;
        QSettings settings(dir.filePath("opsdeck.ini"), QSettings::IniFormat);
        std::optional<RetentionSettings> applied;
        {
            const core::access::AccessGuard guard({"root", "admin", {}, {}, false}, audit, [] { return qint64(5); });
            RetentionDialog dialog(settings, [&applied](const RetentionSettings &r) { applied = r; },
                                   {&guard, &audit, [] { return qint64(6); }});
            dialog.show();
            auto *personal = dialog.findChild<QLineEdit *>("personalDaysEdit");
            QVERIFY(personal);
            QCOMPARE(personal->text(), QStringLiteral("90"));
            QPushButton *ok = dialog.findChild<QDialogButtonBox *>("buttonBox")->button(QDialogButtonBox::Ok);
            typeInto(personal, QStringLiteral("0"));
            QVERIFY(!ok->isEnabled());
            QVERIFY2(dialog.problem().contains(QStringLiteral("personal data")), qPrintable(dialog.problem()));
            // A fraction of a day would erase customers still being served.
            for (const char *bad : {"0.5", "0,5", "1.5", "0.9"}) {
                typeInto(personal, QLatin1String(bad));
                QVERIFY2(!ok->isEnabled(), bad);
            }
            typeInto(personal, QStringLiteral("30"));
            QVERIFY(ok->isEnabled());
            QTest::mouseClick(ok, Qt::LeftButton);
        }
        QVERIFY(applied);
        QCOMPARE(audit.records.size(), std::size_t(1)); // the change, on the trail
        QCOMPARE(audit.records[0].action, std::string("retention.personal_data"));
        QCOMPARE(audit.records[0].outcome, std::string("ok"));
        QCOMPARE(audit.records[0].user, std::string("root"));
        QVERIFY(audit.records[0].detailJson.find("\"to_days\":30") != std::string::npos);
        QCOMPARE(applied->personalRetentionMs, 30 * RetentionSettings::kDayMs);
        QCOMPARE(applied->eventRetentionMs, 30 * RetentionSettings::kDayMs); // the others kept
        QSettings reread(dir.filePath("opsdeck.ini"), QSettings::IniFormat);
        QCOMPARE(reread.value(kPersonalRetentionKey).toString(), QStringLiteral("30"));
        reread.setValue(kPersonalRetentionKey, QStringLiteral("forever"));
        QStringList problems;
        QCOMPARE(readRetentionSettings(reread, &problems).personalRetentionMs, 90 * RetentionSettings::kDayMs);
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.at(0).contains(QLatin1String(kPersonalRetentionKey)));
    }

    // Only erase_personal_data sets what the console erases: a dispatcher does not see the
    // field, and a change slipped into it is refused through the guard and audited.
    void personalDataRetentionNeedsErasePersonalData()
    {
        CollectingSink audit;
        QTemporaryDir dir;
        QSettings settings(dir.filePath("opsdeck.ini"), QSettings::IniFormat);
        std::optional<RetentionSettings> applied;
        const core::access::AccessGuard guard({"ana", "dispatcher", {}, {}, false}, audit, [] { return qint64(5); });
        RetentionDialog dialog(settings, [&applied](const RetentionSettings &r) { applied = r; },
                               {&guard, &audit, [] { return qint64(6); }});
        dialog.show();
        auto *personal = dialog.findChild<QLineEdit *>("personalDaysEdit");
        QVERIFY(personal && !personal->isVisible());
        personal->setText(QStringLiteral("1"));
        typeInto(dialog.findChild<QLineEdit *>("eventDaysEdit"), QStringLiteral("45"));
        QTest::mouseClick(dialog.findChild<QDialogButtonBox *>("buttonBox")->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
        QVERIFY(applied);
        QCOMPARE(applied->personalRetentionMs, 90 * RetentionSettings::kDayMs); // unchanged
        QCOMPARE(applied->eventRetentionMs, 45 * RetentionSettings::kDayMs);   // the rest saved
        QCOMPARE(settings.value(kPersonalRetentionKey).toString(), QStringLiteral("90"));
        QCOMPARE(audit.records.size(), std::size_t(1));
        QCOMPARE(audit.records[0].outcome, std::string("refused"));
        QCOMPARE(audit.records[0].action, std::string("retention.personal_data"));
        QCOMPARE(audit.records[0].user, std::string("ana"));
        // Without a guard there is no field to change at all.
        RetentionDialog noGuard(settings, {});
        QVERIFY(!noGuard.findChild<QLineEdit *>("personalDaysEdit")->isVisibleTo(&noGuard));
    }

    void dialogRefusesBadValuesWithAReason_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("text");
        QTest::newRow("word") << "eventDaysEdit" << "thirty";
        QTest::newRow("negative") << "eventDaysEdit" << "-3";
        QTest::newRow("zero") << "eventDaysEdit" << "0";
        QTest::newRow("absurd") << "eventDaysEdit" << "99999";
        QTest::newRow("empty") << "eventDaysEdit" << "";
        QTest::newRow("hours word") << "positionHoursEdit" << "1d";
        QTest::newRow("hours negative") << "positionHoursEdit" << "-24";
        QTest::newRow("hours absurd") << "positionHoursEdit" << "1e9";
    }

    void dialogRefusesBadValuesWithAReason()
    {
        QFETCH(QString, field);
        QFETCH(QString, text);
        QTemporaryDir dir;
        QSettings settings(dir.filePath("opsdeck.ini"), QSettings::IniFormat);
        bool applied = false;
        RetentionDialog dialog(settings, [&applied](const RetentionSettings &) { applied = true; });
        dialog.show();
        auto *edit = dialog.findChild<QLineEdit *>(field);
        typeInto(edit, text);
        QPushButton *ok = dialog.findChild<QDialogButtonBox *>("buttonBox")->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        auto *error = dialog.findChild<QLabel *>("errorLabel");
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(field == QLatin1String("eventDaysEdit") ? QStringLiteral("event log")
                                                                                : QStringLiteral("position history")),
                 qPrintable(error->text()));
        QTest::keyClick(edit, Qt::Key_Return); // Return does not slip past the check
        QVERIFY(!applied);
        QVERIFY(!settings.contains(kEventRetentionKey));
        typeInto(edit, QStringLiteral("12"));
        QVERIFY(ok->isEnabled());
        QVERIFY(!error->isVisible());
    }

    void badSettingsFileValueIsNamedAndTheDefaultUsed()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("opsdeck.ini"), QSettings::IniFormat);
        settings.setValue(kEventRetentionKey, QStringLiteral("-1"));
        settings.setValue(kPositionRetentionKey, QStringLiteral("many"));
        QStringList problems;
        const RetentionSettings r = readRetentionSettings(settings, &problems);
        QCOMPARE(r.eventRetentionMs, 30 * RetentionSettings::kDayMs);
        QCOMPARE(r.positionRetentionMs, 24 * RetentionSettings::kHourMs);
        QCOMPARE(problems.size(), 2);
        QVERIFY(problems.at(0).contains(QLatin1String(kEventRetentionKey)));
    }

    void commandLineRefusesBadValuesAndWinsOverTheFile()
    {
        for (const char *bad : {"abc", "-2", "0", "100000", "nan", "inf"}) {
            QString error;
            const auto o = parseConsoleOptions({"opsdeck", "--event-retention", bad}, &error, nullptr);
            QVERIFY2(!o, bad);
            QVERIFY2(error.contains(QLatin1String("--event-retention")), qPrintable(error));
        }
        QString error;
        auto o = parseConsoleOptions({"opsdeck", "--event-retention", "7"}, &error, nullptr);
        QVERIFY2(o, qPrintable(error));
        QCOMPARE(o->eventRetentionMs, 7 * RetentionSettings::kDayMs);

        QTemporaryDir dir;
        QSettings settings(dir.filePath("opsdeck.ini"), QSettings::IniFormat);
        settings.setValue(kEventRetentionKey, QStringLiteral("45"));
        settings.setValue(kPositionRetentionKey, QStringLiteral("2"));
        applyRetentionSettings(settings, *o, nullptr);
        QCOMPARE(o->eventRetentionMs, 7 * RetentionSettings::kDayMs); // the command line's
        QCOMPARE(o->positionRetentionMs, 2 * RetentionSettings::kHourMs); // the file's
        auto plain = parseConsoleOptions({"opsdeck"}, &error, nullptr);
        applyRetentionSettings(settings, *plain, nullptr);
        QCOMPARE(plain->eventRetentionMs, 45 * RetentionSettings::kDayMs);
    }

    void statusBarShowsPurging()
    {
        store::EventRetention::Progress progress;
        RetentionStatusLabel label([&progress] { return progress; });
        label.show();
        label.refresh();
        QVERIFY(!label.isVisible()); // nothing purged yet
        progress.running = true;
        progress.retentionMs = 30 * RetentionSettings::kDayMs;
        progress.removedThisPass = 12000;
        progress.removedTotal = 12000;
        label.refresh();
        QVERIFY(label.isVisible());
        QVERIFY2(label.text().contains(QStringLiteral("30 days")), qPrintable(label.text()));
        QVERIFY2(label.text().contains(QLocale().toString(12000)), qPrintable(label.text()));
        progress.running = false;
        label.refresh();
        QVERIFY(label.isVisible());
        QVERIFY(label.text().contains(QStringLiteral("purged")));
    }

    void statusBarShowsThePersonalDataPurge()
    {
        store::PersonalDataRetention::Progress personal;
        RetentionStatusLabel label({});
        label.setPersonalProgress([&personal] { return personal; });
        label.show();
        label.refresh();
        QVERIFY(!label.isVisible());
        personal.retentionMs = 90 * RetentionSettings::kDayMs;
        personal.rowsTotal = 42;
        label.refresh();
        QVERIFY(label.isVisible());
        QVERIFY2(label.text().contains(QStringLiteral("Personal data older than 90 days: 42 rows erased")),
                 qPrintable(label.text()));
    }
};

QTEST_MAIN(TstRetentionSettings)
#include "tst_retention_settings.moc"
