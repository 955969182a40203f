# Build options shared by every target, as INTERFACE targets linked PRIVATE: no global flags.
option(AUTHPROBE_WERROR "Treat compiler warnings as errors (CI turns this on)" OFF)

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

add_library(authprobe_options INTERFACE)
target_compile_features(authprobe_options INTERFACE cxx_std_20)
# No source-tree path here: the shipped binary finds its data beside itself (tools/data_dir.hpp);
# only test executables know the source tree (AUTHPROBE_SOURCE_DIR, cmake/authprobe_add_test.cmake).
target_compile_definitions(authprobe_options INTERFACE AUTHPROBE_VERSION="${PROJECT_VERSION}")

add_library(authprobe_warnings INTERFACE)
target_compile_options(authprobe_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  $<$<BOOL:${AUTHPROBE_WERROR}>:-Werror>)

# Sanitizers and fuzzing, applied through authprobe_options so every target that
# links it is instrumented the same way and nothing else is: no CMAKE_CXX_FLAGS.
#   AUTHPROBE_SANITIZE=address,undefined   ASan + UBSan (build-asan)
#   AUTHPROBE_SANITIZE=thread              TSan (build-tsan); cannot be combined with address
#   AUTHPROBE_FUZZ=ON                      libFuzzer harnesses in fuzz/ (clang only)
set(AUTHPROBE_SANITIZE "" CACHE STRING "Comma-separated -fsanitize= list for every target (empty: none)")
option(AUTHPROBE_FUZZ "Build the libFuzzer harnesses in fuzz/ (needs clang)" OFF)

if(AUTHPROBE_SANITIZE)
  if(AUTHPROBE_SANITIZE MATCHES "thread" AND AUTHPROBE_SANITIZE MATCHES "address")
    message(FATAL_ERROR "AUTHPROBE_SANITIZE: thread and address cannot be combined")
  endif()
  # -g1 (line tables and function names) is what a sanitizer report needs; full -g more than
  # doubles the compile time of the instrumented trees.
  target_compile_options(authprobe_options INTERFACE
    -fsanitize=${AUTHPROBE_SANITIZE} -fno-omit-frame-pointer -g1)
  target_link_options(authprobe_options INTERFACE -fsanitize=${AUTHPROBE_SANITIZE})
  if(AUTHPROBE_SANITIZE MATCHES "address" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12's ASan instrumentation makes -Wmaybe-uninitialized fire inside libstdc++'s own
    # <regex> (std::function in _State, GCC PR 105616), a false positive -Werror turns into a
    # failed build. Only this warning, only in the ASan tree: the normal build keeps it.
    target_compile_options(authprobe_warnings INTERFACE -Wno-maybe-uninitialized)
  endif()
  if(AUTHPROBE_SANITIZE MATCHES "undefined")
    # A UBSan report must fail the test that caused it instead of scrolling past.
    target_compile_options(authprobe_options INTERFACE -fno-sanitize-recover=undefined)
  endif()
endif()

set(AUTHPROBE_FUZZ_ENABLED OFF)
if(AUTHPROBE_FUZZ)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    set(AUTHPROBE_FUZZ_ENABLED ON)
    # Coverage feedback for libFuzzer in every library a harness reaches; the harness
    # executables add -fsanitize=fuzzer themselves (fuzz/CMakeLists.txt) for the driver main.
    target_compile_options(authprobe_options INTERFACE -fsanitize=fuzzer-no-link)
  else()
    message(WARNING "AUTHPROBE_FUZZ needs clang (libFuzzer); ${CMAKE_CXX_COMPILER_ID} found, fuzz/ skipped")
  endif()
endif()
