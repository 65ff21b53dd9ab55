#pragma once

#include "sdk/RolePlugin.h"

#include <QObject>

namespace opsdeck::merchant {

// The merchant's desk: their own orders on a read-only board (customer data masked),
// the order detail, its stock with restock suggestions, and the merchant alert queue
// (stock, out-of-stock rate, cold chain).
class MerchantPlugin final : public QObject, public sdk::RolePlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID OPSDECK_ROLE_PLUGIN_IID FILE "merchant.json")
    Q_INTERFACES(opsdeck::sdk::RolePlugin)
public:
    MerchantPlugin() = default;

    QList<sdk::Panel> createPanels(sdk::ConsoleContext *context, QWidget *parent) override;
};

} // namespace opsdeck::merchant
