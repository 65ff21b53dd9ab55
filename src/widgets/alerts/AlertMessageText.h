#pragma once

#include "widgets/WidgetsExport.h"

#include <QString>

namespace opsdeck::widgets {

// Alert texts are written by the core thread in English (they are stored, searched and
// logged that way); the views show them in the user's language. The known forms of the
// core's messages (src/core/AlertEngine*.cpp, AlertBook.cpp) are matched and rebuilt
// through tr(); a text of no known form is shown as it is and `matched` says so, which
// the tests use to catch a message whose wording changed in the core.
OPSDECK_WIDGETS_EXPORT QString translateAlertMessage(const QString &english, bool *matched = nullptr);

} // namespace opsdeck::widgets
