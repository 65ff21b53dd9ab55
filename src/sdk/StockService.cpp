#include "StockService.h"

namespace opsdeck::sdk {

StockService::StockService(QObject *parent) : QObject(parent) {}

StockService::~StockService() = default;

} // namespace opsdeck::sdk
