# Installation layout and packages (included from the top-level CMakeLists.txt).
#   cmake --build --preset release && cpack --config build/release/CPackConfig.cmake
# gives a Debian package (opsdeck_<version>_amd64.deb) and a tarball, installed under /usr
# as a desktop application:
#   bin/opsdeck, bin/opsfeed                         on the PATH
#   lib/opsdeck/libopsdeck_{sdk,widgets}.so.*         private libraries (RUNPATH)
#   lib/opsdeck/plugins/                              the role plugins (bin/../lib/opsdeck/plugins)
#   share/applications/opsdeck.desktop, share/metainfo/io.opsdeck.OpsDeck.metainfo.xml
#   share/icons/hicolor/{scalable,16x16,...,256x256}/apps/opsdeck.{svg,png}
#   share/doc/opsdeck/copyright, README.md, protocol.md
# packaging/check-package.sh installs the .deb, runs it from the installed paths and
# validates the desktop entry and the AppStream metadata (CI runs it).

include(GNUInstallDirs)

# Executables and libraries find the private libraries relative to themselves.
set_target_properties(opsdeck opsfeed PROPERTIES INSTALL_RPATH "$ORIGIN/../${OPSDECK_INSTALL_PRIVATE_LIBDIR}")
set_target_properties(opsdeck_widgets PROPERTIES INSTALL_RPATH "$ORIGIN")
set_target_properties(opsdeck_dispatcher opsdeck_merchant opsdeck_ops_manager PROPERTIES INSTALL_RPATH "$ORIGIN/..")

install(FILES ${CMAKE_CURRENT_LIST_DIR}/opsdeck.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/io.opsdeck.OpsDeck.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/opsdeck.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

# PNG icons in the hicolor sizes, drawn from the SVG by Qt Svg at build time.
find_package(Qt6 6.4 REQUIRED COMPONENTS Svg)
add_executable(opsdeck_icon_render ${CMAKE_CURRENT_LIST_DIR}/IconRender.cpp)
target_link_libraries(opsdeck_icon_render PRIVATE Qt6::Gui Qt6::Svg)
set(OPSDECK_ICON_PNGS "")
foreach(size 16 24 32 48 64 128 256)
  set(png ${CMAKE_BINARY_DIR}/icons/${size}x${size}/opsdeck.png)
  add_custom_command(OUTPUT ${png}
                     COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen
                             $<TARGET_FILE:opsdeck_icon_render> ${CMAKE_CURRENT_LIST_DIR}/opsdeck.svg ${size} ${png}
                     DEPENDS opsdeck_icon_render ${CMAKE_CURRENT_LIST_DIR}/opsdeck.svg
                     COMMENT "Icon ${size}x${size}")
  install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
  list(APPEND OPSDECK_ICON_PNGS ${png})
endforeach()
add_custom_target(opsdeck_icons ALL DEPENDS ${OPSDECK_ICON_PNGS})

install(FILES ${CMAKE_CURRENT_LIST_DIR}/copyright ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/docs/protocol.md
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/opsdeck)

set(CPACK_PACKAGE_NAME "opsdeck")
set(CPACK_PACKAGE_VENDOR "OpsDeck")
set(CPACK_PACKAGE_CONTACT "OpsDeck developers <dev@opsdeck.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION "A live map of riders, an order board, alert queues, intake controls and KPI charts
for depot dispatchers, customer-service agents and operations managers, following a
delivery platform's gateway over ZeroMQ. Includes opsfeed, a simulated gateway.")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# Runtime libraries of Debian 12, found by dpkg-shlibdeps from what the binaries link.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS "${CMAKE_BINARY_DIR}/lib")
# Qt's own Chinese catalogue (standard buttons and dialogs), loaded from Qt's translations path.
# libsecret: qtkeychain loads it at run time to reach the desktop keyring (KeyVault.h).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n, libsecret-1-0")
include(CPack)
