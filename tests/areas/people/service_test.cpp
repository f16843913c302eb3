// People use cases on both backends: CRUD, designations, import and export.
#include "areas/people/service.hpp"

#include <gtest/gtest.h>

#include "areas/area_fixture.hpp"

namespace mandate::areas::people {
namespace {

class PeopleTest : public test::AreaTest {
 protected:
  PersonId add(const std::string& name, const std::string& email, const std::string& dept = "IT") {
    auto r = create(env(), admin(), PersonFields{name, email, "Engineer", dept, {}, Status::active, {}});
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : PersonId{};
  }
  std::int64_t people_count() {
    return db().read([&](store::Transaction& tx) {
      return tx.query_one("SELECT COUNT(*) FROM people WHERE org_id = ?", org())->int64(0);
    });
  }
};

TEST_P(PeopleTest, CreateUpdateAndHistory) {
  auto before = ledger_size(org());
  PersonId id = add("Grace Hopper", "Grace@Example.com");
  auto v = view(env(), admin(), id);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->person.email, "grace@example.com");
  PersonFields f{"Grace Hopper", "grace@example.com", "Rear Admiral", "Navy", {}, Status::active, {}};
  ASSERT_TRUE(update(env(), admin(), id, f, 1));
  EXPECT_EQ(update(env(), admin(), id, f, 1).error().code, Errc::stale);
  v = view(env(), admin(), id);
  EXPECT_EQ(v->person.version, 2);
  ASSERT_EQ(v->history.size(), 2u);
  EXPECT_EQ(v->history[0].action, "update");
  EXPECT_NE(v->history[0].payload.find("\"from\":\"Engineer\",\"to\":\"Rear Admiral\""),
            std::string::npos);
  EXPECT_EQ(ledger_size(org()), before + 2);
}

TEST_P(PeopleTest, RefusesDuplicateEmailAndForeignManagerWithoutWriting) {
  add("A", "a@example.com");
  auto before = ledger_size(org());
  auto dup = create(env(), admin(), PersonFields{"B", "A@example.com", "", "", {}, {}, {}});
  ASSERT_FALSE(dup);
  EXPECT_TRUE(dup.error().fields.contains("email"));
  auto bad_mgr = create(env(), admin(), PersonFields{"C", "c@example.com", "", "", PersonId{999999}, {}, {}});
  ASSERT_FALSE(bad_mgr);
  EXPECT_TRUE(bad_mgr.error().fields.contains("manager_id"));
  EXPECT_EQ(ledger_size(org()), before);
  EXPECT_EQ(people_count(), 1);
}

TEST_P(PeopleTest, RolesAreEnforced) {
  for (Role r : {Role::contributor, Role::staff, Role::auditor, Role::top_management}) {
    EXPECT_EQ(create(env(), as(r), PersonFields{"X", "x@example.com", "", "", {}, {}, {}}).error().code,
              Errc::forbidden);
  }
  EXPECT_EQ(search(env(), as(Role::staff), {}).error().code, Errc::forbidden);
  EXPECT_TRUE(search(env(), as(Role::auditor), {}));
  EXPECT_EQ(people_count(), 0);
}

TEST_P(PeopleTest, OrganizationsAreIsolated) {
  PersonId id = add("A", "a@example.com");
  auto other = accounts::create_org(env(), admin(), "Other", "other", admin_user_);
  ASSERT_TRUE(other);
  EXPECT_EQ(view(env(), as(Role::admin, *other), id).error().code, Errc::not_found);
  PersonFields f{"Hacked", "a@example.com", "", "", {}, {}, {}};
  EXPECT_EQ(update(env(), as(Role::admin, *other), id, f, 1).error().code, Errc::not_found);
  EXPECT_EQ(search(env(), as(Role::admin, *other), {})->total, 0);
}

TEST_P(PeopleTest, SearchFiltersAndPaginates) {
  for (int i = 0; i < 30; ++i) {
    add("Person " + std::to_string(100 + i), "p" + std::to_string(i) + "@example.com",
        i % 3 == 0 ? "Finance" : "IT");
  }
  repo::Query q;
  q.per_page = 7;
  q.page = 2;
  auto p = search(env(), admin(), q);
  EXPECT_EQ(p->total, 30);
  ASSERT_EQ(p->people.size(), 7u);
  EXPECT_EQ(p->people[0].name, "Person 107");
  q = {};
  q.department = "Finance";
  EXPECT_EQ(search(env(), admin(), q)->total, 10);
  q = {};
  q.search = "PERSON 12";
  EXPECT_EQ(search(env(), admin(), q)->total, 10);
  q.search = "100%";
  EXPECT_EQ(search(env(), admin(), q)->total, 0);  // % is literal
  add("\xC3\x89milie Durand", "emilie@example.com");
  q.search = "\xC3\xA9MILIE";  // "éMILIE": case folds beyond ASCII on both backends
  EXPECT_EQ(search(env(), admin(), q)->total, 1);
}

TEST_P(PeopleTest, TopManagementDesignationsAreDated) {
  PersonId ceo = add("Chief", "ceo@example.com");
  auto today = core::days_since_epoch(clock_.now());
  auto term = designate(env(), admin(), ceo, "Chief Executive Officer", today - 10);
  ASSERT_TRUE(term);
  EXPECT_EQ(designate(env(), admin(), ceo, "Again", today).error().code, Errc::conflict);
  EXPECT_EQ(designate(env(), admin(), ceo, " ", today).error().code, Errc::invalid);
  auto c = counts(env(), admin());
  EXPECT_EQ(c->people.top_management, 1);
  repo::Query q;
  q.top_management_only = true;
  EXPECT_EQ(search(env(), admin(), q)->total, 1);
  PersonId other = add("Other", "other@example.com");
  EXPECT_EQ(end_designation(env(), admin(), other, *term, today).error().code, Errc::not_found);
  EXPECT_EQ(end_designation(env(), admin(), ceo, *term, today - 20).error().code, Errc::invalid);
  ASSERT_TRUE(end_designation(env(), admin(), ceo, *term, today));
  EXPECT_EQ(end_designation(env(), admin(), ceo, *term, today + 1).error().code, Errc::conflict);
  EXPECT_EQ(counts(env(), admin())->people.top_management, 0);
  auto v = view(env(), admin(), ceo);
  ASSERT_EQ(v->terms.size(), 1u);
  EXPECT_TRUE(v->terms[0].covers(today - 1));
  EXPECT_FALSE(v->terms[0].covers(today));
}

constexpr const char* kHrCsv =
    "Employee ID,First name,Last name,Work Email,Job Title,Department,Manager Email,Status\n"
    "E1,Ada,Lovelace,ada@example.com,CEO,Board,,active\n"
    "E2,Grace,Hopper,grace@example.com,CTO,IT,ada@example.com,active\n"
    "E3,Alan,Turing,alan@example.com,Engineer,IT,grace@example.com,Active\n";

TEST_P(PeopleTest, ImportPreviewWritesNothingAndApplyCreatesAllWithManagers) {
  auto before = ledger_size(org());
  auto plan = preview_import(env(), admin(), kHrCsv);
  ASSERT_TRUE(plan);
  EXPECT_TRUE(plan->ok());
  EXPECT_EQ(plan->creates, 3);
  EXPECT_EQ(plan->mapping.at("Work Email"), "email");
  EXPECT_EQ(plan->mapping.at("Employee ID"), "external_id");
  EXPECT_EQ(people_count(), 0);
  EXPECT_EQ(ledger_size(org()), before);

  auto applied = apply_import(env(), admin(), kHrCsv);
  ASSERT_TRUE(applied);
  EXPECT_TRUE(applied->applied);
  EXPECT_EQ(people_count(), 3);
  // 3 creates + 2 manager links, one entry per change.
  EXPECT_EQ(ledger_size(org()), before + 5);
  auto alan = db().read([&](store::Transaction& tx) {
    return repo::find_by_email(tx, org(), "alan@example.com");
  });
  ASSERT_TRUE(alan && alan->manager);
  auto grace = view(env(), admin(), *alan->manager);
  EXPECT_EQ(grace->person.name, "Grace Hopper");
  EXPECT_EQ(grace->reports.size(), 1u);

  // The same file again changes nothing.
  auto again = apply_import(env(), admin(), kHrCsv);
  EXPECT_EQ(again->unchanged, 3);
  EXPECT_EQ(ledger_size(org()), before + 5);
}

TEST_P(PeopleTest, ImportUpdatesMatchedByEmployeeId) {
  ASSERT_TRUE(apply_import(env(), admin(), kHrCsv));
  auto plan = apply_import(env(), admin(),
                           "employee id,name,email,title,department,status\n"
                           "E3,Alan Turing,alan.turing@example.com,Principal Engineer,IT,left\n");
  ASSERT_TRUE(plan);
  ASSERT_TRUE(plan->applied);
  EXPECT_EQ(plan->updates, 1);
  auto& changed = plan->rows[0].changed;
  EXPECT_NE(std::find(changed.begin(), changed.end(), "email"), changed.end());
  EXPECT_NE(std::find(changed.begin(), changed.end(), "status"), changed.end());
  auto alan = db().read([&](store::Transaction& tx) {
    return repo::find_by_external_id(tx, org(), "E3");
  });
  EXPECT_EQ(alan->email, "alan.turing@example.com");
  EXPECT_EQ(alan->status, Status::left);
  EXPECT_TRUE(alan->manager);  // kept: the file has no manager column
}

TEST_P(PeopleTest, ImportWithOneBadRowAppliesNothingAndNamesLineAndColumn) {
  auto before = ledger_size(org());
  std::string csv = std::string(kHrCsv) +
                    "E4,Bad,Row,not-an-email,X,IT,,active\n"
                    "E5,Lost,Manager,lost@example.com,X,IT,nobody@example.com,active\n"
                    "E6,Odd,Status,odd@example.com,X,IT,,retired\n";
  auto plan = apply_import(env(), admin(), csv);
  ASSERT_TRUE(plan);
  EXPECT_FALSE(plan->applied);
  EXPECT_EQ(plan->rejects, 3);
  EXPECT_EQ(plan->rows[3].line, 5);
  EXPECT_EQ(plan->rows[3].errors.at("Work Email"), "must be an e-mail address like name@example.com");
  EXPECT_TRUE(plan->rows[4].errors.contains("Manager Email"));
  EXPECT_TRUE(plan->rows[5].errors.contains("Status"));
  EXPECT_EQ(people_count(), 0);
  EXPECT_EQ(ledger_size(org()), before);
}

TEST_P(PeopleTest, ImportReportsFileProblems) {
  auto ragged = preview_import(env(), admin(), "name,email\nA,a@example.com,extra\n");
  ASSERT_TRUE(ragged);
  ASSERT_EQ(ragged->problems.size(), 1u);
  EXPECT_EQ(ragged->problems[0].line, 2);
  auto no_email = preview_import(env(), admin(), "name,phone\nA,1\n");
  ASSERT_FALSE(no_email->ok());
  auto dup = preview_import(env(), admin(), "name,email\nA,a@example.com\nB,A@example.com\n");
  EXPECT_EQ(dup->rejects, 1);
  EXPECT_EQ(dup->rows[1].errors.at("email"), "repeats line 2");
  auto mapped = preview_import(env(), admin(), "Who,Contact\nA,a@example.com\n",
                               ImportOptions{{{"Who", "name"}, {"Contact", "email"}}});
  EXPECT_TRUE(mapped->ok());
  EXPECT_EQ(mapped->creates, 1);
}

TEST_P(PeopleTest, ExportListsEveryoneWithManagers) {
  ASSERT_TRUE(apply_import(env(), admin(), kHrCsv));
  auto csv = export_csv(env(), admin(), {});
  ASSERT_TRUE(csv);
  EXPECT_NE(csv->find("employee_id,name,email"), std::string::npos);
  EXPECT_NE(csv->find("E3,Alan Turing,alan@example.com,Engineer,IT,grace@example.com,active,no"),
            std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, PeopleTest, test::all_backends(), test::backend_name);

}  // namespace
}  // namespace mandate::areas::people
