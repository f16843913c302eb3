// app/demo_meeting_texts.hpp
// The longer Markdown of the demo's meetings (demo_meetings.cpp): the management reviews' minutes
// and presenters' material, and the executive items where information security was discussed.
// Written for the Northwind Logistics story (a European logistics company on its way to
// ISO/IEC 27001 certification); dates are left out on purpose, because the demo's history is
// always the two years before the day it runs.
#pragma once
#include <string_view>

namespace mandate::app::demo::texts {

// --- executive committee and board ---

inline constexpr std::string_view kIsmsProgramme = R"md(Tomás Herrera (ISM) presented the plan
for the information security management system.

- **Scope**: all sites of Northwind Logistics (head office, warehouses, cross-docks) and the
  systems we run or buy as a service: transport management (TMS), warehouse management,
  telematics, e-mail and office.
- **Target**: ISO/IEC 27001 certification (stage 2 audit) within 18 months.
- **First steps**: the information security policy and the first topic-specific policies (already
  approved by the CEO), an asset inventory, the first risk assessment.

The committee agreed the scope. Sofia Lindgren asked that the warehouses are not disrupted in peak
season; the ISM will plan site work around it. The ISM reports progress to this committee every
quarter.)md";

inline constexpr std::string_view kAwareness = R"md(The ISM presented the awareness plan: a
30-minute e-learning for everyone (phishing, passwords and MFA, reporting incidents, clean desk),
delivered through the LMS, which also records the policy acknowledgments.

- The phishing test last month: **23%** of recipients clicked, 4% entered a password.
- Target: every employee completes the e-learning within two months of launch, new joiners within
  30 days.

Discussion: warehouse staff share terminals; HR will arrange sessions in the depots with the team
leads.)md";

inline constexpr std::string_view kPenTest = R"md(The external penetration test of the customer
portal and the perimeter was completed last month.

| Severity | Findings | Fixed |
|---|---|---|
| High | 2 | 0 |
| Medium | 5 | 2 |
| Low | 9 | 4 |

The two high findings: an outdated TLS configuration on the customer portal, and the firewall at
the Bremen cross-dock, which is **end of life** and no longer receives security updates. The CTO
committed to fixing the portal within 30 days.)md";

inline constexpr std::string_view kFirewall = R"md(Replacing the Bremen firewall needs a new pair
of appliances and a weekend change window. Marcus Oyelaran (CFO) confirmed the budget
(EUR 38,000) from the IT contingency. Until the replacement, IT restricts remote administration
and monitors the device daily.)md";

inline constexpr std::string_view kRansomware = R"md(The ISM summarised recent ransomware attacks
on logistics companies: two competitors lost their TMS for more than a week.

Where we stand:

- Backups of the TMS are immutable and kept off-site (POL-008); the restore test took 9 hours.
- Incident management (POL-007) names the CEO as the decision-maker for paying or not paying a
  ransom — the committee confirmed: **we do not pay**.
- There is no rehearsed plan for running depots on paper.

The committee wants to rehearse it with the management team.)md";

inline constexpr std::string_view kNis2Board = R"md(Legal & Compliance and the ISM briefed the
board on NIS2 as transposed into national law. Northwind is an *important entity* (transport
sector, more than 250 employees).

- The management body approves the cybersecurity risk-management measures and oversees their
  implementation, and can be held liable.
- Members of the management body must follow training.
- Significant incidents: early warning within 24 hours, notification within 72 hours, final report
  within one month (already in POL-007).
- Registration with the national authority is done.

The board asked for the training to be completed before the next management review.)md";

// --- management review: the first one (the baseline) ---

inline constexpr std::string_view kFirstReviewActions =
    R"md(First management review: there are no actions from earlier reviews yet.)md";
inline constexpr std::string_view kFirstReviewIssues = R"md(The context analysis names the issues
that matter most: customers asking for ISO/IEC 27001 in tenders, the dependence on one TMS
vendor, the shortage of security staff on the labour market, and NIS2 coming into force.)md";
inline constexpr std::string_view kFirstReviewPerformance = R"md(The first policies are published
(information security, acceptable use, access control, cryptography); acknowledgments are being
collected through the LMS. No audit yet; the internal audit is planned before the stage 1 audit.)md";
inline constexpr std::string_view kFirstReviewRisk = R"md(The first risk assessment is under way.
The top risks so far: loss of the TMS (ransomware or vendor outage), phishing leading to account
takeover, and unmanaged remote access.)md";
inline constexpr std::string_view kFirstReviewOutputs =
    R"md(Four decisions with owners and due dates, listed below.)md";

// --- management review: the thin one ---

inline constexpr std::string_view kThinReviewActions = R"md(Open actions noted. No discussion.)md";
inline constexpr std::string_view kThinReviewPerformance = R"md(Policy figures noted.)md";
inline constexpr std::string_view kThinReviewAddendum = R"md(**Correction to input (d).** The
results of the internal audit were available at the time of the review but were not presented.
The audit found two minor nonconformities:

1. User access reviews for the TMS were done but not documented.
2. The supplier register does not list three cloud services in use.

Both are tracked by the ISM and will be presented at the next management review.)md";

// --- management review: the thorough one ---

inline constexpr std::string_view kReviewActions = R"md(The ISM walked through every action from
earlier reviews (the table above).

- The **business continuity exercise for the Hamburg hub**, decided at the first review, is still
  open. It has been postponed twice (peak season, then the Freight acquisition) and is now carried
  over to a third review. Helena Brandt (CEO) asked Sofia Lindgren (COO) for a firm date within
  the quarter and wants it reported at the next executive committee.
- The restore test of the TMS backups was done, but twelve days late.
- The second security engineer joined as planned.)md";

inline constexpr std::string_view kReviewIssues = R"md(Changes since the previous review:

- **External**: NIS2 is now national law and applies to Northwind as an important entity; two
  ransomware attacks on competitors; customers now ask for a SOC 2 or ISO/IEC 27001 report in
  every tender above EUR 1 million.
- **Internal**: the acquisition of Northwind Freight GmbH (about 120 people, three sites), the
  move of the TMS to the vendor's cloud, and the CTO stepping back from the management team (IT
  now reports to the CEO).)md";

inline constexpr std::string_view kReviewParties = R"md(Presented by the Compliance Officer
(material below). The management team accepted the updated register of interested parties; the
requirement of the national NIS2 authority and of the cyber insurer are new.)md";
inline constexpr std::string_view kReviewPartiesMaterial = R"md(### Interested parties: what changed

| Party | Need or expectation | Change |
|---|---|---|
| National NIS2 authority | Risk-management measures, incident reporting within 24 h / 72 h | new |
| Cyber insurer | MFA everywhere, tested backups, EDR on every endpoint | new at renewal |
| Key accounts (retail) | ISO/IEC 27001 certificate, annual supplier questionnaire | stricter |
| Employees' council | Phishing simulations without naming individuals | new |
| Customs authority (AEO) | Secure data exchange, access control to customs systems | unchanged |
)md";

inline constexpr std::string_view kReviewPerformance = R"md(The figures above come from the policy
register. Discussion:

- Acknowledgment of the information security policy is behind among top management and in
  Operations' leadership; the CEO asked every member of the management team to acknowledge v3
  first, before the campaign to all staff.
- The supplier security policy (POL-005) was approved by the ISM alone; the management team wants
  it approved by top management (decision below).
- Internal audit: the two minor nonconformities from last year are closed. Objectives: the TMS
  outage target (4 hours) was missed once (6.5 hours, vendor outage).)md";

inline constexpr std::string_view kReviewFeedback = R"md(Presented by the Chief Commercial
Officer (material below). No complaints about information security; two customer audits passed
with minor observations.)md";
inline constexpr std::string_view kReviewFeedbackMaterial = R"md(### Feedback from customers and
partners

- **Supplier questionnaires**: 31 answered this year (17 last year); average turnaround 9 working
  days.
- **Customer audits**: two on-site audits by retail key accounts, passed with observations (visitor
  badges at the Bremen cross-dock, screen locks in the dispatch office).
- **Tenders**: ISO/IEC 27001 was a knock-out criterion in 4 tenders; we lost one because
  certification was not yet in place.
)md";

inline constexpr std::string_view kReviewRisk = R"md(Presented by the ISM; the status of the risk
treatment plan is attached. Three risks remain above the appetite: loss of the TMS for more than
48 hours (the business continuity exercise has not happened), the Bremen firewall until its
replacement, and the Freight sites, which have not been assessed yet.)md";
inline constexpr std::string_view kReviewRiskMaterial = R"md(### Risk treatment plan: status

| Risk | Treatment | Status |
|---|---|---|
| TMS unavailable > 48 h | Immutable backups; BC exercise | backups done; exercise open |
| Phishing → account takeover | MFA everywhere; awareness | done |
| End-of-life firewall (Bremen) | Replace the appliances | in progress |
| Freight sites not assessed | Risk assessment of the three sites | not started |
| Supplier outage (cloud TMS) | Exit plan, SLA monitoring | in progress |
)md";

inline constexpr std::string_view kReviewImprovement = R"md(Opportunities raised:

- Managed detection and response around the clock, instead of office-hours monitoring.
- Phishing simulations every quarter with short follow-up training (the employees' council
  agreed, as long as no one is named).
- Information security as a standing item of the executive committee: in the last year it was on
  the agenda only when something went wrong.)md";

inline constexpr std::string_view kReviewOutputs = R"md(The management team agreed the decisions
below. The information security policy v3 (scope extended to Northwind Freight GmbH, new
objectives, NIS2) was approved by the CEO at this review. Helena Brandt closed the review by
asking that the next one is held within twelve months, not fourteen.)md";

}  // namespace mandate::app::demo::texts
