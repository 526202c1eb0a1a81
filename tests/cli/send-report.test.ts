import assert from 'node:assert/strict';
import { test } from 'node:test';
import { perSecond, unsettledReport } from '../../src/cli/send-report.js';
import type { Delivery, DeliveryState } from '../../src/send/delivery.js';

test('a send summary\'s rate never rounds a slow run to 0/s: whole numbers from 10 a second, one decimal, two below 0.1', () => {
  assert.equal(perSecond(1 / 80.2), '0.01');
  assert.equal(perSecond(0.5), '0.5');
  assert.equal(perSecond(2.345), '2.3');
  assert.equal(perSecond(1389.4), '1389');
  assert.equal(perSecond(0), '0.00');
});

const delivery = (email: string, state: DeliveryState, lastReply: string | null = null): Delivery => ({
  recipientKey: email, email, subscriberId: 1, state, attempts: 1, lastReply, messageId: `<${email}>`, firstAttemptAt: null, nextAttemptAt: null, sentAt: null, refusal: null,
});
const counts = (partial: Partial<Record<DeliveryState, number>>): Record<DeliveryState, number> => ({ queued: 0, sending: 0, sent: 0, failed: 0, unknown: 0, expired: 0, skipped: 0, ...partial });
/** Every recipient still active: a retry would mail them all. */
const active = () => undefined;
const commands = { send: 'paperboy send 2 --root news', sends: 'paperboy sends 2 --root news', reactivate: 'paperboy subscribers reactivate ADDRESS --root news' };

test('a send report names at most 20 unknown recipients, then how many more and the command that lists them all', () => {
  const unknown = Array.from({ length: 25 }, (_, i) => delivery(`r${String(i).padStart(2, '0')}@example.org`, 'unknown'));
  const journal = { inStates: (states: readonly DeliveryState[]) => unknown.filter((d) => states.includes(d.state))[Symbol.iterator]() };
  const text = unsettledReport(journal, counts({ sent: 198, unknown: 25 }), commands, 1, active);
  assert.equal(text.match(/^ {2}unknown: /gm)?.length, 20);
  assert.match(text, /^ {2}… and 5 more: `paperboy sends 2 --root news` lists them all$/m);
  assert.match(text, /`paperboy send 2 --root news --retry-unknown`/);
  assert.match(text, /^paperboy: exit 1: 25 unknown, so not every recipient is known to have the issue\.$/m);
});

test('a send report says nothing when every recipient is settled, and no exit reason for a run a signal stopped', () => {
  const none = { inStates: () => [][Symbol.iterator]() };
  assert.equal(unsettledReport(none, counts({ sent: 3 }), commands, 0, active), '');
  const failed = { inStates: () => [delivery('a@example.org', 'failed', '550 5.1.1 no such user')][Symbol.iterator]() };
  const text = unsettledReport(failed, counts({ sent: 3, failed: 1 }), commands, 130, active);
  assert.match(text, /^ {2}failed: a@example\.org: 550 5\.1\.1 no such user$/m);
  assert.match(text, /--retry-failed/);
  assert.doesNotMatch(text, /exit 1/);
});

test('a send report advises a retry only for the recipients it would mail: those bounced or unsubscribed since are marked, counted by status and left, with why', () => {
  const rows = [
    delivery('bounced@example.org', 'failed', '550 5.1.1 no such user'),
    delivery('kept@example.org', 'failed', '550 5.2.1 mailbox disabled'),
    delivery('left@example.org', 'expired', '451 try later'),
    delivery('gone@example.org', 'unknown'),
  ];
  const journal = { inStates: (states: readonly DeliveryState[]) => rows.filter((d) => states.includes(d.state))[Symbol.iterator]() };
  const status = new Map([['bounced@example.org', 'bounced'], ['left@example.org', 'unsubscribed'], ['gone@example.org', 'unsubscribed']]);
  const text = unsettledReport(journal, counts({ sent: 5, failed: 2, expired: 1, unknown: 1 }), commands, 1, (d) => status.get(d.email));
  assert.match(text, /^ {2}failed: bounced@example\.org: 550 5\.1\.1 no such user \(now bounced\)$/m);
  assert.match(text, /^ {2}failed: kept@example\.org: 550 5\.2\.1 mailbox disabled$/m);
  assert.match(text, /^ {2}expired: left@example\.org: 451 try later \(now unsubscribed\)$/m);
  assert.match(text, /^ {2}2 of them are no longer active \(1 bounced, 1 unsubscribed\): a retry would not send to them, as no send mails an address that left \(`paperboy subscribers reactivate ADDRESS --root news` makes a bounced one active again, if its mailbox takes mail\)\.$/m);
  assert.match(text, /^ {2}`paperboy send 2 --root news --retry-failed` sends to the other one again\.$/m);
  assert.match(text, /^ {2}1 of them is no longer active \(1 unsubscribed\): a retry would not send to it, as no send mails an address that left\.$/m);
  assert.doesNotMatch(text, /--retry-unknown/, 'no retry advised that would mail no one');
  assert.match(text, /^paperboy: exit 1: 1 unknown and 3 failed/m);
});
