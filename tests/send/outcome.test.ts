import assert from 'node:assert/strict';
import { test } from 'node:test';
import { enhancedCode, type DeliveryFailure } from '../../src/mail/transports/transport.js';
import { classifyFailure } from '../../src/send/outcome.js';
import { nextAttempt } from '../../src/send/retry.js';
import { RateLimiter } from '../../src/send/rate.js';

const failure = (stage: DeliveryFailure['stage'], reply: string): DeliveryFailure => {
  const code = /^\d{3}/.exec(reply)?.[0];
  const enhanced = enhancedCode(reply);
  return { stage, reply, ...(code ? { code: Number(code) } : {}), ...(enhanced ? { enhanced } : {}) };
};

test('outcome: what each SMTP reply means for the recipient and the run', () => {
  const cases: [DeliveryFailure, string, boolean][] = [
    [failure('recipient', '550 5.1.1 user unknown'), 'bounce', false],
    [failure('recipient', '550 5.2.2 mailbox full'), 'fail', false],
    [failure('recipient', '451 4.7.1 greylisted'), 'retry', false],
    [failure('recipient', '452 4.5.3 too many recipients'), 'retry', false],
    [failure('recipient', '552 5.2.2 storage exceeded'), 'retry', false],
    [failure('recipient', '550 5.7.26 DMARC'), 'policy', false],
    [failure('data', '554 5.6.0 message refused'), 'message', false],
    [failure('data', '421 4.3.2 shutting down'), 'retry', true],
    [failure('data', 'ECONNRESET: socket hang up'), 'retry', true],
    [failure('after-data', 'ETIMEDOUT: timeout'), 'unknown', true],
    [failure('connect', 'ECONNECTION: connect ECONNREFUSED'), 'retry', true],
    [failure('connect', '421 4.7.0 too many connections'), 'retry', true],
    [failure('auth', '535 5.7.8 authentication failed'), 'abort', false],
    [failure('auth', '454 4.7.0 Temporary authentication failure'), 'retry', true],
    [{ ...failure('auth', '454 4.7.0 TLS not available'), hint: 'The relay on port 2525 offered STARTTLS, then refused it (454)…' }, 'abort', false],
    [failure('sender', '553 5.7.1 sender rejected'), 'abort', false],
    [failure('sender', '530 5.7.0 Must issue a STARTTLS command first'), 'abort', false],
    [failure('sender', '451 4.3.0 try later'), 'retry', false],
  ];
  for (const [input, action, relayTrouble] of cases) {
    assert.deepEqual(classifyFailure(input), { action, relayTrouble }, input.reply);
  }
});

test('retry: exponential backoff with jitter, capped, then expired after the give-up time', () => {
  const policy = { baseMs: 1000, maxMs: 8000, giveUpMs: 60_000 };
  const first = new Date(0);
  const at = (attempts: number, random: number, now = 0) => {
    const next = nextAttempt(policy, attempts, first, new Date(now), random);
    return next === 'expired' ? 'expired' : next.at.getTime() - now;
  };
  assert.equal(at(1, 0.5), 1000);
  assert.equal(at(2, 0.5), 2000);
  assert.equal(at(3, 0.5), 4000);
  assert.equal(at(10, 0.5), 8000, 'capped');
  assert.equal(at(1, 0), 500, 'jitter: half the step at least');
  assert.equal(at(1, 0.999), 1499);
  assert.equal(at(5, 0.5, 55_000), 'expired');
});

test('rate: hand-offs spaced 1/rate apart; 0 means no limit', async () => {
  let clock = 0;
  const slept: number[] = [];
  const limiter = new RateLimiter(4, () => clock, async (ms) => void slept.push(ms));
  await Promise.all([limiter.take(), limiter.take(), limiter.take()]);
  assert.deepEqual(slept, [250, 500]);
  clock = 10_000;
  await limiter.take();
  assert.deepEqual(slept, [250, 500], 'after a pause, no debt');
  const unlimited = new RateLimiter(0, () => 0, async () => assert.fail('never waits'));
  await unlimited.take();
});
