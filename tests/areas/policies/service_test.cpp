// Policy use cases on both backends: the version state machine (every legal and illegal
// transition, ledger unchanged on refusal), signatures with step-up bound to the content hash,
// approval rules, opened-before-acknowledged, material vs non-material changes, acknowledgment
// idempotency under concurrency, bulk all-or-nothing, coverage, review cadence, share links,
// roles and tenancy, campaigns, import/export and indicators.
#include "areas/policies/service.hpp"

#include <gtest/gtest.h>

#include <latch>
#include <map>
#include <thread>

#include "areas/area_fixture.hpp"
#include "areas/people/service.hpp"

namespace mandate::areas::policies {
namespace {

using core::Timestamp;

constexpr const char* kPw = "a long enough passphrase 1";
constexpr const char* kBody = "# Acceptable use\n\nUse company devices for work.\n";

struct Member {
  UserId user;
  std::string email;
  std::string name;
  Role role = Role::staff;
  std::string session;  // session id hash, after sign-in
};

class PoliciesTest : public test::AreaTest {
 protected:
  void SetUp() override {
    AreaTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    carl_ = member("carl@example.com", "Carl Contributor", Role::contributor);
    tina_ = member("tina@example.com", "Tina Top", Role::top_management);
    ivan_ = member("ivan@example.com", "Ivan Isms", Role::isms_manager);
    sam_ = member("sam@example.com", "Sam Staff", Role::staff);
  }

  Member member(const std::string& email, const std::string& name, Role role) {
    auto u = accounts::create_user(env(), admin(), {email, name, kPw});
    EXPECT_TRUE(u) << (u ? "" : u.error().message);
    auto m = accounts::set_member(env(), admin(), {email, role, std::nullopt});
    EXPECT_TRUE(m) << (m ? "" : m.error().message);
    return Member{u ? *u : UserId{}, email, name, role, ""};
  }
  Caller by(const Member& m, OrgId o = OrgId{}) const {
    return Caller{m.user, TokenId{}, o ? o : org(), m.role, m.name};
  }
  SignatureAuth auth(Member& m, std::string password = kPw) {
    if (m.session.empty()) {
      auto l = accounts::login(env(), {m.email, kPw, "127.0.0.1", "test"});
      EXPECT_TRUE(l) << (l ? "" : l.error().message);
      m.session = l ? l->session.id_hash : "";
    }
    return SignatureAuth{std::move(password), m.session, "127.0.0.1"};
  }

  PersonId person(const std::string& name, const std::string& email, const std::string& dept) {
    auto r = people::create(env(), admin(),
                            people::PersonFields{name, email, "Employee", dept, std::nullopt,
                                                 people::Status::active, std::nullopt});
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : PersonId{};
  }
  void designate(PersonId p) {
    auto day = core::days_since_epoch(clock_.now());
    ASSERT_TRUE(people::designate(env(), admin(), p, "Chief Executive Officer", day - 30));
  }

  DocumentFields fields(const std::string& ref,
                        DocType type = DocType::topic_specific_policy) const {
    DocumentFields f;
    f.reference = ref;
    f.title = "Policy " + ref;
    f.type = type;
    f.requirements = {"ISO27001:5.2"};
    return f;
  }
  DocId create_doc(const std::string& ref, const std::string& content = kBody,
                   DocType type = DocType::topic_specific_policy) {
    auto r = create(env(), by(carl_), fields(ref, type), DraftFields{content, "First", true, {}});
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : DocId{};
  }
  DocView get(DocId id) {
    auto v = view(env(), admin(), id);
    EXPECT_TRUE(v) << (v ? "" : v.error().message);
    return *v;
  }
  Version version(DocId id, int number) {
    for (const auto& vv : get(id).versions) {
      if (vv.version.number == number) {
        return vv.version;
      }
    }
    ADD_FAILURE() << "no version " << number;
    return {};
  }
  void submit_to(VersionId v, std::vector<UserId> approvers) {
    auto r = submit(env(), by(carl_), v, std::move(approvers));
    ASSERT_TRUE(r) << r.error().message;
  }
  void approve_as(Member& m, VersionId v, std::optional<bool> material = std::nullopt) {
    auto r = approve(env(), by(m), v, auth(m), "Fine.", material);
    ASSERT_TRUE(r) << r.error().message;
  }
  // Submits, approves (Tina) and publishes (Ivan) version `number` of `id`.
  void approve_and_publish(DocId id, int number, std::optional<bool> material = std::nullopt) {
    VersionId v = version(id, number).id;
    submit_to(v, {tina_.user});
    approve_as(tina_, v, material);
    auto p = publish(env(), by(ivan_), v);
    ASSERT_TRUE(p) << p.error().message;
  }
  DocId published_doc(const std::string& ref, const std::string& content = kBody,
                      DocType type = DocType::topic_specific_policy) {
    DocId id = create_doc(ref, content, type);
    approve_and_publish(id, 1);
    return id;
  }
  // A new version with `content`, published; `material` as the author sets it.
  void republish(DocId id, const std::string& content, bool material) {
    auto v = new_draft(env(), by(carl_), id);
    ASSERT_TRUE(v) << v.error().message;
    auto draft = version(id, get(id).versions.front().version.number);
    ASSERT_TRUE(edit_draft(env(), by(carl_), *v, DraftFields{content, "Edit", material, {}},
                           draft.row_version));
    approve_and_publish(id, draft.number);
  }
  std::int64_t count(const std::string& sql) {
    return db().read([&](store::Transaction& tx) { return tx.query_one(sql)->int64(0); });
  }
  std::vector<std::string> actions(DocId id) {
    std::vector<std::string> out;
    for (const auto& e : get(id).history) {
      out.insert(out.begin(), e.action);
    }
    return out;
  }

  Member carl_, tina_, ivan_, sam_;
};

// --- register ---

TEST_P(PoliciesTest, CreateValidatesFieldsAndRecordsOneEntry) {
  auto before = ledger_size(org());
  DocumentFields bad = fields("POL 1");
  bad.title = "";
  bad.review_interval_months = 61;
  auto r = create(env(), by(carl_), bad, DraftFields{"", "", true, {}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::invalid);
  for (const char* f : {"reference", "title", "review_interval_months", "content"}) {
    EXPECT_TRUE(r.error().fields.contains(f)) << f;
  }
  DocumentFields owned = fields("POL-9");
  owned.owner = PersonId{424242};
  EXPECT_TRUE(create(env(), by(carl_), owned, DraftFields{kBody, "", true, {}})
                  .error()
                  .fields.contains("owner_id"));
  EXPECT_EQ(ledger_size(org()), before);

  DocId id = create_doc("pol-001");
  auto dup = create(env(), by(carl_), fields("POL-001"), DraftFields{kBody, "", true, {}});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().fields.at("reference"), "is already used by \"Policy pol-001\"");
  EXPECT_EQ(ledger_size(org()), before + 1);

  DocView v = get(id);
  EXPECT_EQ(v.doc.reference, "POL-001");
  EXPECT_EQ(v.doc.status, DocStatus::draft);
  ASSERT_EQ(v.versions.size(), 1u);
  EXPECT_EQ(v.versions[0].version.status, VersionStatus::draft);
  EXPECT_EQ(v.versions[0].version.content_hash, content_hash(kBody));
  EXPECT_EQ(v.versions[0].version.author, carl_.user);
  EXPECT_EQ(v.history.at(0).action, "create");
  EXPECT_NE(v.history[0].payload.find(content_hash(kBody)), std::string::npos);
}

TEST_P(PoliciesTest, UpdateChecksRowVersionAndRecordsChanges) {
  PersonId owner = person("Olga Owner", "olga@example.com", "IT");
  DocId id = create_doc("POL-001");
  DocumentFields f = fields("POL-001");
  f.title = "Acceptable use policy";
  f.owner = owner;
  f.audience = AudienceKind::departments;
  f.audience_values = {"IT", "Sales"};
  ASSERT_TRUE(update(env(), by(carl_), id, f, 1));
  EXPECT_EQ(update(env(), by(carl_), id, f, 1).error().code, Errc::stale);
  DocView v = get(id);
  EXPECT_EQ(v.doc.title, "Acceptable use policy");
  EXPECT_EQ(v.owner_name, "Olga Owner");
  EXPECT_EQ(v.doc.audience_values, (std::vector<std::string>{"IT", "Sales"}));
  EXPECT_EQ(v.history.at(0).action, "update");
  EXPECT_NE(v.history[0].payload.find("\"to\":\"Acceptable use policy\""), std::string::npos);
  auto before = ledger_size(org());
  EXPECT_TRUE(update(env(), by(carl_), id, f, 2));  // nothing changed: no entry
  EXPECT_EQ(ledger_size(org()), before);
  f.audience = AudienceKind::people;
  f.audience_values = {"99999"};
  EXPECT_TRUE(update(env(), by(carl_), id, f, 2).error().fields.contains("audience_values"));
}

// --- state machine ---

TEST_P(PoliciesTest, EveryLegalTransition) {
  DocId id = create_doc("POL-001");
  VersionId v1 = version(id, 1).id;
  ASSERT_TRUE(edit_draft(env(), by(carl_), v1,
                         DraftFields{std::string(kBody) + "More.\n", "Clarified", true,
                                     *core::parse_date("2026-04-01")},
                         1));
  EXPECT_EQ(version(id, 1).content_hash, content_hash(std::string(kBody) + "More.\n"));
  submit_to(v1, {tina_.user, ivan_.user});
  EXPECT_EQ(get(id).doc.status, DocStatus::in_approval);
  EXPECT_EQ(version(id, 1).status, VersionStatus::in_approval);
  approve_as(tina_, v1);
  EXPECT_EQ(version(id, 1).status, VersionStatus::in_approval);  // Ivan has not signed yet
  clock_.advance_seconds(3600);
  approve_as(ivan_, v1);
  EXPECT_EQ(version(id, 1).status, VersionStatus::approved);
  EXPECT_EQ(get(id).doc.status, DocStatus::approved);
  const Timestamp approved_at = clock_.now();
  clock_.advance_seconds(86400);
  ASSERT_TRUE(publish(env(), by(ivan_), v1));
  DocView d = get(id);
  EXPECT_EQ(d.doc.status, DocStatus::published);
  EXPECT_EQ(d.doc.current_version, v1);
  EXPECT_EQ(d.doc.last_reviewed_at, approved_at);  // the review clock starts at the approval
  EXPECT_EQ(d.versions[0].version.effective_on, *core::parse_date("2026-04-01"));

  // Version 2 is rejected; the published version stays published meanwhile.
  auto v2 = new_draft(env(), by(carl_), id);
  ASSERT_TRUE(v2);
  EXPECT_EQ(version(id, 2).content, version(id, 1).content);  // copied
  EXPECT_EQ(get(id).doc.status, DocStatus::published);
  submit_to(*v2, {tina_.user});
  EXPECT_EQ(get(id).doc.status, DocStatus::published);
  ASSERT_TRUE(reject(env(), by(tina_), *v2, "Too vague."));
  EXPECT_EQ(version(id, 2).status, VersionStatus::rejected);
  EXPECT_EQ(get(id).doc.current_version, v1);

  // Version 3 replaces version 1, which is archived.
  auto v3 = new_draft(env(), by(carl_), id);
  ASSERT_TRUE(v3);
  ASSERT_TRUE(edit_draft(env(), by(carl_), *v3, DraftFields{"# AUP\n\nNew text.\n", "", true, {}},
                         1));
  approve_and_publish(id, 3);
  d = get(id);
  EXPECT_EQ(d.doc.current_version, *v3);
  EXPECT_EQ(version(id, 1).status, VersionStatus::archived);
  EXPECT_EQ(version(id, 3).status, VersionStatus::published);

  ASSERT_TRUE(retire(env(), by(ivan_), id, "Merged into POL-002."));
  EXPECT_EQ(get(id).doc.status, DocStatus::retired);
  EXPECT_EQ(actions(id),
            (std::vector<std::string>{"create", "edit_draft", "submit", "approve", "approve",
                                      "publish", "new_draft", "submit", "reject", "new_draft",
                                      "edit_draft", "submit", "approve", "publish", "retire"}));
}

TEST_P(PoliciesTest, EveryIllegalTransitionIsRefusedAndLeavesTheLedgerUnchanged) {
  DocId id = create_doc("POL-001");
  VersionId v1 = version(id, 1).id;
  auto before = ledger_size(org());
  auto refused = [&](Status s, Errc code, const std::string& what) {
    ASSERT_FALSE(s) << what;
    EXPECT_EQ(s.error().code, code) << what << ": " << s.error().message;
    EXPECT_FALSE(s.error().message.empty()) << what;
    EXPECT_EQ(ledger_size(org()), before) << what;
  };
  refused(approve(env(), by(tina_), v1, auth(tina_), ""), Errc::conflict, "approve a draft");
  refused(reject(env(), by(tina_), v1, "No."), Errc::conflict, "reject a draft");
  refused(publish(env(), by(ivan_), v1), Errc::conflict, "publish a draft");
  refused(submit(env(), by(carl_), v1, {}), Errc::invalid, "submit without approvers");
  refused(submit(env(), by(carl_), v1, {sam_.user}), Errc::invalid, "submit to staff");
  refused(submit(env(), by(carl_), v1, {carl_.user}), Errc::invalid, "author alone");
  refused(submit(env(), by(sam_), v1, {tina_.user}), Errc::forbidden, "staff submits");

  submit_to(v1, {tina_.user});
  before = ledger_size(org());
  refused(submit(env(), by(carl_), v1, {tina_.user}), Errc::conflict, "submit twice");
  refused(edit_draft(env(), by(carl_), v1, DraftFields{"changed", "", true, {}}, 2),
          Errc::conflict, "edit a submitted version");
  refused(publish(env(), by(ivan_), v1), Errc::conflict, "publish without signatures");
  EXPECT_NE(publish(env(), by(ivan_), v1).error().message.find("Tina Top"), std::string::npos);
  refused(approve(env(), by(ivan_), v1, auth(ivan_), ""), Errc::forbidden,
          "approve as a non-approver");
  refused(approve(env(), by(sam_), v1, auth(sam_), ""), Errc::forbidden, "approve as staff");
  refused(Status{new_draft(env(), by(carl_), id).error()}, Errc::conflict,
          "new draft while in approval");
  refused(reject(env(), by(tina_), v1, "  "), Errc::invalid, "reject without a comment");

  approve_as(tina_, v1);
  before = ledger_size(org());
  refused(approve(env(), by(tina_), v1, auth(tina_), ""), Errc::conflict, "approve twice");
  refused(reject(env(), by(tina_), v1, "Changed my mind"), Errc::conflict, "reject approved");
  refused(publish(env(), by(carl_), v1), Errc::forbidden, "publish as contributor");
  refused(Status{new_draft(env(), by(carl_), id).error()}, Errc::conflict,
          "new draft while approved");
  ASSERT_TRUE(publish(env(), by(ivan_), v1));
  before = ledger_size(org());
  refused(publish(env(), by(ivan_), v1), Errc::conflict, "publish twice");
  refused(approve(env(), by(tina_), v1, auth(tina_), ""), Errc::conflict, "approve published");
  refused(edit_draft(env(), by(carl_), v1, DraftFields{"changed", "", true, {}}, 3),
          Errc::conflict, "edit a published version");

  auto v2 = new_draft(env(), by(carl_), id);
  ASSERT_TRUE(v2);
  before = ledger_size(org());
  refused(Status{new_draft(env(), by(carl_), id).error()}, Errc::conflict, "two drafts");
  refused(edit_draft(env(), by(carl_), *v2, DraftFields{"x", "", true, {}}, 7), Errc::stale,
          "stale edit");
  submit_to(*v2, {tina_.user});
  before = ledger_size(org());
  refused(retire(env(), by(ivan_), id, " "), Errc::invalid, "retire without a reason");
  refused(retire(env(), by(carl_), id, "Old"), Errc::forbidden, "retire as contributor");
  ASSERT_TRUE(retire(env(), by(ivan_), id, "Superseded"));
  before = ledger_size(org());
  refused(retire(env(), by(ivan_), id, "Again"), Errc::conflict, "retire twice");
  refused(approve(env(), by(tina_), *v2, auth(tina_), ""), Errc::conflict,
          "approve when the document is retired");
  refused(Status{new_draft(env(), by(carl_), id).error()}, Errc::conflict, "draft of retired");
  refused(update(env(), by(carl_), id, fields("POL-001"), get(id).doc.row_version),
          Errc::conflict, "update retired");
  EXPECT_EQ(version(id, 2).status, VersionStatus::in_approval);
  EXPECT_EQ(version(id, 1).status, VersionStatus::published);
}

// --- signatures ---

TEST_P(PoliciesTest, WrongPasswordSignsNothing) {
  DocId id = create_doc("POL-001");
  VersionId v1 = version(id, 1).id;
  submit_to(v1, {tina_.user});
  auto before = ledger_size(org());
  auto r = approve(env(), by(tina_), v1, auth(tina_, "not my password"), "OK");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::unauthorized);
  EXPECT_TRUE(r.error().fields.contains("password"));
  EXPECT_EQ(ledger_size(org()), before);
  auto approvals = get(id).versions[0].approvals;
  ASSERT_EQ(approvals.size(), 1u);
  EXPECT_EQ(approvals[0].decision, Decision::pending);
  EXPECT_TRUE(approvals[0].signer_name.empty());
  EXPECT_EQ(version(id, 1).status, VersionStatus::in_approval);

  // API tokens and callers without a session cannot sign.
  Caller token{tina_.user, TokenId{5}, org(), Role::top_management, "token ci"};
  auto t = approve(env(), token, v1, auth(tina_), "");
  EXPECT_EQ(t.error().code, Errc::forbidden);
  EXPECT_EQ(t.error().message, "An approval is an electronic signature: sign in as a person.");
  EXPECT_EQ(approve(env(), by(tina_), v1, SignatureAuth{kPw, "", ""}, "").error().code,
            Errc::forbidden);
  EXPECT_EQ(ledger_size(org()), before);
}

TEST_P(PoliciesTest, ApprovalRecordsPrintedNameRoleMeaningTimeAndHash) {
  DocId id = create_doc("POL-001");
  VersionId v1 = version(id, 1).id;
  submit_to(v1, {tina_.user, ivan_.user});
  approve_as(tina_, v1);
  const Timestamp tina_at = clock_.now();
  clock_.advance_seconds(60);
  approve_as(ivan_, v1);
  auto approvals = get(id).versions[0].approvals;
  ASSERT_EQ(approvals.size(), 2u);
  const auto& ivan = approvals[0];  // by name
  const auto& tina = approvals[1];
  EXPECT_EQ(tina.signer_name, "Tina Top");
  EXPECT_EQ(tina.signer_role, "top_management");
  EXPECT_EQ(tina.meaning, "Approved as top management");
  EXPECT_EQ(tina.content_hash, content_hash(kBody));
  EXPECT_EQ(tina.decided_at, tina_at);
  EXPECT_EQ(ivan.meaning, "Approved as ISMS manager");
  auto h = get(id).history;
  EXPECT_EQ(h[0].action, "approve");
  EXPECT_EQ(h[0].actor.label, "Ivan Isms");
  EXPECT_NE(h[0].payload.find("\"meaning\":\"Approved as ISMS manager\""), std::string::npos);
  EXPECT_NE(h[0].payload.find(content_hash(kBody)), std::string::npos);
}

TEST_P(PoliciesTest, ApprovalRulesAreCheckedOnSubmit) {
  DocId isp = create_doc("ISP-001", kBody, DocType::information_security_policy);
  VersionId v = version(isp, 1).id;
  auto before = ledger_size(org());
  auto r = submit(env(), by(carl_), v, {ivan_.user});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().fields.at("approvers").find("top management"), std::string::npos);
  EXPECT_EQ(submit(env(), by(carl_), v, {UserId{987654}}).error().code, Errc::invalid);

  auto rs = rules(env(), by(sam_));
  EXPECT_EQ(rs.error().code, Errc::forbidden);
  rs = rules(env(), by(carl_));
  ASSERT_TRUE(rs);
  EXPECT_EQ(rs->size(), 6u);
  EXPECT_TRUE(rs->front().require_top_management);

  ApprovalRule two{DocType::information_security_policy, 2, true, true};
  EXPECT_EQ(set_rule(env(), by(carl_), two).error().code, Errc::forbidden);
  EXPECT_TRUE(set_rule(env(), by(ivan_), ApprovalRule{DocType::procedure, 0, false, true})
                  .error()
                  .fields.contains("min_approvers"));
  EXPECT_EQ(ledger_size(org()), before);
  ASSERT_TRUE(set_rule(env(), by(ivan_), two));
  EXPECT_EQ(ledger_size(org()), before + 1);
  EXPECT_EQ(rules(env(), admin())->front().min_approvers, 2);
  r = submit(env(), by(carl_), v, {tina_.user});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().fields.at("approvers").find("at least 2"), std::string::npos);
  ASSERT_TRUE(submit(env(), by(carl_), v, {tina_.user, ivan_.user}));

  // Independence: the author may approve alongside someone else, never alone.
  DocId proc = create_doc("PRO-001", kBody, DocType::procedure);
  Caller ivan_author = by(ivan_);
  auto own = create(env(), ivan_author, fields("PRO-002", DocType::procedure),
                    DraftFields{kBody, "", true, {}});
  ASSERT_TRUE(own);
  EXPECT_EQ(submit(env(), ivan_author, version(*own, 1).id, {ivan_.user}).error().code,
            Errc::invalid);
  EXPECT_TRUE(submit(env(), ivan_author, version(*own, 1).id, {ivan_.user, tina_.user}));
  ASSERT_TRUE(set_rule(env(), by(ivan_), ApprovalRule{DocType::procedure, 1, false, false}));
  EXPECT_TRUE(submit(env(), by(carl_), version(proc, 1).id, {carl_.user}));
}

TEST_P(PoliciesTest, ApproversOfAnotherOrganizationAreNotRevealed) {
  auto other = accounts::create_org(env(), admin(), "Beta Co", "beta", admin_user_);
  ASSERT_TRUE(other);
  auto bob = accounts::create_user(env(), admin(), {"bob@beta.example", "Bob Beta", kPw});
  ASSERT_TRUE(bob);
  ASSERT_TRUE(accounts::set_member(env(), as(Role::admin, *other),
                                   {"bob@beta.example", Role::top_management, std::nullopt}));
  VersionId v = version(create_doc("POL-001"), 1).id;
  auto before = ledger_size(org());
  auto r = submit(env(), by(carl_), v, {*bob});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::invalid);
  const std::string said = r.error().fields.at("approvers");
  EXPECT_EQ(said.find("Bob"), std::string::npos) << said;
  EXPECT_EQ(said, "#" + bob->str() + " is not a member of this organization");
  // The same words as for an id that is no user at all.
  auto unknown = submit(env(), by(carl_), v, {UserId{987654}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().fields.at("approvers"),
            "#987654 is not a member of this organization");
  EXPECT_EQ(ledger_size(org()), before);
}

// --- acknowledgments ---

TEST_P(PoliciesTest, OpenBeforeAcknowledgeAndHashBinding) {
  person("Sam Staff", "sam@example.com", "Sales");
  DocId id = published_doc("POL-001");
  auto before = ledger_size(org());
  auto early = acknowledge(env(), by(sam_), id, content_hash(kBody));
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, Errc::conflict);
  EXPECT_NE(early.error().message.find("Open and read"), std::string::npos);
  EXPECT_EQ(ledger_size(org()), before);

  auto mine = my_policies(env(), by(sam_));
  ASSERT_TRUE(mine && mine->person);
  ASSERT_EQ(mine->policies.size(), 1u);
  EXPECT_TRUE(mine->policies[0].must_acknowledge());
  EXPECT_FALSE(mine->policies[0].opened_at);

  auto opened = open(env(), by(sam_), id);
  ASSERT_TRUE(opened);
  EXPECT_EQ(opened->version.content, kBody);
  EXPECT_EQ(ledger_size(org()), before + 1);
  clock_.advance_seconds(30);
  ASSERT_TRUE(open(env(), by(sam_), id));  // only the first opening is a ledger fact
  EXPECT_EQ(ledger_size(org()), before + 1);
  EXPECT_EQ(open(env(), by(sam_), id)->opened_at, opened->opened_at);

  auto stale = acknowledge(env(), by(sam_), id, content_hash("another text"));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, Errc::conflict);
  EXPECT_EQ(ledger_size(org()), before + 1);

  auto ack = acknowledge(env(), by(sam_), id, content_hash(kBody));
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->version_number, 1);
  EXPECT_EQ(ack->content_hash, content_hash(kBody));
  EXPECT_EQ(ack->source, AckSource::ui);
  EXPECT_EQ(ledger_size(org()), before + 2);
  clock_.advance_seconds(30);
  auto again = acknowledge(env(), by(sam_), id, content_hash(kBody));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->at, ack->at);
  EXPECT_EQ(ledger_size(org()), before + 2);
  mine = my_policies(env(), by(sam_));
  EXPECT_FALSE(mine->policies[0].must_acknowledge());
  EXPECT_EQ(mine->policies[0].acknowledged_number, 1);

  ledger::Filter f;
  f.entity_type = "policy_ack";
  auto entries = db().read([&](store::Transaction& tx) { return ledger::list(tx, org(), f); });
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "acknowledged");
  EXPECT_EQ(entries[1].action, "opened");
}

TEST_P(PoliciesTest, MaterialChangesNeedAcknowledgingAgainNonMaterialDoNot) {
  person("Sam Staff", "sam@example.com", "Sales");
  DocId id = published_doc("POL-001");
  ASSERT_TRUE(open(env(), by(sam_), id));
  ASSERT_TRUE(acknowledge(env(), by(sam_), id, content_hash(kBody)));
  EXPECT_EQ(coverage(env(), admin(), id)->overall.acknowledged, 1);

  republish(id, std::string(kBody) + "Typo fixed.\n", false);
  auto mine = my_policies(env(), by(sam_));
  EXPECT_FALSE(mine->policies[0].must_acknowledge());
  EXPECT_EQ(mine->policies[0].acknowledged_number, 1);
  EXPECT_EQ(mine->policies[0].current.number, 2);
  EXPECT_EQ(coverage(env(), admin(), id)->overall.acknowledged, 1);

  // The approver marks the next change material although the author did not.
  auto v3 = new_draft(env(), by(carl_), id);
  ASSERT_TRUE(edit_draft(env(), by(carl_), *v3,
                         DraftFields{"# AUP\n\nPersonal devices are banned.\n", "", false, {}}, 1));
  approve_and_publish(id, 3, true);
  EXPECT_TRUE(version(id, 3).material);
  mine = my_policies(env(), by(sam_));
  EXPECT_TRUE(mine->policies[0].must_acknowledge());
  EXPECT_EQ(coverage(env(), admin(), id)->overall.acknowledged, 0);
  auto old_hash = acknowledge(env(), by(sam_), id, content_hash(kBody));
  EXPECT_EQ(old_hash.error().code, Errc::conflict);
  ASSERT_TRUE(open(env(), by(sam_), id));
  ASSERT_TRUE(acknowledge(env(), by(sam_), id, version(id, 3).content_hash));
  EXPECT_EQ(coverage(env(), admin(), id)->overall.acknowledged, 1);
}

TEST_P(PoliciesTest, ConcurrentAcknowledgmentsRecordOnce) {
  PersonId sam = person("Sam Staff", "sam@example.com", "Sales");
  DocId id = published_doc("POL-001");
  ASSERT_TRUE(open(env(), by(sam_), id));
  std::latch start(2);
  std::vector<Result<Acknowledgment>> results(2, Result<Acknowledgment>(Error{}));
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      results[i] = acknowledge(env(), by(sam_), id, content_hash(kBody));
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  ASSERT_TRUE(results[0]) << results[0].error().message;
  ASSERT_TRUE(results[1]) << results[1].error().message;
  EXPECT_EQ(results[0]->at, results[1]->at);
  EXPECT_EQ(count("SELECT COUNT(*) FROM policy_acknowledgments WHERE person_id = " + sam.str()),
            1);
  ledger::Filter f;
  f.entity_type = "policy_ack";
  auto entries = db().read([&](store::Transaction& tx) { return ledger::list(tx, org(), f); });
  EXPECT_EQ(std::count_if(entries.begin(), entries.end(),
                          [](const ledger::Entry& e) { return e.action == "acknowledged"; }),
            1);
}

TEST_P(PoliciesTest, ConcurrentBulkRequestsRecordEachPersonOnce) {
  std::vector<BulkItem> items;
  for (int i = 0; i < 300; ++i) {
    const std::string email = "p" + std::to_string(i) + "@example.com";
    person("Person " + std::to_string(i), email, i % 2 ? "IT" : "Sales");
    items.push_back(BulkItem{email, std::nullopt});
  }
  DocId id = published_doc("POL-001");
  std::latch start(2);
  std::vector<Result<BulkResult>> results(2, Result<BulkResult>(Error{}));
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      results[i] = bulk_acknowledge(env(), by(ivan_), id, 1, items);
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  ASSERT_TRUE(results[0]) << results[0].error().message;
  ASSERT_TRUE(results[1]) << results[1].error().message;
  EXPECT_TRUE(results[0]->applied && results[1]->applied);
  EXPECT_EQ(results[0]->recorded + results[1]->recorded, 300);
  EXPECT_EQ(results[0]->already + results[1]->already, 300);
  EXPECT_EQ(count("SELECT COUNT(*) FROM policy_acknowledgments"), 300);
  EXPECT_EQ(coverage(env(), admin(), id)->overall.acknowledged, 300);
}

TEST_P(PoliciesTest, BulkIsAllOrNothingWithPerItemReport) {
  person("Ann", "ann@example.com", "Sales");
  PersonId bob = person("Bob", "bob@example.com", "Sales");
  ASSERT_TRUE(people::update(env(), admin(), bob,
                             people::PersonFields{"Bob", "bob@example.com", "", "Sales",
                                                  std::nullopt, people::Status::left,
                                                  std::string("E-2")},
                             1));
  auto cy = people::create(env(), admin(),
                           people::PersonFields{"Cy", "cy@example.com", "", "IT", std::nullopt,
                                                people::Status::active, std::string("E-3")});
  ASSERT_TRUE(cy);
  DocId id = published_doc("POL-001");
  const Timestamp published_at = clock_.now();
  clock_.advance_seconds(3600);
  auto before = ledger_size(org());
  std::vector<BulkItem> bad = {
      {"ann@example.com", std::nullopt},       {"nobody@example.com", std::nullopt},
      {"bob@example.com", std::nullopt},       {"#999999", std::nullopt},
      {"E-404", std::nullopt},                 {"", std::nullopt},
      {"E-3", Timestamp{clock_.now().us + 1'000'000}},
      {"E-3", Timestamp{published_at.us - 1'000'000}}};
  auto r = bulk_acknowledge(env(), by(ivan_), id, 1, bad);
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->applied);
  EXPECT_EQ(r->rejected, 7);
  EXPECT_EQ(r->recorded, 0);
  ASSERT_EQ(r->items.size(), 7u);
  EXPECT_EQ(r->items[0].index, 1);
  EXPECT_EQ(r->items[0].error, "person: no person with this e-mail in this organization");
  EXPECT_EQ(r->items[1].error, "person: has left the organization");
  EXPECT_EQ(r->items[2].outcome, BulkOutcome::rejected);
  EXPECT_EQ(r->items[5].error, "at: is in the future");
  EXPECT_EQ(r->items[6].person, "E-3");
  EXPECT_EQ(count("SELECT COUNT(*) FROM policy_acknowledgments"), 0);
  EXPECT_EQ(ledger_size(org()), before);

  std::vector<BulkItem> good = {{"ANN@example.com", std::nullopt},
                                {"E-3", published_at},
                                {"#" + cy->str(), std::nullopt}};
  r = bulk_acknowledge(env(), by(ivan_), id, 1, good);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->applied);
  EXPECT_EQ(r->recorded, 2);
  EXPECT_EQ(r->already, 1);  // Cy named twice
  ASSERT_EQ(r->items.size(), 3u);
  EXPECT_EQ(r->items[1].outcome, BulkOutcome::recorded);
  EXPECT_EQ(r->items[2].outcome, BulkOutcome::already);
  EXPECT_EQ(ledger_size(org()), before + 1);
  EXPECT_EQ(get(id).history.at(0).action, "bulk_acknowledged");
  EXPECT_EQ(count("SELECT COUNT(*) FROM policy_acknowledgments WHERE source = 'api'"), 2);
  EXPECT_EQ(count("SELECT MIN(at) FROM policy_acknowledgments"), published_at.us);

  r = bulk_acknowledge(env(), by(ivan_), id, 1, good);
  EXPECT_EQ(r->recorded, 0);
  EXPECT_EQ(r->already, 3);
  EXPECT_EQ(ledger_size(org()), before + 1);

  EXPECT_EQ(bulk_acknowledge(env(), by(ivan_), id, 7, good).error().code, Errc::not_found);
  // The field the API calls "acknowledgments" is named, empty or too many.
  auto empty = bulk_acknowledge(env(), by(ivan_), id, 1, {});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, Errc::invalid);
  EXPECT_TRUE(empty.error().fields.contains("acknowledgments"));
  auto many = bulk_acknowledge(env(), by(ivan_), id, 1,
                               std::vector<BulkItem>(100'001, BulkItem{"ann@example.com", {}}));
  ASSERT_FALSE(many);
  EXPECT_EQ(many.error().code, Errc::invalid);
  EXPECT_TRUE(many.error().fields.contains("acknowledgments"));
  EXPECT_EQ(ledger_size(org()), before + 1);
  EXPECT_EQ(bulk_acknowledge(env(), by(carl_), id, 1, good).error().code, Errc::forbidden);
  republish(id, "# AUP v2\n", true);
  EXPECT_EQ(bulk_acknowledge(env(), by(ivan_), id, 1, good).error().code, Errc::conflict);
}

TEST_P(PoliciesTest, BulkResolvesNamedPeopleInBatchesAndChecksTheAudience) {
  // More than one 500-value statement of e-mails, for a document addressed to one department.
  std::vector<PersonId> ids;
  for (int i = 0; i < 560; ++i) {
    const std::string n = std::to_string(i);
    auto r = people::create(env(), admin(),
                            people::PersonFields{"Person " + n, "p" + n + "@example.com", "",
                                                 i < 550 ? "IT" : "Sales", std::nullopt,
                                                 people::Status::active, "E-" + n});
    ASSERT_TRUE(r) << r.error().message;
    ids.push_back(*r);
  }
  DocId id = create_doc("POL-001");
  DocumentFields f = fields("POL-001");
  f.audience = AudienceKind::departments;
  f.audience_values = {"IT"};
  ASSERT_TRUE(update(env(), by(carl_), id, f, 1));
  approve_and_publish(id, 1);

  std::vector<BulkItem> items;
  for (int i = 0; i < 540; ++i) {
    items.push_back(BulkItem{"P" + std::to_string(i) + "@Example.com", std::nullopt});
  }
  items.push_back(BulkItem{" E-540 ", std::nullopt});
  items.push_back(BulkItem{"#" + ids[541].str(), std::nullopt});
  items.push_back(BulkItem{"E-0", std::nullopt});  // the same person as the first item
  auto before = ledger_size(org());
  std::vector<BulkItem> outside = items;
  outside.push_back(BulkItem{"#" + ids[555].str(), std::nullopt});
  outside.push_back(BulkItem{"p556@example.com", std::nullopt});
  outside.push_back(BulkItem{"#abc", std::nullopt});
  auto r = bulk_acknowledge(env(), by(ivan_), id, 1, outside);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_FALSE(r->applied);
  ASSERT_EQ(r->items.size(), 3u);
  EXPECT_EQ(r->items[0].index, 543);
  EXPECT_EQ(r->items[0].error, "person: is not in the audience of POL-001");
  EXPECT_EQ(r->items[1].error, "person: is not in the audience of POL-001");
  EXPECT_EQ(r->items[2].error, "person: no person with this id in this organization");
  EXPECT_EQ(count("SELECT COUNT(*) FROM policy_acknowledgments"), 0);
  EXPECT_EQ(ledger_size(org()), before);

  r = bulk_acknowledge(env(), by(ivan_), id, 1, items);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->applied);
  EXPECT_EQ(r->recorded, 542);
  EXPECT_EQ(r->already, 1);
  EXPECT_EQ(r->items.back().outcome, BulkOutcome::already);
  EXPECT_EQ(count("SELECT COUNT(*) FROM policy_acknowledgments"), 542);
  EXPECT_EQ(ledger_size(org()), before + 1);
  auto c = coverage(env(), admin(), id);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->overall.audience, 550);
  EXPECT_EQ(c->overall.acknowledged, 542);
}

TEST_P(PoliciesTest, AcknowledgmentRowsReferenceOnlyTheirVersionAndPerson) {
  // org_id and doc_id follow from version_id: no per-row foreign-key checks for them on the
  // tables a bulk ingest fills.
  auto foreign_keys = [&](const std::string& table) {
    const std::string sql =
        GetParam() == test::Backend::sqlite
            ? "SELECT \"from\" FROM pragma_foreign_key_list('" + table + "') ORDER BY 1"
            : "SELECT a.attname FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = "
              "c.conrelid AND a.attnum = ANY (c.conkey) WHERE c.contype = 'f' AND c.conrelid = '" +
                  table + "'::regclass ORDER BY 1";
    return db().read([&](store::Transaction& tx) {
      std::vector<std::string> out;
      for (const auto& r : tx.query(sql)) {
        out.push_back(r.text(0));
      }
      return out;
    });
  };
  const std::vector<std::string> expected{"person_id", "version_id"};
  EXPECT_EQ(foreign_keys("policy_acknowledgments"), expected);
  EXPECT_EQ(foreign_keys("policy_opens"), expected);
  // The person and version references still hold.
  DocId id = published_doc("POL-001");
  PersonId p = person("Sam Staff", "sam@example.com", "Sales");
  EXPECT_THROW(db().write([&](store::Transaction& tx) {
                 tx.exec("INSERT INTO policy_acknowledgments (version_id, person_id, org_id, "
                         "doc_id, version_number, content_hash, at, source) VALUES (?, ?, ?, ?, "
                         "1, 'x', 0, 'api')",
                         std::int64_t{987654}, p, org(), id);
               }),
               StoreError);
}

// --- coverage ---

TEST_P(PoliciesTest, CoveragePerDepartmentAndTopManagement) {
  PersonId ceo = person("Cleo Ceo", "cleo@example.com", "Board");
  designate(ceo);
  PersonId cfo = person("Finn Cfo", "finn@example.com", "Board");
  designate(cfo);
  person("Sam Staff", "sam@example.com", "Sales");
  person("Sara Sales", "sara@example.com", "Sales");
  person("Ian It", "ian@example.com", "IT");
  person("Nora Nodept", "nora@example.com", "");
  DocId id = published_doc("POL-001");
  ASSERT_TRUE(bulk_acknowledge(env(), by(ivan_), id, 1,
                               {{"cleo@example.com", {}}, {"sara@example.com", {}},
                                {"ian@example.com", {}}}));
  auto c = coverage(env(), by(tina_), id);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->overall.audience, 6);
  EXPECT_EQ(c->overall.acknowledged, 3);
  EXPECT_EQ(c->top_management.audience, 2);
  EXPECT_EQ(c->top_management.acknowledged, 1);
  EXPECT_DOUBLE_EQ(c->top_management.share(), 0.5);
  ASSERT_EQ(c->departments.size(), 4u);
  EXPECT_EQ(c->departments[0].label, "No department");
  EXPECT_EQ(c->departments[1].label, "Board");
  EXPECT_EQ(c->departments[1].acknowledged, 1);
  EXPECT_EQ(c->departments[3].label, "Sales");
  EXPECT_EQ(c->departments[3].audience, 2);

  auto m = missing(env(), admin(), id);
  ASSERT_TRUE(m);
  ASSERT_EQ(m->size(), 3u);
  EXPECT_EQ((*m)[0].name, "Nora Nodept");
  EXPECT_EQ((*m)[1].name, "Finn Cfo");
  EXPECT_TRUE((*m)[1].top_management);
  EXPECT_EQ((*m)[2].name, "Sam Staff");
  EXPECT_FALSE((*m)[2].opened_at);
  ASSERT_TRUE(open(env(), by(sam_), id));
  EXPECT_TRUE(missing(env(), admin(), id)->at(2).opened_at);

  // A departmental audience counts only its departments; others cannot open the document.
  DocId sales = create_doc("POL-002");
  DocumentFields f = fields("POL-002");
  f.audience = AudienceKind::departments;
  f.audience_values = {"Sales"};
  ASSERT_TRUE(update(env(), by(carl_), sales, f, 1));
  approve_and_publish(sales, 1);
  EXPECT_EQ(coverage(env(), admin(), sales)->overall.audience, 2);
  auto ian = member("ian@example.com", "Ian It", Role::staff);
  EXPECT_EQ(open(env(), by(ian), sales).error().code, Errc::forbidden);
  EXPECT_EQ(my_policies(env(), by(ian))->policies.size(), 1u);
  EXPECT_EQ(my_policies(env(), by(sam_))->policies.size(), 2u);
  EXPECT_EQ(coverage(env(), admin(), create_doc("POL-003")).error().code, Errc::conflict);
}

TEST_P(PoliciesTest, CoverageCountsEachDepartmentOfInterleavedPeople) {
  // People of four departments created in turn, so no department's ids are contiguous.
  const std::vector<std::string> depts = {"Sales", "IT", "", "Ops"};
  std::vector<PersonId> p;
  for (int i = 0; i < 12; ++i) {
    p.push_back(person("Person " + std::to_string(i), "p" + std::to_string(i) + "@example.com",
                       depts[static_cast<std::size_t>(i) % depts.size()]));
  }
  auto ack = [&](DocId id, int number, const std::vector<int>& who) {
    std::vector<BulkItem> items;
    for (int i : who) {
      items.push_back(BulkItem{"p" + std::to_string(i) + "@example.com", std::nullopt});
    }
    auto r = bulk_acknowledge(env(), by(ivan_), id, number, items);
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_TRUE(r->applied);
  };
  auto leave_or_move = [&](int i, const std::string& dept, people::Status status) {
    ASSERT_TRUE(people::update(env(), admin(), p[static_cast<std::size_t>(i)],
                               people::PersonFields{"Person " + std::to_string(i),
                                                    "p" + std::to_string(i) + "@example.com",
                                                    "Employee", dept, std::nullopt, status,
                                                    std::nullopt},
                               1));
  };
  auto by_label = [](const Coverage& c) {
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> out;
    for (const auto& d : c.departments) {
      out[d.label] = {d.audience, d.acknowledged};
    }
    return out;
  };

  // Version 2 is not material, so acknowledgments of either version cover it; p0 has both.
  DocId a = published_doc("POL-A");
  ack(a, 1, {0, 4, 9, 10, 11});
  republish(a, "# A v2\n", false);
  ack(a, 2, {0, 8});
  leave_or_move(9, "IT", people::Status::left);  // IT: nobody acknowledged is left
  auto c = coverage(env(), admin(), a);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->overall.audience, 11);
  EXPECT_EQ(c->overall.acknowledged, 5);
  using Counts = std::map<std::string, std::pair<std::int64_t, std::int64_t>>;
  EXPECT_EQ(by_label(*c), (Counts{{"No department", {3, 1}},
                                  {"IT", {2, 0}},
                                  {"Ops", {3, 1}},
                                  {"Sales", {3, 3}}}));

  // A departmental audience: p3 acknowledged, then moved out of Ops, so no longer counts.
  DocId b = create_doc("POL-B");
  DocumentFields f = fields("POL-B");
  f.audience = AudienceKind::departments;
  f.audience_values = {"Sales", "Ops"};
  ASSERT_TRUE(update(env(), by(carl_), b, f, 1));
  approve_and_publish(b, 1);
  ack(b, 1, {3, 4});
  leave_or_move(3, "IT", people::Status::active);
  c = coverage(env(), admin(), b);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->overall.audience, 5);
  EXPECT_EQ(c->overall.acknowledged, 1);
  EXPECT_EQ(by_label(*c), (Counts{{"Ops", {2, 0}}, {"Sales", {3, 1}}}));
}

TEST_P(PoliciesTest, AudiencesByRoleAndByPerson) {
  person("Sam Staff", "sam@example.com", "Sales");
  person("Tina Top", "tina@example.com", "Board");
  PersonId ivan = person("Ivan Isms", "ivan@example.com", "IT");
  DocId id = create_doc("POL-001");
  DocumentFields f = fields("POL-001");
  f.audience = AudienceKind::roles;
  f.audience_values = {"staff"};
  ASSERT_TRUE(update(env(), by(carl_), id, f, 1));
  approve_and_publish(id, 1);
  EXPECT_EQ(coverage(env(), admin(), id)->overall.audience, 1);
  EXPECT_TRUE(open(env(), by(sam_), id));
  EXPECT_EQ(open(env(), by(tina_), id).error().code, Errc::forbidden);

  DocId only = create_doc("POL-002");
  f = fields("POL-002");
  f.audience = AudienceKind::people;
  f.audience_values = {ivan.str()};
  ASSERT_TRUE(update(env(), by(carl_), only, f, 1));
  approve_and_publish(only, 1);
  EXPECT_EQ(coverage(env(), admin(), only)->overall.audience, 1);
  EXPECT_TRUE(open(env(), by(ivan_), only));
  EXPECT_EQ(open(env(), by(sam_), only).error().code, Errc::forbidden);

  // Staff without a people-register entry have no policies.
  auto mine = my_policies(env(), by(carl_));
  ASSERT_TRUE(mine);
  EXPECT_FALSE(mine->person);
  EXPECT_TRUE(mine->policies.empty());
  EXPECT_EQ(open(env(), by(carl_), id).error().code, Errc::forbidden);
}

// --- review cadence ---

TEST_P(PoliciesTest, ReviewCadenceOverdueAndNoChangeReview) {
  DocId id = published_doc("POL-001");
  const auto approval_day = core::days_since_epoch(clock_.now());
  auto d = get(id);
  ASSERT_TRUE(d.review);
  EXPECT_EQ(d.review->due_on, add_months(approval_day, 12));
  EXPECT_FALSE(d.review->overdue());
  ListQuery overdue;
  overdue.overdue_only = true;
  EXPECT_TRUE(list(env(), admin(), overdue)->empty());

  clock_.advance_seconds(396 * 86400);  // 13 months on
  auto rows = list(env(), admin(), overdue);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_TRUE(rows->at(0).review->overdue());
  auto ind = indicators(env(), admin());
  EXPECT_EQ(ind->overdue.size(), 1u);
  EXPECT_EQ(ind->within_review, 0);

  auto before = ledger_size(org());
  auto wrong = review_no_change(env(), by(tina_), id, auth(tina_, "wrong password"), "");
  EXPECT_EQ(wrong.error().code, Errc::unauthorized);
  EXPECT_EQ(ledger_size(org()), before);
  EXPECT_EQ(review_no_change(env(), by(carl_), id, auth(carl_), "").error().code,
            Errc::forbidden);
  ASSERT_TRUE(review_no_change(env(), by(tina_), id, auth(tina_), "Still fit for purpose."));
  d = get(id);
  EXPECT_EQ(d.doc.last_reviewed_at, clock_.now());
  EXPECT_FALSE(d.review->overdue());
  ASSERT_EQ(d.reviews.size(), 1u);
  EXPECT_EQ(d.reviews[0].meaning, "Reviewed without change as top management");
  EXPECT_EQ(d.reviews[0].content_hash, content_hash(kBody));
  EXPECT_TRUE(list(env(), admin(), overdue)->empty());
  EXPECT_EQ(indicators(env(), admin())->days_since_top_management_signoff, 0);

  auto draft = review_new_version(env(), by(ivan_), id, "Needs the new cloud section.");
  ASSERT_TRUE(draft);
  EXPECT_EQ(version(id, 2).status, VersionStatus::draft);
  EXPECT_EQ(get(id).reviews[0].outcome, ReviewOutcome::new_version);
  EXPECT_EQ(review_new_version(env(), by(ivan_), id, "").error().code, Errc::conflict);
  EXPECT_EQ(review_no_change(env(), by(tina_), create_doc("POL-002"), auth(tina_), "")
                .error()
                .code,
            Errc::conflict);
}

// --- share links ---

TEST_P(PoliciesTest, ShareLinksExpireAndCanBeRevoked) {
  DocId id = create_doc("POL-001");
  VersionId v1 = version(id, 1).id;
  const Timestamp week{clock_.now().us + 7 * 86'400'000'000LL};
  EXPECT_EQ(create_share_link(env(), by(ivan_), v1, "Acme", week).error().code, Errc::conflict);
  approve_and_publish(id, 1);
  EXPECT_TRUE(create_share_link(env(), by(ivan_), v1, " ", week).error().fields.contains(
      "recipient"));
  EXPECT_TRUE(create_share_link(env(), by(ivan_), v1, "Acme", clock_.now())
                  .error()
                  .fields.contains("expires_at"));
  EXPECT_TRUE(create_share_link(env(), by(ivan_), v1, "Acme",
                                Timestamp{clock_.now().us + 400 * 86'400'000'000LL})
                  .error()
                  .fields.contains("expires_at"));
  EXPECT_EQ(create_share_link(env(), by(carl_), v1, "Acme", week).error().code, Errc::forbidden);

  auto link = create_share_link(env(), by(ivan_), v1, "Acme Ltd (due diligence)", week);
  ASSERT_TRUE(link);
  EXPECT_EQ(link->secret.substr(0, 12), link->link.prefix);
  EXPECT_EQ(count("SELECT COUNT(*) FROM policy_share_links WHERE token_hash = '" +
                  core::hex(core::sha256(link->secret)) + "'"),
            1);
  auto before = ledger_size(org());
  auto seen = view_shared(env(), link->secret);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->organization, "Acme Ltd");
  EXPECT_EQ(seen->version.content, kBody);
  EXPECT_FALSE(seen->superseded);
  EXPECT_EQ(ledger_size(org()), before + 1);
  ledger::Filter f;
  f.entity_type = "policy_link";
  auto entries = db().read([&](store::Transaction& tx) { return ledger::list(tx, org(), f); });
  EXPECT_EQ(entries.at(0).action, "viewed");
  EXPECT_EQ(entries[0].actor.kind, ledger::ActorKind::system);
  EXPECT_EQ(entries[0].actor.label, "public link " + link->link.prefix);
  auto links = get(id).links;
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].views, 1);
  EXPECT_EQ(links[0].last_viewed_at, clock_.now());
  EXPECT_TRUE(view(env(), by(carl_), id)->links.empty());  // publishers only

  republish(id, "# AUP v2\n", true);
  EXPECT_TRUE(view_shared(env(), link->secret)->superseded);

  clock_.advance_seconds(8 * 86400);
  before = ledger_size(org());
  auto expired = view_shared(env(), link->secret);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, Errc::not_found);

  auto second = create_share_link(env(), by(ivan_), v1, "Auditor",
                                  Timestamp{clock_.now().us + 86'400'000'000LL});
  ASSERT_TRUE(second);
  ASSERT_TRUE(view_shared(env(), second->secret));
  ASSERT_TRUE(revoke_share_link(env(), by(ivan_), second->link.id));
  EXPECT_EQ(revoke_share_link(env(), by(ivan_), second->link.id).error().code, Errc::conflict);
  before = ledger_size(org());
  auto revoked = view_shared(env(), second->secret);
  EXPECT_EQ(revoked.error().code, Errc::not_found);
  EXPECT_EQ(revoked.error().message, expired.error().message);
  EXPECT_EQ(view_shared(env(), "mdp_unknown").error().message, expired.error().message);
  EXPECT_EQ(view_shared(env(), "").error().code, Errc::not_found);
  EXPECT_EQ(ledger_size(org()), before);
}

// --- roles and tenancy ---

TEST_P(PoliciesTest, RolesAndTenancyAreEnforced) {
  DocId id = published_doc("POL-001");
  EXPECT_EQ(list(env(), by(sam_), {}).error().code, Errc::forbidden);
  EXPECT_EQ(view(env(), by(sam_), id).error().code, Errc::forbidden);
  auto auditor = as(Role::auditor);
  EXPECT_TRUE(list(env(), auditor, {}));
  EXPECT_TRUE(view(env(), auditor, id));
  EXPECT_TRUE(coverage(env(), auditor, id));
  EXPECT_EQ(create(env(), auditor, fields("X-1"), DraftFields{kBody, "", true, {}}).error().code,
            Errc::forbidden);
  EXPECT_EQ(create(env(), by(tina_), fields("X-1"), DraftFields{kBody, "", true, {}})
                .error()
                .code,
            Errc::forbidden);
  EXPECT_EQ(my_policies(env(), auditor).error().code, Errc::forbidden);
  EXPECT_EQ(bulk_acknowledge(env(), by(sam_), id, 1, {{"x@example.com", {}}}).error().code,
            Errc::forbidden);
  EXPECT_EQ(inbox(env(), by(sam_)).error().code, Errc::forbidden);

  auto other = accounts::create_org(env(), admin(), "Other Co", "other", admin_user_);
  ASSERT_TRUE(other);
  Caller b = as(Role::admin, *other);
  EXPECT_EQ(view(env(), b, id).error().code, Errc::not_found);
  EXPECT_TRUE(list(env(), b, {})->empty());
  EXPECT_EQ(coverage(env(), b, id).error().code, Errc::not_found);
  EXPECT_EQ(new_draft(env(), b, id).error().code, Errc::not_found);
  EXPECT_EQ(publish(env(), b, version(id, 1).id).error().code, Errc::not_found);
  EXPECT_EQ(retire(env(), b, id, "Mine now").error().code, Errc::not_found);
  EXPECT_EQ(diff(env(), b, id, 1, 1).error().code, Errc::not_found);
  EXPECT_EQ(create_share_link(env(), b, version(id, 1).id, "X",
                              Timestamp{clock_.now().us + 86'400'000'000LL})
                .error()
                .code,
            Errc::not_found);
  // The same reference is free in another organization.
  EXPECT_TRUE(create(env(), b, fields("POL-001"), DraftFields{kBody, "", true, {}}));
}

TEST_P(PoliciesTest, InboxAndCandidates) {
  DocId id = create_doc("POL-001");
  submit_to(version(id, 1).id, {tina_.user, ivan_.user});
  auto mine = inbox(env(), by(tina_));
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->at(0).doc.reference, "POL-001");
  EXPECT_EQ(mine->at(0).version.content, kBody);
  EXPECT_EQ(mine->at(0).approvals.size(), 2u);
  EXPECT_EQ(pending_approvals(env(), by(tina_)).value(), 1);
  EXPECT_EQ(pending_approvals(env(), by(carl_)).value(), 0);
  EXPECT_EQ(pending_approvals(env(), by(sam_)).error().code, Errc::forbidden);
  approve_as(tina_, version(id, 1).id);
  EXPECT_TRUE(inbox(env(), by(tina_))->empty());
  EXPECT_EQ(pending_approvals(env(), by(tina_)).value(), 0);
  EXPECT_EQ(inbox(env(), by(ivan_))->size(), 1u);
  EXPECT_EQ(pending_approvals(env(), by(ivan_)).value(), 1);
  ASSERT_TRUE(retire(env(), by(ivan_), id, "Not needed"));
  EXPECT_EQ(pending_approvals(env(), by(ivan_)).value(), 0);

  auto c = approver_candidates(env(), by(carl_));
  ASSERT_TRUE(c);
  std::vector<std::string> names;
  for (const auto& x : *c) {
    names.push_back(x.name);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"Ada Admin", "Carl Contributor", "Ivan Isms",
                                             "Tina Top"}));
}

TEST_P(PoliciesTest, VersionByNumberReadsOneVersion) {
  DocId id = published_doc("POL-001");
  republish(id, "# AUP v2\n", true);
  auto v = version_by_number(env(), by(carl_), id, 2);
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ(v->number, 2);
  EXPECT_EQ(v->status, VersionStatus::published);
  EXPECT_EQ(v->content_hash, content_hash("# AUP v2\n"));
  EXPECT_TRUE(v->content.empty());
  EXPECT_EQ(version_by_number(env(), by(carl_), id, 1, true)->content, kBody);
  EXPECT_EQ(version_by_number(env(), by(carl_), id, 3).error().code, Errc::not_found);
  EXPECT_EQ(version_by_number(env(), by(carl_), DocId{987654}, 1).error().code, Errc::not_found);
  EXPECT_EQ(version_by_number(env(), by(sam_), id, 1).error().code, Errc::forbidden);
  auto other = accounts::create_org(env(), admin(), "Other Co", "other", admin_user_);
  ASSERT_TRUE(other);
  EXPECT_EQ(version_by_number(env(), as(Role::admin, *other), id, 1).error().code,
            Errc::not_found);
}

// --- campaigns ---

TEST_P(PoliciesTest, CampaignsHaveADueDate) {
  person("Sam Staff", "sam@example.com", "Sales");
  DocId id = published_doc("POL-001");
  const auto day = core::days_since_epoch(clock_.now());
  EXPECT_TRUE(create_campaign(env(), by(ivan_), id, "Q2 drive", day).error().fields.contains(
      "due_on"));
  EXPECT_TRUE(create_campaign(env(), by(ivan_), id, "", day + 10).error().fields.contains(
      "title"));
  EXPECT_EQ(create_campaign(env(), by(carl_), id, "Q2", day + 10).error().code, Errc::forbidden);
  auto c = create_campaign(env(), by(ivan_), id, "Q2 drive", day + 30);
  ASSERT_TRUE(c);
  ASSERT_TRUE(create_campaign(env(), by(ivan_), id, "Reminder", day + 14));
  EXPECT_EQ(my_policies(env(), by(sam_))->policies.at(0).due_on, day + 14);
  EXPECT_EQ(get(id).campaigns.size(), 2u);
  ASSERT_TRUE(close_campaign(env(), by(ivan_), *c));
  EXPECT_EQ(close_campaign(env(), by(ivan_), *c).error().code, Errc::conflict);
  EXPECT_EQ(close_campaign(env(), by(ivan_), 987654).error().code, Errc::not_found);
  EXPECT_EQ(create_campaign(env(), by(ivan_), create_doc("POL-002"), "X", day + 5).error().code,
            Errc::conflict);
}

// --- diff, list, export ---

TEST_P(PoliciesTest, DiffListAndCsv) {
  DocId id = published_doc("POL-001");
  republish(id, "# Acceptable use\n\nUse company devices for work only.\n", true);
  auto d = diff(env(), by(carl_), id, 1, 2);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->from.number, 1);
  EXPECT_EQ(d->to.number, 2);
  EXPECT_EQ(d->diff.added, 1);
  EXPECT_EQ(d->diff.removed, 1);
  EXPECT_EQ(diff(env(), by(carl_), id, 1, 9).error().code, Errc::not_found);

  create_doc("GDL-001", kBody, DocType::guideline);
  ListQuery q;
  q.status = DocStatus::draft;
  auto rows = list(env(), admin(), q);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->at(0).doc.reference, "GDL-001");
  q = {};
  q.search = "pol-";
  EXPECT_EQ(list(env(), admin(), q)->size(), 1u);
  q = {};
  q.sort = Sort::reference;
  q.descending = true;
  rows = list(env(), admin(), q);
  EXPECT_EQ(rows->at(0).doc.reference, "POL-001");
  EXPECT_EQ(rows->at(0).current_number, 2);
  EXPECT_TRUE(rows->at(0).approved_by_top_management);
  q = {};
  q.type = DocType::guideline;
  EXPECT_EQ(list(env(), admin(), q)->size(), 1u);

  auto csv = export_csv(env(), admin(), {});
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->substr(0, csv->find("\r\n")),
            "reference,title,type,status,owner,classification,audience,current_version,"
            "published_at,approved_by_top_management,review_due,requirements");
  EXPECT_NE(csv->find("POL-001,Policy POL-001,topic_specific_policy,published,,internal,"
                      "everyone,2,"),
            std::string::npos);
}

// --- import / export ---

TEST_P(PoliciesTest, ImportDryRunThenApplyAllOrNothing) {
  person("Olga Owner", "olga@example.com", "IT");
  std::vector<ImportFile> files = {
      {"isp.md",
       "---\nreference: isp-001\ntitle: Information security policy\n"
       "type: Information security policy\nowner: olga@example.com\nclassification: public\n"
       "review_interval_months: 12\nrequirements: ISO27001:5.2, ISO27001:A.5.1\n"
       "effective_on: 2026-04-01\n---\n\n# Information security policy\n\nWe protect data.\n"},
      {"pol-crypto.md", "# Cryptography policy\n\nUse TLS 1.2 or later.\n"},
      {"bad.md", "---\nreference: BAD-1\ntype: memo\nowner: ghost@example.com\ncolour: red\n"
                 "review_interval_months: twelve\n---\n# Bad\n"},
  };
  auto before = ledger_size(org());
  auto dry = import_markdown(env(), by(carl_), files, false);
  ASSERT_TRUE(dry);
  EXPECT_FALSE(dry->ok());
  EXPECT_FALSE(dry->applied);
  EXPECT_EQ(dry->files[0].action, "create");
  EXPECT_EQ(dry->files[0].reference, "ISP-001");
  EXPECT_EQ(dry->files[1].reference, "POL-CRYPTO");
  EXPECT_EQ(dry->files[2].action, "reject");
  for (const char* f : {"type", "owner", "colour", "review_interval_months"}) {
    EXPECT_TRUE(dry->files[2].errors.contains(f)) << f;
  }
  auto refused = import_markdown(env(), by(carl_), files, true);
  ASSERT_TRUE(refused);
  EXPECT_FALSE(refused->applied);
  EXPECT_TRUE(list(env(), admin(), {})->empty());
  EXPECT_EQ(ledger_size(org()), before);

  files.pop_back();
  dry = import_markdown(env(), by(carl_), files, false);
  EXPECT_TRUE(dry->ok());
  EXPECT_TRUE(list(env(), admin(), {})->empty());
  auto applied = import_markdown(env(), by(carl_), files, true);
  ASSERT_TRUE(applied);
  EXPECT_TRUE(applied->applied);
  EXPECT_EQ(ledger_size(org()), before + 2);
  auto rows = list(env(), admin(), {});
  ASSERT_EQ(rows->size(), 2u);
  const Document& isp = rows->at(0).doc;
  EXPECT_EQ(isp.type, DocType::information_security_policy);
  EXPECT_EQ(isp.classification, Classification::public_);
  EXPECT_EQ(rows->at(0).owner_name, "Olga Owner");
  EXPECT_EQ(isp.requirements, (std::vector<std::string>{"ISO27001:5.2", "ISO27001:A.5.1"}));
  EXPECT_EQ(version(isp.id, 1).content, "# Information security policy\n\nWe protect data.\n");
  EXPECT_EQ(version(isp.id, 1).effective_on, *core::parse_date("2026-04-01"));
  EXPECT_EQ(rows->at(1).doc.title, "Cryptography policy");

  // Exported Markdown imports back unchanged; an edited file becomes a new draft once the
  // pending draft is published.
  auto exported = export_documents(env(), admin(), true);
  ASSERT_TRUE(exported);
  ASSERT_EQ(exported->size(), 2u);
  EXPECT_EQ(exported->at(0).markdown_with_front_matter.rfind("---\nreference: ISP-001\n", 0), 0u);
  std::vector<ImportFile> round;
  for (const auto& e : *exported) {
    round.push_back({e.doc.reference + ".md", e.markdown_with_front_matter});
  }
  auto again = import_markdown(env(), by(carl_), round, false);
  ASSERT_TRUE(again->ok()) << again->files[0].errors.begin()->second;
  EXPECT_EQ(again->files[0].action, "unchanged");
  EXPECT_EQ(again->files[1].action, "unchanged");
  EXPECT_TRUE(export_documents(env(), admin(), false)->empty());

  round[1].content += "\nAlso SSH.\n";
  auto pending = import_markdown(env(), by(carl_), round, false);
  EXPECT_FALSE(pending->ok());
  EXPECT_TRUE(pending->files[1].errors.contains("reference"));
  approve_and_publish(rows->at(1).doc.id, 1);
  auto next = import_markdown(env(), by(carl_), round, true);
  ASSERT_TRUE(next->applied);
  EXPECT_EQ(next->files[1].action, "new draft");
  EXPECT_EQ(version(rows->at(1).doc.id, 2).status, VersionStatus::draft);
  EXPECT_EQ(import_markdown(env(), by(sam_), round, false).error().code, Errc::forbidden);
  EXPECT_EQ(import_markdown(env(), by(carl_), {}, false).error().code, Errc::invalid);
}

// --- indicators ---

TEST_P(PoliciesTest, IndicatorsExposeApprovalsByTheIsmsManagerAlone) {
  PersonId ceo = person("Tina Top", "tina@example.com", "Board");
  designate(ceo);
  person("Sam Staff", "sam@example.com", "Sales");
  published_doc("POL-001");  // approved by Tina (top management)
  DocId ism_only = create_doc("POL-002");
  VersionId v = version(ism_only, 1).id;
  submit_to(v, {ivan_.user});
  approve_as(ivan_, v);
  ASSERT_TRUE(publish(env(), by(ivan_), v));
  create_doc("POL-003");  // never published: not counted
  ASSERT_TRUE(open(env(), by(sam_), ism_only));
  ASSERT_TRUE(acknowledge(env(), by(sam_), ism_only, content_hash(kBody)));

  clock_.advance_seconds(5 * 86400);
  auto ind = indicators(env(), by(tina_));
  ASSERT_TRUE(ind);
  EXPECT_EQ(ind->policies, 2);
  EXPECT_EQ(ind->approved_by_top_management, 1);
  ASSERT_EQ(ind->not_approved_by_top_management.size(), 1u);
  EXPECT_EQ(ind->not_approved_by_top_management[0].doc.reference, "POL-002");
  EXPECT_EQ(ind->within_review, 2);
  EXPECT_EQ(ind->acknowledgments_due, 4);
  EXPECT_EQ(ind->acknowledged, 1);
  EXPECT_EQ(ind->top_management.audience, 2);
  EXPECT_EQ(ind->top_management.acknowledged, 0);
  ASSERT_EQ(ind->departments.size(), 2u);
  EXPECT_EQ(ind->departments[1].label, "Sales");
  EXPECT_EQ(ind->departments[1].acknowledged, 1);
  EXPECT_EQ(ind->days_since_top_management_signoff, 5);
}

TEST_P(PoliciesTest, IndicatorsAgreeWithTheCoverageOfEachDocument) {
  PersonId cleo = person("Cleo Ceo", "cleo@example.com", "Board");
  designate(cleo);
  person("Sam Staff", "sam@example.com", "Sales");
  person("Sara Sales", "sara@example.com", "Sales");
  person("Ian It", "ian@example.com", "IT");
  person("Nora Nodept", "nora@example.com", "");
  PersonId lee = person("Lee Left", "lee@example.com", "IT");
  auto ack = [&](DocId id, int number, std::vector<std::string> emails) {
    std::vector<BulkItem> items;
    for (auto& e : emails) {
      items.push_back(BulkItem{std::move(e), std::nullopt});
    }
    auto r = bulk_acknowledge(env(), by(ivan_), id, number, items);
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_TRUE(r->applied);
  };
  // A: acknowledgments of version 1 still cover version 2 (not material); Sam has both.
  DocId a = published_doc("POL-A");
  ack(a, 1, {"sam@example.com", "sara@example.com", "cleo@example.com", "lee@example.com"});
  republish(a, "# A v2\n", false);
  ack(a, 2, {"sam@example.com"});
  // B: a material change: Ian's acknowledgment of version 1 no longer covers.
  DocId b = published_doc("POL-B");
  ack(b, 1, {"ian@example.com", "cleo@example.com"});
  republish(b, "# B v2\n", true);
  ack(b, 2, {"nora@example.com"});
  // C: for Sales only.
  DocId c = create_doc("POL-C");
  DocumentFields f = fields("POL-C");
  f.audience = AudienceKind::departments;
  f.audience_values = {"Sales"};
  ASSERT_TRUE(update(env(), by(carl_), c, f, 1));
  approve_and_publish(c, 1);
  ack(c, 1, {"sara@example.com"});
  // Lee leaves: no longer in any audience.
  ASSERT_TRUE(people::update(env(), admin(), lee,
                             people::PersonFields{"Lee Left", "lee@example.com", "", "IT",
                                                  std::nullopt, people::Status::left,
                                                  std::nullopt},
                             1));

  CoverageCount overall, tm;
  std::map<std::string, CoverageCount> departments;
  for (DocId id : {a, b, c}) {
    auto cov = coverage(env(), admin(), id);
    ASSERT_TRUE(cov) << cov.error().message;
    overall.audience += cov->overall.audience;
    overall.acknowledged += cov->overall.acknowledged;
    tm.audience += cov->top_management.audience;
    tm.acknowledged += cov->top_management.acknowledged;
    for (const auto& d : cov->departments) {
      departments[d.label].audience += d.audience;
      departments[d.label].acknowledged += d.acknowledged;
    }
  }
  auto ind = indicators(env(), admin());
  ASSERT_TRUE(ind) << ind.error().message;
  EXPECT_EQ(ind->policies, 3);
  EXPECT_EQ(ind->acknowledgments_due, overall.audience);
  EXPECT_EQ(ind->acknowledged, overall.acknowledged);
  EXPECT_EQ(ind->acknowledgments_due, 5 + 5 + 2);
  // A: Sam, Sara, Cleo (Lee left); B: Nora (version 1 does not cover a material change); C: Sara.
  EXPECT_EQ(ind->acknowledged, 3 + 1 + 1);
  EXPECT_EQ(ind->top_management.audience, tm.audience);
  EXPECT_EQ(ind->top_management.acknowledged, tm.acknowledged);
  EXPECT_EQ(ind->top_management.audience, 2);
  EXPECT_EQ(ind->top_management.acknowledged, 1);
  ASSERT_EQ(ind->departments.size(), departments.size());
  for (const auto& d : ind->departments) {
    EXPECT_EQ(d.audience, departments[d.label].audience) << d.label;
    EXPECT_EQ(d.acknowledged, departments[d.label].acknowledged) << d.label;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, PoliciesTest, test::all_backends(), test::backend_name);

}  // namespace
}  // namespace mandate::areas::policies
