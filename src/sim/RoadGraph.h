#pragma once

// The simulator uses the console's one city geometry (src/core/geo); these names keep its
// code and tests reading as before.
#include "core/geo/RoadGraph.h"

namespace opsdeck::sim {

using core::geo::LatLng;
using core::geo::kPi;
using core::geo::kMetresPerDegLat;
using core::geo::kMetresPerDegLng;
using core::geo::dxMetres;
using core::geo::dyMetres;
using core::geo::distanceMetres;
using core::geo::headingDeg;
using core::geo::interpolate;
using core::geo::pointInPolygon;
using core::geo::distanceToSegmentMetres;

using core::geo::RoadClass;
using core::geo::RoadEdge;
using core::geo::RoadGraph;
using core::geo::PathFinder;

} // namespace opsdeck::sim
