# cmake -DEXPECT=<regex> [-DREJECT=<regex>] -DCOMMAND=<cmd;args> -P expect_failure.cmake
# Runs COMMAND and passes only if it fails with output matching EXPECT (and not REJECT): proof
# that an independence guard catches the violation planted in its fixture.
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(output "${out}${err}")
message("${output}")
if(result EQUAL 0)
  message(FATAL_ERROR "expected a failure, the command succeeded")
endif()
if(NOT output MATCHES "${EXPECT}")
  message(FATAL_ERROR "the failure does not name the violation (${EXPECT})")
endif()
if(REJECT AND output MATCHES "${REJECT}")
  message(FATAL_ERROR "the failure names an allowed case (${REJECT})")
endif()
