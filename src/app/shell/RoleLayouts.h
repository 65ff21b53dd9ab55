#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace opsdeck::app {

// One place in the bottom row of the window: panels tabbed together, the first in front.
struct DockGroup {
    QStringList keys;  // "<plugin id>/<panel id>"
    int widthShare = 1; // of the bottom row's width left after what fitContent groups need
    // The front panel's whole content must show (the ops manager's intake form): the
    // bottom row takes at least the height it needs, and the group its width.
    bool fitContent = false;
};

// A role's default layout, sized for a 1920x1080 screen: one panel in the central area
// (the board: every working column in view), the others in one row under it. Panels a
// role layout does not name go to their plugin's default area.
struct RoleLayout {
    QString central;
    QList<DockGroup> bottom;
    int centralPercent = 60; // of the height under the menu bar, unless fitContent needs more
};

RoleLayout roleLayout(const QString &role);

} // namespace opsdeck::app
