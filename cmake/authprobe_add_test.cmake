include(Catch)

# One Catch2 main for every test executable (Catch2 v2 from Debian ships no Catch2WithMain).
# Test executables, and only they, read fixtures straight from the source tree
# (AUTHPROBE_SOURCE_DIR). The main points AUTHPROBE_DATA_DIR at the build tree's staged data
# (cmake/authprobe_data.cmake) when unset, so a test binary at any depth of the build tree
# starts the in-process reference server as build/tools/authprobe does.
add_library(authprobe_test_main STATIC ${CMAKE_CURRENT_LIST_DIR}/catch_main.cpp)
target_link_libraries(authprobe_test_main PUBLIC Catch2::Catch2 PRIVATE authprobe_options)
target_compile_definitions(authprobe_test_main
  PUBLIC AUTHPROBE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
  PRIVATE AUTHPROBE_BUILD_DATA_DIR="${AUTHPROBE_BUILD_DATA_DIR}")

# authprobe_add_test(NAME name PREFIX reference. SOURCES a_test.cpp ... LIBS lib ...)
# builds one test executable and registers each TEST_CASE with CTest.
function(authprobe_add_test)
  cmake_parse_arguments(ARG "" "NAME;PREFIX" "SOURCES;LIBS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  target_link_libraries(${ARG_NAME} PRIVATE authprobe_test_main authprobe_options authprobe_warnings ${ARG_LIBS})
  catch_discover_tests(${ARG_NAME} TEST_PREFIX "${ARG_PREFIX}")
endfunction()
