// app/demo_policies.cpp — the demo's policy set and its two years (see demo.hpp): the
// information security policy approved by the CEO every year, eight topic-specific policies with
// material and non-material versions, reviews, acknowledgments in the UI and from an LMS, and
// the cases the indicators must expose (a review overdue, a current version approved by the ISM
// alone, leaders in Operations who have not acknowledged the current information security
// policy). Everything goes through the policies and accounts services: approvals are signed with
// the signer's password in a session opened by accounts::login. The texts are in
// demo_policy_texts.hpp.
#include <algorithm>
#include <random>
#include <set>

#include "app/demo.hpp"
#include "app/demo_policy_texts.hpp"
#include "areas/accounts/service.hpp"
#include "areas/policies/service.hpp"
#include "core/errors.hpp"

namespace mandate::app::demo {
namespace {

namespace policies = areas::policies;
namespace accounts = areas::accounts;
using areas::Caller;
using areas::Env;
using policies::AudienceKind;
using policies::DocId;
using policies::DocType;
using policies::VersionId;

constexpr std::int64_t kHour = 3600LL * 1'000'000;
constexpr std::int64_t kDay = 24 * kHour;

// Replaces each `from` (which must occur) by `to`: later versions are edits of the first.
struct Edit {
  std::string_view from;
  std::string_view to;
};
std::string edited(std::string text, std::initializer_list<Edit> edits) {
  for (const auto& e : edits) {
    auto pos = text.find(e.from);
    if (pos == std::string::npos) {  // a bug in the story: say which edit
      throw SystemError("demo: a policy edit does not match its text: " +
                        std::string(e.from.substr(0, 60)));
    }
    text.replace(pos, e.from.size(), e.to);
  }
  return text;
}

struct DocPlan {
  const char* reference;
  const char* title;
  DocType type;
  const char* owner;                     // key of PolicyCast::key
  std::vector<std::string> departments;  // empty: everyone
  std::vector<std::string> requirements;
  policies::Classification classification = policies::Classification::internal;
  int review_months = 12;
};

struct DocState {
  DocPlan plan;
  DocId id;
  std::map<int, VersionId> versions;
  std::map<int, bool> material;
  int current = 0;     // published number
  int ack_number = 0;  // the version acknowledgments must cover (last material one)
  core::Timestamp published_at;
  std::set<std::int64_t> covered;  // person ids with a covering acknowledgment
};

// A deterministic number in [0, 1) for (person, document, version): who acknowledges what.
double roll(unsigned seed, std::int64_t person, std::size_t doc, int number) {
  std::uint64_t x = seed * 0x9E3779B97F4A7C15ULL ^
                    static_cast<std::uint64_t>(person) * 0xBF58476D1CE4E5B9ULL ^
                    (doc * 131 + static_cast<std::uint64_t>(number)) * 0x94D049BB133111EBULL;
  x ^= x >> 31;
  x *= 0xD6E8FEB86CA6DC2BULL;
  x ^= x >> 29;
  return static_cast<double>(x >> 11) / static_cast<double>(1ULL << 53);
}

class Story {
 public:
  Story(const Env& env, Timeline& tl, const PolicyCast& cast, unsigned seed, PolicyOutcome& out)
      : env_(env), tl_(tl), cast_(cast), seed_(seed), out_(out), rng_(seed + 5) {}

  void schedule();

 private:
  core::Timestamp ago(double days) const {
    return core::Timestamp{cast_.now.us - static_cast<std::int64_t>(days * double(kDay))};
  }
  std::int64_t day_of(double days_ago) const { return core::days_since_epoch(ago(days_ago)); }

  Caller caller(const Login& l, Role role) const {
    return Caller{l.user, TokenId{}, cast_.org, role, l.name};
  }
  Caller ism() const { return caller(cast_.ism, Role::isms_manager); }
  Caller contributor() const { return caller(cast_.contributor, Role::contributor); }

  DocState& doc(const std::string& ref) { return docs_.at(ref); }
  bool in_audience(const DocState& d, const Member& m) const {
    return d.plan.departments.empty() ||
           std::find(d.plan.departments.begin(), d.plan.departments.end(), m.department) !=
               d.plan.departments.end();
  }
  const Member& member(PersonId id) const {
    for (const auto& m : *cast_.members) {
      if (m.id == id) {
        return m;
      }
    }
    throw SystemError("demo: unknown member");
  }
  std::int64_t row_version(const Caller& by, DocId id, VersionId v) {
    auto view = must(policies::view(env_, by, id), "view policy");
    for (const auto& vv : view.versions) {
      if (vv.version.id == v) {
        return vv.version.row_version;
      }
    }
    throw SystemError("demo: version not found");
  }

  // --- the steps, each scheduled at its time ---

  // Version 1 (create) or the next version (new draft, or the outcome of a review), with its
  // content, summary and effective date.
  void draft(double when, const std::string& ref, int number, const Caller& author,
             std::string content, std::string summary, bool material, double effective_ago,
             bool from_review = false) {
    tl_.at(ago(when), [=, this] {
      DocState& d = doc(ref);
      policies::DraftFields f{content, summary, material, day_of(effective_ago)};
      if (number == 1) {
        policies::DocumentFields df;
        df.reference = d.plan.reference;
        df.title = d.plan.title;
        df.type = d.plan.type;
        df.owner = cast_.key.at(d.plan.owner);
        df.classification = d.plan.classification;
        df.audience =
            d.plan.departments.empty() ? AudienceKind::everyone : AudienceKind::departments;
        df.audience_values = d.plan.departments;
        df.review_interval_months = d.plan.review_months;
        df.requirements = d.plan.requirements;
        d.id = must(policies::create(env_, author, df, f), "create " + ref);
        auto view = must(policies::view(env_, author, d.id), "view " + ref);
        d.versions[1] = view.versions.front().version.id;
        ++out_.documents;
      } else {
        VersionId v =
            from_review
                ? must(policies::review_new_version(env_, author, d.id, summary), "review " + ref)
                : must(policies::new_draft(env_, author, d.id), "new draft " + ref);
        must(policies::edit_draft(env_, author, v, f, row_version(author, d.id, v)),
             "edit draft " + ref);
        d.versions[number] = v;
      }
      d.material[number] = material;
    });
  }

  void submit(double when, const std::string& ref, int number, const Caller& author,
              std::vector<const Login*> approvers) {
    tl_.at(ago(when), [=, this] {
      std::vector<UserId> ids;
      for (const auto* a : approvers) {
        ids.push_back(a->user);
      }
      must(policies::submit(env_, author, doc(ref).versions.at(number), ids),
           "submit " + ref + " v" + std::to_string(number));
    });
  }

  // A signing session: the signer logs in, then approves each version (or signs a review with
  // no change, number 0), re-entering the password each time as the service requires.
  struct Signature {
    std::string ref;
    int number;  // 0: a review with no change of the current version
    std::string comment;
  };
  void sign(double when, const Login* who, Role role, std::vector<Signature> items) {
    tl_.at(ago(when), [=, this] {
      auto li =
          must(accounts::login(env_, {who->email, who->password, "127.0.0.1", "mandate demo"}),
               "login " + who->email);
      auto a = accounts::authenticate_session(env_, li.cookie_value);
      if (!a) {
        throw SystemError("demo: the session just opened for " + who->email + " is not valid");
      }
      Caller by{a->user.id, TokenId{}, a->org, a->role ? a->role : std::optional(role),
                a->user.display_name};
      const policies::SignatureAuth auth{who->password, a->session_id_hash, "127.0.0.1"};
      for (const auto& s : items) {
        DocState& d = doc(s.ref);
        if (s.number == 0) {
          must(policies::review_no_change(env_, by, d.id, auth, s.comment), "review " + s.ref);
        } else {
          must(policies::approve(env_, by, d.versions.at(s.number), auth, s.comment),
               "approve " + s.ref + " v" + std::to_string(s.number));
        }
      }
      accounts::logout(env_, li.cookie_value);
    });
  }

  void publish(double when, const std::string& ref, int number) {
    tl_.at(ago(when), [=, this] {
      DocState& d = doc(ref);
      must(policies::publish(env_, ism(), d.versions.at(number)), "publish " + ref);
      d.current = number;
      d.published_at = env_.clock.now();
      if (d.material.at(number) || number == 1) {
        d.ack_number = number;
        d.covered.clear();
        if (d.published_at.us > cast_.now.us - 365 * kDay) {
          acknowledge_in_ui(ref, number);
        } else {
          ui_since_[ref] = number + 1;  // older versions: the LMS records theirs too
        }
      }
    });
  }

  // The logins who are people open a version published in the last year a few days after
  // publication and acknowledge it, as they would on "My policies" (the staff login leaves the
  // newest information security policy opened but not yet acknowledged); older versions reached
  // them through the LMS like everyone else.
  void acknowledge_in_ui(const std::string& ref, int number) {
    struct UiPerson {
      const Login* login;
      Role role;
      const char* key;
    };
    const UiPerson people[] = {{&cast_.ceo, Role::top_management, "ceo"},
                               {&cast_.ism, Role::isms_manager, "ism"},
                               {&cast_.contributor, Role::contributor, "contributor"},
                               {&cast_.staff, Role::staff, "staff"}};
    for (std::size_t i = 0; i < 4; ++i) {
      const Member m = member(cast_.key.at(people[i].key));
      if (!in_audience(doc(ref), m)) {
        continue;
      }
      const bool only_open =
          std::string(people[i].key) == "staff" && ref == "POL-001" && number == 3;
      const Login* login = people[i].login;
      const Role role = people[i].role;
      const std::int64_t delay = kDay * static_cast<std::int64_t>(1 + i) + kHour * 2;
      tl_.at(core::Timestamp{env_.clock.now().us + delay}, [=, this] {
        DocState& d = doc(ref);
        if (d.current != number) {
          return;  // superseded meanwhile
        }
        auto by = caller(*login, role);
        auto opened = must(policies::open(env_, by, d.id), "open " + ref);
        if (!only_open) {
          must(policies::acknowledge(env_, by, d.id, opened.version.content_hash),
               "acknowledge " + ref);
          d.covered.insert(m.id.value);
        }
      });
    }
  }

  // Leaders who lag: Operations' leadership (the COO, the head of Operations and the warehouse
  // leads) has not acknowledged the newest information security policy, and the COO has let
  // every policy changed in the last year and a half slide.
  bool lags(const DocState& d, const Member& m) const {
    const bool coo = m.id == cast_.key.at("coo");
    if (coo && d.published_at.us > cast_.now.us - 500 * kDay) {
      return true;
    }
    if (d.plan.reference == std::string("POL-001") && d.ack_number == 3) {
      return coo || m.id == cast_.key.at("head:Operations") ||
             (m.department == "Operations" && m.job_title.find("Lead") != std::string::npos);
    }
    return false;
  }
  // Executives and heads of department: leaders acknowledge everything, unless they lag.
  bool is_leader(const Member& m) {
    if (leaders_.empty()) {
      for (const auto& [key, id] : cast_.key) {
        if (key != "contributor" && key != "staff") {
          leaders_.insert(id.value);
        }
      }
    }
    return leaders_.count(m.id.value) > 0;
  }

  // The LMS pushes completed policy trainings through its API token: one bulk request per
  // document, each acknowledgment with the time the person completed it.
  void lms_sync(double when) {
    tl_.at(ago(when), [=, this] {
      auto a = accounts::authenticate_token(env_, lms_secret_);
      if (!a) {
        throw SystemError("demo: the LMS token does not authenticate");
      }
      const Caller lms{a->user.id, a->token->id, a->org, a->role, "token " + a->token->name};
      const core::Timestamp t = env_.clock.now();
      std::set<std::int64_t> ui_people;
      for (const char* k : {"ceo", "ism", "contributor", "staff"}) {
        ui_people.insert(cast_.key.at(k).value);
      }
      std::size_t index = 0;
      for (auto& [ref, d] : docs_) {
        ++index;
        if (d.current == 0 || d.published_at.us > t.us - kDay) {
          continue;
        }
        // Most staff complete the training in time; the campaign for the newest information
        // security policy pushes its share up (Operations' leaders aside).
        const double share = ref == "POL-001" && d.ack_number == 3 ? 0.9 : 0.8;
        std::vector<policies::BulkItem> items;
        std::vector<std::int64_t> ids;
        for (const auto& m : *cast_.members) {
          if (!m.active_at(t) || m.joined.us > t.us - 10 * kDay || !in_audience(d, m) ||
              (ui_people.count(m.id.value) > 0 && d.ack_number >= ui_since_[ref]) ||
              d.covered.count(m.id.value) > 0 || lags(d, m)) {
            continue;
          }
          if (!is_leader(m) && ui_people.count(m.id.value) == 0 &&
              roll(seed_, m.id.value, index, d.ack_number) >= share) {
            continue;
          }
          const std::int64_t from = std::max(d.published_at.us, m.joined.us) + kHour;
          const std::int64_t to = t.us - kHour;
          std::int64_t at = to;
          if (from < to) {
            at = from + static_cast<std::int64_t>(rng_() % static_cast<std::uint64_t>(to - from));
          }
          items.push_back({"#" + std::to_string(m.id.value), core::Timestamp{at}});
          ids.push_back(m.id.value);
        }
        if (items.empty()) {
          continue;
        }
        auto r = must(policies::bulk_acknowledge(env_, lms, d.id, d.current, items),
                      "bulk acknowledge " + ref);
        if (r.rejected > 0) {
          for (const auto& it : r.items) {
            if (it.outcome == policies::BulkOutcome::rejected) {
              throw SystemError("demo: bulk acknowledge " + ref + " rejected " + it.person + ": " +
                                it.error);
            }
          }
        }
        d.covered.insert(ids.begin(), ids.end());
      }
    });
  }

  const Env& env_;
  Timeline& tl_;
  const PolicyCast& cast_;
  unsigned seed_;
  PolicyOutcome& out_;
  std::mt19937_64 rng_;
  std::map<std::string, DocState> docs_;
  std::string lms_secret_;
  std::set<std::int64_t> leaders_;
  std::map<std::string, int> ui_since_;  // per document: versions acknowledged in the UI
};

void Story::schedule() {
  using texts::kAcceptableUse, texts::kAccessControl, texts::kBackup, texts::kClassification,
      texts::kCryptography, texts::kIncidentManagement, texts::kInformationSecurity,
      texts::kRemoteWorking, texts::kSupplierSecurity;
  const std::vector<DocPlan> plans = {
      {"POL-001",
       "Information Security Policy",
       DocType::information_security_policy,
       "ceo",
       {},
       {"ISO27001:5.2", "ISO27001:A.5.1"},
       policies::Classification::public_},
      {"POL-002",
       "Acceptable Use Policy",
       DocType::topic_specific_policy,
       "cto",
       {},
       {"ISO27001:A.5.10"}},
      {"POL-003",
       "Access Control Policy",
       DocType::topic_specific_policy,
       "cto",
       {},
       {"ISO27001:A.5.15", "ISO27001:A.5.18", "ISO27001:A.8.5"}},
      {"POL-004",
       "Cryptography Policy",
       DocType::topic_specific_policy,
       "head:IT",
       {"IT"},
       {"ISO27001:A.8.24"}},
      {"POL-005",
       "Supplier Security Policy",
       DocType::topic_specific_policy,
       "head:Procurement",
       {"Procurement", "Legal & Compliance", "IT"},
       {"ISO27001:A.5.19", "ISO27001:A.5.20"}},
      {"POL-006",
       "Remote Working Policy",
       DocType::topic_specific_policy,
       "head:Human Resources",
       {},
       {"ISO27001:A.6.7"}},
      {"POL-007",
       "Incident Management Policy",
       DocType::topic_specific_policy,
       "ism",
       {},
       {"ISO27001:A.5.24", "ISO27001:A.5.26"}},
      {"POL-008",
       "Backup Policy",
       DocType::topic_specific_policy,
       "head:IT",
       {"IT"},
       {"ISO27001:A.8.13"}},
      {"POL-009",
       "Information Classification and Clean Desk Policy",
       DocType::topic_specific_policy,
       "ism",
       {},
       {"ISO27001:A.5.12", "ISO27001:A.7.7"}},
  };
  for (const auto& p : plans) {
    docs_[p.reference].plan = p;
  }
  const Login* ceo = &cast_.ceo;
  const Login* ism_login = &cast_.ism;
  const Caller ism_c = ism();
  const Caller con_c = contributor();
  const Role tm = Role::top_management;
  const Role isms = Role::isms_manager;

  // The ISM states the approval rule for topic-specific policies (one approver, independent of
  // the author; top management not required) and creates the token the LMS uses.
  tl_.at(ago(724), [=, this] {
    must(policies::set_rule(env_, ism_c, {DocType::topic_specific_policy, 1, false, true}),
         "set rule");
    auto token = must(
        accounts::create_token(env_, cast_.admin, {"lms-sync", Role::isms_manager, std::nullopt}),
        "create LMS token");
    lms_secret_ = token.secret;
  });

  // Year one: the first policy set.
  draft(722, "POL-001", 1, ism_c, std::string(kInformationSecurity),
        "First version, written for the ISO/IEC 27001 project.", true, 711);
  submit(721.9, "POL-001", 1, ism_c, {ceo});
  draft(719, "POL-002", 1, ism_c, std::string(kAcceptableUse), "First version.", true, 711);
  draft(718.9, "POL-003", 1, ism_c, std::string(kAccessControl), "First version.", true, 711);
  draft(718.8, "POL-004", 1, ism_c, std::string(kCryptography), "First version.", true, 711);
  for (const char* ref : {"POL-002", "POL-003", "POL-004"}) {
    submit(718.5, ref, 1, ism_c, {ceo});
  }
  sign(716, ceo, tm,
       {{"POL-001", 1, "Approved for the whole company. Thank you to everyone who commented."},
        {"POL-002", 1, "Approved."},
        {"POL-003", 1, "Approved."},
        {"POL-004", 1, "Approved."}});
  for (const char* ref : {"POL-001", "POL-002", "POL-003", "POL-004"}) {
    publish(715, ref, 1);
  }
  draft(706, "POL-005", 1, con_c, std::string(kSupplierSecurity),
        "First version, aligned with the procurement process.", true, 697);
  draft(705.9, "POL-007", 1, con_c, std::string(kIncidentManagement), "First version.", true, 697);
  submit(705.5, "POL-005", 1, con_c, {ism_login, ceo});
  submit(705.5, "POL-007", 1, con_c, {ism_login, ceo});
  draft(703, "POL-006", 1, ism_c, std::string(kRemoteWorking), "First version.", true, 697);
  submit(702.9, "POL-006", 1, ism_c, {ceo});
  sign(701, ism_login, isms,
       {{"POL-005", 1, "Reviewed with Procurement; approved."},
        {"POL-007", 1, "Matches the service desk process."}});
  sign(700, ceo, tm,
       {{"POL-005", 1, "Approved."}, {"POL-007", 1, "Approved."}, {"POL-006", 1, "Approved."}});
  for (const char* ref : {"POL-005", "POL-006", "POL-007"}) {
    publish(699, ref, 1);
  }
  draft(684, "POL-008", 1, ism_c, std::string(kBackup), "First version.", true, 675);
  submit(683.9, "POL-008", 1, ism_c, {ceo});
  sign(681, ceo, tm, {{"POL-008", 1, "Approved."}});
  publish(680, "POL-008", 1);
  draft(604, "POL-009", 1, con_c, std::string(kClassification),
        "First version: the classification scheme and the clean desk rules in one policy.", true,
        590);
  submit(603.9, "POL-009", 1, con_c, {ism_login, ceo});
  sign(601, ism_login, isms, {{"POL-009", 1, "Approved."}});
  sign(600, ceo, tm, {{"POL-009", 1, "Approved."}});
  publish(599, "POL-009", 1);

  // Remote working after the move to hybrid work: the last approval (about fifteen months ago)
  // is also the last review, so its review is now overdue.
  draft(
      462, "POL-006", 2, ism_c,
      edited(std::string(kRemoteWorking),
             {{"- Connect through your home network with a password-protected Wi-Fi.\n",
               "- Connect through your home network with a password-protected Wi-Fi (WPA2 or "
               "better). Public Wi-Fi in hotels, trains and cafés only with the VPN connected.\n"},
              {"## Incidents\n",
               "## Working abroad\n\nWorking from another country for more than two weeks needs "
               "the approval of your manager and HR beforehand (tax, labour law and export "
               "rules). Take only the data you need.\n\n## Incidents\n"}}),
      "Hybrid work: public Wi-Fi only with the VPN; working abroad needs approval.", true, 448);
  submit(461.9, "POL-006", 2, ism_c, {ceo});
  sign(457, ceo, tm, {{"POL-006", 2, "Approved."}});
  publish(455, "POL-006", 2);

  // Acceptable use: generative AI (material), then a typo fix (not material).
  const std::string aup_v2 = edited(
      std::string(kAcceptableUse),
      {{"## Prohibited use\n",
        "## Generative AI tools\n\n- Do not paste customer, shipment or personal data, pricing "
        "or source code into public AI tools.\n- Use the approved assistant (Northwind Copilot), "
        "which keeps our data inside our tenant.\n- Check what an AI tool produces before you "
        "rely on it or send it to a customer.\n\n## Prohibited use\n"}});
  draft(424, "POL-002", 2, con_c, aup_v2,
        "New section on generative AI tools; the approved assistant is Northwind Copilot.", true,
        410);
  submit(423.9, "POL-002", 2, con_c, {ceo});
  sign(419, ceo, tm, {{"POL-002", 2, "Approved. Please brief the team leads."}});
  publish(417, "POL-002", 2);

  // The information security policy's first annual review: clarifications, no change in intent.
  const std::string isp_v2 =
      edited(std::string(kInformationSecurity),
             {{"every site (head office, warehouses and cross-docks)",
               "every site (the Hamburg head office, warehouses and cross-docks)"},
              {"reports to top management every quarter.",
               "reports to top management every quarter; they can be reached at "
               "security@northwind.example."}});
  draft(372, "POL-001", 2, ism_c, isp_v2,
        "Annual review: wording clarified and the security contact added; no change in intent.",
        false, 365, true);
  submit(371.9, "POL-001", 2, ism_c, {ceo});
  sign(369, ceo, tm, {{"POL-001", 2, "Reviewed with the management team; approved."}});
  publish(368, "POL-001", 2);

  // Cryptography reviewed with no change (signed by the CEO): due again within a month.
  sign(342, ceo, tm,
       {{"POL-004", 0, "Reviewed with the Head of IT: still matches our platforms; no change."}});

  // Access control: MFA everywhere (material), then a typo fix (not material).
  const std::string acp_v2 =
      edited(std::string(kAccessControl),
             {{"- Administrator accounts use multi-factor authentication.\n",
               "- Every account uses multi-factor authentication: for remote access, every cloud "
               "service and every administrator account. The authenticator app is the default; SMS "
               "codes are not allowed.\n"}});
  draft(334, "POL-003", 2, ism_c, acp_v2,
        "Multi-factor authentication for every account (was: administrators only), after the "
        "phishing exercise.",
        true, 320);
  submit(333.9, "POL-003", 2, ism_c, {ceo});
  sign(331, ceo, tm, {{"POL-003", 2, "Approved. Roll-out plan agreed with IT."}});
  publish(330, "POL-003", 2);
  draft(324, "POL-003", 3, ism_c, edited(acp_v2, {{"Priviledged access", "Privileged access"}}),
        "Typo fixed (\"privileged\").", false, 320);
  submit(323.9, "POL-003", 3, ism_c, {ceo});
  sign(321, ceo, tm, {{"POL-003", 3, "Approved."}});
  publish(320, "POL-003", 3);

  // Two small corrections approved together.
  draft(302, "POL-002", 3, ism_c, edited(aup_v2, {{"recieve", "receive"}}),
        "Typo fixed (\"receive\").", false, 298);
  draft(301.9, "POL-008", 2, ism_c, edited(std::string(kBackup), {{"objecive", "objective"}}),
        "Typo fixed (\"objective\").", false, 298);
  submit(301.8, "POL-002", 3, ism_c, {ceo});
  submit(301.8, "POL-008", 2, ism_c, {ceo});
  sign(299, ceo, tm, {{"POL-002", 3, "Approved."}, {"POL-008", 2, "Approved."}});
  publish(298.5, "POL-002", 3);
  publish(298.4, "POL-008", 2);

  // Incident management: the NIS2 reporting timelines (material).
  draft(255, "POL-007", 2, con_c,
        edited(std::string(kIncidentManagement),
               {{"4. Customers are informed as their contracts require.\n",
                 "4. Significant incidents under the NIS2 Directive: an early warning to the "
                 "national CSIRT within 24 hours, an incident notification within 72 hours and a "
                 "final report within one month. The ISM prepares them; the CEO signs them off.\n"
                 "5. Customers are informed as their contracts require.\n"}}),
        "NIS2 reporting timelines (24 hours, 72 hours, one month) added to the handling steps.",
        true, 240);
  submit(254.9, "POL-007", 2, con_c, {ism_login, ceo});
  sign(251, ism_login, isms, {{"POL-007", 2, "Approved; matches the CSIRT guidance."}});
  sign(249, ceo, tm, {{"POL-007", 2, "Approved."}});
  publish(248, "POL-007", 2);

  // Supplier security: cloud providers (material), approved by the ISM alone — allowed by the
  // rule for topic-specific policies, and exactly what the indicators bring to light.
  draft(204, "POL-005", 2, con_c,
        edited(std::string(kSupplierSecurity),
               {{"## During the contract\n",
                 "## Cloud and software-as-a-service providers\n\nCritical cloud providers hold "
                 "an ISO/IEC 27001 certificate or a SOC 2 Type II report that covers the service "
                 "we use, tell us about new subprocessors 30 days in advance, and keep our data "
                 "in the European Economic Area.\n\n## During the contract\n"}}),
        "Requirements for cloud providers: certification, subprocessors, data location.", true,
        190);
  submit(203.9, "POL-005", 2, con_c, {ism_login});
  sign(198, ism_login, isms, {{"POL-005", 2, "Approved."}});
  publish(196, "POL-005", 2);

  // Classification and clean desk: a stricter screen lock (material).
  draft(156, "POL-009", 2, con_c,
        edited(std::string(kClassification),
               {{"Screens lock automatically after 10 minutes.",
                 "Screens lock automatically after 5 minutes."},
                {"- Collect printouts straight away; unclaimed printouts are shredded each "
                 "evening.\n",
                 "- Print with follow-me printing: documents come out only when you badge at the "
                 "printer. Unclaimed jobs are deleted after 24 hours.\n"}}),
        "Screen lock after 5 minutes (was 10); follow-me printing.", true, 140);
  submit(155.9, "POL-009", 2, con_c, {ceo});
  sign(151, ceo, tm, {{"POL-009", 2, "Approved."}});
  publish(150, "POL-009", 2);

  // The information security policy, second annual review: version 3, a material change.
  const std::string isp_v3 = edited(
      isp_v2,
      {{"warehouses and cross-docks), and to all",
        "warehouses and cross-docks) and the sites of our subsidiary Northwind Freight GmbH, and "
        "to all"},
       {"1. No customer-facing outage of the transport management system longer than 4 hours.\n"
        "2. Every employee acknowledges this policy and completes awareness training within 30 "
        "days of\n   joining.\n",
        "1. No customer-facing outage of the transport management system longer than 2 hours.\n"
        "2. Every employee, including top management, acknowledges this policy within 30 days "
        "of its\n   publication or of joining, and completes awareness training every year.\n"},
       {"4. Information security incidents are reported within one working day of discovery.\n",
        "4. Information security incidents are reported within one working day of discovery, "
        "and\n   significant incidents to the authority within 24 hours (NIS2).\n"
        "5. Multi-factor authentication on 100% of remote and cloud access.\n"},
       {"including the GDPR and\n  customs regulations.",
        "including the GDPR, the NIS2\n  Directive as transposed into national law, and "
        "customs regulations."}});
  draft(48, "POL-001", 3, ism_c, isp_v3,
        "Annual review: scope extended to Northwind Freight GmbH, new objectives, NIS2 "
        "obligations; everyone acknowledges again.",
        true, 35, true);
  submit(46, "POL-001", 3, ism_c, {ceo});
  sign(
      43, ceo, tm,
      {{"POL-001", 3, "Approved at the management review. Leaders: please acknowledge it first."}});
  publish(42, "POL-001", 3);

  // The LMS syncs every quarter, and once more a few days ago.
  for (double when = 690; when > 10; when -= 91) {
    lms_sync(when);
  }
  lms_sync(3);

  // The auditor's link to the current information security policy.
  tl_.at(ago(20), [this] {
    DocState& d = doc("POL-001");
    auto link =
        must(policies::create_share_link(env_, ism(), d.versions.at(3),
                                         "Certify Ltd, Avery Auditor (ISO/IEC 27001 stage 2 audit)",
                                         core::Timestamp{cast_.now.us + 30 * kDay}),
             "share link");
    out_.share_link_secret = link.secret;
  });

  // Waiting for the CEO: messaging apps in the acceptable use policy (material).
  draft(5, "POL-002", 4, ism_c,
        edited(edited(aup_v2, {{"recieve", "receive"}}),
               {{"- Do not forward work e-mail to a personal account.\n",
                 "- Do not forward work e-mail to a personal account.\n- Use Teams for work chat. "
                 "WhatsApp and other personal messaging apps must not be used for customer, "
                 "shipment or personal data.\n"}}),
        "Personal messaging apps (WhatsApp and the like) not for customer or shipment data.", true,
        -10);
  submit(4, "POL-002", 4, ism_c, {ceo});

  // The acknowledgment drive for the information security policy, due in two weeks.
  tl_.at(ago(2), [this] {
    must(policies::create_campaign(env_, ism(), doc("POL-001").id,
                                   "Information Security Policy v3: everyone, leaders first",
                                   core::days_since_epoch(cast_.now) + 14),
         "campaign");
  });

  // In progress: the contributor drafts the cryptography policy's next version.
  draft(2, "POL-004", 2, con_c,
        edited(std::string(kCryptography),
               {{"## Algorithms\n",
                 "## Post-quantum readiness\n\nIT keeps an inventory of where we use public-key "
                 "cryptography (VPN, TLS, AS2, code signing) and asks critical suppliers for their "
                 "migration plans.\n\n## Algorithms\n"}}),
        "Draft: post-quantum readiness (inventory of public-key cryptography).", true, -30);
}

}  // namespace

void schedule_policies(const areas::Env& env, Timeline& timeline, const PolicyCast& cast,
                       unsigned seed, PolicyOutcome& out) {
  // The story outlives this call: its events run as the people history reaches them.
  auto story = std::make_shared<Story>(env, timeline, cast, seed, out);
  story->schedule();
  timeline.keep(std::move(story));
}

}  // namespace mandate::app::demo
