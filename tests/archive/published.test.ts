import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { writeCorpus } from '../../scripts/generate-corpus.js';
import { buildSite } from '../../src/archive/build.js';
import { publishedIssues } from '../../src/archive/published.js';
import { Workspace } from '../../src/issue/workspace.js';
import { loadConfig } from '../../src/config/load.js';
import { runCli } from '../helpers/cli.js';
import { cleanIssue, cleanIssueWithMarkdown, makeRoot } from '../helpers/fixture.js';
import { firstArxiv, issueFile } from './corpus-files.js';
import { pagesDigest } from './site-check.js';

/** Issue 2 with a quote left open in a summary: its frontmatter cannot be read past line 18. */
const broken = (status: string) => cleanIssue({ number: 2, status }).replace('Smooth metrics show', '"Smooth metrics show').replace('    summary: |\n      "', '    summary: "');

test('a draft whose frontmatter cannot be read is skipped by build and papers search, as every draft is', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': broken('draft') });
  const lint = await runCli(['lint', 'issues/0002-b.md'], { cwd: root });
  assert.equal(lint.code, 1, 'the file has an error');
  const build = await runCli(['build'], { cwd: root });
  assert.equal(build.code, 0, build.stderr);
  assert.match(build.stdout, /Built dist: 1 issue /);
  assert.ok(!existsSync(join(root, 'dist', 'issues', '2')));
  const search = await runCli(['papers', 'search', 'smooth'], { cwd: root });
  assert.equal(search.code, 0, search.stderr);
  assert.match(search.stdout, /1 paper matches/);
});

test('a draft whose title YAML reads as a key (`title: Broken: draft`, which nests the keys after it) is skipped by build, as every draft is', async () => {
  const draft = cleanIssue({ number: 2, title: 'Broken: draft', status: 'draft' });
  assert.ok(draft.indexOf('title: Broken: draft') < draft.indexOf('status: draft'), 'the status comes after the error');
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': draft });
  const build = await runCli(['build'], { cwd: root });
  assert.equal(build.code, 0, build.stderr);
  assert.match(build.stdout, /Built dist: 1 issue /);
  assert.ok(!existsSync(join(root, 'dist', 'issues', '2')));
});

test('a draft whose closing `---` is not written yet is skipped by build, as every draft is; with --drafts it fails at its first line', async () => {
  const unclosed = cleanIssue({ number: 2, status: 'draft' }).replace(/\n---\n[^]*$/, '\n');
  assert.ok(unclosed.startsWith('---\n') && !unclosed.slice(4).includes('\n---'), 'one fence only');
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': unclosed });
  const build = await runCli(['build'], { cwd: root });
  assert.equal(build.code, 0, build.stderr);
  assert.match(build.stdout, /Built dist: 1 issue /);
  const withDrafts = await runCli(['build', '--drafts', '--out', 'with-drafts'], { cwd: root });
  assert.equal(withDrafts.code, 1);
  assert.match(withDrafts.stderr, /Cannot publish issues\/0002-b\.md:1:1: Unclosed frontmatter/);
});

test('with --drafts, or when it does not say it is a draft, an unreadable issue fails the build at its line', async () => {
  const draft = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': broken('draft') });
  const withDrafts = await runCli(['build', '--drafts'], { cwd: draft });
  assert.equal(withDrafts.code, 1);
  assert.match(withDrafts.stderr, /Cannot publish .*0002-b\.md:\d+:\d+: /);
  for (const status of ['sent', 'ready', 'draft\nstatus: sent']) {
    const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': broken(status) });
    const build = await runCli(['build'], { cwd: root });
    assert.equal(build.code, 1, status);
    assert.match(build.stderr, /Cannot publish .*0002-b\.md:\d+:\d+: /, status);
  }
});

test('every issue that cannot be published is named in one build, at its line and from the newsletter folder: unreadable, unrenderable, and numbers taken twice', async () => {
  // Only the full parse finds Markdown nested deeper than paperboy reads (limits.ts); the frontmatter reads fine.
  const deep = cleanIssue({ number: 3 }).replace('Smooth metrics show', `${'> '.repeat(200)}Smooth metrics show`);
  const root = makeRoot({
    'issues/0001-a.md': cleanIssue({ number: 1 }),
    'issues/0002-b.md': broken('sent'),
    'issues/0003-c.md': deep,
    'issues/0004-d.md': cleanIssue({ number: 4 }),
    'issues/0005-d-again.md': cleanIssue({ number: 4 }),
  });
  const build = await runCli(['build'], { cwd: root });
  assert.equal(build.code, 1);
  const named = [...build.stderr.matchAll(/^ {2}Cannot publish (\S+?):(\d+):(\d+): (.*)$/gm)].map(([, path, line, , message]) => `${path}:${line} ${message!.slice(0, 40)}`);
  assert.equal(named.length, 4, build.stderr);
  assert.match(build.stderr, /^paperboy: Cannot publish 4 issues:$/m);
  assert.deepEqual(
    named.map((line) => line.split(' ')[0]),
    ['issues/0002-b.md:15', 'issues/0003-c.md:16', 'issues/0004-d.md:2', 'issues/0005-d-again.md:2'],
    build.stderr,
  );
  assert.match(build.stderr, /issues\/0004-d\.md:2:9: Unexpected issue number 4, also issues\/0005-d-again\.md's/);
  assert.ok(!existsSync(join(root, 'dist')), 'nothing written');
});

test('an issue whose date cannot be read fails the build at its date (its feeds said 1 January 1970, its page an empty time)', async () => {
  for (const date of ['2023-1-5', '2023-10-29T10:00:00Z', 'next week']) {
    const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2 }).replace(/^date: .*$/m, `date: ${date}`) });
    const build = await runCli(['build'], { cwd: root });
    assert.equal(build.code, 1, date);
    assert.match(build.stderr, /Cannot publish issues\/0002-b\.md:4:7: Unexpected `date` value .*, expected a date as YYYY-MM-DD/, date);
    assert.ok(!existsSync(join(root, 'dist')), date);
  }
});

test('an issue whose date names no day fails the build at its date, as lint says (its feeds said 1 January 1970 for month 31, 2 March for 30 February)', async () => {
  const cases = { '2023-31-05': 'there is no month 31', '2023-02-30': 'February 2023 has 28 days' };
  for (const [date, why] of Object.entries(cases)) {
    const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2, date }) });
    const build = await runCli(['build'], { cwd: root });
    assert.equal(build.code, 1, date);
    assert.match(build.stderr, new RegExp(`Cannot publish issues/0002-b\\.md:4:7: Unexpected date \`${date}\` \\(${why}\\), expected a real calendar date \\(date-valid\\)`), date);
    assert.ok(!existsSync(join(root, 'dist')), date);
  }
});

test('an issue whose status is none the format knows (`published`, `Ready`) fails the build at its status, with or without --drafts; it did not vanish from the archive unsaid', async () => {
  for (const status of ['published', 'Ready']) {
    const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2, status }) });
    for (const argv of [['build'], ['build', '--drafts']]) {
      const build = await runCli(argv, { cwd: root });
      assert.equal(build.code, 1, `${status} ${argv.join(' ')}`);
      assert.match(
        build.stderr,
        new RegExp(`Cannot publish issues/0002-b\\.md:6:9: Unexpected \`status\` value \`${status}\`, expected one of \`draft\`, \`ready\`, \`sent\`; write \`status: ready\` \\(or \`sent\`\\) to publish the issue, \`status: draft\` to leave it out`),
        `${status} ${argv.join(' ')}`,
      );
      assert.ok(!existsSync(join(root, 'dist')), status);
    }
  }
});

test('an issue number not written as digits (`1e3`, read by YAML as 1000) fails the build at its line, naming the digits to write', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2 }).replace('number: 2', 'number: 1e3') });
  const build = await runCli(['build'], { cwd: root });
  assert.equal(build.code, 1);
  assert.match(build.stderr, /Cannot publish .*0002-b\.md:2:9: Unexpected `number` written as `1e3` \(an exponent\), expected plain digits: `number: 1000`/);
  assert.ok(!existsSync(join(root, 'dist')));
});

test('a cross-reference that leads nowhere is published as its text, and every build that renders or reuses the issue says where', async () => {
  const root = makeRoot({
    'issues/0001-a.md': cleanIssue({ number: 1 }),
    'issues/0002-b.md': cleanIssue({ number: 2, body: 'See [the lost paper](paper:9999.99999) and [issue 7](issue:7).' }),
  });
  const first = await runCli(['build'], { cwd: root });
  assert.equal(first.code, 1, first.stderr);
  const lines = first.stderr.split('\n').filter((line) => line.includes('xref-unknown'));
  assert.equal(lines.length, 2, first.stderr);
  assert.match(lines[0]!, /^issues\/0002-b\.md:\d+:\d+ +error +Unexpected reference `paper:9999\.99999`.*; the link is left out, its text shown +xref-unknown$/);
  assert.match(lines[1]!, /^issues\/0002-b\.md:\d+:\d+ +error +Unexpected reference `issue:7`/);
  assert.match(readFileSync(join(root, 'dist', 'issues', '2', 'index.html'), 'utf8'), /See the lost paper and issue 7\./);
  const reused = await runCli(['build', '--out', 'again'], { cwd: root });
  assert.match(reused.stdout, /0 rendered, 2 unchanged/);
  assert.equal(reused.stderr, first.stderr);
});

test('retitling an issue re-renders it and the issues whose links lead to it or read every issue, not the others; the rebuild equals a clean build', async () => {
  const paperOf = (n: number) => `  - title: Paper ${n}\n    url: https://example.org/paper-${n}\n    summary: Text ${n}.\n`;
  const root = makeRoot({
    'issues/0001-a.md': cleanIssue({ number: 1, title: 'First' }),
    'issues/0002-b.md': cleanIssue({ number: 2, title: 'Second', papers: paperOf(2), body: 'As [issue 1](issue:1) said.' }),
    'issues/0003-c.md': cleanIssue({ number: 3, title: 'Third', papers: paperOf(3) }),
    // A link that leads nowhere: its hint names the newest issue, read of every issue.
    'issues/0004-d.md': cleanIssue({ number: 4, title: 'Fourth', papers: paperOf(4), body: 'See [issue 9](issue:9).' }),
  });
  assert.equal((await runCli(['build'], { cwd: root })).code, 1);
  const retitle = (name: string, from: string, to: string) => writeFileSync(join(root, 'issues', name), readFileSync(join(root, 'issues', name), 'utf8').replace(`title: ${from}`, `title: ${to}`));
  retitle('0001-a.md', 'First', 'First, retitled');
  const linked = await runCli(['build'], { cwd: root });
  assert.match(linked.stdout, /\(3 rendered, 1 unchanged\)/, 'issues 1, 2 (links to 1) and 4 (read every issue)');
  retitle('0003-c.md', 'Third', 'Third, retitled');
  const unlinked = await runCli(['build'], { cwd: root });
  assert.match(unlinked.stdout, /\(2 rendered, 2 unchanged\)/, 'issues 3 and 4');
  assert.equal((await runCli(['build', '--no-cache', '--out', 'clean'], { cwd: root })).code, 1);
  assert.deepEqual(pagesDigest(join(root, 'dist')), pagesDigest(join(root, 'clean')));
});

/** An edit of what other issues' links resolve against (issue/corpus.ts): an issue's title, status or papers, issues gone, links added. */
type FactsEdit =
  | { kind: 'retitle issue' | 'retitle paper' | 'toggle draft' | 'delete'; issue: number }
  | { kind: 'cover again'; issue: number; from: number }
  | { kind: 'link'; issue: number; to: number };

const ISSUES = 8;
// The newest issues often (writeCorpus makes the last a draft): a link that leads nowhere names the newest published one in its hint.
const issueNumber = fc.oneof(fc.constantFrom(ISSUES - 1, ISSUES), fc.integer({ min: 1, max: ISSUES }));
const factsEdit: fc.Arbitrary<FactsEdit> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constantFrom('retitle issue' as const, 'retitle paper' as const, 'toggle draft' as const, 'delete' as const), issue: issueNumber }), weight: 2 },
  fc.record({ kind: fc.constant('cover again' as const), issue: issueNumber, from: issueNumber }),
  // Often one past the last issue: a link that leads nowhere, whose hint reads every issue.
  fc.record({ kind: fc.constant('link' as const), issue: issueNumber, to: fc.oneof(fc.constant(ISSUES + 1), fc.integer({ min: 1, max: ISSUES + 1 })) }),
);

/** Applies `edit` to the corpus at `root` (an issue deleted before is left alone); `round` makes each new title new. */
function applyEdit(root: string, edit: FactsEdit, round: number): void {
  const file = issueFile(root, edit.issue);
  if (!file) return;
  const text = readFileSync(file, 'utf8');
  switch (edit.kind) {
    case 'retitle issue':
      return writeFileSync(file, text.replace(/^title: "(.*)"$/m, `title: "$1 ${round}"`));
    case 'retitle paper':
      return writeFileSync(file, text.replace(/^ {2}- title: (.*)$/m, `  - title: "Retitled paper ${round}"`));
    case 'toggle draft':
      return writeFileSync(file, text.includes('\nstatus: draft\n') ? text.replace('\nstatus: draft\n', '\nstatus: sent\n') : text.replace(/\nstatus: \w+\n/, '\nstatus: draft\n'));
    case 'delete':
      return rmSync(file);
    case 'cover again': {
      const arxiv = firstArxiv(root, edit.from);
      if (!arxiv) return;
      return writeFileSync(file, text.replace(/^( {4}url: ).*\n {4}arxiv: .*$/m, `$1https://arxiv.org/abs/${arxiv}\n    arxiv: "${arxiv}"`));
    }
    case 'link':
      return writeFileSync(file, text.replace('<!-- papers -->', `As [issue ${edit.to}](issue:${edit.to}) said (${round}).\n\n<!-- papers -->`));
  }
}

test('property: after any sequence of edits to what links resolve against (titles, drafts, papers covered again, issues deleted, links added), each rebuild equals a clean build, and says what a clean build says', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(factsEdit, { minLength: 2, maxLength: 4 }), fc.integer({ min: 1, max: 1000 }), async (edits, seed) => {
      const root = mkdtempSync(join(tmpdir(), 'paperboy-reads-'));
      try {
        await writeCorpus(root, { issues: ISSUES, seed });
        // From the start, a link that leads nowhere: its hint names the newest published issue, which later edits may change.
        applyEdit(root, { kind: 'link', issue: 2, to: ISSUES + 1 }, -1);
        const build = async (outDir: string, cache: boolean) => buildSite(await loadConfig(root), { outDir: join(root, outDir), drafts: false, cache });
        await build('dist', true);
        for (const [round, edit] of edits.entries()) {
          applyEdit(root, edit, round);
          const rebuilt = await build('dist', true);
          rmSync(join(root, 'clean'), { recursive: true, force: true });
          const cleanBuild = await build('clean', false);
          const after = `after ${JSON.stringify(edits.slice(0, round + 1))}`;
          assert.deepEqual(pagesDigest(join(root, 'dist')), pagesDigest(join(root, 'clean')), after);
          // What the build says it published without (a link's hint names the newest issue): as a clean build says it.
          assert.deepEqual(rebuilt.unread, cleanBuild.unread, after);
        }
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }),
    { numRuns: 6 },
  );
});

test('publishing lets go of every issue text once rendered, here or by a render worker', async () => {
  // A build holds every issue's source: kept from the facts' read, 1,000 texts were 34 MB of its main process to its end.
  const files = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`issues/${String(i + 1).padStart(4, '0')}-x.md`, cleanIssue({ number: i + 1, title: `Issue ${i + 1}` })]));
  const workspace = await Workspace.load(await loadConfig(makeRoot(files)));
  const released = new Set<string>();
  for (const file of workspace.issueFiles) {
    const release = file.source.release!.bind(file.source);
    file.source.release = () => {
      released.add(file.path);
      release();
    };
  }
  // With the cache on, 30 issues are rendered on every core (published.ts `renderOnEveryCore`).
  const published = await publishedIssues(workspace, { drafts: false, cache: true });
  assert.deepEqual([...released].sort(), workspace.issueFiles.map((file) => file.path).sort());
  assert.equal(published.rendered, 30);
  assert.deepEqual(published.issues.map((issue) => issue.title), Array.from({ length: 30 }, (_, i) => `Issue ${i + 1}`));
  assert.match(published.rendering(30).email.text, /Smooth metrics show/);
});

test('a draft over a content limit is skipped by build, as every draft is; one that does not say it is a draft stops it', async () => {
  // Refused before its frontmatter is parsed (50,001 lines): its `status: draft` line is read as written.
  const over = (status: string) => cleanIssue({ number: 2, status, body: '```\nCODE\n```' }).replace('CODE', Array.from({ length: 50_001 }, () => 'x').join('\n'));
  const draft = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': over('draft') });
  const build = await runCli(['build'], { cwd: draft });
  assert.equal(build.code, 0, build.stderr);
  assert.match(build.stdout, /Built dist: 1 issue /);
  const ready = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': over('ready') });
  const stopped = await runCli(['build'], { cwd: ready });
  assert.equal(stopped.code, 1);
  assert.match(stopped.stderr, /Cannot publish issues\/0002-b\.md:\d+:\d+: Unexpected file with more than 50,000 lines/);
});

test('build says how many drafts it left out (three issue files, "2 issues" built), and nothing of drafts with --drafts or without any', async () => {
  const root = makeRoot({
    'issues/0001-a.md': cleanIssue({ number: 1 }),
    'issues/0002-b.md': cleanIssue({ number: 2 }),
    'issues/0003-c.md': cleanIssue({ number: 3, status: 'draft' }),
  });
  const build = await runCli(['build'], { cwd: root });
  assert.equal(build.code, 0, build.stderr);
  assert.match(build.stdout, /^Built dist: 2 issues \(2 rendered, 0 unchanged\), .* written\)\. 1 draft left out \(`paperboy serve --dev` shows it\)\.\n$/);
  const withDrafts = await runCli(['build', '--drafts', '--out', 'preview-site'], { cwd: root });
  assert.equal(withDrafts.code, 0, withDrafts.stderr);
  assert.match(withDrafts.stdout, /^Built preview-site: 3 issues .* written\)\.\n$/);
  const none = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }) });
  assert.match((await runCli(['build'], { cwd: none })).stdout, /^Built dist: 1 issue .* written\)\.\n$/);
});

test('a change of the server’s subscribe settings (allowed origins, the cap on confirmations) re-renders no issue: they change no page or email', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2, title: 'Second' }) });
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  const config = join(root, 'paperboy.config.yaml');
  writeFileSync(config, `${readFileSync(config, 'utf8')}subscribe:\n  allowedOrigins: [https://blog.example.org]\n  confirmationsPerHour: 50\n`);
  const rebuilt = await runCli(['build'], { cwd: root });
  assert.equal(rebuilt.code, 0, rebuilt.stderr);
  assert.match(rebuilt.stdout, /\(0 rendered, 2 unchanged\)|2 unchanged/, rebuilt.stdout);
  assert.doesNotMatch(rebuilt.stdout, /[12] rendered/, rebuilt.stdout);
});

test("build says an issue's image of the site whose file staticDir lacks at its line and column, with the file likely meant, on every build until the file is there, and then no more", async () => {
  // A private note's image is in nothing published: lint says it (the reviewers' proof shows notes), the build never says it published it broken.
  // Not yet sent: the build lints it, and says lint's error of the note's image too.
  const text = cleanIssueWithMarkdown({ notes: 'Draft chart: ![later](img/later.png)' }, { status: 'ready', body: 'The curves:\n\n![Loss curves](img/Loss.png)' });
  const newsletter = makeRoot({ 'issues/0001-a.md': text, 'static/img/loss.png': Buffer.from([0x89, 0x50]) });
  const warning =
    /^issues\/0001-a\.md:25:1 +error {2}Unexpected image `img\/Loss\.png`: `static\/img\/Loss\.png` does not exist, so the image is broken in the email and on the page; expected `img\/loss\.png` \(`static\/img\/loss\.png`\); published with it broken {2}image-file-missing\npaperboy: published 1 issue with those 2 errors/m;
  const note = /^issues\/0001-a\.md:20:20 +error +Unexpected image `img\/later\.png`: `static\/img\/later\.png` does not exist, so the image is broken in the email and on the page; expected .* +image-file-missing$/m;
  const first = await runCli(['build'], { cwd: newsletter });
  // Lint errors: the site is written, and the build exits 1 (cli/build.ts).
  assert.equal(first.code, 1, first.stderr);
  assert.match(first.stderr, warning);
  assert.match(first.stderr, note);
  // Up to date, the build says it again.
  assert.match((await runCli(['build'], { cwd: newsletter })).stderr, warning);
  // The file added under the name written: the issue comes from the cache, and is seen to show it now; the note's image is lint's alone.
  writeFileSync(join(newsletter, 'static', 'img', 'Loss.png'), Buffer.from([0x89, 0x50]));
  const added = await runCli(['build'], { cwd: newsletter });
  assert.match(added.stdout, /\(0 rendered, 1 unchanged\)/);
  assert.doesNotMatch(added.stderr, /:25:1|published with it broken/);
  assert.match(added.stderr, note);
  // And removed again: said again, the issue still from the cache.
  rmSync(join(newsletter, 'static', 'img', 'Loss.png'));
  const removed = await runCli(['build'], { cwd: newsletter });
  assert.match(removed.stdout, /\(0 rendered, 1 unchanged\)/);
  assert.match(removed.stderr, warning);
});
