import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../helpers/render.js';

/**
 * The packages a fresh process has loaded after `steps` (ES module code run
 * after importing what a build imports): every module the ESM loader loads
 * (recorded by a loader hook) and every one `require` loads.
 */
function packagesLoadedBy(steps: string): Set<string> {
  const log = join(mkdtempSync(join(tmpdir(), 'paperboy-modules-')), 'loaded.txt');
  const hook = `import { appendFileSync } from 'node:fs'; export async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }`;
  const script = `
    import { register } from 'node:module';
    import Module from 'node:module';
    import { appendFileSync } from 'node:fs';
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));
    const src = ${JSON.stringify(pathToFileURL(join(REPO_ROOT, 'src')).href)};
    await import(src + '/archive/published.ts');
    await import(src + '/archive/site-plan.ts');
    ${steps}
    appendFileSync(${JSON.stringify(log)}, Object.keys(Module._cache).join('\\n'));
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  const packages = readFileSync(log, 'utf8').matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(\S*)/g);
  // A nodemailer module by the name it is imported as (`nodemailer/lib/mime-funcs`), wherever its `exports` put it (`dist/esm/mime-funcs/index.js`).
  return new Set([...packages].map(([, name, path]) => (name === 'nodemailer' ? `nodemailer/lib/${path!.replace(/^(dist\/(esm|cjs)|lib)\//, '').split('/')[0]}` : name!)));
}

test('what a build loads to render issues and plan the site: no MIME composer nor MIME functions, no feed library (loaded once a feed is made), no parse5, no HTTP client', () => {
  const loaded = packagesLoadedBy(`
    // Sample issue 1 as the build renders it: its web content and its email.
    const { loadConfig } = await import(src + '/config/load.ts');
    const { Workspace } = await import(src + '/issue/workspace.ts');
    const { loadTemplates } = await import(src + '/render/templates.ts');
    const { renderIssueOutput } = await import(src + '/archive/issue-output.ts');
    const workspace = await Workspace.load(await loadConfig(${JSON.stringify(REPO_ROOT)}));
    const file = workspace.issueFiles.find((candidate) => candidate.facts.number === 1);
    const output = renderIssueOutput(workspace.parse(file).issue, { config: workspace.config, corpus: workspace.corpus, facts: file.facts }, loadTemplates(undefined));
    if (!output.email.html.includes('style="')) throw new Error('no CSS inlined');
  `);
  assert.ok(loaded.has('juice') && loaded.has('htmlparser2'), [...loaded].join(' '));
  // The MIME functions: the email files' unsubscribe link is no header (mail/unsubscribe-url.ts). `feed`: a rebuild whose newest issues are unchanged makes no feed (archive/feed-issues.ts).
  for (const name of ['nodemailer/lib/mail-composer', 'nodemailer/lib/mime-funcs', 'feed', 'xml-js', 'parse5', 'undici', 'web-resource-inliner']) assert.ok(!loaded.has(name), `${name} was loaded`);
});
