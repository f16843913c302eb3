# mandate_add_library(NAME SOURCES... DEPS ...) — a layer library with the project's flags,
# include root at src/.
function(mandate_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src ${PROJECT_BINARY_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE mandate_flags)
endfunction()

# mandate_add_test(NAME SOURCES... DEPS ... [LABELS ...] [ONE_PROCESS]) — a GoogleTest executable
# registered with CTest through gtest_discover_tests (one process per test), or, with ONE_PROCESS,
# as a single CTest test running the whole executable: for suites whose SetUpTestSuite builds an
# expensive shared fixture (the demo organization) that one process per test would rebuild.
include(GoogleTest)
function(mandate_add_test name)
  cmake_parse_arguments(ARG "ONE_PROCESS" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} mandate_test_support GTest::gtest GTest::gmock
    GTest::gtest_main mandate_flags)
  if(ARG_ONE_PROCESS)
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}")
  else()
    gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "${ARG_LABELS}")
  endif()
endfunction()
