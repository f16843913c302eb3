// tests/fuzz/markdown_fuzz.cpp
// Fuzz target for core::render_markdown: whatever the input, the output must pass
// core::is_safe_html (allow-listed tags and attributes only, no script scheme, no event
// attribute) and be valid UTF-8. A violation prints the input and output and aborts.
//
// Two ways to run it (see tests/fuzz/CMakeLists.txt):
//  - markdown_fuzz_standalone (every build, ctest "markdown_fuzz", label unit): the seed corpus
//    in tests/fuzz/corpus/markdown/ plus a fixed number of deterministic mutations
//    (standalone_driver.cpp), bounded in time;
//  - markdown_libfuzzer (clang builds only): coverage-guided libFuzzer, e.g.
//      CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
//      cmake --build build/fuzz --target markdown_libfuzzer
//      build/fuzz/tests/fuzz/markdown_libfuzzer -max_total_time=300 tests/fuzz/corpus/markdown
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/markdown.hpp"
#include "core/text.hpp"

namespace {

// Larger inputs find nothing new and only slow the search down.
constexpr std::size_t kMaxInput = 64 * 1024;

void print_escaped(const char* label, std::string_view s) {
  std::fprintf(stderr, "%s (%zu bytes): \"", label, s.size());
  const std::size_t shown = s.size() < 4096 ? s.size() : 4096;
  for (std::size_t i = 0; i < shown; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\\' || c == '"') {
      std::fprintf(stderr, "\\%c", c);
    } else if (c >= 0x20 && c < 0x7F) {
      std::fputc(c, stderr);
    } else {
      std::fprintf(stderr, "\\x%02X", c);
    }
  }
  std::fprintf(stderr, "\"%s\n", shown < s.size() ? " (truncated)" : "");
}

[[noreturn]] void fail(const char* why, std::string_view input, std::string_view html) {
  std::fprintf(stderr, "markdown_fuzz: %s\n", why);
  print_escaped("input", input);
  print_escaped("output", html);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInput) {
    return 0;
  }
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string html = mandate::core::render_markdown(input);
  if (!mandate::core::is_safe_html(html)) {
    fail("output is not safe HTML", input, html);
  }
  if (!mandate::core::valid_utf8(html)) {
    fail("output is not valid UTF-8", input, html);
  }
  return 0;
}
