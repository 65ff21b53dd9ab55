#include "IntakeService.h"

namespace opsdeck::sdk {

IntakeService::~IntakeService() = default;

} // namespace opsdeck::sdk
