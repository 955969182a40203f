# Included from tools/CMakeLists.txt (one line there): `authprobe bench` and its CI smoke test.
target_sources(authprobe PRIVATE ${PROJECT_SOURCE_DIR}/tools/commands/bench_command.cpp)
target_link_libraries(authprobe PRIVATE authprobe::bench)

# Every benchmark once with a tiny minimum time (Google Benchmark 1.7: seconds, a double).
# It fails on errors only (a SkipWithError, a non-2xx response: exit code 1), never on speed.
add_test(NAME bench.smoke_all_suites
  COMMAND authprobe bench --benchmark_min_time=0.01 --benchmark_format=json
          --benchmark_out=${CMAKE_BINARY_DIR}/bench-smoke.json)
set_tests_properties(bench.smoke_all_suites PROPERTIES LABELS "bench" TIMEOUT 300)
# The report converter runs on what the smoke test wrote.
add_test(NAME bench.smoke_report
  COMMAND authprobe bench report ${CMAKE_BINARY_DIR}/bench-smoke.json --output-dir ${CMAKE_BINARY_DIR}/bench-smoke-report)
set_tests_properties(bench.smoke_report PROPERTIES LABELS "bench" DEPENDS bench.smoke_all_suites)
add_test(NAME bench.unknown_flag_is_a_usage_error COMMAND authprobe bench jwt --benchmark_no_such_flag=1)
set_tests_properties(bench.unknown_flag_is_a_usage_error PROPERTIES LABELS "bench" WILL_FAIL TRUE)
# calibrate prints ready-to-paste config lines (bcrypt only: its cheapest search).
add_test(NAME bench.calibrate_prints_config_line COMMAND authprobe bench calibrate --target-ms 100 --algorithm bcrypt)
set_tests_properties(bench.calibrate_prints_config_line PROPERTIES LABELS "bench"
  PASS_REGULAR_EXPRESSION "\"password_policy\": {\"algorithm\":\"bcrypt\",\"params\":{\"cost\":[0-9]+}}")
