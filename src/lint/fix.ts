import type { Fix, LintMessage } from './types.js';

/**
 * Applies the fixes that do not overlap (the first one wins, as in ESLint);
 * text outside the fixed ranges is left byte-identical.
 */
export function applyFixes(text: string, messages: readonly LintMessage[]): { text: string; applied: number } {
  const fixes = messages
    .map((message) => message.fix)
    .filter((fix): fix is Fix => fix !== undefined)
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = '';
  let cursor = 0;
  let applied = 0;
  for (const fix of fixes) {
    const [start, end] = fix.range;
    if (start < cursor) continue;
    output += text.slice(cursor, start) + fix.text;
    cursor = end;
    applied++;
  }
  return { text: output + text.slice(cursor), applied };
}
