import type { Workspace } from '../issue/workspace.js';
import { personalize, type PersonalizedEmail } from '../render/email.js';
import type { IssueEmail } from '../render/issue-email.js';
import { composeMessage } from './compose.js';
import { unsubscribeMailto } from './headers.js';
import { placeholderUnsubscribeUrl } from './unsubscribe-url.js';

/** The address of a copy made for nobody in particular (its link: `placeholderUnsubscribeUrl`). */
const PLACEHOLDER_RECIPIENT = 'subscriber@example.invalid';

/** The placeholder recipient's copy: HTML, plaintext and the complete message. */
export async function placeholderCopy(workspace: Workspace, email: IssueEmail): Promise<PersonalizedEmail & { eml: Buffer }> {
  const { config } = workspace;
  const issue = email.parsed.issue!;
  const url = placeholderUnsubscribeUrl(config.baseUrl);
  const copy = personalize(email.rendered, { unsubscribeUrl: url });
  const eml = await composeMessage({
    config,
    issueNumber: issue.number,
    to: PLACEHOLDER_RECIPIENT,
    ...copy,
    date: issueDate(issue.date),
    unsubscribe: { url, mailto: unsubscribeMailto(config.from) },
  });
  return { ...copy, eml };
}

/** The issue's date, not the clock: the same input gives the same bytes. */
function issueDate(date: string): Date {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? new Date(0) : parsed;
}
