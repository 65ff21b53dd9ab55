#include "ConsoleContext.h"

#include <QDateTime>
#include <QSettings>

namespace opsdeck::sdk {

ConsoleContext::ConsoleContext(QObject *parent)
    : QObject(parent)
{
    // Queued connections (e.g. a plugin worker) need the row types registered.
    qRegisterMetaType<OrderRow>();
    qRegisterMetaType<RiderRow>();
    qRegisterMetaType<QList<OrderRow>>();
    qRegisterMetaType<QList<RiderRow>>();
}

// Out of line so the vtable and metaobject live in the shared library only once.
ConsoleContext::~ConsoleContext() = default;

QSettings *ConsoleContext::settings() const
{
    return m_settings.data();
}

void ConsoleContext::setSettings(QSettings *settings)
{
    m_settings = settings;
}

} // namespace opsdeck::sdk

namespace opsdeck::sdk {

qint64 ConsoleContext::nowMs() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

std::function<qint64()> ConsoleContext::clock() const
{
    if (m_clock)
        return m_clock;
    return [] { return QDateTime::currentMSecsSinceEpoch(); };
}

void ConsoleContext::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
}

} // namespace opsdeck::sdk
