import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseConfig, type Config } from '../../src/config/load.js';
import { PaperboyError } from '../../src/errors.js';
import { lintIssues } from '../../src/lint/engine.js';
import type { LintMessage, Rule } from '../../src/lint/types.js';

export const CONFIG_YAML = `name: Test Newsletter
baseUrl: https://news.example.org/
from: "Test Newsletter <news@example.org>"
postalAddress: 1 Example Street, Example City
`;

/** The configuration error (exit 2) that `parseConfig` throws for `yaml` read as `file`; the test fails when the config reads. */
export function configErrorOf(yaml: string, file: string): PaperboyError {
  return configErrorFrom(() => parseConfig(yaml, file));
}

/** The configuration error (a PaperboyError, exit 2) `action` throws; the test fails when it throws none. */
export function configErrorFrom(action: () => unknown): PaperboyError {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof PaperboyError);
    assert.equal(error.exitCode, 2);
    return error;
  }
  assert.fail('expected a configuration error');
}

/** A newsletter root in a fresh temporary directory: config plus files (paths relative to the root). */
export function makeRoot(files: Record<string, string | Uint8Array>, configYaml = CONFIG_YAML): string {
  const root = mkdtempSync(join(tmpdir(), 'paperboy-test-'));
  writeFileSync(join(root, 'paperboy.config.yaml'), configYaml);
  mkdirSync(join(root, 'issues'), { recursive: true });
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), contents);
  }
  return root;
}

/** An hour ago: files saved then are not racily clean, so their hashes may be stored (issue/known-hashes.ts). */
export const AN_HOUR_AGO = new Date(Date.now() - 3_600_000);

/** `makeRoot` with every file saved `AN_HOUR_AGO`. */
export function makeSettledRoot(files: Record<string, string | Uint8Array>, configYaml = CONFIG_YAML): string {
  const root = makeRoot(files, configYaml);
  for (const path of Object.keys(files)) utimesSync(join(root, path), AN_HOUR_AGO, AN_HOUR_AGO);
  return root;
}

export function configOf(root: string, configYaml = CONFIG_YAML): Config {
  return parseConfig(configYaml, join(root, 'paperboy.config.yaml'));
}

/**
 * Lints `issues` (file name → text) with only `rules`, and returns the
 * messages of `target` (default: the first file).
 */
export async function lintWith(
  rules: readonly Rule[],
  issues: Record<string, string | Uint8Array>,
  options: { target?: string; configYaml?: string } = {},
): Promise<LintMessage[]> {
  const prefixed = Object.fromEntries(Object.entries(issues).map(([name, text]) => [`issues/${name}`, text]));
  const root = makeRoot(prefixed, options.configYaml);
  const config = configOf(root, options.configYaml);
  const target = join(root, 'issues', options.target ?? Object.keys(issues)[0]!);
  const results = await lintIssues(config, { rules, files: [target], cache: false });
  return results[0]!.messages;
}

/** The source between a message's start and end (1-based lines and columns, end exclusive). */
export function spanOf(text: string, message: LintMessage): string {
  const lines = text.split('\n');
  const offset = (line: number, column: number): number => lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0) + column - 1;
  return text.slice(offset(message.line, message.column), offset(message.endLine, message.endColumn));
}

/** `ruleId line:column` of each message: what rule tests assert. */
export function places(messages: readonly LintMessage[]): string[] {
  return messages.map((m) => `${m.ruleId} ${m.line}:${m.column}`);
}

/**
 * A clean issue (it passes every rule); tests change one thing in it.
 * Keep it free of warnings: rule tests rely on it.
 */
export function cleanIssue(options: { number?: number; title?: string; date?: string; status?: string; papers?: string; body?: string } = {}): string {
  const papers =
    options.papers ??
    `  - title: Are Emergent Abilities of Large Language Models a Mirage?
    url: https://arxiv.org/abs/2304.15004
    arxiv: "2304.15004"
    authors: [Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]
    year: 2023
    section: Evaluations
    tags: [emergence, scaling]
    summary: |
      Smooth metrics show smooth scaling; sharp jumps come from sharp metrics.
    opinion: |
      Convincing, though the natural metric is often the one we care about.
`;
  return `---
number: ${options.number ?? 1}
title: ${options.title ?? 'Emergence mirages'}
date: ${options.date ?? '2023-05-29'}
preheader: Smooth metrics hide sudden jumps, and other news from the field
status: ${options.status ?? 'sent'}
papers:
${papers}---

${options.body ?? 'Welcome to the first issue.'}
`;
}

/**
 * One entry of `papers:` in cleanIssue's layout (title on the `- ` line, then
 * url, arxiv, section, summary, opinion); `arxiv: null` leaves the key out.
 */
export function paperYaml(fields: { title: string; url: string; arxiv?: string | null; section?: string; summary?: string }): string {
  const arxiv = fields.arxiv === null ? '' : `    arxiv: "${fields.arxiv ?? '2304.15004'}"\n`;
  return `  - title: ${fields.title}
    url: ${fields.url}
${arxiv}    section: ${fields.section ?? 'Evaluations'}
    summary: |
      ${fields.summary ?? 'A short summary of the paper.'}
    opinion: |
      A short opinion on the paper.
`;
}

/** cleanIssue's config plus more YAML (`sections:`, `lint:`). */
export function configWith(extraYaml: string): string {
  return `${CONFIG_YAML}${extraYaml}\n`;
}

type PaperMarkdown = Partial<Record<'summary' | 'opinion' | 'notes' | 'prerequisites', string>>;

/** `field: |` and `markdown` (which may span lines) as a block scalar, indented as a key of cleanIssue's paper. */
export function blockScalar(field: string, markdown: string): string {
  const lines = markdown.split('\n').map((line) => (line ? `      ${line}` : ''));
  return `    ${field}: |\n${lines.join('\n')}\n`;
}

/**
 * cleanIssue with its paper's `summary` or `opinion` replaced, and `notes` or
 * `prerequisites` added after the opinion, as block scalars. The summary's
 * first line is line 16 (column 7); the other fields follow it.
 */
export function cleanIssueWithMarkdown(fields: PaperMarkdown, options: Parameters<typeof cleanIssue>[0] = {}): string {
  let text = cleanIssue(options);
  for (const field of ['summary', 'opinion'] as const) {
    const markdown = fields[field];
    if (markdown !== undefined) text = text.replace(new RegExp(`^    ${field}: \\|\\n(?:      .*\\n)*`, 'm'), () => blockScalar(field, markdown));
  }
  const added = (['notes', 'prerequisites'] as const).map((field) => (fields[field] === undefined ? '' : blockScalar(field, fields[field]))).join('');
  return text.replace('\n---\n', () => `\n${added}---\n`);
}
