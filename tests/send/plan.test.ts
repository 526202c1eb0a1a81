import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DeliveryState } from '../../src/send/delivery.js';
import { planSend, type SendPlanInput } from '../../src/send/plan.js';

const counts = (partial: Partial<Record<DeliveryState, number>> = {}): Record<DeliveryState, number> => ({
  queued: 0, sending: 0, sent: 0, failed: 0, unknown: 0, expired: 0, skipped: 0, ...partial,
});
const input = (overrides: Partial<SendPlanInput>): SendPlanInput => ({
  mode: 'subscribers', startedMode: undefined, counts: counts(), activeSubscribers: 3, retryUnknown: false, retryFailed: false, markedSent: false, force: false, ...overrides,
});

test('send plan: a first send freezes every active subscriber; --list one message', () => {
  assert.deepEqual(planSend(input({})), { kind: 'send', start: true, recipients: 3, requeue: [], inFlight: 0 });
  assert.deepEqual(planSend(input({ mode: 'list' })), { kind: 'send', start: true, recipients: 1, requeue: [], inFlight: 0 });
  assert.equal(planSend(input({ activeSubscribers: 0 })).kind, 'refuse');
});

test('send plan: a resume sends the queued only; in-flight rows become unknown, not sent', () => {
  const plan = planSend(input({ startedMode: 'subscribers', counts: counts({ queued: 2, sending: 1, sent: 5 }), activeSubscribers: 99 }));
  assert.deepEqual(plan, { kind: 'send', start: false, recipients: 2, requeue: [], inFlight: 1 });
});

test('send plan: unknown and failed recipients are sent again only when asked', () => {
  const journal = counts({ sent: 5, unknown: 2, failed: 1, expired: 1 });
  const nothing = planSend(input({ startedMode: 'subscribers', counts: journal }));
  assert.equal(nothing.kind, 'nothing');
  assert.deepEqual(planSend(input({ startedMode: 'subscribers', counts: journal, retryUnknown: true })), { kind: 'send', start: false, recipients: 2, requeue: ['unknown'], inFlight: 0 });
  assert.deepEqual(planSend(input({ startedMode: 'subscribers', counts: journal, retryFailed: true })), { kind: 'send', start: false, recipients: 2, requeue: ['failed', 'expired'], inFlight: 0 });
});

test('send plan: a send keeps its mode', () => {
  assert.equal(planSend(input({ mode: 'list', startedMode: 'subscribers' })).kind, 'refuse');
  assert.equal(planSend(input({ mode: 'subscribers', startedMode: 'list' })).kind, 'refuse');
});

test('send plan: an issue whose file says status: sent, with no journal here, is not sent a second time unless --force', () => {
  const refused = planSend(input({ markedSent: true }));
  assert.equal(refused.kind, 'refuse');
  assert.match((refused as { reason: string }).reason, /status: sent.*second copy.*--force/);
  assert.deepEqual(planSend(input({ markedSent: true, force: true })), { kind: 'send', start: true, recipients: 3, requeue: [], inFlight: 0 });
  // Resuming its own journal is not a second send.
  assert.equal(planSend(input({ markedSent: true, startedMode: 'subscribers', counts: counts({ queued: 1, sent: 2 }) })).kind, 'send');
});
