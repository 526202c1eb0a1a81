import { loadConfig } from '../../../src/config/load.js';
import { extractFacts } from '../../../src/issue/facts.js';
import { Workspace, type IssueFile } from '../../../src/issue/workspace.js';
import { renderTerminalPreview, type TerminalPreviewOptions } from '../../../src/render/terminal/index.js';
import { makeRoot } from '../../helpers/fixture.js';
import { REPO_ROOT } from '../../helpers/render.js';

/**
 * A fixed HTML size, so the previews under test do not change with the
 * email templates (the size line is tested on its own).
 */
const HTML_BYTES = 38_200;

export const PLAIN: Omit<TerminalPreviewOptions, 'width'> = { color: false, hyperlinks: false };

/** The preview of one issue of a workspace, as `paperboy preview` renders it. */
export function previewOf(workspace: Workspace, file: IssueFile, options: TerminalPreviewOptions): string {
  const parsed = workspace.parse(file);
  if (!parsed.issue) throw new Error(`Unexpected unreadable issue ${file.path}: ${parsed.problems[0]?.message}`);
  const facts = extractFacts(parsed);
  const links = { baseUrl: workspace.config.baseUrl, corpus: workspace.corpus, from: facts };
  return renderTerminalPreview({ issue: parsed.issue, config: workspace.config, links, htmlBytes: HTML_BYTES }, options);
}

/** The newest sample issue of the repository (issues/). */
export async function previewSample(options: TerminalPreviewOptions, number?: number): Promise<string> {
  const workspace = await Workspace.load(await loadConfig(REPO_ROOT));
  const file = number === undefined ? workspace.newest()! : await workspace.findOrAdd(String(number), REPO_ROOT);
  return previewOf(workspace, file, options);
}

/** The preview of an issue file's text, alone in a newsletter. */
export async function previewText(text: string, options: TerminalPreviewOptions): Promise<string> {
  const root = makeRoot({ 'issues/0001-test.md': text });
  const workspace = await Workspace.load(await loadConfig(root));
  return previewOf(workspace, workspace.newest()!, options);
}

/** Every escape sequence and control character except the line feed. */
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** Text with SGR and OSC 8 sequences removed: what the reader sees. */
export function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '').replace(/\u001b\]8;;[^\u001b]*\u001b\\/g, '');
}
