# Live rider map (issue 3): projection, layout (clustering, hit-testing), the MapView
# driven through real input events offscreen, what it paints (arrows, labels, scale bar,
# palettes), its layers (heatmap, route, trails, repaint coalescing), its overlays (bubbles,
# rings, hover card, replay banner, depots, merchants), position history in
# a real SQLite file, the recorders on a live embedded gateway.
opsdeck_add_qtest(tst_map_projection
  SOURCES map/tst_map_projection.cpp
  LIBS opsdeck_widgets
  LABELS map TIMEOUT 30)

opsdeck_add_qtest(tst_rider_layout
  SOURCES map/tst_rider_layout.cpp
  LIBS opsdeck_widgets
  LABELS map TIMEOUT 30)

opsdeck_add_qtest(tst_map_view
  SOURCES map/tst_map_view.cpp map/MapFixtures.h
  LIBS opsdeck_widgets
  LABELS map ui TIMEOUT 60)
target_compile_definitions(tst_map_view PRIVATE OPSDECK_SCREENSHOT_DIR="${CMAKE_BINARY_DIR}/screenshots")

opsdeck_add_qtest(tst_map_paint
  SOURCES map/tst_map_paint.cpp map/MapFixtures.h
  LIBS opsdeck_widgets
  LABELS map ui TIMEOUT 60)

opsdeck_add_qtest(tst_map_panel
  SOURCES map/tst_map_panel.cpp
  LIBS opsdeck_gui opsdeck_widgets
  LABELS map ui TIMEOUT 60)

opsdeck_add_qtest(tst_position_history
  SOURCES map/tst_position_history.cpp
  LIBS opsdeck_gui opsdeck_runtime opsdeck_widgets
  LABELS map store TIMEOUT 120)

opsdeck_add_qtest(tst_geofences
  SOURCES map/tst_geofences.cpp
  LIBS opsdeck_runtime opsdeck_board_host
  LABELS map store TIMEOUT 60)

opsdeck_add_qtest(tst_map_tiles
  SOURCES map/tst_map_tiles.cpp
  LIBS opsdeck_gui opsdeck_widgets Qt6::Network
  LABELS map ui TIMEOUT 60)

opsdeck_add_qtest(tst_map_recorders
  SOURCES map/tst_map_recorders.cpp
  LIBS opsdeck_gui opsdeck_runtime opsdeck_sim
  LABELS map store TIMEOUT 90)

opsdeck_add_qtest(tst_map_layers
  SOURCES map/tst_map_layers.cpp map/MapFixtures.h
  LIBS opsdeck_widgets
  LABELS map ui TIMEOUT 60)

opsdeck_add_qtest(tst_map_overlays
  SOURCES map/tst_map_overlays.cpp map/MapFixtures.h
  LIBS opsdeck_widgets opsdeck_geo
  LABELS map ui TIMEOUT 60)

# Issue 14: the selected rider on top, labels that never overlap, the hover card inside.
opsdeck_add_qtest(tst_map_labels
  SOURCES map/tst_map_labels.cpp map/MapFixtures.h
  LIBS opsdeck_widgets
  LABELS map ui TIMEOUT 60)
