# Build options shared by every target, as INTERFACE targets linked PRIVATE: no global flags.
option(AUTHPROBE_WERROR "Treat compiler warnings as errors (CI turns this on)" OFF)

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

add_library(authprobe_options INTERFACE)
target_compile_features(authprobe_options INTERFACE cxx_std_20)
# The fixtures folder is found at run time through this definition, so tests and the
# in-process reference server work from any working directory.
target_compile_definitions(authprobe_options INTERFACE
  AUTHPROBE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
  AUTHPROBE_VERSION="${PROJECT_VERSION}")

add_library(authprobe_warnings INTERFACE)
target_compile_options(authprobe_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  $<$<BOOL:${AUTHPROBE_WERROR}>:-Werror>)
