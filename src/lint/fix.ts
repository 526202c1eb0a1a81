import { applyEdits } from '../issue/source.js';
import type { Fix, LintMessage } from './types.js';

/** The fixes of `messages` that do not overlap an earlier one (the first wins, as in ESLint), in file order. */
export function chooseFixes(messages: readonly LintMessage[]): Fix[] {
  const fixes = messages
    .map((message) => message.fix)
    .filter((fix): fix is Fix => fix !== undefined)
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const chosen: Fix[] = [];
  let cursor = 0;
  for (const fix of fixes) {
    if (fix.range[0] < cursor) continue;
    chosen.push(fix);
    cursor = fix.range[1];
  }
  return chosen;
}

/** `text` (a file's text as written, without its BOM) with the chosen fixes applied; text outside the fixed ranges is left byte-identical. */
export function applyFixes(text: string, messages: readonly LintMessage[]): { text: string; applied: number } {
  const fixes = chooseFixes(messages);
  return { text: applyEdits(text, fixes), applied: fixes.length };
}
