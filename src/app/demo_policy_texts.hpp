// app/demo_policy_texts.hpp
// The Markdown of the demo's policy set (first versions; demo_policies.cpp derives the later
// versions by edits, so every diff in the demo is a real, readable change). Written for a
// European logistics company; plausible, not a template to adopt as is.
#pragma once
#include <string_view>

namespace mandate::app::demo::texts {

inline constexpr std::string_view kInformationSecurity = R"md(# Information Security Policy

## 1. Purpose

Northwind Logistics moves goods for customers across Europe. Our customers trust us with shipment
data, customs documents and the personal data of consignees, and our depots depend on the
transport management system, the warehouse system and vehicle telematics around the clock. This
policy states how top management directs and supports information security at Northwind, in line
with ISO/IEC 27001:2022.

## 2. Scope

This policy applies to all employees, contractors and temporary staff of Northwind Logistics, to
every site (head office, warehouses and cross-docks), and to all information and systems we own,
operate or use through a supplier.

## 3. Information security objectives

Top management sets measurable objectives every year and reviews progress at the management
review. For the current year:

1. No customer-facing outage of the transport management system longer than 4 hours.
2. Every employee acknowledges this policy and completes awareness training within 30 days of
   joining.
3. Every critical supplier is assessed before the contract is signed and reviewed every year.
4. Information security incidents are reported within one working day of discovery.

## 4. Principles

- **Confidentiality**: information is shared on a need-to-know basis and classified (POL-009).
- **Integrity**: shipment, customs and billing records change only through controlled processes.
- **Availability**: critical systems are backed up and recovery is tested (POL-008).
- **Compliance**: we meet legal, regulatory and contractual requirements, including the GDPR and
  customs regulations.

## 5. Commitment of top management

Top management commits to:

- satisfy the information security requirements that apply to Northwind;
- provide the people, budget and tools the information security management system needs;
- integrate information security into our processes, from sales to delivery;
- continually improve the information security management system.

## 6. Roles and responsibilities

The Chief Executive Officer owns this policy and approves it. The Information Security Manager
runs the information security management system day to day, maintains the topic-specific policies
and reports to top management every quarter. Managers make sure their teams know and follow the
policies. Everyone protects the information they handle and reports incidents and weaknesses.

## 7. Topic-specific policies

This policy is supported by topic-specific policies: Acceptable Use (POL-002), Access Control
(POL-003), Cryptography (POL-004), Supplier Security (POL-005), Remote Working (POL-006),
Incident Management (POL-007), Backup (POL-008) and Information Classification and Clean Desk
(POL-009).

## 8. Compliance and exceptions

Breaches of this policy may lead to disciplinary action. Exceptions need the written approval of
the Information Security Manager, are limited in time and are recorded in the risk register.

## 9. Review

This policy is reviewed at least once a year, and after significant changes to the organization,
its risks or its legal obligations.
)md";

inline constexpr std::string_view kAcceptableUse = R"md(# Acceptable Use Policy

## Purpose

This policy sets out how Northwind equipment, accounts and information may be used, so that we
protect our customers' data and keep our operations running.

## Scope

It applies to everyone who uses a Northwind laptop, phone, handheld scanner, vehicle terminal or
account, wherever they work.

## General rules

- Use company devices and accounts for your work. Limited personal use is fine when it does not
  interfere with your duties, cost the company money or break this policy.
- Never share your password or your authentication codes, not even with the IT service desk.
- Lock your screen when you leave your device (Windows key + L).
- Install software only from the company portal; ask the service desk for anything else.
- Report a lost or stolen device to the service desk at once, day or night.

## E-mail and messaging

- Be careful with links and attachments. If you recieve an unexpected invoice, delivery notice or
  password reset, report it with the "Report phishing" button.
- Send customer and shipment data only to the people who need it, and encrypt attachments that
  contain personal data.
- Do not forward work e-mail to a personal account.

## Internet and cloud services

- Store work files in the company's document management system or in your team's shared drive,
  never on personal cloud storage.
- Do not use company devices to access illegal, offensive or gambling content.

## Prohibited use

- Trying to access information or systems you have not been given access to.
- Connecting personal USB storage devices to company devices.
- Disabling antivirus, the firewall or device encryption.

## Monitoring

Northwind logs the use of its systems to protect them and to investigate incidents, within the
limits of the law and the works council agreement. Logs are kept for 90 days.

## Consequences

Breaches may lead to the withdrawal of access and to disciplinary action.
)md";

inline constexpr std::string_view kAccessControl = R"md(# Access Control Policy

## Purpose

Access to Northwind's information and systems is granted on the basis of business need and least
privilege, and is removed promptly when it is no longer needed.

## Principles

- Every person has their own account; shared accounts are not allowed except for documented
  warehouse kiosk accounts.
- Access follows roles agreed with each system owner. Anything beyond a role needs the approval of
  the person's manager and the system owner.
- Priviledged access (administrator rights, database access, firewall changes) is granted only to
  named IT staff, through separate administrator accounts.
- Administrator accounts use multi-factor authentication.

## Joiners, movers and leavers

1. HR creates the joiner in the HR system; the account is created from that record, with the
   role of the job.
2. When someone changes job, the new manager requests the new role and the old access is removed
   within five working days.
3. When someone leaves, HR records the leaving date and every account is disabled on that day.

## Access reviews

| System | Reviewed by | Frequency |
|---|---|---|
| Transport management system | Head of Operations | every six months |
| Warehouse management system | Head of Operations | every six months |
| Finance and payroll | Head of Finance | every quarter |
| Administrator accounts | Information Security Manager | every quarter |
| Customer portal (external users) | Head of Customer Service | every year |

Findings are fixed within 30 days and recorded.

## Passwords

Passwords are at least 12 characters long, are not reused across systems and are stored only in
the company password manager.
)md";

inline constexpr std::string_view kCryptography = R"md(# Cryptography Policy

## Purpose

Encryption protects Northwind's information when devices are lost and when data travels over
networks we do not control. This policy sets the minimum we use, and how we manage the keys.

## Data at rest

- Laptops and workstations use full-disk encryption (BitLocker with TPM).
- Mobile phones and handheld scanners are enrolled in device management, which enforces
  encryption and a screen lock.
- Databases holding personal data or customer pricing are encrypted at rest with keys held in the
  cloud provider's key management service.
- Backups are encrypted before they leave the data centre (see POL-008).

## Data in transit

- Web services, APIs and the customer portal use TLS 1.2 or later; TLS 1.0 and 1.1 are disabled.
- Connections to carriers and customs systems use the protocol they require (AS2, SFTP) with
  keys we generate and rotate.
- Remote access goes through the company VPN.

## Keys and certificates

- Keys are generated on the system that uses them or in the key management service, never sent
  by e-mail or chat.
- Certificates are issued by the approved certificate authority and renewed automatically; the
  certificate inventory lists every certificate with its owner and expiry date.
- Keys are rotated at least every two years and at once when a compromise is suspected.

## Algorithms

Use the algorithms the platform provides by default (AES-256-GCM, RSA 3072 or ECDSA P-256,
SHA-256 or stronger). Do not write your own cryptography.
)md";

inline constexpr std::string_view kSupplierSecurity = R"md(# Supplier Security Policy

## Purpose

Northwind relies on carriers, subcontracted drivers, software vendors and cloud providers. This
policy makes sure the suppliers who handle our information or systems protect it as we would.

## Supplier tiers

- **Critical**: handles customer or personal data, or runs a system our operations depend on
  (transport management, telematics, payroll).
- **Important**: has access to our premises or network, but not to sensitive data.
- **Other**: everyone else.

## Before the contract

1. Procurement classifies the supplier and records the tier in the supplier register.
2. For critical suppliers, the Information Security Manager sends the security questionnaire and
   reviews the answers and any certificates before the contract is signed.
3. Contracts with critical and important suppliers include confidentiality, incident
   notification within 48 hours, the right to audit, and the return or deletion of our data at
   the end of the contract.

## During the contract

- Supplier access to our systems is named, limited to what is needed and reviewed with the
  access reviews (POL-003).
- Critical suppliers are reviewed every year: questionnaire, certificates, incidents and service
  levels.

## At the end of the contract

Access is removed on the last day, and the supplier confirms in writing that our data has been
returned or deleted.
)md";

inline constexpr std::string_view kRemoteWorking = R"md(# Remote Working Policy

## Purpose

Office staff at Northwind may work from home part of the week. This policy describes how to do so
without putting information at risk.

## Who may work remotely

Employees whose role allows it and whose manager agrees. Warehouse, depot and driver roles work on
site.

## Equipment

- Use a company laptop. Personal computers may only be used for webmail and the intranet.
- Keep the laptop with you or locked away; never leave it in a car.
- Use the company headset for calls that involve customer or personal data.

## Working environment

- Work where others cannot read your screen or overhear confidential calls.
- Do not print confidential documents at home.
- Lock your screen whenever you step away.

## Connecting

- Connect through your home network with a password-protected Wi-Fi.
- The VPN starts automatically; do not disable it.

## Incidents

Report a lost device, a suspicious e-mail or any other incident to the service desk straight
away, as you would in the office (POL-007).
)md";

inline constexpr std::string_view kIncidentManagement = R"md(# Incident Management Policy

## Purpose

Incidents happen. What matters is that we notice them quickly, limit the damage, meet our
obligations to customers and authorities, and learn from them.

## What to report

Report anything that might affect the confidentiality, integrity or availability of information:
a lost phone or scanner, a phishing e-mail you clicked, data sent to the wrong customer, a system
behaving strangely, a stranger in the warehouse office.

## How to report

Call or message the IT service desk (24/7) or use the "Report an incident" form on the intranet.
Do not try to investigate on your own, and do not delete anything.

## Severity levels

| Level | Example | Response | Who is informed |
|---|---|---|---|
| Low | A single phishing e-mail reported, nothing clicked | next working day | service desk |
| Medium | Malware on one laptop, a lost encrypted device | within 4 hours | Information Security Manager |
| High | Customer data sent to the wrong recipient, a depot system down | within 1 hour | ISM and the COO |
| Critical | Ransomware, a breach of personal data at scale, the TMS down | at once | ISM, CEO, legal counsel |

## Handling

1. The service desk records the incident and assigns a severity.
2. The Information Security Manager leads medium and higher incidents, with the system owners.
3. Personal data breaches are assessed with the data protection officer, who decides on
   notification to the supervisory authority within 72 hours and to the people affected.
4. Customers are informed as their contracts require.

## Learning

Every high and critical incident gets a review within two weeks: what happened, why, and what we
change. The actions are tracked to completion and reported to top management.
)md";

inline constexpr std::string_view kBackup = R"md(# Backup Policy

## Purpose

Northwind must be able to restore its systems and data after a failure, a mistake or an attack.

## Scope

All production systems run by IT: the transport management system, the warehouse management
system, finance and payroll, file shares and the customer portal.

## Requirements

- Backups run every night; the transport and warehouse databases also keep transaction logs
  every 15 minutes (recovery point objecive: 15 minutes; recovery time objective: 4 hours).
- Backups are encrypted and kept in two places: the second data centre and an immutable cloud
  store that administrators cannot delete from.
- Daily backups are kept for 35 days, monthly backups for 13 months, yearly backups for 7 years
  (finance records).
- Backup failures raise an alert to the IT on-call engineer, who fixes or escalates them the same
  day.

## Restore tests

IT Infrastructure tests a restore every month and records the result. The checklist:

- [x] Pick a system in rotation (TMS, WMS, finance, file shares)
- [x] Restore the latest backup to the isolated test environment
- [ ] Check the restored data with the system owner
- [ ] Measure the time taken against the recovery time objective
- [ ] Record the result and any follow-up actions in the IT service tool

A failed restore test is handled as a medium incident (POL-007).

## Responsibilities

The Head of IT owns this policy. System owners confirm every year that the backup scope still
matches their systems.
)md";

inline constexpr std::string_view kClassification =
    R"md(# Information Classification and Clean Desk Policy

## Purpose

Not all information needs the same protection. Classifying it tells everyone how to handle it.

## Classification levels

| Level | Examples | Handling |
|---|---|---|
| Public | Published prices, job adverts, this policy's summary | no restrictions |
| Internal | Procedures, internal announcements, route plans | Northwind staff and contractors only |
| Confidential | Customer contracts, shipment manifests, personal data | named people only; encrypt when sent outside |
| Restricted | Payroll, security incidents, board papers | named people only; never printed at home |

Unlabelled information is internal. The owner of a document sets its level; when in doubt,
choose the higher one.

## Clean desk

- At the end of the day, put confidential and restricted papers in a locked drawer.
- Collect printouts straight away; unclaimed printouts are shredded each evening.
- Dispose of confidential paper in the locked shredding bins, never in the normal waste.
- Whiteboards are wiped after meetings that discussed confidential information.

## Clear screen

- Lock your screen when you leave your desk. Screens lock automatically after 10 minutes.
- Position screens in reception and dispatch areas so that visitors and drivers cannot read them.
)md";

}  // namespace mandate::app::demo::texts
