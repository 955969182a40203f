# authprobe's run-time data and where the build tree keeps it.
#
# The binary reads its data from ../share/authprobe beside itself (tools/data_dir.hpp). The
# build tree mirrors the installed layout in build/share/authprobe, as symlinks to the source
# fixtures (an edited fixture is seen without rebuilding), so build/tools/authprobe works as
# P/bin/authprobe does; cmake/authprobe_install.cmake installs the same layout as copies.

# <name in share/authprobe> <folder in the source tree>: the data read at run time: the
# reference server's default config and fixture users, the shipped target profiles (for
# `check --profile`, `bench --profile`) and the catalog the check IDs come from.
set(AUTHPROBE_DATA_LAYOUT
  reference fixtures/reference
  profiles fixtures/profiles
  catalog fixtures/vectors/catalog)
set(AUTHPROBE_BUILD_DATA_DIR ${PROJECT_BINARY_DIR}/share/authprobe)

file(MAKE_DIRECTORY ${AUTHPROBE_BUILD_DATA_DIR})
set(layout ${AUTHPROBE_DATA_LAYOUT})
while(layout)
  list(POP_FRONT layout name folder)
  file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${folder} ${AUTHPROBE_BUILD_DATA_DIR}/${name} SYMBOLIC)
endwhile()

