#include "AlertNotifier.h"

#include "AlertMessageText.h"

#include <QApplication>
#include <QStyle>
#include <QSystemTrayIcon>

namespace opsdeck::widgets {

AlertNotifier::AlertNotifier(QObject *parent)
    : QObject(parent)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning), this);
        m_tray->setToolTip(tr("OpsDeck alerts"));
        m_tray->show();
    }
}

AlertNotifier::~AlertNotifier() = default;

void AlertNotifier::notify(const QList<sdk::AlertRow> &critical)
{
    if (critical.isEmpty())
        return;
    m_announced += static_cast<int>(critical.size());
    if (m_sound)
        QApplication::beep();
    if (!m_tray || !QSystemTrayIcon::supportsMessages())
        return;
    const sdk::AlertRow &first = critical.front();
    const QString body = critical.size() == 1
        ? tr("%1: %2").arg(alertSubjectText(first), alertMessageText(first))
        : tr("%1: %2 (and %n more)", nullptr, static_cast<int>(critical.size() - 1))
              .arg(alertSubjectText(first), alertMessageText(first));
    m_tray->showMessage(tr("Critical alert"), body, QSystemTrayIcon::Critical, 10000);
}

} // namespace opsdeck::widgets
