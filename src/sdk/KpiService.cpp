#include "KpiService.h"

namespace opsdeck::sdk {

KpiService::KpiService(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<KpiLiveSnapshot>();
    qRegisterMetaType<KpiHistoryResult>();
}

KpiService::~KpiService() = default;

} // namespace opsdeck::sdk
