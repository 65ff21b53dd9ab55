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

// The stock view's settings (docs/merchant.md): kept in the console's QSettings under
// "stock/". Slots are minutes after midnight, Beijing time (UTC+8), ascending.
struct StockSettingsValues {
    double targetCoverHours = 48.0;
    double lowCoverHours = 12.0;
    QList<int> slotMinutes{6 * 60, 14 * 60};
};

// "06:00, 14:00" -> {360, 840}; on a bad list, nullopt-like empty list and `error` set.
OPSDECK_SDK_EXPORT QList<int> parseSlotList(const QString &text, QString *error);
OPSDECK_SDK_EXPORT QString slotListText(const QList<int> &slotMinutes);
// Empty when the values may be used; else why not (translated, for the user).
OPSDECK_SDK_EXPORT QString validateStockSettings(const StockSettingsValues &values);

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

    virtual StockSettingsValues stockSettings() const { return {}; }
    // Checks, keeps (QSettings) and applies new settings; the reason when refused.
    virtual QString applyStockSettings(const StockSettingsValues &values);
    // Settings found bad in the settings file (refused, defaults kept); empty when none.
    virtual QString settingsProblem() const { return {}; }

signals:
    void stockChanged();
    void exportFinished(const QString &path, bool ok, qint64 rows, const QString &error);
};

} // namespace opsdeck::sdk
