// web/tests/integration/policies_api.test.mjs — the policies JSON API over real HTTP on both
// backends: the whole life of a policy (create, edit the draft, submit to top management, approve
// with the approver's password in their own session, publish, a staff member opens and
// acknowledges, coverage moves, the ledger verifies); every refused transition answers its
// status with the JSON error naming the field and leaves the ledger exactly as it was; material
// and non-material changes; bulk acknowledgments (all or nothing, idempotent, racing requests);
// public share links (anonymous, counted, revoked, expired); and organizations kept apart.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  adminSession, bearerClient, Client, createPerson, createToken, createUserWithRole, isoIn,
  ledgerSize,
} from '../lib/client.mjs';
import {
  approve, approveAndPublish, assertApiError, coverage, createPolicy, docPath, getPolicy,
  getVersion, newDraft, openAndAcknowledge, policyOrg, policyText, publish, publishedPolicy,
  reference, sha256, submit, versionPath,
} from '../lib/policies.mjs';
import { describeEachBackend, sleep, startInstance } from '../lib/server.mjs';

describeEachBackend('policies API', (backend) => {
  let inst;
  let org;
  let api;  // admin token
  before(async () => {
    inst = await startInstance(backend);
    org = await policyOrg(inst);
    api = org.api;
  }, { timeout: 120_000 });
  after(async () => inst?.cleanup());

  // Runs `fn`, then asserts the organization's ledger did not grow.
  async function unchanged(fn) {
    const before = await ledgerSize(api);
    const out = await fn();
    assert.equal(await ledgerSize(api), before, 'the ledger changed');
    return out;
  }

  async function grewBy(n, fn) {
    const before = await ledgerSize(api);
    const out = await fn();
    assert.equal(await ledgerSize(api), before + n, `the ledger should grow by ${n}`);
    return out;
  }

  test('happy path: create, edit, submit to top management, approve with password, publish, open, acknowledge', async () => {
    const author = org.sessions.contributor;
    const top = org.users.top_management;
    const staff = org.sessions.staff;
    const ref = reference('POL');
    const text1 = policyText('Information security policy');

    // Create: version 1 is a draft whose hash is the SHA-256 of its bytes.
    const doc = await grewBy(1, () => createPolicy(author, {
      reference: ref.toLowerCase(), title: 'Information security policy', type: 'information_security_policy',
      content: text1, classification: 'internal', audience: 'everyone', review_interval_months: 12,
      requirements: ['ISO27001:5.2'],
    }));
    assert.equal(doc.reference, ref, 'the reference is upper-cased');
    assert.equal(doc.status, 'draft');
    assert.equal(doc.type, 'information_security_policy');
    assert.deepEqual(doc.requirements, ['ISO27001:5.2']);
    assert.equal(doc.current_version_id, null);
    assert.equal(doc.versions.length, 1);
    assert.equal(doc.versions[0].number, 1);
    assert.equal(doc.versions[0].status, 'draft');
    assert.equal(doc.versions[0].content_hash, sha256(text1));
    assert.equal(doc.versions[0].author, org.users.contributor.name);
    assert.equal(doc.rule.require_top_management, true, 'the information security policy needs top management');

    // Edit the draft (content) and the register (title).
    let v1 = await getVersion(author, doc, 1);
    assert.equal(v1.content, text1);
    const text2 = `${text1}\n## Commitment\n\nTop management commits to continual improvement.\n`;
    v1 = await grewBy(1, () => author.expectJson('PATCH', versionPath(doc, 1), 200, {
      json: { content: text2, change_summary: 'Adds the commitment', row_version: v1.row_version },
    }));
    assert.equal(v1.content, text2);
    assert.equal(v1.content_hash, sha256(text2));
    assert.equal(v1.change_summary, 'Adds the commitment');
    const renamed = await author.expectJson('PATCH', docPath(doc), 200, {
      json: { title: 'Information security policy (group)', row_version: doc.row_version },
    });
    assert.equal(renamed.title, 'Information security policy (group)');
    assert.equal(renamed.row_version, doc.row_version + 1);

    // Submit to a top-management approver: the text is frozen.
    const submitted = await grewBy(1, () => submit(author, doc, 1, [top]));
    assert.equal(submitted.status, 'in_approval');
    assert.equal(submitted.approvals.length, 1);
    assert.equal(submitted.approvals[0].approver_id, top.id);
    assert.equal(submitted.approvals[0].decision, 'pending');
    assert.equal((await getPolicy(api, doc)).status, 'in_approval');

    // The approver sees it in their inbox, with the text and its hash.
    const inbox = await org.sessions.top_management.expectJson('GET', '/api/v1/policies/inbox', 200);
    const item = inbox.items.find((i) => i.document.id === doc.id);
    assert.ok(item, 'the version waits in the approver\'s inbox');
    assert.equal(item.version.number, 1);
    assert.equal(item.version.content_hash, sha256(text2));
    assert.equal(item.version.content, text2);
    const otherInbox = await org.sessions.isms_manager.expectJson('GET', '/api/v1/policies/inbox', 200);
    assert.ok(!otherInbox.items.some((i) => i.document.id === doc.id), 'not in a non-approver\'s inbox');

    // Approve with the password, in the approver's own session: a signature bound to the hash.
    const approved = await grewBy(1, () => approve(org.sessions.top_management, top, doc, 1, { comment: 'Signed for the board.' }));
    assert.equal(approved.status, 'approved');
    const sig = approved.approvals[0];
    assert.equal(sig.decision, 'approved');
    assert.equal(sig.signer_name, top.name);
    assert.equal(sig.signer_role, 'top_management');
    assert.match(sig.meaning, /approved as top management/i);
    assert.equal(sig.content_hash, sha256(text2));
    assert.equal(sig.comment, 'Signed for the board.');
    assert.match(sig.decided_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    assert.equal((await getPolicy(api, doc)).status, 'approved');

    // Publish: the current version for its audience.
    const before = await coverage(api, doc).catch(() => null);
    assert.equal(before, null, 'no coverage before anything is published');
    const published = await grewBy(1, () => publish(org.sessions.isms_manager, doc, 1));
    assert.equal(published.status, 'published');
    assert.ok(published.published_at);
    const current = await getPolicy(api, doc);
    assert.equal(current.status, 'published');
    assert.equal(current.current_version_id, published.id);
    assert.ok(current.review && !current.review.overdue, 'the review clock runs from the approval');

    // The staff member sees it to acknowledge.
    const cov0 = await coverage(api, doc);
    assert.ok(cov0.overall.audience >= 6, JSON.stringify(cov0.overall));
    assert.equal(cov0.overall.acknowledged, 0);
    assert.ok(cov0.missing.some((m) => m.person_id === org.people.staff.id));
    assert.equal(cov0.top_management.audience, 1);
    let mine = await staff.expectJson('GET', '/api/v1/policies/mine', 200);
    assert.equal(mine.person_id, org.people.staff.id);
    let entry = mine.items.find((i) => i.document.id === doc.id);
    assert.ok(entry, 'the policy applies to the staff member');
    assert.equal(entry.must_acknowledge, true);
    assert.equal(entry.opened_at, null);
    assert.equal(entry.version.number, 1);

    // Open (recorded once), then acknowledge the hash seen.
    const opened = await grewBy(1, () => staff.expectJson('POST', `${docPath(doc)}/open`, 200, { json: {} }));
    assert.equal(opened.version.content, text2);
    assert.equal(opened.version.content_hash, sha256(text2));
    assert.equal(opened.acknowledged_at, null);
    const again = await grewBy(0, () => staff.expectJson('POST', `${docPath(doc)}/open`, 200));
    assert.equal(again.opened_at, opened.opened_at, 'the first opening is kept');
    const ack = await grewBy(1, () => staff.expectJson('POST', `${docPath(doc)}/acknowledge`, 200, {
      json: { content_hash: opened.version.content_hash },
    }));
    assert.equal(ack.document_id, doc.id);
    assert.equal(ack.version_number, 1);
    assert.equal(ack.person_id, org.people.staff.id);
    assert.equal(ack.content_hash, sha256(text2));
    const ack2 = await grewBy(0, () => staff.expectJson('POST', `${docPath(doc)}/acknowledge`, 200, {
      json: { content_hash: opened.version.content_hash.toUpperCase() },
    }));
    assert.equal(ack2.at, ack.at, 'acknowledging twice keeps the first acknowledgment');

    // Coverage moved by exactly one; the department and "mine" show it.
    const cov1 = await coverage(api, doc);
    assert.equal(cov1.overall.acknowledged, 1);
    assert.equal(cov1.overall.audience, cov0.overall.audience);
    assert.ok(!cov1.missing.some((m) => m.person_id === org.people.staff.id));
    const ops = cov1.departments.find((d) => d.label === 'Operations');
    assert.ok(ops && ops.acknowledged === 1, JSON.stringify(cov1.departments));
    mine = await staff.expectJson('GET', '/api/v1/policies/mine', 200);
    entry = mine.items.find((i) => i.document.id === doc.id);
    assert.equal(entry.must_acknowledge, false);
    assert.equal(entry.acknowledged_number, 1);
    assert.ok(entry.acknowledged_at);

    // Indicators and the register reflect it; the ledger verifies.
    const ind = await api.expectJson('GET', '/api/v1/policies/indicators', 200);
    assert.ok(ind.policies >= 1);
    assert.ok(ind.approved_by_top_management >= 1);
    assert.ok(ind.coverage.acknowledged >= 1);
    assert.equal(ind.days_since_top_management_signoff, 0);
    const list = await api.expectJson('GET', `/api/v1/policies?search=${ref}`, 200);
    assert.equal(list.total, 1);
    assert.equal(list.items[0].approved_by_top_management, true);
    assert.equal(list.items[0].current_version, 1);
    const history = await api.expectJson('GET', `/api/v1/ledger?entity_type=policy&entity_id=${doc.id}&limit=50`, 200);
    const actions = history.items.map((e) => e.action);
    for (const a of ['create', 'submit', 'approve', 'publish']) {
      assert.ok(actions.includes(a), `ledger has "${a}" for the document: ${actions}`);
    }
    const verify = await api.expectJson('GET', '/api/v1/ledger/verify', 200);
    assert.equal(verify.ok, true, JSON.stringify(verify));
  });

  describe('refused transitions leave the ledger unchanged', () => {
    test('approve a draft → 409', async () => {
      const doc = await createPolicy(api);
      const r = await unchanged(() => org.sessions.top_management.post(`${versionPath(doc, 1)}/approve`, {
        json: { password: org.users.top_management.password },
      }));
      assertApiError(r, 409, 'conflict');
      assert.match(r.json.error.message, /draft/);
      assert.equal((await getVersion(api, doc, 1)).status, 'draft');
    });

    test('publish without the signatures → 409 (a draft, then a version still in approval)', async () => {
      const doc = await createPolicy(api);
      assertApiError(await unchanged(() => api.post(`${versionPath(doc, 1)}/publish`, { json: {} })), 409, 'conflict');
      await submit(api, doc, 1, [org.users.top_management, org.users.isms_manager]);
      await approve(org.sessions.top_management, org.users.top_management, doc, 1);
      const r = await unchanged(() => api.post(`${versionPath(doc, 1)}/publish`, { json: {} }));
      assertApiError(r, 409, 'conflict');
      const v = await getVersion(api, doc, 1);
      assert.equal(v.status, 'in_approval', 'one of two approvers is not a complete approval');
      assert.equal((await getPolicy(api, doc)).current_version_id, null);
    });

    test('edit a submitted version → 409; the text and hash stay', async () => {
      const doc = await createPolicy(api);
      const submitted = await submit(api, doc, 1, [org.users.top_management]);
      const r = await unchanged(() => api.patch(versionPath(doc, 1), {
        json: { content: '# Changed after submission', row_version: submitted.row_version },
      }));
      assertApiError(r, 409, 'conflict');
      const v = await getVersion(api, doc, 1);
      assert.equal(v.content_hash, submitted.content_hash);
      assert.equal(v.content, submitted.content);
      // The page form to edit it is refused too.
      const page = await org.sessions.contributor.get(`/policies/${doc.id}/versions/1/edit`);
      assert.equal(page.status, 409, page.describe());
      // Submitting it again is refused.
      assertApiError(await unchanged(() => api.post(`${versionPath(doc, 1)}/submit`, { json: { approvers: [org.users.top_management.id] } })), 409, 'conflict');
    });

    test('approve twice → 409', async () => {
      const doc = await createPolicy(api);
      await submit(api, doc, 1, [org.users.top_management, org.users.isms_manager]);
      await approve(org.sessions.top_management, org.users.top_management, doc, 1);
      const r = await unchanged(() => org.sessions.top_management.post(`${versionPath(doc, 1)}/approve`, {
        json: { password: org.users.top_management.password },
      }));
      assertApiError(r, 409, 'conflict');
      assert.match(r.json.error.message, /already/);
      await approve(org.sessions.isms_manager, org.users.isms_manager, doc, 1);
      const done = await unchanged(() => org.sessions.isms_manager.post(`${versionPath(doc, 1)}/approve`, {
        json: { password: org.users.isms_manager.password },
      }));
      assertApiError(done, 409, 'conflict');
      const v = await getVersion(api, doc, 1);
      assert.equal(v.approvals.filter((a) => a.decision === 'approved').length, 2);
    });

    test('approve as someone who is not a named approver → 403', async () => {
      const doc = await createPolicy(api);
      await submit(api, doc, 1, [org.users.top_management]);
      for (const role of ['isms_manager', 'contributor', 'admin']) {
        const r = await unchanged(() => org.sessions[role].post(`${versionPath(doc, 1)}/approve`, {
          json: { password: org.users[role].password },
        }));
        assertApiError(r, 403, 'forbidden');
      }
      // Roles that can never approve are refused by the route.
      for (const role of ['staff', 'auditor']) {
        assertApiError(await unchanged(() => org.sessions[role].post(`${versionPath(doc, 1)}/approve`, {
          json: { password: org.users[role].password },
        })), 403, 'forbidden');
      }
      const v = await getVersion(api, doc, 1);
      assert.equal(v.approvals[0].decision, 'pending');
    });

    test('approve with a wrong password → 401 naming the password; nothing signed', async () => {
      const doc = await createPolicy(api);
      await submit(api, doc, 1, [org.users.top_management]);
      const r = await unchanged(() => org.sessions.top_management.post(`${versionPath(doc, 1)}/approve`, {
        json: { password: `${org.users.top_management.password}-wrong`, comment: 'Trying' },
      }));
      assertApiError(r, 401, 'unauthorized', ['password']);
      const v = await getVersion(api, doc, 1);
      assert.equal(v.status, 'in_approval');
      assert.equal(v.approvals[0].decision, 'pending');
      assert.equal(v.approvals[0].signer_name, '');
      assert.equal(v.approvals[0].decided_at, null);
      // The session is still valid, and the right password then signs.
      const ok = await approve(org.sessions.top_management, org.users.top_management, doc, 1);
      assert.equal(ok.status, 'approved');
    });

    test('approve through an API token → 403 (a person signs), even for the named approver\'s role', async () => {
      const doc = await createPolicy(api);
      // Name the admin user whose account created every token (the instance administrator).
      const me = await org.admin.expectJson('GET', '/api/v1/me', 200);
      await submit(api, doc, 1, [me.user_id, org.users.top_management.id]);
      for (const role of ['top_management', 'admin']) {
        const r = await unchanged(() => org.tokens[role].post(`${versionPath(doc, 1)}/approve`, {
          json: { password: role === 'admin' ? inst.admin.password : org.users[role].password },
        }));
        assertApiError(r, 403, 'forbidden');
      }
      const v = await getVersion(api, doc, 1);
      assert.ok(v.approvals.every((a) => a.decision === 'pending'), JSON.stringify(v.approvals));
    });

    test('approve or publish on a retired document → 409', async () => {
      const doc = await createPolicy(api);
      await submit(api, doc, 1, [org.users.top_management]);
      assertApiError(await unchanged(() => api.post(`${docPath(doc)}/retire`, { json: {} })), 422, 'invalid', ['reason']);
      const retired = await api.expectJson('POST', `${docPath(doc)}/retire`, 200, { json: { reason: 'Replaced by the group policy' } });
      assert.equal(retired.status, 'retired');
      assert.ok(retired.retired_at);
      const r = await unchanged(() => org.sessions.top_management.post(`${versionPath(doc, 1)}/approve`, {
        json: { password: org.users.top_management.password },
      }));
      assertApiError(r, 409, 'conflict');
      assert.match(r.json.error.message, /retired/);
      assertApiError(await unchanged(() => api.post(`${docPath(doc)}/retire`, { json: { reason: 'again' } })), 409, 'conflict');
      assertApiError(await unchanged(() => api.post(`${docPath(doc)}/drafts`, { json: {} })), 409, 'conflict');
      assertApiError(await unchanged(() => api.patch(docPath(doc), { json: { title: 'Renamed', row_version: retired.row_version } })), 409, 'conflict');
    });

    test('acknowledge before opening → 409; with a stale hash → 409', async () => {
      const { doc, version } = await publishedPolicy(org);
      const staff = org.sessions.contributor;
      const early = await unchanged(() => staff.post(`${docPath(doc)}/acknowledge`, { json: { content_hash: version.content_hash } }));
      assertApiError(early, 409, 'conflict');
      assert.match(early.json.error.message, /[Oo]pen/);
      await staff.expectJson('POST', `${docPath(doc)}/open`, 200);
      const stale = await unchanged(() => staff.post(`${docPath(doc)}/acknowledge`, { json: { content_hash: sha256('an older text') } }));
      assertApiError(stale, 409, 'conflict');
      assertApiError(await unchanged(() => staff.post(`${docPath(doc)}/acknowledge`, { json: {} })), 422, 'invalid', ['content_hash']);
      assert.equal((await coverage(api, doc)).overall.acknowledged, 0);
      // An auditor is in no audience: the route refuses.
      assertApiError(await unchanged(() => org.sessions.auditor.post(`${docPath(doc)}/open`, { json: {} })), 403, 'forbidden');
    });

    test('submit the information security policy without a top-management approver → 422 naming approvers', async () => {
      const doc = await createPolicy(org.sessions.contributor, { type: 'information_security_policy' });
      const r = await unchanged(() => org.sessions.contributor.post(`${versionPath(doc, 1)}/submit`, {
        json: { approvers: [org.users.isms_manager.id] },
      }));
      assertApiError(r, 422, 'invalid', ['approvers']);
      assert.match(r.json.error.fields.approvers, /top management/);
      // The author as the only approver, nobody, someone who cannot approve, a stranger.
      const topic = await createPolicy(org.sessions.contributor);
      for (const [approvers, pattern] of [
        [[org.users.contributor.id], /author/],
        [[], /at least one/],
        [[org.users.staff.id], /cannot approve/],
        [[987654321], /not a member/],
      ]) {
        const x = await unchanged(() => org.sessions.contributor.post(`${versionPath(topic, 1)}/submit`, { json: { approvers } }));
        assertApiError(x, 422, 'invalid', ['approvers']);
        assert.match(x.json.error.fields.approvers, pattern);
      }
      assertApiError(await unchanged(() => org.sessions.contributor.post(`${versionPath(topic, 1)}/submit`, { json: {} })), 422, 'invalid', ['approvers']);
      assertApiError(await unchanged(() => org.sessions.contributor.post(`${versionPath(topic, 1)}/submit`, { json: { approvers: ['me'] } })), 422, 'invalid', ['approvers']);
      assert.equal((await getVersion(api, doc, 1)).status, 'draft');
      assert.equal((await getVersion(api, topic, 1)).status, 'draft');
    });

    test('reject needs a comment; a rejected version cannot be approved or published', async () => {
      const doc = await createPolicy(api);
      await submit(api, doc, 1, [org.users.top_management]);
      assertApiError(await unchanged(() => org.sessions.top_management.post(`${versionPath(doc, 1)}/reject`, { json: {} })), 422, 'invalid', ['comment']);
      const rejected = await org.sessions.top_management.expectJson('POST', `${versionPath(doc, 1)}/reject`, 200, { json: { comment: 'Scope is missing.' } });
      assert.equal(rejected.status, 'rejected');
      assert.equal(rejected.approvals[0].decision, 'rejected');
      assertApiError(await unchanged(() => org.sessions.top_management.post(`${versionPath(doc, 1)}/approve`, { json: { password: org.users.top_management.password } })), 409, 'conflict');
      assertApiError(await unchanged(() => api.post(`${versionPath(doc, 1)}/publish`, { json: {} })), 409, 'conflict');
      // A new draft starts from the rejected text.
      const v2 = await api.expectJson('POST', `${docPath(doc)}/drafts`, 201, { json: {} });
      assert.equal(v2.number, 2);
      assert.equal(v2.content, rejected.content);
      assertApiError(await unchanged(() => api.post(`${docPath(doc)}/drafts`, { json: {} })), 409, 'conflict');
    });

    test('a stale row_version → 409; unknown fields and wrong types → 422 naming them', async () => {
      const doc = await createPolicy(api);
      const v = await getVersion(api, doc, 1);
      await api.expectJson('PATCH', versionPath(doc, 1), 200, { json: { change_summary: 'one', row_version: v.row_version } });
      assertApiError(await unchanged(() => api.patch(versionPath(doc, 1), { json: { change_summary: 'two', row_version: v.row_version } })), 409, 'stale');
      assertApiError(await unchanged(() => api.patch(docPath(doc), { json: { title: 'x', row_version: doc.row_version + 7 } })), 409, 'stale');
      assertApiError(await unchanged(() => api.patch(docPath(doc), { json: { title: 'x' } })), 422, 'invalid', ['row_version']);
      assertApiError(await unchanged(() => api.post('/api/v1/policies', {
        json: { reference: reference(), title: 'T', content: '# T', colour: 'red' },
      })), 422, 'invalid', ['colour']);
      assertApiError(await unchanged(() => api.post('/api/v1/policies', {
        json: { reference: 7, title: ['T'], content: true, type: 'poem', review_interval_months: 'yearly', material: 'yes', effective_on: 'tomorrow' },
      })), 422, 'invalid', ['reference', 'title', 'content', 'type', 'review_interval_months', 'material', 'effective_on']);
      assertApiError(await unchanged(() => api.post('/api/v1/policies', { json: {} })), 422, 'invalid', ['reference', 'title', 'content']);
      assertApiError(await unchanged(() => api.post('/api/v1/policies', {
        json: { reference: doc.reference, title: 'Duplicate', content: '# Dup' },
      })), 422, 'invalid', ['reference']);
      assertApiError(await unchanged(() => api.post('/api/v1/policies', {
        json: { reference: reference(), title: 'Bad interval', content: '# x', review_interval_months: 61 },
      })), 422, 'invalid', ['review_interval_months']);
      assertApiError(await unchanged(() => api.post('/api/v1/policies', { body: '{"title": "Half', contentType: 'application/json' })), 400, 'bad_request');
      assertApiError(await api.get('/api/v1/policies?status=lost'), 422, 'invalid', ['status']);
      assertApiError(await api.get('/api/v1/policies?sort=colour'), 422, 'invalid', ['sort']);
      assertApiError(await api.get(`${docPath(doc)}/diff?from=1`), 422, 'invalid', ['to']);
      assertApiError(await api.get(`${docPath(doc)}/versions/9`), 404, 'not_found');
      assertApiError(await api.get('/api/v1/policies/987654321'), 404, 'not_found');
    });
  });

  test('material vs non-material: a minor change keeps staff covered, a material one asks again', async () => {
    const { doc, version: v1 } = await publishedPolicy(org, { audience: 'departments', audience_values: ['Operations'] });
    const staff = org.sessions.staff;
    await openAndAcknowledge(staff, doc);
    const cov1 = await coverage(api, doc);
    assert.equal(cov1.overall.acknowledged, 1);

    // v2: not material. Staff stays covered by their v1 acknowledgment.
    const v2 = await newDraft(api, doc, { material: false, change_summary: 'Typo fixes' });
    assert.equal(v2.material, false);
    await approveAndPublish(org, doc, 2);
    const v1After = await getVersion(api, doc, 1);
    assert.equal(v1After.status, 'archived', 'publishing archives the previous version');
    assert.equal((await getPolicy(api, doc)).current_version_id, v2.id);
    const cov2 = await coverage(api, doc);
    assert.equal(cov2.overall.acknowledged, 1, 'a non-material change keeps the acknowledgment');
    let entry = (await staff.expectJson('GET', '/api/v1/policies/mine', 200)).items.find((i) => i.document.id === doc.id);
    assert.equal(entry.version.number, 2);
    assert.equal(entry.must_acknowledge, false);
    assert.equal(entry.acknowledged_number, 1);

    // The diff between them is readable.
    const diff = await api.expectJson('GET', `${docPath(doc)}/diff?from=1&to=2`, 200);
    assert.equal(diff.from.number, 1);
    assert.equal(diff.to.number, 2);
    assert.ok(diff.added >= 1);
    assert.ok(diff.hunks.some((h) => h.lines.some((l) => l.op === 'add' && /Added rule/.test(l.text))));

    // v3: the author calls it minor, the approver marks it material at approval.
    const v3 = await newDraft(api, doc, { material: false, change_summary: 'New rules on remote work' });
    await submit(api, doc, 3, [org.users.top_management]);
    const approved = await approve(org.sessions.top_management, org.users.top_management, doc, 3, { material: true });
    assert.equal(approved.material, true, 'the approver can set the material flag');
    await publish(api, doc, 3);
    const cov3 = await coverage(api, doc);
    assert.equal(cov3.overall.acknowledged, 0, 'a material change needs acknowledging again');
    entry = (await staff.expectJson('GET', '/api/v1/policies/mine', 200)).items.find((i) => i.document.id === doc.id);
    assert.equal(entry.must_acknowledge, true);
    assert.equal(entry.opened_at, null, 'v3 has not been opened yet');
    // The old hash no longer acknowledges; opening v3 then acknowledging its hash does.
    await staff.expectJson('POST', `${docPath(doc)}/open`, 200);
    assertApiError(await unchanged(() => staff.post(`${docPath(doc)}/acknowledge`, { json: { content_hash: v1.content_hash } })), 409, 'conflict');
    const ack = await staff.expectJson('POST', `${docPath(doc)}/acknowledge`, 200, { json: { content_hash: v3.content_hash } });
    assert.equal(ack.version_number, 3);
    assert.equal((await coverage(api, doc)).overall.acknowledged, 1);
  });

  describe('bulk acknowledgments', () => {
    let doc;
    let n;
    let persons;
    const bulkPath = () => `${versionPath(doc, n)}/acknowledgments`;
    before(async () => {
      // Its own department, so other tests' people do not change the counts.
      persons = [];
      for (let i = 0; i < 6; i += 1) {
        persons.push(await createPerson(api, { name: `Bulk Person ${i}`, department: 'Bulk', external_id: `HR-BULK-${i}-${reference('x')}` }));
      }
      const p = await publishedPolicy(org, { audience: 'departments', audience_values: ['Bulk'] });
      doc = p.doc;
      n = p.version.number;
    });

    test('one bad item: 422 with a per-item report, nothing written', async () => {
      const cov = await coverage(api, doc);
      assert.equal(cov.overall.audience, 6);
      const r = await unchanged(() => api.post(bulkPath(), {
        json: { acknowledgments: [{ person: persons[0].email }, { person: 'nobody.at.all@example.com' }, { person: `#${persons[1].id}` }] },
      }));
      assertApiError(r, 422, 'invalid', ['acknowledgments[1]']);
      assert.equal(r.json.report.applied, false);
      assert.equal(r.json.report.recorded, 0);
      assert.equal(r.json.report.rejected, 1);
      const bad = r.json.report.items.find((i) => i.index === 1);
      assert.ok(bad, `the report names item 1: ${r.text}`);
      assert.equal(bad.outcome, 'rejected');
      assert.equal(bad.person, 'nobody.at.all@example.com');
      assert.match(bad.error, /no person/);
      assert.ok(!r.json.report.items.some((i) => i.outcome === 'recorded'), 'nothing is reported as recorded');
      // A time before the version was published, or in the future, is refused too.
      const early = await unchanged(() => api.post(bulkPath(), {
        json: { acknowledgments: [{ person: persons[0].email, at: '2020-01-01T00:00:00Z' }, { person: persons[1].email, at: isoIn(3600) }] },
      }));
      assertApiError(early, 422, 'invalid', ['acknowledgments[0]', 'acknowledgments[1]']);
      // Someone outside the audience is refused.
      const outsider = await unchanged(() => api.post(bulkPath(), { json: { acknowledgments: [{ person: org.users.staff.email }] } }));
      assertApiError(outsider, 422, 'invalid', ['acknowledgments[0]']);
      assert.match(outsider.json.report.items[0].error, /audience/);
      assert.equal((await coverage(api, doc)).overall.acknowledged, 0, 'nothing was recorded');
    });

    test('recorded by e-mail, HR id and #id; the same list again reports "already"', async () => {
      await sleep(1100);  // a whole second after publication, for the explicit time below
      const at = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const list = [
        { person: persons[0].email },
        { person: persons[1].external_id },
        { person: `#${persons[2].id}`, at },
      ];
      const first = await grewBy(1, () => api.expectJson('POST', bulkPath(), 200, { json: { acknowledgments: list } }));
      assert.equal(first.applied, true);
      assert.equal(first.recorded, 3);
      assert.equal(first.already, 0);
      assert.deepEqual(first.items.map((i) => i.outcome), ['recorded', 'recorded', 'recorded']);
      assert.equal((await coverage(api, doc)).overall.acknowledged, 3);
      const second = await api.expectJson('POST', bulkPath(), 200, { json: { acknowledgments: list } });
      assert.equal(second.recorded, 0);
      assert.equal(second.already, 3);
      assert.deepEqual(second.items.map((i) => i.outcome), ['already', 'already', 'already']);
      assert.equal((await coverage(api, doc)).overall.acknowledged, 3);
      // The same person twice in one list is recorded once.
      const dup = await api.expectJson('POST', bulkPath(), 200, {
        json: { acknowledgments: [{ person: persons[3].email }, { person: persons[3].email.toUpperCase() }] },
      });
      assert.equal(dup.recorded, 1, JSON.stringify(dup));
      assert.equal(dup.recorded + dup.already, 2);
      assert.equal((await coverage(api, doc)).overall.acknowledged, 4);
      const ledger = await api.expectJson('GET', `/api/v1/ledger?entity_type=policy&entity_id=${doc.id}&limit=50`, 200);
      assert.ok(ledger.items.some((e) => e.action === 'bulk_acknowledged'));
    });

    test('two identical requests at once: exactly one acknowledgment per person', async () => {
      const list = { acknowledgments: [{ person: persons[4].email }, { person: `#${persons[5].id}` }] };
      const other = bearerClient(inst, (await createToken(org.admin, 'isms_manager')).secret);
      const [a, b] = await Promise.all([
        api.post(bulkPath(), { json: list }),
        other.post(bulkPath(), { json: list }),
      ]);
      assert.equal(a.status, 200, a.describe());
      assert.equal(b.status, 200, b.describe());
      assert.equal(a.json.recorded + b.json.recorded, 2, `${a.text} ${b.text}`);
      assert.equal(a.json.already + b.json.already, 2);
      const cov = await coverage(api, doc);
      assert.equal(cov.overall.acknowledged, 6);
      assert.equal(cov.missing.length, 0);
    });

    test('malformed bodies → 400/422 naming the field', async () => {
      await unchanged(async () => {
        assertApiError(await api.post(bulkPath(), { body: '{"acknowledgments": [', contentType: 'application/json' }), 400, 'bad_request');
        assertApiError(await api.post(bulkPath(), { json: {} }), 422, 'invalid', ['acknowledgments']);
        assertApiError(await api.post(bulkPath(), { json: { acknowledgments: 'everyone' } }), 422, 'invalid', ['acknowledgments']);
        assertApiError(await api.post(bulkPath(), { json: { acknowledgments: [], source: 'lms' } }), 422, 'invalid', ['source']);
        assertApiError(await api.post(bulkPath(), { json: { acknowledgments: [{ person: 42 }] } }), 422, 'invalid', ['acknowledgments[0].person']);
        assertApiError(await api.post(bulkPath(), { json: { acknowledgments: [{ person: persons[0].email, at: 'yesterday' }] } }), 422, 'invalid', ['acknowledgments[0].at']);
        assertApiError(await api.post(bulkPath(), { json: { acknowledgments: [{ person: persons[0].email, course: 'x' }] } }), 422, 'invalid', ['acknowledgments[0].course']);
        assertApiError(await api.post(bulkPath(), { json: { acknowledgments: [{}] } }), 422, 'invalid', ['acknowledgments[0].person']);
        assertApiError(await api.post(bulkPath(), { json: { acknowledgments: ['a@example.com'] } }), 422, 'invalid', ['acknowledgments[0]']);
      });
    });

    test('an empty list or over 100,000 items → 422 naming "acknowledgments"', async () => {
      await unchanged(async () => {
        assertApiError(await api.post(bulkPath(), { json: { acknowledgments: [] } }), 422, 'invalid', ['acknowledgments']);
        const many = Array.from({ length: 100_001 }, () => ({ person: `#${persons[0].id}` }));
        assertApiError(await api.post(bulkPath(), { json: { acknowledgments: many }, timeoutMs: 60_000 }), 422, 'invalid', ['acknowledgments']);
      });
    });

    test('only the published version; unknown versions 404; staff and contributors 403', async () => {
      const draft = await api.expectJson('POST', `${docPath(doc)}/drafts`, 201, { json: {} });
      const list = { acknowledgments: [{ person: persons[0].email }] };
      await unchanged(async () => {
        assertApiError(await api.post(`${versionPath(doc, draft.number)}/acknowledgments`, { json: list }), 409, 'conflict');
        assertApiError(await api.post(`${versionPath(doc, 99)}/acknowledgments`, { json: list }), 404, 'not_found');
        assertApiError(await org.tokens.staff.post(bulkPath(), { json: list }), 403, 'forbidden');
        assertApiError(await org.tokens.contributor.post(bulkPath(), { json: list }), 403, 'forbidden');
      });
    });
  });

  describe('public share links', () => {
    let doc;
    let version;
    before(async () => {
      ({ doc, version } = await publishedPolicy(org, { title: 'Supplier security policy', content: policyText('Supplier security policy', '\nShared with customers.\n') }));
    });
    const anonymous = () => new Client(inst);

    test('create → anonymous read-only view, counted and in the ledger; revoke → 404', async () => {
      const link = await api.expectJson('POST', `${versionPath(doc, version.number)}/links`, 201, {
        json: { recipient: 'Globex (customer due diligence)', expires_at: isoIn(7 * 86400) },
      });
      assert.match(link.secret, /^[A-Za-z0-9_-]{20,}$/);
      assert.ok(link.url.endsWith(`/p/${link.secret}`));
      assert.ok(link.secret.startsWith(link.prefix));
      assert.equal(link.views, 0);
      const size = await ledgerSize(api);
      const page = await anonymous().get(`/p/${link.secret}`);
      assert.equal(page.status, 200, page.describe());
      assert.match(page.header('content-type'), /^text\/html/);
      assert.match(page.text, /Supplier security policy/);
      assert.match(page.text, /Shared with customers\./);
      assert.match(page.text, new RegExp(version.content_hash));
      assert.ok(!/<form/i.test(page.text), 'the shared page has no form');
      assert.ok(!/_csrf/.test(page.text));
      assert.equal(page.header('x-robots-tag'), 'noindex, nofollow');
      assert.equal(page.header('cache-control'), 'no-store');
      assert.equal(await ledgerSize(api), size + 1, 'each view is written to the ledger');
      await anonymous().get(`/p/${link.secret}`);
      const listed = (await getPolicy(api, doc)).share_links.find((l) => l.id === link.id);
      assert.equal(listed.views, 2);
      assert.ok(listed.last_viewed_at);
      assert.ok(!JSON.stringify(await getPolicy(api, doc)).includes(link.secret), 'the secret is never shown again');

      // Unknown tokens and revoked links answer the same 404.
      assert.equal((await anonymous().get('/p/not-a-real-token-at-all')).status, 404);
      await api.expectJson('POST', `${docPath(doc)}/links/${link.id}/revoke`, 204, {});
      const gone = await unchanged(() => anonymous().get(`/p/${link.secret}`));
      assert.equal(gone.status, 404, gone.describe());
      assert.ok(!gone.text.includes('Shared with customers'));
      assertApiError(await unchanged(() => api.post(`${docPath(doc)}/links/${link.id}/revoke`)), 409, 'conflict');
    });

    test('expiry: validated (future, at most a year), and an expired link answers 404', async () => {
      const path = `${versionPath(doc, version.number)}/links`;
      await unchanged(async () => {
        assertApiError(await api.post(path, { json: { recipient: 'Past', expires_at: isoIn(-60) } }), 422, 'invalid', ['expires_at']);
        assertApiError(await api.post(path, { json: { recipient: 'Far', expires_at: isoIn(400 * 86400) } }), 422, 'invalid', ['expires_at']);
        assertApiError(await api.post(path, { json: { recipient: 'Bad', expires_at: 'next week' } }), 422, 'invalid', ['expires_at']);
        assertApiError(await api.post(path, { json: { recipient: 'None' } }), 422, 'invalid', ['expires_at']);
        assertApiError(await api.post(path, { json: { recipient: '', expires_at: isoIn(3600) } }), 422, 'invalid', ['recipient']);
        assertApiError(await api.post(path, { json: { expires_at: isoIn(3600) } }), 422, 'invalid', ['recipient']);
      });
      const link = await api.expectJson('POST', path, 201, { json: { recipient: 'Short-lived', expires_at: isoIn(2) } });
      assert.equal((await anonymous().get(`/p/${link.secret}`)).status, 200);
      await sleep(3500);
      const expired = await unchanged(() => anonymous().get(`/p/${link.secret}`));
      assert.equal(expired.status, 404, expired.describe());
    });

    test('a draft cannot be shared; a superseded version says so', async () => {
      const draft = await newDraft(api, doc, { material: true });
      assertApiError(await unchanged(() => api.post(`${versionPath(doc, draft.number)}/links`, {
        json: { recipient: 'Early reader', expires_at: isoIn(3600) },
      })), 409, 'conflict');
      const link = await api.expectJson('POST', `${versionPath(doc, version.number)}/links`, 201, {
        json: { recipient: 'Auditor', expires_at: isoIn(3600) },
      });
      await approveAndPublish(org, doc, draft.number);
      const page = await anonymous().get(`/p/${link.secret}`);
      assert.equal(page.status, 200);
      assert.match(page.text, /superseded/);
    });
  });

  test('review: "no change" is signed with the password; a new version starts a draft', async () => {
    const { doc } = await publishedPolicy(org);
    const ism = org.sessions.isms_manager;
    assertApiError(await unchanged(() => ism.post(`${docPath(doc)}/review`, { json: { outcome: 'no_change', password: 'wrong-password-here' } })), 401, 'unauthorized', ['password']);
    assertApiError(await unchanged(() => org.tokens.isms_manager.post(`${docPath(doc)}/review`, { json: { outcome: 'no_change', password: org.users.isms_manager.password } })), 403, 'forbidden');
    assertApiError(await unchanged(() => ism.post(`${docPath(doc)}/review`, { json: { outcome: 'maybe' } })), 422, 'invalid', ['outcome']);
    const r = await grewBy(1, () => ism.expectJson('POST', `${docPath(doc)}/review`, 200, {
      json: { outcome: 'no_change', password: org.users.isms_manager.password, comment: 'Still fit.' },
    }));
    assert.equal(r.outcome, 'no_change');
    assert.equal(r.review.outcome, 'no_change');
    assert.equal(r.review.signer_name, org.users.isms_manager.name);
    assert.ok(r.document.last_reviewed_at);
    const nv = await api.expectJson('POST', `${docPath(doc)}/review`, 201, { json: { outcome: 'new_version', comment: 'Needs AI rules.' } });
    assert.equal(nv.draft.number, 2);
    assert.equal(nv.draft.status, 'draft');
  });

  test('approval rules: configurable per type; validated', async () => {
    const rules = await api.expectJson('GET', '/api/v1/policies/rules', 200);
    assert.equal(rules.items.length, 6);
    const isp = rules.items.find((r) => r.type === 'information_security_policy');
    assert.equal(isp.require_top_management, true);
    await unchanged(async () => {
      assertApiError(await api.put('/api/v1/policies/rules/procedure', { json: { min_approvers: 0 } }), 422, 'invalid', ['min_approvers']);
      assertApiError(await api.put('/api/v1/policies/rules/procedure', { json: { min_approvers: 11 } }), 422, 'invalid', ['min_approvers']);
      assertApiError(await api.put('/api/v1/policies/rules/procedure', { json: { quorum: 2 } }), 422, 'invalid', ['quorum']);
      assertApiError(await api.put('/api/v1/policies/rules/poem', { json: { min_approvers: 2 } }), 404, 'not_found');
      assertApiError(await org.tokens.contributor.put('/api/v1/policies/rules/procedure', { json: { min_approvers: 2 } }), 403, 'forbidden');
    });
    const set = await grewBy(1, () => api.expectJson('PUT', '/api/v1/policies/rules/procedure', 200, { json: { min_approvers: 2 } }));
    assert.equal(set.min_approvers, 2);
    const doc = await createPolicy(api, { type: 'procedure' });
    const r = await unchanged(() => api.post(`${versionPath(doc, 1)}/submit`, { json: { approvers: [org.users.top_management.id] } }));
    assertApiError(r, 422, 'invalid', ['approvers']);
    assert.match(r.json.error.fields.approvers, /at least 2/);
    await submit(api, doc, 1, [org.users.top_management, org.users.isms_manager]);
  });

  test('register: filter, sort and CSV export', async () => {
    const ref = reference('CSV');
    await createPolicy(api, { reference: ref, title: '=HYPERLINK("http://evil")', type: 'guideline' });
    const byType = await api.expectJson('GET', '/api/v1/policies?type=guideline', 200);
    assert.ok(byType.items.length >= 1 && byType.items.every((i) => i.type === 'guideline'));
    const drafts = await api.expectJson('GET', '/api/v1/policies?status=draft&sort=title&order=desc', 200);
    assert.ok(drafts.items.every((i) => i.status === 'draft'));
    const titles = drafts.items.map((i) => i.title.toLowerCase());
    assert.deepEqual(titles, [...titles].sort().reverse());
    const csv = await api.get(`/api/v1/policies/export.csv?search=${ref}`);
    assert.equal(csv.status, 200);
    assert.match(csv.header('content-type'), /^text\/csv/);
    const lines = csv.text.trim().split(/\r?\n/);
    assert.equal(lines.length, 2, csv.text);
    assert.match(lines[0], /^reference,title,type,status/i);
    assert.ok(lines[1].startsWith(ref));
    assert.ok(!lines[1].includes(',=HYPERLINK'), `a formula is neutralised: ${lines[1]}`);
  });

  test('the ledger still verifies after everything above', async () => {
    const v = await api.expectJson('GET', '/api/v1/ledger/verify', 200);
    assert.equal(v.ok, true, JSON.stringify(v));
    const cli = await inst.run(['verify']);
    assert.equal(cli.code, 0, `mandate verify: ${cli.stdout}${cli.stderr}`);
  });
});

// Organizations are isolated: ids of A's policies answer 404 to B, on pages and the API, like
// ids that do not exist, and change nothing.
describeEachBackend('policies tenancy', (backend) => {
  let inst;
  let org;     // A
  let bob;     // a session of B's administrator (B only)
  let apiB;    // an admin token of B
  let a;       // A's records
  before(async () => {
    inst = await startInstance(backend);
    org = await policyOrg(inst, { roles: ['top_management', 'staff'] });
    const created = await org.admin.expectJson('POST', '/api/v1/organizations', 201, { json: { name: 'Beta Corp', slug: 'beta' } });
    const adminB = await adminSession(inst);
    assert.equal((await adminB.post('/orgs/switch', { form: { org: String(created.id) } })).status, 303);
    apiB = bearerClient(inst, (await createToken(adminB, 'admin')).secret);
    const bobUser = await createUserWithRole(adminB, 'admin', { email: 'bob.only-b@beta.example', name: 'Bob Beta' });
    await createPerson(apiB, { name: 'Bob Beta', email: bobUser.email });
    bob = new Client(inst);
    await bob.login(bobUser.email, bobUser.password);
    const { doc, version } = await publishedPolicy(org, { title: 'Zanzibar secret policy', content: policyText('Zanzibar secret policy') });
    const link = await org.api.expectJson('POST', `${versionPath(doc, 1)}/links`, 201, { json: { recipient: 'Someone', expires_at: isoIn(3600) } });
    const campaign = await org.api.expectJson('POST', `${docPath(doc)}/campaigns`, 201, { json: { title: 'Drive', due_on: dayIn(30) } });
    const draft = await newDraft(org.api, doc, {});
    a = { doc, version, link, campaign, draft };
  }, { timeout: 120_000 });
  after(async () => inst?.cleanup());

  function dayIn(days) {
    return new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
  }

  test("B's administrator on A's ids: every page and API answers 404 and changes nothing", async () => {
    const id = a.doc.id;
    const calls = [
      ['GET', `/policies/${id}`], ['GET', `/policies/${id}/edit`], ['GET', `/policies/${id}/versions/1`],
      ['GET', `/policies/${id}/versions/2/edit`], ['GET', `/policies/${id}/diff?from=1&to=2`],
      ['GET', `/policies/${id}/read`], ['GET', `/policies/${id}/coverage`],
      ['POST', `/policies/${id}`, { form: { reference: 'HACK', title: 'Hacked', type: 'record', classification: 'internal', audience: 'everyone', review_interval_months: '12', retention_months: '84', row_version: '1' } }],
      ['POST', `/policies/${id}/versions/2`, { form: { content: '# Hacked', row_version: '1' } }],
      ['POST', `/policies/${id}/drafts`, { form: {} }],
      ['POST', `/policies/${id}/versions/2/submit`, { form: { approvers: '1' } }],
      ['POST', `/policies/${id}/versions/2/approve`, { form: { password: 'x' } }],
      ['POST', `/policies/${id}/versions/2/reject`, { form: { comment: 'x' } }],
      ['POST', `/policies/${id}/versions/1/publish`, { form: {} }],
      ['POST', `/policies/${id}/retire`, { form: { reason: 'x' } }],
      ['POST', `/policies/${id}/review`, { form: { outcome: 'new_version' } }],
      ['POST', `/policies/${id}/open`, { form: {} }],
      ['POST', `/policies/${id}/acknowledge`, { form: { content_hash: a.version.content_hash } }],
      ['POST', `/policies/${id}/campaigns`, { form: { title: 'x', due_on: dayIn(10) } }],
      ['POST', `/policies/${id}/campaigns/${a.campaign.id}/close`, { form: {} }],
      ['POST', `/policies/${id}/versions/1/links`, { form: { recipient: 'x', expires_on: dayIn(10) } }],
      ['POST', `/policies/${id}/links/${a.link.id}/revoke`, { form: {} }],
      ['GET', `/api/v1/policies/${id}`], ['GET', `/api/v1/policies/${id}/versions/1`],
      ['GET', `/api/v1/policies/${id}/diff?from=1&to=2`], ['GET', `/api/v1/policies/${id}/coverage`],
      ['PATCH', `/api/v1/policies/${id}`, { json: { title: 'Hacked', row_version: a.doc.row_version } }],
      ['PATCH', `/api/v1/policies/${id}/versions/2`, { json: { content: '# Hacked', row_version: a.draft.row_version } }],
      ['POST', `/api/v1/policies/${id}/drafts`, { json: {} }],
      ['POST', `/api/v1/policies/${id}/versions/2/submit`, { json: { approvers: [org.users.top_management.id] } }],
      ['POST', `/api/v1/policies/${id}/versions/2/approve`, { json: { password: 'x' } }],
      ['POST', `/api/v1/policies/${id}/versions/2/reject`, { json: { comment: 'x' } }],
      ['POST', `/api/v1/policies/${id}/versions/1/publish`, { json: {} }],
      ['POST', `/api/v1/policies/${id}/retire`, { json: { reason: 'x' } }],
      ['POST', `/api/v1/policies/${id}/review`, { json: { outcome: 'new_version' } }],
      ['POST', `/api/v1/policies/${id}/open`, { json: {} }],
      ['POST', `/api/v1/policies/${id}/acknowledge`, { json: { content_hash: a.version.content_hash } }],
      ['POST', `/api/v1/policies/${id}/versions/1/acknowledgments`, { json: { acknowledgments: [{ person: org.users.staff.email }] } }],
      ['POST', `/api/v1/policies/${id}/campaigns`, { json: { title: 'x', due_on: dayIn(10) } }],
      ['POST', `/api/v1/policies/${id}/versions/1/links`, { json: { recipient: 'x', expires_at: isoIn(3600) } }],
      ['POST', `/api/v1/policies/${id}/links/${a.link.id}/revoke`],
    ];
    const beforeA = await getPolicy(org.api, a.doc);
    const ledgerA = await ledgerSize(org.api);
    const ledgerB = await ledgerSize(apiB);
    const failures = [];
    for (const [method, path, opts] of calls) {
      for (const [label, client] of [['session', bob], ['token', apiB]]) {
        if (label === 'token' && !path.startsWith('/api/')) {
          continue;
        }
        const r = await client.request(method, path, opts ?? {});
        if (r.status !== 404) {
          failures.push(`${label} ${method} ${path}: expected 404, got ${r.describe()}`);
        }
        if (path.startsWith('/api/') && r.json?.error?.code !== 'not_found') {
          failures.push(`${label} ${method} ${path}: not the JSON not_found error: ${r.describe()}`);
        }
        if (/Zanzibar/.test(r.text)) {
          failures.push(`${label} ${method} ${path}: leaks A's document`);
        }
        const ghost = path.replace(`/${id}/`, '/987654321/').replace(new RegExp(`/${id}$`), '/987654321');
        const g = await client.request(method, ghost, opts ?? {});
        if (g.status !== r.status) {
          failures.push(`${label} ${method} ${path} answers ${r.status} but a missing id answers ${g.status}`);
        }
      }
    }
    assert.deepEqual(failures, []);
    const afterA = await getPolicy(org.api, a.doc);
    assert.deepEqual({ ...afterA, history: afterA.history.length }, { ...beforeA, history: beforeA.history.length });
    assert.equal(await ledgerSize(org.api), ledgerA, "A's ledger is unchanged");
    assert.equal(await ledgerSize(apiB), ledgerB, "B's ledger is unchanged");
  });

  test("B's register, inbox, my policies and indicators show nothing of A", async () => {
    for (const path of ['/policies', '/policies/inbox', '/policies/mine', '/policies/export.csv', '/api/v1/policies',
      '/api/v1/policies/inbox', '/api/v1/policies/mine', '/api/v1/policies/export.csv', '/api/v1/policies/indicators', '/']) {
      const r = await bob.get(path);
      assert.equal(r.status, 200, `${path}: ${r.describe()}`);
      assert.ok(!/Zanzibar/.test(r.text), `${path} leaks A's document`);
    }
    const list = await apiB.expectJson('GET', '/api/v1/policies', 200);
    assert.equal(list.total, 0);
    const ind = await apiB.expectJson('GET', '/api/v1/policies/indicators', 200);
    assert.equal(ind.policies, 0);
  });

  test("a member of B named as an approver in A is refused without revealing B's member", async () => {
    const me = await bob.expectJson('GET', '/api/v1/me', 200);
    const d = await createPolicy(org.api);
    const r = await org.api.post(`${versionPath(d, 1)}/submit`, { json: { approvers: [me.user_id] } });
    assertApiError(r, 422, 'invalid', ['approvers']);
    assert.ok(!r.text.includes('Bob Beta') && !r.text.includes('bob.only-b'), `names a member of B: ${r.text}`);
  });
});
