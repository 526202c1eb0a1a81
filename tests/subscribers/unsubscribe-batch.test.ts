import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore, type Store } from '../../src/store/database.js';
import { SubscriberStore } from '../../src/subscribers/store.js';
import { UnsubscribeBatch } from '../../src/subscribers/unsubscribe-batch.js';

function database(): { db: Store; ids: number[]; transactions: () => number } {
  const db = openStore(mkdtempSync(join(tmpdir(), 'paperboy-batch-')));
  const store = new SubscriberStore(db);
  const ids = Array.from({ length: 20 }, (_, i) => store.add({ email: `reader${i}@example.org`, consentSource: 'test' }).subscriber.id);
  let count = 0;
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: Parameters<Store['transaction']>[0]) => {
    count++;
    return transaction(fn);
  }) as Store['transaction'];
  return { db, ids, transactions: () => count };
}

test('unsubscribe batch: requests of one turn of the event loop commit in one transaction, each answered after it', async () => {
  const { db, ids, transactions } = database();
  const batch = new UnsubscribeBatch(db);
  const before = transactions();
  const answers = await Promise.all(ids.map((id) => batch.unsubscribe(id)));
  assert.ok(answers.every(Boolean));
  assert.equal(transactions() - before, 1);
  const again = await Promise.all(ids.map((id) => batch.unsubscribe(id)));
  assert.ok(again.every(Boolean), 'repeating is harmless');
  const statuses = new Set([...new SubscriberStore(db).list()].map((subscriber) => subscriber.status));
  assert.deepEqual([...statuses], ['unsubscribed']);
  db.close();
});

test('unsubscribe batch: an unknown id is false; a failed commit rejects every request of its batch, and none is answered as done', async () => {
  const { db, ids } = database();
  const batch = new UnsubscribeBatch(db);
  assert.deepEqual(await Promise.all([batch.unsubscribe(ids[0]!), batch.unsubscribe(999_999)]), [true, false]);
  db.close();
  const results = await Promise.allSettled([batch.unsubscribe(ids[1]!), batch.unsubscribe(ids[2]!)]);
  assert.deepEqual(results.map((result) => result.status), ['rejected', 'rejected']);
});
