import { fileURLToPath } from 'node:url';
import { simpleParser, type ParsedMail } from 'mailparser';
import { loadConfig, type Config } from '../../src/config/load.js';
import { Workspace } from '../../src/issue/workspace.js';
import { placeholderCopy } from '../../src/mail/placeholder-copy.js';
import { buildEmailView } from '../../src/render/build-view.js';
import { renderIssueEmail, type IssueEmail } from '../../src/render/issue-email.js';
import { loadTemplates } from '../../src/render/templates.js';
import type { ReviewView } from '../../src/render/view-model.js';
import { makeRoot } from './fixture.js';

/** The repository itself: its paperboy.config.yaml and the sample issues in issues/. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RenderedSample extends IssueEmail {
  workspace: Workspace;
  html: string;
  text: string;
  eml: Buffer;
}

/** Renders one issue of a newsletter root as `paperboy render` does, every format at once. */
export async function renderAll(root: string, issue: string, options: { review?: ReviewView } = {}): Promise<RenderedSample> {
  const workspace = await Workspace.load(await loadConfig(root));
  const file = await workspace.findOrAdd(issue, root);
  const email = renderIssueEmail(workspace, file, options);
  const copy = await placeholderCopy(workspace, email);
  return { workspace, ...email, html: copy.html, text: copy.text, eml: copy.eml };
}

/** Every sample issue's number, from the repository's issues/. */
export async function sampleNumbers(): Promise<number[]> {
  const workspace = await Workspace.load(await loadConfig(REPO_ROOT));
  return workspace.issueFiles.map((file) => file.facts.number).filter((n): n is number => n !== undefined);
}

/** A newsletter root holding these issue files (name → text), and its config. */
export async function rootWith(issues: Record<string, string>, extra: Record<string, string> = {}): Promise<{ root: string; config: Config }> {
  const files = Object.fromEntries(Object.entries(issues).map(([name, text]) => [`issues/${name}`, text]));
  const root = makeRoot({ ...files, ...extra });
  return { root, config: await loadConfig(root) };
}

export function parseEml(eml: Buffer): Promise<ParsedMail> {
  return simpleParser(eml, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Enough HTML entity decoding to compare the HTML's text with the plaintext's. */
export function decodeEntities(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? entity;
  });
}

/** Every absolute link and image target of an HTML document (not in-page anchors). */
export function htmlLinkTargets(html: string): Set<string> {
  return new Set([...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((match) => decodeEntities(match[1]!)).filter((href) => /^(https?|mailto):/.test(href)));
}

/**
 * Every URL written in a plaintext (sentence punctuation after an inline URL
 * is not part of it); a `www.` address, as written in the text, is the
 * `http://` URL GFM (and mail programs) link it to.
 */
export function textLinkTargets(text: string): Set<string> {
  const urls = [...text.matchAll(/(?:\b(?:https?:\/\/|mailto:)|(?<![\w/.])www\.)[^\s<>]+/g)].map((match) => match[0].replace(/[.,;:!?]+$/, ''));
  return new Set(urls.map((url) => (url.startsWith('www.') ? `http://${url}` : url)));
}

/** Whitespace collapsed, so wrapped text can be searched. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** Each email of the newsletter at `root` as its template writes it, before its CSS is inlined (its `email.html`, a placeholder unsubscribe URL). */
export async function emailSources(root: string): Promise<string[]> {
  const workspace = await Workspace.load(await loadConfig(root));
  const templates = loadTemplates(workspace.config.templatesDir);
  return workspace.issueFiles.flatMap((file) => {
    const { issue } = workspace.parse(file);
    if (!issue) return [];
    const view = buildEmailView(issue, { config: workspace.config, corpus: workspace.corpus, facts: file.facts }, { unsubscribeUrl: 'https://example.org/unsubscribe?token=PLACEHOLDER' });
    return [templates.render('email.html', view)];
  });
}
