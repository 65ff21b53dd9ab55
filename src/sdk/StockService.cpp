#include "StockService.h"

namespace opsdeck::sdk {

StockService::StockService(QObject *parent) : QObject(parent) {}

StockService::~StockService() = default;

void StockService::exportCsv(const QString &path)
{
    emit exportFinished(path, false, 0, tr("This console cannot export stock."));
}

} // namespace opsdeck::sdk
