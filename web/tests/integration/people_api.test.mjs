// web/tests/integration/people_api.test.mjs — PATCH /api/v1/people/{id} changes only the fields
// sent, guarded by the version read; null clears the manager and the HR id. Both backends.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { adminSession, bearerClient, createPerson, createToken, ledgerSize } from '../lib/client.mjs';
import { describeEachBackend, startInstance } from '../lib/server.mjs';

describeEachBackend('people API: partial updates', (backend) => {
  let inst;
  let api;
  before(async () => {
    inst = await startInstance(backend);
    api = bearerClient(inst, (await createToken(await adminSession(inst), 'isms_manager')).secret);
  });
  after(async () => inst?.cleanup());

  test('fields left out keep their values; version is required and checked', async () => {
    const boss = await createPerson(api, { name: 'Boss Person' });
    const p = await createPerson(api, { name: 'Partial Person', job_title: 'Analyst', department: 'Finance', manager_id: boss.id, external_id: 'HR-77' });
    const changed = await api.expectJson('PATCH', `/api/v1/people/${p.id}`, 200, { json: { job_title: 'Senior Analyst', version: p.version } });
    assert.equal(changed.job_title, 'Senior Analyst');
    assert.equal(changed.name, 'Partial Person');
    assert.equal(changed.department, 'Finance');
    assert.equal(changed.manager_id, boss.id);
    assert.equal(changed.external_id, 'HR-77');
    assert.equal(changed.version, p.version + 1);

    const size = await ledgerSize(api);
    const stale = await api.patch(`/api/v1/people/${p.id}`, { json: { job_title: 'Lead', version: p.version } });
    assert.equal(stale.status, 409);
    const missing = await api.patch(`/api/v1/people/${p.id}`, { json: { job_title: 'Lead' } });
    assert.equal(missing.status, 422);
    assert.equal(missing.json.error.fields.version, 'is required');
    assert.equal(await ledgerSize(api), size);

    const cleared = await api.expectJson('PATCH', `/api/v1/people/${p.id}`, 200, { json: { manager_id: null, external_id: null, version: changed.version } });
    assert.equal(cleared.manager_id, null);
    assert.equal(cleared.external_id, null);
    assert.equal(cleared.job_title, 'Senior Analyst');
  });
});
