import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Finding and editing the issue files of a corpus scripts/generate-corpus.ts wrote (`0042-title.md`, one paper a `  - title:` entry).

/** The issue file of issue `number` in the corpus at `root`, undefined when there is none (deleted). */
export function issueFile(root: string, number: number): string | undefined {
  const name = readdirSync(join(root, 'issues')).find((file) => file.startsWith(`${String(number).padStart(4, '0')}-`));
  return name && join(root, 'issues', name);
}

/** Replaces the first match of `pattern` in issue `number`'s file (the issue must exist and the edit change it). */
export function editIssue(root: string, number: number, pattern: RegExp | string, replacement: string): void {
  const file = issueFile(root, number);
  assert.ok(file, `issue ${number} exists`);
  const text = readFileSync(file, 'utf8');
  const edited = text.replace(pattern, replacement);
  assert.notEqual(edited, text, `${String(pattern)} matches issue ${number}`);
  writeFileSync(file, edited);
}

/** The arXiv id of the first paper of issue `number` that has one, undefined when the issue is gone or names none. */
export function firstArxiv(root: string, number: number): string | undefined {
  const file = issueFile(root, number);
  return file && /^ {4}arxiv: "([^"]+)"$/m.exec(readFileSync(file, 'utf8'))?.[1];
}
