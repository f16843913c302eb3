-- Indexes found by the meetings benchmark (bench/meetings_bench, docs/performance.md "Meetings
-- and actions"). The management review's actions (the dashboard's review indicators, input a of
-- every review, the carry-over at sign-off) are read by source: with (org_id, source, due_on) that
-- is a range of the review actions instead of a walk over every action of the organization.
CREATE INDEX actions_org_source ON actions(org_id, source, due_on);

-- Input g of a review searches the improvement decisions meeting by meeting: with meeting_id in
-- the index that is an exact search per meeting instead of every improvement decision of all
-- years for each meeting of the period. meeting_id comes before decision_type: with
-- (org_id, decision_type, meeting_id) SQLite counts each signed review's decisions (the
-- dashboard's indicators) by walking every decision of the organization in that index.
DROP INDEX meeting_decisions_org;
CREATE INDEX meeting_decisions_org ON meeting_decisions(org_id, meeting_id, decision_type);
