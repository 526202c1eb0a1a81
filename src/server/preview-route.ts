import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, relative } from 'node:path';
import { isPaperboyError } from '../errors.js';
import { numberInFileName } from '../issue/load.js';
import type { IssueFile, Workspace } from '../issue/workspace.js';
import { lintIssues } from '../lint/engine.js';
import { diagnosticLine } from '../lint/format/diagnostic-line.js';
import { placeholderCopy } from '../mail/placeholder-copy.js';
import { escapeHtml } from '../render/escape-html.js';
import { renderIssueEmail } from '../render/issue-email.js';
import { emailInScheme, type ColorScheme } from './forced-color-scheme.js';
import { imagesServedFrom, mailLinkBase } from './link-base.js';

const PREVIEW = /^\/preview\/(\d+)(?:\/email\.(html|txt))?$/;
/** `/preview/` (or `/preview`): the list of the issues whose email `/preview/N` shows. */
const PREVIEWS = /^\/preview\/?$/;

/** The scheme `?scheme=light|dark` asks for; undefined (the system's) for anything else. */
function schemeOf(query: string): ColorScheme | undefined {
  const scheme = new URLSearchParams(query).get('scheme');
  return scheme === 'light' || scheme === 'dark' ? scheme : undefined;
}

/**
 * `/preview/<number>` of the dev server: the issue's email as a subscriber
 * gets it, at 600 px and at 375 px side by side, its plaintext, a
 * light/dark switch, and the issue's lint diagnostics. The issue is found
 * by its frontmatter's number, or by its file name's while the frontmatter
 * cannot be read: the page then shows why, with the lint's file:line:column.
 * `/preview/<number>/email.html` and `email.txt` are the two parts alone;
 * `?scheme=light|dark` shows the email (and the page's frames) as a client
 * set to that scheme renders it (`emailInScheme`), its images of the site's
 * own loaded from this server (`imagesServedFrom`). `withLiveReload` adds
 * the dev server's script to a page. Returns false for any other path.
 */
export async function previewRoute(request: { workspace: Workspace; req: IncomingMessage; res: ServerResponse; path: string; query: string; withLiveReload: (html: string) => string }): Promise<boolean> {
  const { workspace, res } = request;
  const send = (status: number, type: string, body: string) =>
    res.writeHead(status, { 'Content-Type': `${type};charset=utf-8`, 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) }).end(body);
  // The address the server's start names: a list to choose from, never the site's "Page not found".
  if (PREVIEWS.test(request.path)) {
    send(200, 'text/html', request.withLiveReload(previewList(workspace)));
    return true;
  }
  const match = PREVIEW.exec(request.path);
  if (!match) return false;
  const number = Number(match[1]);
  const scheme = schemeOf(request.query);
  const file = workspace.byNumber(number);
  if (!file) {
    // As written: a number past 2^53 would print as `1e+23`, or as another number.
    const missing = `No issue has number ${match[1]!}.`;
    // The page reloads once a save gives an issue that number.
    if (match[2] === undefined) send(404, 'text/html', request.withLiveReload(`<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${missing}</title>\n</head>\n<body>\n<p>${missing}</p>\n</body>\n</html>\n`));
    else send(404, 'text/plain', `${missing}\n`);
    return true;
  }
  let copy: { html: string; text: string } | undefined;
  let failure: string | undefined;
  try {
    // A file that cannot be rendered is named from the newsletter's root, as the lint lines above name it.
    copy = await placeholderCopy(workspace, renderIssueEmail(workspace, file, { cwd: workspace.config.root }));
  } catch (error) {
    failure = isPaperboyError(error) ? error.message : String(error);
  }
  // The images of the site's own from this server, which has them (a chart just added is not published yet).
  const html = copy && imagesServedFrom(copy.html, workspace.config.baseUrl, mailLinkBase(request.req, workspace.config, true));
  if (match[2] === 'html') send(html ? 200 : 500, 'text/html', html ? (scheme ? emailInScheme(html, scheme) : html) : `<pre>${escapeHtml(failure ?? '')}</pre>`);
  else if (match[2] === 'txt') send(copy ? 200 : 500, 'text/plain', copy?.text ?? failure ?? '');
  else {
    const diagnostics = await lintLines(workspace, file.path);
    send(200, 'text/html', request.withLiveReload(previewPage({ number, title: previewTitle(file), language: workspace.config.language, diagnostics, text: copy?.text, failure, scheme })));
  }
  return true;
}

/**
 * `/preview/`: every issue with a number, newest first, each a link to its
 * `/preview/N` with its status (drafts are what the dev server is for); a
 * file whose frontmatter gives no number yet is found by its name's, as
 * `/preview/N` finds it. Reloaded after each save, as the other pages.
 */
function previewList(workspace: Workspace): string {
  const issues = workspace.issueFiles
    .map((file) => ({ file, number: file.facts.number ?? numberInFileName(file.path) }))
    .filter((issue): issue is { file: IssueFile; number: number } => issue.number !== undefined && workspace.byNumber(issue.number) === issue.file)
    .sort((a, b) => b.number - a.number);
  const items = issues.map(({ file, number }) => `<li><a href="/preview/${number}">#${number}: <span lang="${workspace.config.language}" dir="auto">${escapeHtml(previewTitle(file))}</span></a> · ${file.facts.readable ? file.facts.status : 'cannot be read'}</li>`);
  const list = items.length === 0 ? '<p>No issue yet: <code>paperboy new</code> writes one, and it shows here.</p>' : `<ul>\n${items.join('\n')}\n</ul>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Previews of the emails</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1rem; background: #f3f4f6; color: #111827; }
li { margin: 0.25rem 0; }
</style>
</head>
<body>
<h1>Previews of the emails</h1>
${list}
</body>
</html>
`;
}

/**
 * The issue's lint diagnostics as `lint` prints them. A template or
 * config error stops the lint (`email-size` renders the email): it is the
 * editor's to fix, so the page shows it as lint's line, where the render's
 * own failure shows it too, never as the server's "something went wrong".
 */
async function lintLines(workspace: Workspace, path: string): Promise<string[]> {
  try {
    const [result] = await lintIssues(workspace.config, { files: [path], workspace });
    const where = relative(workspace.config.root, path);
    return (result?.messages ?? []).map((message) => diagnosticLine(where, message).trimEnd());
  } catch (error) {
    if (!isPaperboyError(error)) throw error;
    return [`paperboy: ${error.message}`, ...(error.hint ? [`  ${error.hint}`] : [])];
  }
}

/**
 * The preview page; `scheme` the one asked for, undefined to follow the
 * system's (the switch then shows which it is). Its words are paperboy's,
 * in English; the issue's title in its heading is marked as written in the
 * newsletter's `language` (and its direction, its own: `dir="auto"`). The
 * email in its frames declares its language itself.
 */
function previewPage(page: { number: number; title: string; language: string; diagnostics: string[]; text: string | undefined; failure: string | undefined; scheme: ColorScheme | undefined }): string {
  const { number, title, language, diagnostics, text, failure, scheme } = page;
  const frames = failure
    ? `<pre class="failure">${escapeHtml(failure)}</pre>`
    : [600, 375].map((width) => `<figure><figcaption>${width} px</figcaption><iframe title="The email at ${width} px" src="${number}/email.html${scheme ? `?scheme=${scheme}` : ''}" width="${width}" height="1400"></iframe></figure>`).join('');
  const lint = diagnostics.length === 0 ? '<p>No lint problems.</p>' : `<pre class="diagnostics">${escapeHtml(diagnostics.join('\n'))}</pre>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview of #${number}: ${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1rem; background: #f3f4f6; color: #111827; }
.frames { display: flex; gap: 1rem; align-items: flex-start; flex-wrap: wrap; }
figure { margin: 0; } iframe { border: 1px solid #9ca3af; background: #fff; }
pre { background: #fff; border: 1px solid #9ca3af; padding: 1rem; overflow-x: auto; }
.text { width: 72ch; white-space: pre; }
</style>
</head>
<body>
<h1>Preview of #${number}: <span lang="${language}" dir="auto">${escapeHtml(title)}</span></h1>
<p><button type="button" id="scheme" aria-pressed="${scheme === 'dark'}"${scheme ? '' : ' data-follows-system'}>Dark mode</button></p>
<h2>Lint</h2>
${lint}
<h2>HTML</h2>
<div class="frames">${frames}</div>
<h2>Plaintext</h2>
<pre class="text">${escapeHtml(text ?? '')}</pre>
<script>
const button = document.getElementById('scheme');
// No scheme asked for: the frames follow the system's, and the switch says which it is.
if (button.dataset.followsSystem !== undefined) button.setAttribute('aria-pressed', String(matchMedia('(prefers-color-scheme: dark)').matches));
button.addEventListener('click', () => {
  const scheme = button.getAttribute('aria-pressed') === 'true' ? 'light' : 'dark';
  button.setAttribute('aria-pressed', String(scheme === 'dark'));
  // In the page's address too: the reload after the next save keeps it.
  history.replaceState(null, '', '?scheme=' + scheme);
  // A frame's prefers-color-scheme follows the system in Chromium, whatever its color-scheme: the server renders the email in the scheme.
  for (const frame of document.querySelectorAll('iframe')) frame.src = frame.src.replace(/([?].*)?$/, '?scheme=' + scheme);
});
</script>
</body>
</html>
`;
}

/**
 * The issue's title for the preview's heading, or its file's name when the
 * frontmatter gives none to read (a YAML mistake leaves the facts' title
 * empty): never "Preview of #2: " with nothing after it.
 */
function previewTitle(file: IssueFile): string {
  return file.facts.title === undefined || file.facts.title.trim() === '' ? basename(file.path) : file.facts.title;
}
