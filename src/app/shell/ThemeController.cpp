#include "ThemeController.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QEvent>
#include <QMenu>
#include <QMetaEnum>
#include <QSettings>
#include <QStyle>

namespace opsdeck::app {

Q_LOGGING_CATEGORY(lcTheme, "opsdeck.app.theme")

namespace {

const QString kThemeKey = QStringLiteral("ui/theme");

QString themeName(ThemeController::Theme theme)
{
    return QString::fromLatin1(QMetaEnum::fromType<ThemeController::Theme>().valueToKey(static_cast<int>(theme)))
        .toLower();
}

ThemeController::Theme themeFromName(const QString &name)
{
    for (auto theme : {ThemeController::Theme::Light, ThemeController::Theme::Dark})
        if (name.compare(themeName(theme), Qt::CaseInsensitive) == 0)
            return theme;
    return ThemeController::Theme::System;
}

bool paletteIsDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

} // namespace

ThemeController::ThemeController(QSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_theme(themeFromName(settings.value(kThemeKey).toString()))
{
    qApp->installEventFilter(this);
    apply();
}

void ThemeController::setTheme(Theme theme)
{
    m_theme = theme;
    m_settings.setValue(kThemeKey, themeName(theme));
    apply();
    syncActions();
}

bool ThemeController::environmentWantsDark()
{
    const QString gtk = qEnvironmentVariable("GTK_THEME");
    return gtk.contains(QLatin1String("dark"), Qt::CaseInsensitive);
}

void ThemeController::apply()
{
    m_applying = true;
    bool dark = m_theme == Theme::Dark;
    if (m_theme == Theme::System) {
        // An unset palette (empty resolve mask) is the platform's, and follows it.
        QApplication::setPalette(QPalette());
        dark = paletteIsDark(QApplication::palette()) || environmentWantsDark();
        if (dark && !paletteIsDark(QApplication::palette()))
            QApplication::setPalette(darkPalette());
    } else {
        QApplication::setPalette(dark ? darkPalette() : lightPalette());
    }
    m_applying = false;
    qCInfo(lcTheme) << "theme" << themeName(m_theme) << (dark ? "(dark)" : "(light)");
    if (dark != m_dark) {
        m_dark = dark;
        emit themeChanged(dark);
    }
}

bool ThemeController::eventFilter(QObject *watched, QEvent *event)
{
    // The desktop changed its colours (or its style): System decides again.
    if (watched == qApp && !m_applying && m_theme == Theme::System
        && (event->type() == QEvent::ApplicationPaletteChange)) {
        const bool dark = paletteIsDark(QApplication::palette()) || environmentWantsDark();
        if (dark != m_dark) {
            m_dark = dark;
            emit themeChanged(dark);
        }
    }
    return QObject::eventFilter(watched, event);
}

QMenu *ThemeController::createMenu(QWidget *parent)
{
    auto *menu = new QMenu(tr("&Theme"), parent);
    menu->setObjectName(QStringLiteral("themeMenu"));
    m_actions = new QActionGroup(menu);
    const struct {
        Theme theme;
        QString text;
        const char *name;
    } entries[] = {{Theme::System, tr("&System"), "themeSystemAction"},
                   {Theme::Light, tr("&Light"), "themeLightAction"},
                   {Theme::Dark, tr("&Dark"), "themeDarkAction"}};
    for (const auto &entry : entries) {
        QAction *action = menu->addAction(entry.text);
        action->setObjectName(QLatin1String(entry.name));
        action->setCheckable(true);
        action->setData(static_cast<int>(entry.theme));
        m_actions->addAction(action);
        const Theme theme = entry.theme;
        connect(action, &QAction::triggered, this, [this, theme] { setTheme(theme); });
    }
    syncActions();
    return menu;
}

void ThemeController::syncActions()
{
    if (!m_actions)
        return;
    for (QAction *action : m_actions->actions())
        action->setChecked(action->data().toInt() == static_cast<int>(m_theme));
}

// Fusion's own light colours, so Light looks the same on every desktop.
QPalette ThemeController::lightPalette()
{
    QPalette p = QApplication::style()->standardPalette();
    if (paletteIsDark(p)) { // a style whose standard palette is dark
        p = QPalette(QColor(0xef, 0xef, 0xef));
        p.setColor(QPalette::Base, Qt::white);
    }
    return p;
}

// Dark greys with enough contrast for a shift-long console; the accent is the light
// theme's blue lifted to read on dark.
QPalette ThemeController::darkPalette()
{
    const QColor window(0x2b, 0x2e, 0x33);
    const QColor base(0x1f, 0x22, 0x26);
    const QColor text(0xe6, 0xe8, 0xeb);
    const QColor disabledText(0x80, 0x86, 0x8e);
    const QColor accent(0x4c, 0x8d, 0xe6);
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x27, 0x2a, 0x2f));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3e, 0x44));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabledText);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x36, 0x3a, 0x40));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4f, 0x56));
    p.setColor(QPalette::Midlight, QColor(0x3d, 0x41, 0x47));
    p.setColor(QPalette::Mid, QColor(0x24, 0x27, 0x2b));
    p.setColor(QPalette::Dark, QColor(0x18, 0x1a, 0x1d));
    p.setColor(QPalette::Shadow, QColor(0x0c, 0x0d, 0x0f));
    p.setColor(QPalette::Highlight, accent);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x79, 0xb0, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x9d, 0xf5));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x4f, 0x56));
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    return p;
}

} // namespace opsdeck::app
