# Build options and the warning/sanitizer flags shared by every target.
option(MANDATE_WERROR "Treat warnings as errors" OFF)
option(MANDATE_SANITIZE "Build with ASan + UBSan" OFF)
option(MANDATE_BUILD_TESTS "Build the tests" ON)
option(MANDATE_BUILD_BENCH "Build the benchmarks" OFF)

add_library(mandate_flags INTERFACE)
target_compile_options(mandate_flags INTERFACE -Wall -Wextra -Wpedantic -Wshadow=local
  -Wnon-virtual-dtor -Wno-missing-field-initializers
  # GCC 12 reports bogus -Wrestrict on std::string concatenation at -O2 (GCC bug 105329).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
if(MANDATE_WERROR)
  target_compile_options(mandate_flags INTERFACE -Werror)
endif()
if(MANDATE_SANITIZE)
  # GCC documents that -fsanitize=address makes -Wmaybe-uninitialized report false positives (it
  # does, inside libstdc++'s <regex> and std::function); the release build keeps the warning.
  target_compile_options(mandate_flags INTERFACE -fsanitize=address,undefined
    -fno-omit-frame-pointer -fno-sanitize-recover=undefined
    $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
  target_link_options(mandate_flags INTERFACE -fsanitize=address,undefined)
endif()
