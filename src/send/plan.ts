import type { DeliveryState, SendMode } from './delivery.js';

export interface SendPlanInput {
  mode: SendMode;
  /** The mode of the send already started for this issue, if any. */
  startedMode: SendMode | undefined;
  /** The journal's counts (all zero before a start). */
  counts: Record<DeliveryState, number>;
  /** Active subscribers now (the set a start would freeze). */
  activeSubscribers: number;
  retryUnknown: boolean;
  retryFailed: boolean;
  /** The issue file says `status: sent`: a start would send it a second time (its journal is elsewhere, or lost). */
  markedSent: boolean;
  /** `--force`: start anyway. */
  force: boolean;
}

export type SendPlan =
  | { kind: 'refuse'; reason: string }
  | { kind: 'nothing'; reason: string }
  | {
      kind: 'send';
      /** True: freeze the recipient set now; false: resume from the journal. */
      start: boolean;
      /** How many messages this run sends at most. */
      recipients: number;
      /** Journal states queued again first (`--retry-unknown`, `--retry-failed`). */
      requeue: ('unknown' | 'failed' | 'expired')[];
      /** Rows a previous run left in flight: they become `unknown`, not sent again unless asked. */
      inFlight: number;
    };

/**
 * What `send` will do, decided from the journal and the flags alone (no
 * side effects): start a send (freezing the recipients), resume one from
 * its journal, or nothing. A send has one mode for good: an issue sent to
 * the list is not then sent to each subscriber, nor the other way round.
 */
export function planSend(input: SendPlanInput): SendPlan {
  const { counts } = input;
  if (input.startedMode !== undefined && input.startedMode !== input.mode) return { kind: 'refuse', reason: modeConflict(input.startedMode, input.mode) };
  if (input.startedMode === undefined) {
    const recipients = input.mode === 'list' ? 1 : input.activeSubscribers;
    if (recipients === 0) return { kind: 'refuse', reason: 'there are no active subscribers (add some with `paperboy subscribers add` or `import`)' };
    if (input.markedSent && !input.force) {
      return {
        kind: 'refuse',
        reason: 'its file says `status: sent`, yet this dataDir has no journal of its send: starting one would give every subscriber a second copy (pass --force to send it again anyway)',
      };
    }
    return { kind: 'send', start: true, recipients, requeue: [], inFlight: 0 };
  }
  const requeue: ('unknown' | 'failed' | 'expired')[] = [...(input.retryUnknown ? (['unknown'] as const) : []), ...(input.retryFailed ? (['failed', 'expired'] as const) : [])];
  const recipients =
    counts.queued + (input.retryUnknown ? counts.unknown + counts.sending : 0) + (input.retryFailed ? counts.failed + counts.expired : 0);
  // Who is unknown or failed, and the flags that send to them again, the command says after the counts (cli/send-report.ts).
  if (recipients === 0) return { kind: 'nothing', reason: 'every recipient has a final state' };
  return { kind: 'send', start: false, recipients, requeue, inFlight: counts.sending };
}

/**
 * Why a send in `requested` mode is refused when the send went out
 * in `started` mode: a send keeps its mode for good, or list subscribers
 * would get the issue twice, and subscribers mailed through the list
 * template would get it without their List-Unsubscribe (RELIABILITY 1, 18).
 */
export function modeConflict(started: SendMode, requested: SendMode): string {
  const said = (mode: SendMode) => (mode === 'list' ? 'to the list address (--list)' : 'to the subscribers');
  const twice = started === 'list' ? "readers on the list and among the subscribers alike would get it twice" : 'subscribers who read the list too would get it twice';
  return `this issue's send went ${said(started)}; it cannot also go ${said(requested)}: ${twice}. The same command ${started === 'list' ? 'with' : 'without'} --list resumes or retries that send`;
}
