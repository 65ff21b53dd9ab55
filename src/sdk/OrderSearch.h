#pragma once

#include "sdk/SdkExport.h"

#include <QObject>
#include <QString>
#include <QStringList>

namespace opsdeck::sdk {

// Search orders by order id, customer name (substring and fuzzy, Chinese and Latin) or
// the last 4 digits of the phone. Asynchronous: the host runs the query where the data
// lives and answers on the GUI thread. Only the newest query is answered: results of a
// query overtaken by a newer one are dropped, so a fast typist never sees stale hits.
class OPSDECK_SDK_EXPORT OrderSearch : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Returns a ticket; resultsReady carries it back.
    virtual quint64 search(const QString &text, int limit) = 0;

signals:
    void resultsReady(quint64 ticket, const QString &text, const QStringList &orderIds);
};

} // namespace opsdeck::sdk
