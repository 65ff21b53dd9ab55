#pragma once

#include "sdk/SdkExport.h"

#include <QList>
#include <QObject>
#include <QString>

namespace opsdeck::sdk {

// One shelf item as the merchant's stock view shows it (docs/merchant.md has the rules).
struct StockRow {
    QString merchant;
    QString depot;
    QString sku;
    QString name;
    QString unit;
    QString state;           // ok | low | out
    double level = 0.0;
    double perHour = 0.0;    // consumption per hour over the host's window
    double coverHours = -1;  // -1: nothing consumed lately, cover unbounded
    double suggestQty = 0.0; // to order for the next delivery slot
    qint64 atMs = 0;         // the level's event time
    qint64 nextSlotMs = 0;
};

// The stock of the signed-in user's scope: a merchant's own items only (the host
// filters, a panel cannot widen it). Changes arrive batched on the GUI thread.
class OPSDECK_SDK_EXPORT StockService : public QObject
{
    Q_OBJECT
public:
    explicit StockService(QObject *parent = nullptr);
    ~StockService() override;

    virtual QList<StockRow> stockRows() const = 0;

    // Writes the restock suggestions of the user's scope as CSV to `path` through the
    // console's guarded export (permission, scope, audit), off the GUI thread;
    // exportFinished follows. A host that cannot export says so there.
    virtual void exportCsv(const QString &path);

signals:
    void stockChanged();
    void exportFinished(const QString &path, bool ok, qint64 rows, const QString &error);
};

} // namespace opsdeck::sdk
