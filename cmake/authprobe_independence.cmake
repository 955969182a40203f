# The yardstick's independence: conformance/ (the suite and its forge) shares no code with
# reference/ (what it measures), so a bug in one cannot hide the same bug in the other. Three
# guards, each shown to fail on a violation by the tests independence.* (tools/independence/):
#
#  1. Include roots: authprobe_include_root(conformance) gives the conformance libraries an
#     include directory that holds conformance/ and nothing else, so "reference/..." does not
#     even resolve there, header-only code included.
#  2. Link closure: authprobe_check_independence(), called at the end of the top-level
#     CMakeLists.txt, walks every link of every target defined under conformance/ and stops the
#     configuration if one reaches a project target defined under reference/.
#  3. Include scan: the test independence.include_scan fails on any #include of reference/ (or of
#     tools/ and bench/, which wrap it) under conformance/.
# conformance/mutants/ is the exception to 2 and 3 by design: a mutant test puts one flaw in
# front of the reference server, which it must therefore start.

# authprobe_include_root(<folder> <out_var>): a directory in the build tree holding only a link
# named <folder> to the source folder, for `#include "<folder>/..."` and nothing else.
function(authprobe_include_root folder out_var)
  set(root ${PROJECT_BINARY_DIR}/include_roots/${folder})
  file(MAKE_DIRECTORY ${root})
  file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${folder} ${root}/${folder} SYMBOLIC)
  set(${out_var} ${root} PARENT_SCOPE)
endfunction()

# Every target defined in `dir` or below, except under the `except` folders.
function(_authprobe_targets_below dir except out_var)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    if(NOT sub IN_LIST except)
      _authprobe_targets_below(${sub} "${except}" more)
      list(APPEND targets ${more})
    endif()
  endforeach()
  set(${out_var} ${targets} PARENT_SCOPE)
endfunction()

# The targets `target` links to directly, through LINK_LIBRARIES and INTERFACE_LINK_LIBRARIES
# ($<LINK_ONLY:x> unwrapped, aliases resolved; other generator expressions name no target here).
function(_authprobe_direct_links target out_var)
  set(links "")
  get_target_property(type ${target} TYPE)
  if(NOT type STREQUAL "INTERFACE_LIBRARY")
    get_target_property(own ${target} LINK_LIBRARIES)
    if(own)
      list(APPEND links ${own})
    endif()
  endif()
  get_target_property(interface ${target} INTERFACE_LINK_LIBRARIES)
  if(interface)
    list(APPEND links ${interface})
  endif()
  set(out "")
  foreach(link IN LISTS links)
    string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" link "${link}")
    if(TARGET ${link})
      get_target_property(aliased ${link} ALIASED_TARGET)
      if(aliased)
        set(link ${aliased})
      endif()
      list(APPEND out ${link})
    endif()
  endforeach()
  list(REMOVE_DUPLICATES out)
  set(${out_var} ${out} PARENT_SCOPE)
endfunction()

# authprobe_check_independence(CHECKED <folder> EXCEPT <folder>... FORBIDDEN <folder>)
# Fails the configuration, naming the chain of links, when a target defined under CHECKED (not
# under an EXCEPT folder) links, at any depth, a target named authprobe_* defined under FORBIDDEN.
# Folders are relative to the project's source directory.
function(authprobe_check_independence)
  cmake_parse_arguments(ARG "" "CHECKED;FORBIDDEN" "EXCEPT" ${ARGN})
  set(except "")
  foreach(folder IN LISTS ARG_EXCEPT)
    list(APPEND except ${PROJECT_SOURCE_DIR}/${folder})
  endforeach()
  set(forbidden ${PROJECT_SOURCE_DIR}/${ARG_FORBIDDEN})
  _authprobe_targets_below(${PROJECT_SOURCE_DIR}/${ARG_CHECKED} "${except}" roots)

  set(violations "")
  foreach(root IN LISTS roots)
    set(seen ${root})
    set(queue ${root})
    set(path_${root} ${root})
    while(queue)
      list(POP_FRONT queue current)
      _authprobe_direct_links(${current} links)
      foreach(link IN LISTS links)
        if(link IN_LIST seen)
          continue()
        endif()
        list(APPEND seen ${link})
        set(path_${link} "${path_${current}} -> ${link}")
        get_target_property(imported ${link} IMPORTED)
        get_target_property(source_dir ${link} SOURCE_DIR)
        if(NOT imported AND link MATCHES "^authprobe_" AND
           (source_dir STREQUAL forbidden OR source_dir MATCHES "^${forbidden}/"))
          list(APPEND violations "  ${path_${link}}   (${link} is defined in ${source_dir})")
        endif()
        list(APPEND queue ${link})
      endforeach()
    endwhile()
  endforeach()

  if(violations)
    list(JOIN violations "\n" lines)
    message(FATAL_ERROR
      "independence: targets under ${ARG_CHECKED}/ link targets from ${ARG_FORBIDDEN}/, which the "
      "yardstick must never share code with (cmake/authprobe_independence.cmake):\n${lines}\n")
  endif()
endfunction()

# The include scan on the tree, and each guard on a fixture with a planted violation
# (tools/independence/), where it must fail and name the violation.
function(authprobe_add_independence_tests)
  set(fixtures ${PROJECT_SOURCE_DIR}/tools/independence)
  set(scan ${PROJECT_SOURCE_DIR}/cmake/authprobe_include_scan.cmake)
  add_test(NAME independence.include_scan
    COMMAND ${CMAKE_COMMAND} -DROOT=${PROJECT_SOURCE_DIR} -DCHECKED=conformance -DEXCEPT=conformance/mutants -P ${scan})
  add_test(NAME independence.include_scan_catches_a_violation
    COMMAND ${CMAKE_COMMAND} "-DEXPECT=checks/planted.cpp: #include \"reference/.*checks/planted.cpp: #include \"\\.\\./\\.\\./tools/"
      -DREJECT=allowed.cpp
      "-DCOMMAND=${CMAKE_COMMAND};-DROOT=${fixtures}/bad_include;-DCHECKED=conformance;-DEXCEPT=conformance/mutants;-P;${scan}"
      -P ${fixtures}/expect_failure.cmake)
  set(fixture_build ${CMAKE_CURRENT_BINARY_DIR}/independence_bad_link)
  add_test(NAME independence.link_check_catches_a_violation
    COMMAND ${CMAKE_COMMAND}
      "-DEXPECT=authprobe_planted_suite -> authprobe_planted_wrapper -> authprobe_planted_server"
      -DREJECT=authprobe_planted_mutant
      "-DCOMMAND=${CMAKE_COMMAND};-S;${fixtures}/bad_link;-B;${fixture_build};-DAUTHPROBE_CMAKE_DIR=${PROJECT_SOURCE_DIR}/cmake"
      -P ${fixtures}/expect_failure.cmake)
  # The conformance include root (built by conformance/CMakeLists.txt) resolves conformance/ and
  # not reference/: compiling the fixture fails on its reference/ include, not before.
  add_test(NAME independence.include_root_hides_reference
    COMMAND ${CMAKE_COMMAND}
      "-DEXPECT=planted.cpp:4:[0-9:]* fatal error: reference/core/result.hpp: No such file"
      "-DCOMMAND=${CMAKE_CXX_COMPILER};-std=c++20;-fsyntax-only;-I${PROJECT_BINARY_DIR}/include_roots/conformance;${fixtures}/include_root/planted.cpp"
      -P ${fixtures}/expect_failure.cmake)
  set_tests_properties(independence.include_scan independence.include_scan_catches_a_violation
    independence.link_check_catches_a_violation independence.include_root_hides_reference
    PROPERTIES LABELS independence TIMEOUT 120)
endfunction()
