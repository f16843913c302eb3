// tests/fuzz/standalone_driver.cpp
// A main() for libFuzzer-style targets when libFuzzer is not available (g++ builds, ctest):
// runs every file of the given corpus directories through LLVMFuzzerTestOneInput, then a fixed
// number of mutations drawn from a seeded generator, so every run tries the same inputs. No
// coverage feedback: the mutations lean on a dictionary of the tokens that matter to the target.
// Stops after --runs mutations or --seconds, whichever comes first; the target aborts on a
// finding, which fails the test.
//
//   markdown_fuzz_standalone [--runs N] [--seconds S] [--seed X] DIR...
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

using Rng = std::mt19937_64;

// Markdown syntax and the pieces of known XSS vectors: recombined, they reach the parser's
// corners far faster than random bytes.
const std::vector<std::string_view> kDictionary = {
    "[",
    "]",
    "(",
    ")",
    "](",
    "![",
    "<",
    ">",
    "</",
    "/>",
    "\"",
    "'",
    "`",
    "```",
    "~~",
    "*",
    "**",
    "_",
    "|",
    "|---|",
    "\n",
    "\n\n",
    "    ",
    "\t",
    "- [ ] ",
    "- [x] ",
    "1. ",
    "> ",
    "# ",
    "---\n",
    "\\",
    "&",
    "&#",
    "&#x",
    "&colon;",
    "&#58;",
    "&#x3A;",
    "&Tab;",
    "&NewLine;",
    "&amp;",
    "&quot;",
    ";",
    "%",
    "%3A",
    "%73",
    "%25",
    ":",
    "//",
    "javascript:",
    "JaVaScRiPt:",
    "vbscript:",
    "data:",
    "data:text/html,",
    "mailto:",
    "http://",
    "https://",
    "www.",
    "@",
    "?",
    "#",
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<a href=\"",
    "onerror=",
    "onclick=",
    " title=\"",
    "<!--",
    "-->",
    "<![CDATA[",
    "<?",
    "<div>",
    "</div>",
    std::string_view("\0", 1),
    "\x01",
    "\x7F",
    "\xC0\xBC",
    "\xE2\x80\x8B",
    "\xEF\xBC\x9A",
    "\xFF",
    "[r]: ",
    "[r]",
    "[^1]",
    "<http://",
    "<javascript:",
};

std::string_view pick(const std::vector<std::string_view>& v, Rng& rng) {
  return v[rng() % v.size()];
}

std::size_t position(const std::string& s, Rng& rng) { return rng() % (s.size() + 1); }

std::string mutate(std::string s, const std::vector<std::string>& pool, Rng& rng,
                   std::size_t max_len) {
  const int rounds = 1 + static_cast<int>(rng() % 4);
  for (int r = 0; r < rounds; ++r) {
    switch (rng() % 8) {
      case 0:  // flip a bit
        if (!s.empty()) {
          s[rng() % s.size()] ^= static_cast<char>(1u << (rng() % 8));
        }
        break;
      case 1:  // insert a random byte
        s.insert(position(s, rng), 1, static_cast<char>(rng() % 256));
        break;
      case 2:  // insert a dictionary token
        s.insert(position(s, rng), pick(kDictionary, rng));
        break;
      case 3:  // erase a short range
        if (!s.empty()) {
          const std::size_t at = rng() % s.size();
          s.erase(at, 1 + rng() % 8);
        }
        break;
      case 4:  // duplicate a range
        if (!s.empty()) {
          const std::size_t at = rng() % s.size();
          const std::string part = s.substr(at, 1 + rng() % 64);
          s.insert(position(s, rng), part);
        }
        break;
      case 5: {  // splice in a slice of another input
        const std::string& other = pool[rng() % pool.size()];
        if (!other.empty()) {
          const std::size_t at = rng() % other.size();
          s.insert(position(s, rng), other.substr(at, 1 + rng() % 128));
        }
        break;
      }
      case 6:  // overwrite a byte with markup punctuation
        if (!s.empty()) {
          static constexpr std::string_view kPunct = "[]()<>!&#;:%\"'`|*_~\\\n -=/";
          s[rng() % s.size()] = kPunct[rng() % kPunct.size()];
        }
        break;
      default: {  // a token repeated: deep nesting, long bracket stacks
        const std::string_view token = pick(kDictionary, rng);
        std::string run;
        const int times = 1 + static_cast<int>(rng() % 64);
        for (int t = 0; t < times; ++t) {
          run += token;
        }
        s.insert(position(s, rng), run);
        break;
      }
    }
  }
  if (s.size() > max_len) {
    s.resize(max_len);
  }
  return s;
}

void run_one(const std::string& input) {
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

[[noreturn]] void usage() {
  std::fprintf(stderr, "usage: fuzz_standalone [--runs N] [--seconds S] [--seed X] DIR...\n");
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  long runs = 20'000;
  double seconds = 10.0;
  std::uint64_t seed = 1;
  std::vector<std::filesystem::path> dirs;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if ((arg == "--runs" || arg == "--seconds" || arg == "--seed") && i + 1 < argc) {
      const char* value = argv[++i];
      char* end = nullptr;
      if (arg == "--runs") {
        runs = std::strtol(value, &end, 10);
      } else if (arg == "--seconds") {
        seconds = std::strtod(value, &end);
      } else {
        seed = std::strtoull(value, &end, 10);
      }
      if (end == value || *end != '\0' || runs < 0 || seconds < 0) {
        usage();
      }
    } else if (arg.starts_with("--")) {
      usage();
    } else {
      dirs.emplace_back(arg);
    }
  }
  if (dirs.empty()) {
    usage();
  }

  std::vector<std::string> pool;
  for (const auto& dir : dirs) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      if (entry.is_regular_file()) {
        files.push_back(entry.path());
      }
    }
    if (ec) {
      std::fprintf(stderr, "fuzz_standalone: cannot read %s: %s\n", dir.c_str(),
                   ec.message().c_str());
      return 2;
    }
    std::sort(files.begin(), files.end());  // the same order, hence the same mutations
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      pool.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  }
  if (pool.empty()) {
    std::fprintf(stderr, "fuzz_standalone: the corpus is empty\n");
    return 2;
  }

  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + std::chrono::duration<double>(seconds);
  for (const auto& input : pool) {
    run_one(input);
  }
  const std::size_t seeds = pool.size();

  // Mutants join the pool now and then, so mutations compound over the run.
  constexpr std::size_t kMaxPool = 4'000;
  constexpr std::size_t kMaxLen = 8 * 1024;
  Rng rng(seed);
  long done = 0;
  bool timed_out = false;
  for (; done < runs; ++done) {
    if (done % 64 == 0 && std::chrono::steady_clock::now() >= deadline) {
      timed_out = true;
      break;
    }
    std::string input = mutate(pool[rng() % pool.size()], pool, rng, kMaxLen);
    run_one(input);
    if (pool.size() < kMaxPool && rng() % 4 == 0) {
      pool.push_back(std::move(input));
    }
  }
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("fuzz_standalone: %zu seeds and %ld mutations (seed %llu) in %.1f s%s, no finding\n",
              seeds, done, static_cast<unsigned long long>(seed), elapsed,
              timed_out ? " (time limit reached)" : "");
  return 0;
}
