import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCsvTime } from '../../src/subscribers/csv-times.js';

test("a CSV time reads as the same UTC time on every machine: Mailchimp's (UTC, no zone), ISO 8601, listmonk's (Go's, with its offset and zone)", () => {
  assert.equal(parseCsvTime('2021-03-04 10:11:12'), '2021-03-04T10:11:12.000Z');
  assert.equal(parseCsvTime(' 2026-12-04T04:16:56.059Z '), '2026-12-04T04:16:56.059Z');
  assert.equal(parseCsvTime('2021-02-20 17:01:58.123456 +0530 IST'), '2021-02-20T11:31:58.123Z');
  assert.equal(parseCsvTime('2021-02-20 17:01:58.123456+05:30'), '2021-02-20T11:31:58.123Z');
  assert.equal(parseCsvTime('2021-02-20 17:01:58 +0000 UTC'), '2021-02-20T17:01:58.000Z');
  assert.equal(parseCsvTime('2021-01-01T10:00-08'), '2021-01-01T18:00:00.000Z');
  assert.equal(parseCsvTime('2021-01-01'), '2021-01-01T00:00:00.000Z');
});

test('a CSV time that is none, or no real date, or a zone named without its offset, reads as no time', () => {
  for (const cell of ['yesterday', '', '2021-02-30 00:00:00', '2021-01-01 24:00:00', '2021-01-01 10:00:00 IST', '04/03/2021 10:11', '0099-01-01']) {
    assert.equal(parseCsvTime(cell), undefined, cell);
  }
});
