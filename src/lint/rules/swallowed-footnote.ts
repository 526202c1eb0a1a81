import type { Link } from 'mdast';

/**
 * A footnote call written right after a bare URL (`https://github.com/org/repo[^1]`)
 * that GFM's address recognition took into the address: remark-gfm (micromark)
 * ends a bare URL only at white space or `<`, so the link leads to
 * `https://github.com/org/repo[^1` and the `[^1]` is no call: the note is
 * never shown.
 *
 * Shape: `{ address, trail, label }`: the address as meant (before `[^`,
 * without the sentence's punctuation GFM leaves out of a bare URL at its
 * end: `https://x.org/a.[^1]` is the address `https://x.org/a` and the
 * trail `.`), and the label of the call (`1`); undefined when the link holds
 * no `[^`.
 */
export interface SwallowedCall {
  address: string;
  trail: string;
  label: string;
}

export function swallowedFootnoteCall(link: Link): SwallowedCall | undefined {
  const match = /\[\^([^\]\s]+)$/u.exec(link.url);
  if (match === null) return undefined;
  const [, address = '', trail = ''] = /^(.*?)([.,:;!?*_~'"]*)$/su.exec(link.url.slice(0, match.index)) ?? [];
  return { address, trail, label: match[1]! };
}

/** What to write instead: the address in angle brackets, the sentence's punctuation, then the call. */
export function callWritten(call: SwallowedCall): string {
  return `<${call.address}>${call.trail}[^${call.label}]`;
}
