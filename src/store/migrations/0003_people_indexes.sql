-- Indexes found by the benchmarks: the people list sorts by name within an organization
-- (served by people_org_name) and a person's page lists their direct reports.
CREATE INDEX people_org_manager ON people(org_id, manager_id);
CREATE INDEX ledger_entries_entity_seq ON ledger_entries(org_id, entity_type, entity_id, seq);
DROP INDEX ledger_entries_entity;
