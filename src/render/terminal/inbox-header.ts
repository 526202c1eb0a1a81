import { GMAIL_CLIP_BYTES } from '../limits.js';
import { cutText, wrapText, type Format, type TextStyle } from '../text/index.js';
import type { IssueCounts } from './counts.js';
import { truncateToWidth } from './truncate.js';
import { formatKilobytes } from '../format.js';

/**
 * Where a phone's inbox cuts the subject and the preview text (Gmail and
 * Apple Mail on a 6" screen show about this many columns of each).
 */
const SUBJECT_COLUMNS = 40;
const PREHEADER_COLUMNS = 90;

export interface InboxHeaderInput {
  from: string;
  subject: string;
  preheader: string | undefined;
  htmlBytes: number;
  counts: IssueCounts;
}

const LABEL_WIDTH = 9;

/**
 * The issue as an inbox lists it, then what the editor checks before
 * sending: the HTML size against Gmail's clip limit, and the counts.
 *
 *     From     The Alignment Digest <digest@newsletter.example.org>
 *     Subject  #5: Can models tell they are being tested…
 *     Preview  Out-of-context reasoning, models that cannot reverse facts, lie…
 *     Size     HTML 27.6 KB of 102 KB
 *     Counts   7 papers · 24 links · 2,104 words · 9 min read
 */
export function formatInboxHeader(input: InboxHeaderInput, width: number, style: TextStyle): string {
  const room = Math.max(1, width - LABEL_WIDTH);
  const row = (label: string, value: string) => `${style.decorate(label.padEnd(LABEL_WIDTH - 1), { muted: true })} ${value}`.trimEnd();
  const fit = (text: string, columns: number) => truncateToWidth(text, Math.min(columns, room));
  // Facts, not inbox text: wrapped under their label, never cut short; a word wider than the room (a long address) is cut over lines, every character kept, as the body's are.
  const wrapped = (label: string, text: string, format: Format) =>
    wrapText(text, room)
      .split('\n')
      .flatMap((line) => cutText(line, room))
      .map((line, i) => (i === 0 ? row(label, style.decorate(line, format)) : `${' '.repeat(LABEL_WIDTH)}${style.decorate(line, format)}`));
  const rows = [
    ...wrapped('From', input.from, {}),
    row('Subject', style.decorate(fit(input.subject, SUBJECT_COLUMNS), { strong: true })),
    ...(input.preheader
      ? [row('Preview', style.decorate(fit(input.preheader, PREHEADER_COLUMNS), {}))]
      : wrapped('Preview', '(none: inboxes show the first text of the email instead)', { muted: true })),
    ...wrapped('Size', formatSize(input.htmlBytes), input.htmlBytes > GMAIL_CLIP_BYTES ? { strong: true } : {}),
    ...wrapped('Counts', formatCounts(input.counts), {}),
  ];
  return [...rows, horizontalRule(width, style)].join('\n');
}

/** A rule under the header, as wide as the text under it. */
export function horizontalRule(width: number, style: TextStyle): string {
  return style.decorate(style.glyphs.tableRule.repeat(Math.max(1, width)), { muted: true });
}

/** "HTML 27.6 KB of 102 KB", and "(Gmail will clip it)" past the limit (set in bold by the caller). */
function formatSize(bytes: number): string {
  const size = `HTML ${formatKilobytes(bytes)} of ${GMAIL_CLIP_BYTES / 1000} KB`;
  return bytes <= GMAIL_CLIP_BYTES ? size : `${size} (Gmail will clip it)`;
}

const integer = new Intl.NumberFormat('en-US');
const plural = (count: number, word: string) => `${integer.format(count)} ${word}${count === 1 ? '' : 's'}`;

function formatCounts(counts: IssueCounts): string {
  return [plural(counts.papers, 'paper'), plural(counts.links, 'link'), plural(counts.words, 'word'), `${counts.readingMinutes} min read`].join(' · ');
}
