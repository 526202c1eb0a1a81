import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ImportRow } from '../../src/subscribers/csv-import.js';
import { planImport } from '../../src/subscribers/import.js';
import type { SubscriberStatus } from '../../src/subscribers/model.js';

const row = (email: string, status?: SubscriberStatus): ImportRow => ({ line: 2, email, name: '', status, times: {} });

test('import plan: new added, pending activated, active unchanged, suppressed skipped, a file suppression applied', () => {
  const existing = new Map<string, { id: number; status: SubscriberStatus }>([
    ['pending@example.org', { id: 1, status: 'pending' }],
    ['active@example.org', { id: 2, status: 'active' }],
    ['left@example.org', { id: 3, status: 'unsubscribed' }],
    ['bounced@example.org', { id: 4, status: 'bounced' }],
    ['complained@example.org', { id: 5, status: 'complained' }],
    ['leaving@example.org', { id: 6, status: 'active' }],
  ]);
  const plan = planImport(
    [
      row('New@example.org'),
      row('pending@example.org'),
      row('active@example.org'),
      row('LEFT@example.org'),
      row('bounced@example.org'),
      row('complained@example.org'),
      row('leaving@example.org', 'unsubscribed'),
      row('new-suppressed@example.org', 'bounced'),
    ],
    (key) => existing.get(key),
  );
  assert.deepEqual(
    plan.map((action) => [action.row.email, action.kind, 'status' in action ? action.status : undefined]),
    [
      ['New@example.org', 'add', 'active'],
      ['pending@example.org', 'activate', undefined],
      ['active@example.org', 'unchanged', undefined],
      ['LEFT@example.org', 'skip', 'unsubscribed'],
      ['bounced@example.org', 'skip', 'bounced'],
      ['complained@example.org', 'skip', 'complained'],
      ['leaving@example.org', 'suppress', 'unsubscribed'],
      ['new-suppressed@example.org', 'add', 'bounced'],
    ],
  );
});
