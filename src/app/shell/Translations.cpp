#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QTranslator>

namespace opsdeck::app {

Q_LOGGING_CATEGORY(lcTranslations, "opsdeck.app.translations")

void installTranslations(QCoreApplication &app, const QString &locale)
{
    const QLocale target = locale.isEmpty() ? QLocale::system() : QLocale(locale);
    QLocale::setDefault(target);

    // Translators are children of the application: they live exactly as long as it does.
    auto *ours = new QTranslator(&app);
    if (ours->load(target, QStringLiteral("opsdeck"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        app.installTranslator(ours);
        qCInfo(lcTranslations) << "installed" << ours->filePath();
    } else {
        delete ours;
        if (target.language() != QLocale::English && target.language() != QLocale::C)
            qCInfo(lcTranslations) << "no console translation for" << target.name();
    }

    auto *qt = new QTranslator(&app);
    if (qt->load(target, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        app.installTranslator(qt);
    } else {
        delete qt;
    }
}

} // namespace opsdeck::app
