import { load } from 'cheerio';
import { renderIssueOutput, summarizeIssue, type IssueOutput } from '../../src/archive/issue-output.js';
import { renderPage } from '../../src/archive/page-render.js';
import { buildPaperDatabase } from '../../src/archive/paper-database.js';
import { planPages } from '../../src/archive/pages.js';
import { CorpusIndex } from '../../src/issue/corpus.js';
import { extractFacts } from '../../src/issue/facts.js';
import { parseMarkdown } from '../../src/issue/markdown.js';
import type { Issue } from '../../src/issue/model.js';
import { parseIssue } from '../../src/issue/parse.js';
import { decodeIssueSource } from '../../src/issue/source.js';
import { loadTemplates } from '../../src/render/templates.js';
import { renderTerminalPreview } from '../../src/render/terminal/index.js';
import { cleanIssue, configOf, makeRoot } from './fixture.js';

/** What each output shows of one paper's summary (and its footnotes). */
export interface RenderedText {
  /** The HTML email's slice: the paper's summary and notes, CSS inlined. */
  emailHtml: string;
  /** The plaintext email's lines of the paper after its title and URL: the summary, its notes and its link references. */
  emailText: string;
  /** The terminal preview's lines of the paper, escape sequences in. */
  preview: string;
  /** The issue web page's slice: the paper's summary and notes (math typeset). */
  webHtml: string;
}

const config = configOf(makeRoot({}));
/** The newsletter's `baseUrl`, which relative links resolve against. */
export const TEXTS_BASE_URL = config.baseUrl;
const templates = loadTemplates(undefined);
const title = (i: number) => `Slice marker ${i}`;
const OUTRO = 'Slice end marker.';

/**
 * Renders each Markdown text as the summary of a paper of one issue, all at
 * once, through the real email, preview and archive renderers, and cuts
 * each output into the texts' slices (the web page is the issue's page as
 * `paperboy build` writes it). The issue is parsed from a file's
 * text; only the summaries are set afterwards, each parsed as an issue's
 * texts are (so any text at all fits, tabs and trailing spaces included).
 */
export function renderTexts(markdowns: readonly string[], previewWidth = 100): RenderedText[] {
  const papers = markdowns.map((_, i) => `  - title: ${title(i)}\n    url: https://example.org/${i}\n    summary: x\n`).join('');
  const { output, preview } = renderIssue(papers, `Intro.\n\n<!-- papers -->\n\n${OUTRO}`, previewWidth, (issue) =>
    issue.papers.forEach((paper, i) => {
      paper.summary = { ...paper.summary, text: markdowns[i]!, tree: parseMarkdown(markdowns[i]!) };
      paper.opinion = undefined;
    }),
  );
  const $ = load(output.email.html);
  const $page = load(issuePage(output));
  const textSlices = slices(output.email.text, markdowns.length);
  const previewSlices = slices(preview, markdowns.length);
  return markdowns.map((_, i) => {
    const web = output.content.papers[i]!;
    return {
      emailHtml: $(`div.paper[id="${web.anchor}"]`)
        .children('.summary, .footnotes')
        .toArray()
        .map((element) => $.html(element))
        .join('\n'),
      emailText: textSlices[i]!,
      preview: previewSlices[i]!,
      webHtml: $page(`article.paper[id="${web.anchor}"]`)
        .children('.summary, .footnotes')
        .toArray()
        .map((element) => $page.html(element))
        .join('\n'),
    };
  });
}

/**
 * Renders a Markdown text as the body of an issue without papers (its
 * introduction, its notes at the end), as `renderTexts` renders summaries;
 * one issue per text. The slices hold the body and its notes, the notes'
 * heading of the plaintext and the preview ("Notes", a label) left out.
 */
export function renderBody(markdown: string, previewWidth = 100): RenderedText {
  const { output, preview } = renderIssue('  []\n', 'x', previewWidth, (issue) => {
    issue.body = { ...issue.body, text: markdown, tree: parseMarkdown(markdown) };
    issue.papersMarker = undefined;
  });
  const $ = load(output.email.html);
  const $page = load(issuePage(output));
  $page('article.issue').children('header, .alternates, .pager').remove();
  const notesHeading = /^Notes\n-+$/m;
  const text = output.email.text.split('\n');
  const after = (lines: string[], start: number) => lines.slice(lines.findIndex((line, i) => i >= start && line === '') + 1);
  const previewLines = preview.split('\n');
  const body = after(text, text.findIndex((line) => /^=+$/.test(line)));
  return {
    emailHtml: $('td.content').html()!,
    emailText: body.slice(0, body.findIndex((line) => /^-{72}$/.test(line))).join('\n').replace(notesHeading, ''),
    preview: after(previewLines, previewLines.findIndex((line) => line.startsWith(`Issue #${output.number} ·`))).join('\n').replace(notesHeading, ''),
    webHtml: $page('article.issue').html()!,
  };
}

/** An issue with these `papers:` (YAML) and body, as parsed, changed by `edit`, rendered for the archive (the email too) and the preview (escapes removed). */
function renderIssue(papers: string, body: string, previewWidth: number, edit: (issue: Issue) => void): { output: IssueOutput; preview: string } {
  const parsed = parseIssue(decodeIssueSource('issues/0001-a.md', new TextEncoder().encode(cleanIssue({ papers, body }))));
  const issue = parsed.issue!;
  edit(issue);
  const facts = extractFacts(parsed);
  const corpus = new CorpusIndex([facts]);
  const output = renderIssueOutput(issue, { config, corpus, facts }, templates);
  const preview = renderTerminalPreview({ issue, config, links: { baseUrl: config.baseUrl, corpus, from: facts }, htmlBytes: 1 }, { width: previewWidth, color: true, hyperlinks: true });
  return { output, preview: stripEscapes(preview) };
}

/** The issue's web page, as `paperboy build` writes it. */
function issuePage(output: IssueOutput): string {
  const summary = summarizeIssue(output, { pageHash: '', email: { html: '', text: '' } }, []);
  const plan = planPages(config, [summary], buildPaperDatabase([summary]), () => '', { rendering: () => output, records: () => output.papers }).find((page) => page.path === `issues/${output.number}/index.html`)!;
  return renderPage(templates, config, { ...plan, view: plan.view() });
}

/** Each paper's lines of a plaintext rendering: from after its title and URL lines to the next paper's title, or the closing. */
function slices(text: string, count: number): string[] {
  const lines = text.split('\n');
  const starts = Array.from({ length: count }, (_, i) => lines.findIndex((line) => line.endsWith(`${i + 1}. ${title(i)}`)));
  const end = lines.findIndex((line) => line === OUTRO);
  return starts.map((start, i) => lines.slice(start + 2, i + 1 < count ? starts[i + 1] : end).join('\n'));
}

/** Text with SGR and OSC 8 sequences removed: what the reader sees. */
function stripEscapes(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '').replace(/\u001b\]8;;[^\u001b]*\u001b\\/g, '');
}
