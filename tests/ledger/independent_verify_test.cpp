// tests/ledger/independent_verify_test.cpp
// Our inclusion proofs, checked by code that is not ours: tests/ledger/independent_verify.py
// (Python's hashlib and python3-cryptography only) reads files holding the verifier key and the
// rendered proof (ledger::render) and checks the key id, the checkpoint signature, the leaf hash
// and the RFC 9162 path. Genuine proofs must pass; a tampered path, leaf, root, key or entry
// number must not. The script's absolute path comes from the build
// (MANDATE_INDEPENDENT_VERIFY_PY); it takes many files per run because starting the interpreter
// costs more than the checks.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <fstream>
#include <sstream>

#include "ledger/proof.hpp"
#include "ledger_fixture.hpp"

#ifndef MANDATE_INDEPENDENT_VERIFY_PY
#error "MANDATE_INDEPENDENT_VERIFY_PY must name tests/ledger/independent_verify.py"
#endif

namespace mandate::ledger {
namespace {

using test::LedgerFixture;

constexpr OrgId kOrg{3};

class IndependentVerifyTest : public LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    add_many(kOrg, 11);
    checkpoint(kOrg);
  }

  InclusionProof proof(std::int64_t seq) {
    auto p = db().read([&](store::Transaction& tx) { return prove(tx, kOrg, seq); });
    if (!p) {
      ADD_FAILURE() << p.error().message;
      return {};
    }
    return *p;
  }

  // The file the script reads: the verifier key the reader trusts, then the rendered proof.
  static std::string file_text(const std::string& verifier_key, const std::string& rendered) {
    return "verifier_key: " + verifier_key + "\n" + rendered;
  }

  struct Run {
    int status = -1;                    // exit status; -1 when it did not exit normally
    std::vector<std::string> verdicts;  // one line per file, in order
  };

  // Writes each text to a file and runs the script once over all of them.
  Run run_python(const std::vector<std::string>& texts) {
    std::string cmd = std::string("python3 '") + MANDATE_INDEPENDENT_VERIFY_PY + "'";
    for (std::size_t i = 0; i < texts.size(); ++i) {
      const std::string file = dir_.file("proof-" + std::to_string(i) + ".txt");
      std::ofstream(file, std::ios::binary) << texts[i];
      cmd += " '" + file + "'";
    }
    const std::string out = dir_.file("verdicts.txt");
    cmd += " >'" + out + "' 2>&1";
    Run run;
    const int status = std::system(cmd.c_str());
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(out);
    for (std::string line; std::getline(in, line);) {
      run.verdicts.push_back(line);
    }
    return run;
  }

  static std::string replace_once(std::string text, const std::string& from,
                                  const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) {
      text.replace(at, from.size(), to);
    }
    return text;
  }

  static std::string joined(const std::vector<std::string>& lines) {
    std::ostringstream s;
    for (const auto& l : lines) {
      s << l << "\n";
    }
    return s.str();
  }

  mandate::test::TempDir dir_;
};

TEST_P(IndependentVerifyTest, PythonAcceptsOurProofs) {
  const std::vector<std::int64_t> seqs{1, 2, 6, 8, 11};
  std::vector<std::string> texts;
  for (std::int64_t seq : seqs) {
    texts.push_back(file_text(signer_.verifier_key(), render(proof(seq))));
  }
  const Run run = run_python(texts);
  EXPECT_EQ(run.status, 0) << joined(run.verdicts);
  ASSERT_EQ(run.verdicts.size(), seqs.size()) << joined(run.verdicts);
  for (std::size_t i = 0; i < seqs.size(); ++i) {
    EXPECT_TRUE(run.verdicts[i].starts_with("ok: ")) << run.verdicts[i];
    EXPECT_NE(run.verdicts[i].find("entry #" + std::to_string(seqs[i]) +
                                   " of mandate.test/org/3 is in the tree of 11 entries"),
              std::string::npos)
        << run.verdicts[i];
  }
}

TEST_P(IndependentVerifyTest, PythonRefusesTamperedProofs) {
  const InclusionProof p = proof(6);
  const std::string text = render(p);
  const std::string vkey = signer_.verifier_key();
  struct Case {
    const char* what;
    std::string file;
    const char* reason;  // in the script's verdict
  };
  std::vector<Case> cases;
  cases.push_back({"the genuine proof (control)", file_text(vkey, text), ""});
  {
    const auto at = text.find("path: ");
    std::string changed = text;
    char& digit = changed[at + 6 + 10];
    digit = digit == '0' ? '1' : '0';
    cases.push_back({"a path hash changed", file_text(vkey, changed),
                     "the path does not lead to the signed root"});
    std::string shorter = text;
    shorter.erase(at, text.find('\n', at) - at + 1);
    cases.push_back({"a path hash dropped", file_text(vkey, shorter), "path shorter"});
  }
  {
    // The entry said i = 6; claim it said 60, with leaf_hash fixed up: only the path can tell.
    const std::string bytes = replace_once(p.leaf_bytes, R"("data":{"i":6})", R"("data":{"i":60})");
    std::string changed = replace_once(text, p.leaf_bytes, bytes);
    changed = replace_once(changed, core::hex(p.leaf_hash), core::hex(hash_leaf(bytes)));
    cases.push_back({"leaf bytes changed", file_text(vkey, changed),
                     "the path does not lead to the signed root"});
  }
  {
    const Signer other(test::kKeyName, std::string(32, 'o'));
    cases.push_back({"another key of the same name", file_text(other.verifier_key(), text),
                     "no signature by the verifier key"});
    std::string wrong_id = vkey;
    char& c = wrong_id[wrong_id.find('+') + 1];
    c = c == 'a' ? 'b' : 'a';
    cases.push_back({"our key with a wrong key id", file_text(wrong_id, text), "key id"});
  }
  {
    const Hash& root = p.checkpoint.root;
    const Hash fake = core::sha256(std::string_view("fake"));
    cases.push_back(
        {"the signed root replaced",
         file_text(vkey, replace_once(text, core::base64(std::string(root.begin(), root.end())),
                                      core::base64(std::string(fake.begin(), fake.end())))),
         "signature does not verify"});
  }
  cases.push_back({"another leaf index",
                   file_text(vkey, replace_once(text, "leaf_index: 5\n", "leaf_index: 4\n")),
                   "leaf index"});
  cases.push_back(
      {"another entry number", file_text(vkey, replace_once(text, "seq: 6\n", "seq: 7\n")), ""});
  cases.push_back({"another organization",
                   file_text(vkey, replace_once(text, "org: 3\n", "org: 4\n")), "origin"});

  std::vector<std::string> texts;
  for (const auto& c : cases) {
    texts.push_back(c.file);
  }
  const Run run = run_python(texts);
  EXPECT_EQ(run.status, 1) << joined(run.verdicts);
  ASSERT_EQ(run.verdicts.size(), cases.size()) << joined(run.verdicts);
  EXPECT_TRUE(run.verdicts[0].starts_with("ok: ")) << run.verdicts[0];
  for (std::size_t i = 1; i < cases.size(); ++i) {
    SCOPED_TRACE(cases[i].what);
    EXPECT_TRUE(run.verdicts[i].starts_with("FAIL: ")) << run.verdicts[i];
    EXPECT_NE(run.verdicts[i].find(cases[i].reason), std::string::npos) << run.verdicts[i];
  }
  // A single tampered file on its own fails the run too.
  EXPECT_EQ(run_python({cases[1].file}).status, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, IndependentVerifyTest, mandate::test::all_backends(),
                         mandate::test::backend_name);

}  // namespace
}  // namespace mandate::ledger
