# Installing authprobe and packaging it as a .deb.
#
#   cmake --install build --prefix P   P/bin/authprobe, its data in P/share/authprobe, the README
#                                      in P/share/doc/authprobe
#   cpack --config build/CPackConfig.cmake -G DEB   the same as a Debian package (prefix /usr)
#
# The binary finds its data at ../share/authprobe beside itself (tools/data_dir.hpp), so the
# bin/ and share/ destinations below are fixed, not GNUInstallDirs cache variables a packager
# could move apart. The build tree has the same layout (cmake/authprobe_data.cmake).

# cpack (and `make install`) package what is already built instead of building every target
# first (tests and benchmarks included): build authprobe, then install or package it.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(layout ${AUTHPROBE_DATA_LAYOUT})  # cmake/authprobe_data.cmake
while(layout)
  list(POP_FRONT layout name folder)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${folder}/ DESTINATION share/authprobe/${name})
endwhile()
install(TARGETS authprobe RUNTIME DESTINATION bin)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION share/doc/authprobe)

# Depends: from the binary's shared libraries (dpkg-shlibdeps, dpkg-dev), so the package names
# exactly the runtime libraries it links (libssl3, libsodium23, libcrypt1, ...).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME authprobe)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "Reference auth server, conformance suite and benchmarks for HTTP authentication")
set(CPACK_PACKAGE_CONTACT "authprobe maintainers <authprobe@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# `authprobe bench report` draws its charts with gnuplot when it is there.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS gnuplot-nox)
include(CPack)

# The install and the package, each tried away from the source tree (tools/install/). Quick: they
# reuse the built binary; the two `check` runs are the in-process reference, as cli.* runs it.
add_test(NAME install.prefix_runs_away_from_tree
  COMMAND ${PROJECT_SOURCE_DIR}/tools/install/install_test.sh ${CMAKE_COMMAND} ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
add_test(NAME install.deb_package
  COMMAND ${PROJECT_SOURCE_DIR}/tools/install/deb_test.sh ${CMAKE_CPACK_COMMAND} ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
set_tests_properties(install.prefix_runs_away_from_tree install.deb_package PROPERTIES
  LABELS install TIMEOUT 300 PASS_REGULAR_EXPRESSION "PASS")
