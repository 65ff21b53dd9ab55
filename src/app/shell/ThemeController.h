#pragma once

#include <QLoggingCategory>
#include <QObject>
#include <QPalette>

class QActionGroup;
class QMenu;
class QSettings;

namespace opsdeck::app {

Q_DECLARE_LOGGING_CATEGORY(lcTheme)

// The whole console's colours: View → Theme → System / Light / Dark, kept in the
// settings ("ui/theme"). It sets the application palette; every view that paints itself
// takes its colours from its palette (widgets/common/ThemeColors.h) and follows on the
// PaletteChange Qt sends it.
//
// Qt 6.4 has no QStyleHints::colorScheme(): "System" is dark when the platform's own
// palette is (KDE, a dark Qt platform theme) or when the desktop asks for a dark GTK
// theme in the environment (GTK_THEME=Adwaita:dark): both read without I/O. In System
// the application palette is left unset, so Qt keeps it equal to the platform's and
// sends ApplicationPaletteChange when the desktop switches; the controller then decides
// again.
class ThemeController final : public QObject
{
    Q_OBJECT
public:
    enum class Theme { System, Light, Dark };
    Q_ENUM(Theme)

    // Applies the theme saved in `settings` (System when none or unreadable).
    explicit ThemeController(QSettings &settings, QObject *parent = nullptr);

    Theme theme() const { return m_theme; }
    // What the console shows now: Dark, or Light, or System resolved to one of them.
    bool isDark() const { return m_dark; }
    // Applies and saves.
    void setTheme(Theme theme);

    // View → Theme: three checkable actions ("themeSystemAction", ...).
    QMenu *createMenu(QWidget *parent);

    static QPalette darkPalette();
    static QPalette lightPalette();
    // The desktop's wish from the environment alone: GTK_THEME=<name>:dark, or a theme
    // name containing "dark".
    static bool environmentWantsDark();

signals:
    void themeChanged(bool dark);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void apply();
    void syncActions();

    QSettings &m_settings;
    Theme m_theme = Theme::System;
    bool m_dark = false;
    bool m_applying = false; // our own setPalette() also sends ApplicationPaletteChange
    QActionGroup *m_actions = nullptr;
};

} // namespace opsdeck::app
