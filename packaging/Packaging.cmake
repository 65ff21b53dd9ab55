# Installation layout and packages (included from the top-level CMakeLists.txt).
#   cmake --build --preset release && cpack --config build/release/CPackConfig.cmake
# gives a Debian package (opsdeck_<version>_amd64.deb) and a tarball. The layout is the
# build tree's: bin/opsdeck and bin/opsfeed, lib/libopsdeck_{sdk,widgets}.so.*, plugins in
# lib/opsdeck/plugins, so the console finds its plugins from bin/../lib/opsdeck/plugins
# wherever the tree is unpacked.

include(GNUInstallDirs)

# Executables find the shared SDK and widgets libraries relative to themselves.
set_target_properties(opsdeck opsfeed PROPERTIES INSTALL_RPATH "$ORIGIN/../lib")

install(FILES ${CMAKE_CURRENT_LIST_DIR}/opsdeck.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/opsdeck.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/docs/protocol.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_PACKAGE_NAME "opsdeck")
set(CPACK_PACKAGE_VENDOR "OpsDeck")
set(CPACK_PACKAGE_CONTACT "OpsDeck developers <dev@opsdeck.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_PACKAGING_INSTALL_PREFIX "/opt/opsdeck")
set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# Runtime libraries of Debian 12, found by dpkg-shlibdeps from what the binaries link.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS "${CMAKE_BINARY_DIR}/lib")
# Qt's own Chinese catalogue (standard buttons and dialogs), loaded from Qt's translations path.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n")
include(CPack)
