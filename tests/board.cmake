# Order board (issue 4): models under QAbstractItemModelTester, search and timeline on a
# real SQLite file, actions against a real in-process gateway over tcp loopback, the
# board widget offscreen. Screenshots go to <build>/screenshots (copied to docs/ by hand,
# like the main window's).
opsdeck_add_qtest(tst_board_models
  SOURCES board/tst_board_models.cpp board/BoardFixtures.h board/CardPainting.h
  LIBS opsdeck_widgets
  LABELS board ui)

opsdeck_add_qtest(tst_board_store
  SOURCES board/tst_board_store.cpp board/BoardFixtures.h board/BoardEvents.h
  LIBS opsdeck_board_host opsdeck_gui opsdeck_widgets opsdeck_store
  LABELS board store)

opsdeck_add_qtest(tst_board_actions
  SOURCES board/tst_board_actions.cpp board/BoardFixtures.h board/BoardGateway.h
  LIBS opsdeck_board_host opsdeck_gui opsdeck_widgets opsdeck_sim
  LABELS board integration
  TIMEOUT 180)

opsdeck_add_qtest(tst_board_widget
  SOURCES board/tst_board_widget.cpp board/BoardFixtures.h board/BoardUiHelpers.h
  LIBS opsdeck_board_host opsdeck_widgets
  LABELS board ui)

# The real board driven like a user (drag onto CANCELLED, reason dialog, right-click
# menu, shortcuts) against a real in-process gateway over tcp loopback.
opsdeck_add_qtest(tst_board_interaction
  SOURCES board/tst_board_interaction.cpp board/BoardFixtures.h board/BoardGateway.h board/BoardUiHelpers.h
  LIBS opsdeck_board_host opsdeck_gui opsdeck_widgets opsdeck_sim
  LABELS board integration ui
  TIMEOUT 240)

# The board's search box over the real search service on a real SQLite store.
opsdeck_add_qtest(tst_board_search
  SOURCES board/tst_board_search.cpp board/BoardEvents.h board/BoardUiHelpers.h
  LIBS opsdeck_board_host opsdeck_gui opsdeck_widgets opsdeck_store
  LABELS board store ui)

target_compile_definitions(tst_board_widget PRIVATE OPSDECK_SCREENSHOT_DIR="${CMAKE_BINARY_DIR}/screenshots")
target_compile_definitions(tst_board_store PRIVATE OPSDECK_SCREENSHOT_DIR="${CMAKE_BINARY_DIR}/screenshots")

# What a card says and paints: SLA and age texts, SLA strip, channel glyph, rider, reason.
opsdeck_add_qtest(tst_board_cards
  SOURCES board/tst_board_cards.cpp board/BoardFixtures.h board/CardPainting.h
  LIBS opsdeck_widgets
  LABELS board ui)

# Picking a rider (issue 14): the Ctrl+E picker's rows (depot, road distance, name, status,
# load), no choice on open, one Enter; the riders list ranked, searchable, the drop row filled.
opsdeck_add_qtest(tst_rider_picker
  SOURCES board/tst_rider_picker.cpp board/BoardFixtures.h board/BoardUiHelpers.h
  LIBS opsdeck_widgets
  LABELS board ui)

# Issue 14: the board under a user's hands: every card of a full column, the acted card
# followed, holding still under the pointer, menus and dialogs that name and re-check
# their order, actions offered as state and role allow, the merchant's read-only board.
opsdeck_add_qtest(tst_board_behaviour
  SOURCES board/tst_board_behaviour.cpp board/BoardFixtures.h board/BoardUiHelpers.h
  LIBS opsdeck_board_host opsdeck_widgets
  LABELS board ui)

# Issue 14: "At risk", sort by time left, the detail on the console's clock, card click raises the detail.
opsdeck_add_qtest(tst_board_time
  SOURCES board/tst_board_time.cpp board/BoardFixtures.h
  LIBS opsdeck_widgets
  LABELS board ui)

# Issue 15: retired orders leave the columns, stay searchable and are marked so.
opsdeck_add_qtest(tst_board_retired
  SOURCES board/tst_board_retired.cpp board/BoardEvents.h board/BoardUiHelpers.h
  LIBS opsdeck_board_host opsdeck_gui opsdeck_widgets opsdeck_store
  LABELS board store ui)

# Issue 18: customer-service actions through the one command path (permission, claim
# limit, Lazy Pirate, confirmed from the feed) against a paused opsfeed and a silent gateway.
opsdeck_add_qtest(tst_cs_actions
  SOURCES board/tst_cs_actions.cpp access/TestAccess.h
  LIBS opsdeck_board_host opsdeck_gui opsdeck_sim opsdeck_scripted_gateway
  LABELS board integration
  TIMEOUT 60)
