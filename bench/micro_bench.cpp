// bench/micro_bench.cpp
// Google Benchmark micro benchmarks of the core primitives on Mandate's hot paths: SHA-256
// (ledger leaves, evidence files), canonical JSON (every ledger payload), CSV parsing (HR
// imports), Argon2id password hashing (sign-in), and Markdown rendering and line diffs (policy
// pages and version comparisons). The load benchmarks and their ceilings are in scripts/bench;
// results of both are in docs/performance.md.
//
//   micro_bench [--benchmark_filter=REGEX] [--benchmark_min_time=0.2]
#include <benchmark/benchmark.h>

#include <string>

#include "core/crypto.hpp"
#include "core/csv.hpp"
#include "core/diff.hpp"
#include "core/json.hpp"
#include "core/markdown.hpp"

namespace mandate::bench {
namespace {

namespace json = core::json;

// --- SHA-256 -------------------------------------------------------------------------------

void BM_Sha256(benchmark::State& state) {
  const std::string data(static_cast<std::size_t>(state.range(0)), 'x');
  for (auto _ : state) {
    benchmark::DoNotOptimize(core::sha256(std::string_view(data)));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_Sha256)->Arg(1024)->Arg(1024 * 1024);

// --- canonical JSON ------------------------------------------------------------------------

// A ledger leaf as the people service writes it for an update: the envelope fields around a
// field-by-field diff (see ledger/ledger.hpp and areas/people/service.cpp).
json::value typical_ledger_payload() {
  json::object data{
      {"job_title", json::object{{"from", "Payroll Specialist"}, {"to", "Payroll Lead"}}},
      {"department", json::object{{"from", "Finance"}, {"to", "Finance & Controlling"}}},
      {"manager_id", json::object{{"from", 2}, {"to", nullptr}}},
      {"source", "api"},
  };
  return json::object{{"seq", 48213},
                      {"org", 1},
                      {"at", "2026-03-01T09:00:00.123456Z"},
                      {"actor_kind", "user"},
                      {"actor_id", 17},
                      {"actor_label", "Helena Brandt <helena.brandt@northwind.example>"},
                      {"entity_type", "person"},
                      {"entity_id", "57"},
                      {"action", "update"},
                      {"data", data}};
}

void BM_CanonicalJson(benchmark::State& state) {
  const json::value payload = typical_ledger_payload();
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string out = core::canonical_json(payload);
    bytes = out.size();
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_CanonicalJson);

// --- CSV -----------------------------------------------------------------------------------

// An HR export of `rows` people with the columns of a typical HRIS export, some cells quoted.
std::string hr_csv(int rows) {
  static const char* const kDepartments[] = {"Finance", "Engineering", "Sales, EMEA", "People",
                                             "Legal"};
  std::string out =
      "Employee ID,Full name,Work email,Job title,Department,Manager email,Status,Start date\r\n";
  for (int i = 0; i < rows; ++i) {
    std::string n = std::to_string(i);
    out += "NW" + n + ",\"Person " + n + "\",person" + n + "@northwind.example,";
    out += (i % 7 == 0) ? "\"Analyst, Senior\"" : "Engineer";
    out += ",\"" + std::string(kDepartments[i % 5]) + "\",";
    out += i == 0 ? std::string() : "person" + std::to_string(i / 10) + "@northwind.example";
    out += i % 50 == 0 ? ",Leaver,2019-04-01\r\n" : ",Active,2021-09-15\r\n";
  }
  return out;
}

void BM_ParseCsv(benchmark::State& state) {
  const std::string data = hr_csv(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    std::vector<core::CsvProblem> problems;
    auto table = core::parse_csv(data, problems);
    if (!table || table->rows.size() != static_cast<std::size_t>(state.range(0))) {
      state.SkipWithError("CSV did not parse");
      break;
    }
    benchmark::DoNotOptimize(table);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * data.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_ParseCsv)->Arg(10'000)->Unit(benchmark::kMillisecond);

// --- Argon2id ------------------------------------------------------------------------------

void BM_PasswordHash(benchmark::State& state) {
  core::crypto_init();
  for (auto _ : state) {
    benchmark::DoNotOptimize(core::password_hash("correct horse battery staple"));
  }
}
// Default parameters (core::PasswordParams{}); a few iterations are enough at ~tens of ms each.
BENCHMARK(BM_PasswordHash)->Unit(benchmark::kMillisecond)->MinTime(0.5)->UseRealTime();

// --- Markdown and diff (policies) ----------------------------------------------------------

// A topic-specific policy of about `bytes` bytes: numbered sections with headings, paragraphs
// with links and emphasis, a table, a task list and a code block each.
std::string policy_markdown(std::size_t bytes) {
  std::string out = "# Access Control Policy\n\n**Reference:** POL-007 · **Owner:** CISO\n\n";
  for (int section = 1; out.size() < bytes; ++section) {
    const std::string n = std::to_string(section);
    out += "## " + n + ". Requirement " + n + "\n\n";
    out +=
        "Access to *information* and **systems** is granted on a need-to-know basis and "
        "reviewed every quarter by the asset owner, as required by "
        "[ISO/IEC 27001 A.5.15](https://www.iso.org/standard/27001) and the "
        "[ISMS scope](/policies/2). Questions go to security@northwind.example.\n\n";
    out +=
        "| Role | Approves | Reviews |\n|:-----|:--------:|--------:|\n"
        "| Asset owner | yes | quarterly |\n| CISO | ~~no~~ yes | yearly |\n\n";
    out +=
        "- [x] Joiners get access through the service desk\n"
        "- [ ] Leavers lose access on their last day\n"
        "  1. HR notifies IT\n  2. IT disables the account\n\n";
    out += "```text\naccess-request --system payroll --role reader\n```\n\n";
  }
  return out;
}

void BM_RenderMarkdown(benchmark::State& state) {
  const std::string policy = policy_markdown(20 * 1024);
  for (auto _ : state) {
    benchmark::DoNotOptimize(core::render_markdown(policy));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * policy.size()));
}
BENCHMARK(BM_RenderMarkdown)->Unit(benchmark::kMicrosecond);

// Two versions of a 500-line policy: the second rewords every 20th line, drops every 50th and
// adds a paragraph every 100 lines — a typical yearly revision.
void BM_DiffLines(benchmark::State& state) {
  std::string before, after;
  for (int i = 1; i <= 500; ++i) {
    const std::string line = "Clause " + std::to_string(i) +
                             ": the organization shall review access rights every quarter.\n";
    before += line;
    if (i % 50 == 0) {
      continue;
    }
    after += i % 20 == 0 ? "Clause " + std::to_string(i) +
                               ": the organization shall review access rights every month.\n"
                         : line;
    if (i % 100 == 0) {
      after += "New requirement after clause " + std::to_string(i) + ".\n";
    }
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(core::diff_lines(before, after));
  }
  state.SetBytesProcessed(
      static_cast<std::int64_t>(state.iterations() * (before.size() + after.size())));
}
BENCHMARK(BM_DiffLines)->Unit(benchmark::kMicrosecond);

// --- Ledger and Merkle tree ----------------------------------------------------------------
// Reserved for the ledger's micro benchmarks (leaf hashing, tree root over N leaves, inclusion
// and consistency proofs). Add them here, linking mandate_ledger in bench/CMakeLists.txt.

}  // namespace
}  // namespace mandate::bench

BENCHMARK_MAIN();
