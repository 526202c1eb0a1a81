import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isPaperboyError, PaperboyError } from '../../src/errors.js';
import { BUILTIN_TEMPLATES_DIR } from '../../src/render/template-files.js';
import { currentTemplates, loadTemplates } from '../../src/render/templates.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';
import { renderAll, rootWith } from '../helpers/render.js';

test('templates: the built-in set has both emails and the header, paper, section and footer partials', () => {
  const names = [...loadTemplates().files.keys()];
  for (const name of ['email.html', 'email.txt', 'partials/header.html', 'partials/paper.html', 'partials/section.html', 'partials/footer.html']) {
    assert.ok(names.includes(name), `missing ${name}`);
  }
  assert.ok(loadTemplates().files.get('email.html')!.startsWith(BUILTIN_TEMPLATES_DIR));
});

test("templates: a file in the root's templatesDir overrides the built-in partial of the same name", async () => {
  const { root } = await rootWith(
    { '0001-a.md': cleanIssue() },
    {
      'templates/partials/footer.html.hbs': '<p class="custom-footer">Sent with care to you. {{newsletter.postalAddress}} <a href="{{links.unsubscribe}}">Leave</a></p>',
      'templates/email.txt.hbs': 'Custom text for #{{issue.number}}: {{links.unsubscribe}}, {{newsletter.postalAddress}}\n',
    },
  );
  const { html, text } = await renderAll(root, '1');
  assert.match(html, /class="custom-footer"[^>]*>Sent with care to you\. 1 Example Street/);
  assert.match(html, /<a href="https:\/\/news\.example\.org\/unsubscribe\?token=PLACEHOLDER"[^>]*>Leave<\/a>/);
  assert.doesNotMatch(html, /because you subscribed/);
  assert.equal(text, 'Custom text for #1: https://news.example.org/unsubscribe?token=PLACEHOLDER, 1 Example Street, Example City\n');
});

function templateError(files: Record<string, string>): PaperboyError {
  const root = makeRoot(files);
  try {
    loadTemplates(join(root, 'templates')).render('email.html', { issue: { title: 'x' }, papers: [] });
  } catch (error) {
    assert.ok(isPaperboyError(error), String(error));
    return error;
  }
  assert.fail('expected a template error');
}

test('templates: a syntax error names the template file, line and column, and says what was expected in template syntax', () => {
  const cases: [source: string, expected: RegExp][] = [
    ['<div>\n{{#if title}}\n<p>unclosed</p>\n', /paper\.html\.hbs:2:1: Unexpected end of the template inside the block `\{\{#if\}\}` opened here, expected `\{\{\/if\}\}` to close it$/],
    ['<p>\n  {{title}\n', /paper\.html\.hbs:2:10: Unexpected `\}`, expected `\}\}` to close the `\{\{` before it$/],
    ['<p>\n  {{title\n', /paper\.html\.hbs:3:1: Unexpected end of the template, expected `\}\}` to close the `\{\{` before it$/],
    ['<p>{{title}}</p>{{/if}}\n', /paper\.html\.hbs:1:17: Unexpected `\{\{\/`, expected it only after its block was opened with `\{\{#…\}\}`$/],
    ['<p>\n {{!-- a note}}\n', /paper\.html\.hbs:2:2: Unexpected `\{\{!--` comment that is never closed, expected `--\}\}` after it$/],
    ['{{#each papers}}\n{{/with}}\n', /paper\.html\.hbs:1:4: Unexpected `\{\{\/with\}\}` at 2:1 closing the block `\{\{#each\}\}` opened here, expected `\{\{\/each\}\}`$/],
  ];
  for (const [source, expected] of cases) {
    const error = templateError({ 'templates/partials/paper.html.hbs': source });
    assert.equal(error.code, 'TEMPLATE_ERROR');
    assert.match(error.message, expected);
    assert.doesNotMatch(error.message, /Expecting|'CLOSE'|\n/);
  }
});

test('templates: a runtime error names the template file, line and column, even inside a partial', () => {
  const error = templateError({
    'templates/email.html.hbs': '<html>\n{{> broken.html}}\n</html>\n',
    'templates/partials/broken.html.hbs': '<p>\n\n{{issue.misspelt}}</p>\n',
  });
  assert.match(error.message, /templates\/partials\/broken\.html\.hbs:3:3: Unexpected field `misspelt`, expected a field of the view model$/);
});

test('templates: a partial no file provides is an error when the templates load, at the call', () => {
  const root = makeRoot({ 'templates/email.html.hbs': '<html>\n{{#if review}}\n  {{> nowhere}}\n{{/if}}\n</html>\n' });
  assert.throws(
    () => loadTemplates(join(root, 'templates')),
    (error: PaperboyError) => {
      assert.equal(error.code, 'TEMPLATE_ERROR');
      assert.match(error.message, /templates\/email\.html\.hbs:3:3: Unexpected partial `nowhere`, expected one of `footer\.html`, /);
      return true;
    },
  );
});

/** The built-in partial `name` (`header.html`) with `line` added after its line `after`. */
function builtinPartialWith(name: string, after: number, line: string): string {
  const lines = readFileSync(join(BUILTIN_TEMPLATES_DIR, 'partials', `${name}.hbs`), 'utf8').split('\n');
  return [...lines.slice(0, after), line, ...lines.slice(after)].join('\n');
}

test('templates: partials that include each other outside a block are refused when the templates load, at the call that closes the loop, naming the chain', async () => {
  const cases: [files: Record<string, string>, expected: RegExp][] = [
    [
      { 'templates/partials/header.html.hbs': builtinPartialWith('header.html', 2, '{{> header.html}}') },
      /templates\/partials\/header\.html\.hbs:3:1: Unexpected `\{\{> header\.html\}\}`, a partial loop without end \(header\.html → header\.html\), expected a partial to include itself only inside a block/,
    ],
    [
      {
        'templates/partials/header.html.hbs': builtinPartialWith('header.html', 2, '{{> footer.html}}'),
        'templates/partials/footer.html.hbs': builtinPartialWith('footer.html', 1, '<div>{{> header.html}}</div>'),
      },
      /templates\/partials\/footer\.html\.hbs:2:6: Unexpected `\{\{> header\.html\}\}`, a partial loop without end \(header\.html → footer\.html → header\.html\)/,
    ],
  ];
  for (const [files, expected] of cases) {
    const root = makeRoot(files);
    assert.throws(
      () => loadTemplates(join(root, 'templates')),
      (error: PaperboyError) => {
        assert.equal(error.code, 'TEMPLATE_ERROR');
        assert.match(error.message, expected);
        assert.match(error.hint ?? '', /Remove this call, or move it inside a block/);
        return true;
      },
    );
    // As every command that renders says it: render, lint (email-size), build.
    for (const command of [['render', '1'], ['lint', '--no-cache'], ['build']]) {
      const result = await runCli(command, { cwd: makeRoot({ ...files, 'issues/0001-a.md': cleanIssue({ status: 'draft' }) }) });
      assert.equal(result.code, 2, command.join(' '));
      assert.match(result.stderr, expected, command.join(' '));
      assert.doesNotMatch(result.stderr, /call stack/, command.join(' '));
    }
  }
});

test('templates: a partial may include itself inside a block (section.html over subsections); one whose block never ends is named at its call when the stack runs out', async () => {
  assert.doesNotThrow(() => loadTemplates(), 'the built-in section partial recurses over subsections');
  const endless = await emailTemplateError({
    'templates/partials/header.html.hbs': builtinPartialWith('header.html', 2, '{{#if issue.title}}{{> footer.html}}{{/if}}'),
    'templates/partials/footer.html.hbs': builtinPartialWith('footer.html', 1, '{{#with issue}}{{> header.html ..}}{{/with}}'),
  });
  assert.match(endless.message, /partials\/(header|footer)\.html\.hbs:\d+:\d+: Unexpected partial loop without end \((header\.html → footer\.html → header\.html|footer\.html → header\.html → footer\.html)\): the blocks around its calls never ended it/);
  assert.doesNotMatch(endless.message, /call stack/);
});

test('templates: a partial that includes itself by a name computed when it runs is named at that call when the stack runs out, outside a block or inside one', async () => {
  const cases: [line: string, expected: RegExp][] = [
    ['{{> (concat "foot" "er.txt")}}', /partials\/footer\.txt\.hbs:6:1: Unexpected partial loop without end \(footer\.txt → footer\.txt\) through this call, whose partial is named when it runs, outside any block/],
    ['{{#if newsletter.name}}{{> (concat "foot" "er.txt")}}{{/if}}', /partials\/footer\.txt\.hbs:6:24: Unexpected partial loop without end \(footer\.txt → footer\.txt\): the blocks around its calls never ended it/],
  ];
  for (const [line, expected] of cases) {
    const endless = await emailTemplateError({ 'templates/partials/footer.txt.hbs': builtinPartialWith('footer.txt', 5, line) });
    assert.match(endless.message, expected);
    assert.doesNotMatch(endless.message, /call stack|stack ran out/);
  }
});

test('templates: a partial block by a name no file provides renders its own content, a fallback rather than a misspelling', () => {
  const root = makeRoot({ 'templates/email.html.hbs': '<html>{{#> banner.html}}<p>{{issue.title}}</p>{{/banner.html}}</html>' });
  assert.equal(loadTemplates(join(root, 'templates')).render('email.html', { issue: { title: 'Fallback' } }), '<html><p>Fallback</p></html>');
});

/** The error rendering `email.html` of the sample issue 1 with these overrides gives. */
async function emailTemplateError(files: Record<string, string>): Promise<PaperboyError> {
  const { root } = await rootWith({ '0001-a.md': cleanIssue() }, files);
  const error = await renderAll(root, '1').then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  assert.ok(isPaperboyError(error), `expected a template error, got ${String(error)}`);
  assert.equal(error.code, 'TEMPLATE_ERROR');
  return error;
}

test("templates: a misspelt field in a block's or a helper's argument is an error at its line and column, not a silent omission", async () => {
  const paper = (line: string) => ({ 'templates/partials/paper.txt.hbs': `{{title}}\n${line}\n` });
  const cases: [files: Record<string, string>, expected: RegExp][] = [
    [paper('{{#if opinon}}{{opinion.text}}{{/if}}'), /paper\.txt\.hbs:2:7: Unexpected field `opinon`, expected `opinion`$/],
    [paper('{{#if xyzzy}}x{{/if}}'), /paper\.txt\.hbs:2:7: Unexpected field `xyzzy`, expected a field of the view model$/],
    [paper('{{#unless opinon}}none{{/unless}}'), /paper\.txt\.hbs:2:11: Unexpected field `opinon`/],
    [paper('{{#each tgas}}{{this}}{{/each}}'), /paper\.txt\.hbs:2:9: Unexpected field `tgas`/],
    [paper('{{#with summary}}{{txt}}{{/with}}'), /paper\.txt\.hbs:2:20: Unexpected field `txt`/],
    [paper('{{wrap titel}}'), /paper\.txt\.hbs:2:8: Unexpected field `titel`/],
    [paper('{{wrap (concat "By " authorsLien)}}'), /paper\.txt\.hbs:2:22: Unexpected field `authorsLien`/],
    [paper('{{wrap title indent=indnt}}'), /paper\.txt\.hbs:2:21: Unexpected field `indnt`/],
    [paper('{{#if opinon.text}}x{{/if}}'), /paper\.txt\.hbs:2:7: Unexpected `opinon\.text`: `opinon` has no value here, expected `opinion\.text`$/],
    [paper('{{#if xyzzy.text}}x{{/if}}'), /paper\.txt\.hbs:2:7: Unexpected `xyzzy\.text`: `xyzzy` has no value here, expected a field of the view model: check the spelling of `xyzzy`, or read an optional field inside `\{\{#if xyzzy\}\}`$/],
    [paper('{{summry.text.length}}'), /paper\.txt\.hbs:2:3: Unexpected `summry\.text\.length`: `summry` has no value here/],
    [paper('{{wrapp title}}'), /paper\.txt\.hbs:2:3: Unexpected helper `wrapp`, expected `wrap`$/],
    [paper('{{#if title.length}}x{{/if}}'), /paper\.txt\.hbs:2:7: Unexpected `title\.length`: `title` is a text or a number, which has no fields, expected `title` alone$/],
    [{ 'templates/email.html.hbs': '<html>\n{{#each sectons}}{{> section.html}}{{/each}}\n</html>' }, /email\.html\.hbs:2:9: Unexpected field `sectons`/],
  ];
  for (const [files, expected] of cases) assert.match((await emailTemplateError(files)).message, expected);
});

test('templates: a misspelt field names the field it likely meant, written as where it is read: the view, a block\'s item, `this`, `../`, a block parameter, `@root`', async () => {
  const header = (line: string) => ({ 'templates/partials/header.html.hbs': `<p>{{newsletter.name}}</p>\n${line}\n` });
  const root = '\\(here a name is read from the current context, a block\'s item or what a partial was given; `@root\\.` reads it from the whole view\\)$';
  const cases: [files: Record<string, string>, expected: RegExp][] = [
    [header('<h1>{{issue.titel}}</h1>'), /header\.html\.hbs:2:7: Unexpected field `titel`, expected `issue\.title`$/],
    [header('<h1>{{newsletter.nmae}}</h1>'), /header\.html\.hbs:2:7: Unexpected field `nmae`, expected `newsletter\.name`$/],
    [header('<h1>{{isue.title}}</h1>'), /header\.html\.hbs:2:7: Unexpected `isue\.title`: `isue` has no value here, expected `issue\.title`$/],
    [header('{{#each papers}}{{titel}}{{/each}}'), /header\.html\.hbs:2:19: Unexpected field `titel`, expected `title`$/],
    [header('{{#each papers}}{{#if opinon}}x{{/if}}{{/each}}'), /header\.html\.hbs:2:23: Unexpected field `opinon`, expected `opinion`$/],
    [header('{{#each papers}}{{this.sumary.html}}{{/each}}'), /header\.html\.hbs:2:19: Unexpected `this\.sumary\.html`: `this\.sumary` has no value here, expected `this\.summary\.html`$/],
    [header('{{#each papers}}{{../issue.titel}}{{/each}}'), /header\.html\.hbs:2:19: Unexpected field `titel`, expected `\.\.\/issue\.title`$/],
    [header('{{#each papers as |paper|}}{{paper.sumary.html}}{{/each}}'), /header\.html\.hbs:2:30: Unexpected `paper\.sumary\.html`: `paper\.sumary` has no value here, expected `paper\.summary\.html`$/],
    [header('{{#each sections as |section|}}{{#each section.papers as |paper|}}{{#if paper.opinon}}x{{/if}}{{/each}}{{/each}}'), /header\.html\.hbs:2:73: Unexpected field `opinon`, expected `paper\.opinion`$/],
    [header('{{#each papers}}{{@root.issue.titel}} {{@indx}}{{/each}}'), /header\.html\.hbs:2:19: Unexpected field `titel`, expected `@root\.issue\.title`$/],
    [header('{{#each papers}}{{@indx}}{{/each}}'), /header\.html\.hbs:2:19: Unexpected field `indx`, expected `@index`$/],
    [header('{{#each papers}}{{issue.title}}{{/each}}'), new RegExp(`header\\.html\\.hbs:2:19: Unexpected \`issue\\.title\`: \`issue\` has no value here, expected \`@root\\.issue\\.title\` ${root}`)],
    [header('{{#each papers}}{{issue.titel}}{{/each}}'), new RegExp(`Unexpected \`issue\\.titel\`: \`issue\` has no value here, expected \`@root\\.issue\\.title\` ${root}`)],
    [{ 'templates/partials/paper.txt.hbs': '{{title}}\n{{newsletter.name}}\n' }, new RegExp(`paper\\.txt\\.hbs:2:3: Unexpected \`newsletter\\.name\`: \`newsletter\` has no value here, expected \`@root\\.newsletter\\.name\` ${root}`)],
  ];
  for (const [files, expected] of cases) assert.match((await emailTemplateError(files)).message, expected);
});

test('templates: a field written without the part of the view that holds it ({{editor}}) names the path to write (`issue.editor`)', async () => {
  const footer = (line: string) => ({ 'templates/partials/footer.html.hbs': `${line}\n<p><a href="{{links.unsubscribe}}">Unsubscribe</a> {{newsletter.postalAddress}}</p>\n` });
  const cases: [files: Record<string, string>, expected: RegExp][] = [
    [footer('<p>Edited by {{editor}}</p>'), /footer\.html\.hbs:1:16: Unexpected field `editor`, expected `issue\.editor`$/],
    [footer('<p>{{#if editor}}{{issue.editor}}{{/if}}</p>'), /footer\.html\.hbs:1:10: Unexpected field `editor`, expected `issue\.editor`$/],
    [footer('<p>{{postalAddress}}</p>'), /footer\.html\.hbs:1:6: Unexpected field `postalAddress`, expected `newsletter\.postalAddress`$/],
    [footer('<a href="{{viewInBrowser}}">View</a>'), /footer\.html\.hbs:1:12: Unexpected field `viewInBrowser`, expected `links\.viewInBrowser`$/],
    [footer('<a href="{{unsubscribe}}">Leave</a>'), /footer\.html\.hbs:1:12: Unexpected field `unsubscribe`, expected `links\.unsubscribe`$/],
    // A name no part of the view holds gets no guess.
    [footer('<p>{{wibble}}</p>'), /footer\.html\.hbs:1:6: Unexpected field `wibble`, expected a field of the view model$/],
  ];
  for (const [files, expected] of cases) assert.match((await emailTemplateError(files)).message, expected);
});

test('templates: a misspelt field read through a block parameter is an error, as any other path, not a silent omission', async () => {
  const error = await emailTemplateError({ 'templates/partials/paper.txt.hbs': '{{title}}\n{{#each @root.papers as |other|}}{{other.titel}}{{/each}}\n' });
  assert.match(error.message, /paper\.txt\.hbs:2:36: Unexpected field `titel`, expected `other\.title`$/);
  const { root } = await rootWith({ '0001-a.md': cleanIssue() }, { 'templates/partials/paper.txt.hbs': '{{#each tags as |tag index|}}{{index}}={{tag}} {{/each}}{{#with this as |paper|}}{{paper.title}}{{/with}}\n' });
  assert.match((await renderAll(root, '1')).text, /0=\S+ 1=\S+ Are Emergent Abilities/);
});

test("templates: a field read of nothing is named whole, its parent as written, and the suggestion is a template's syntax", async () => {
  const paper = (line: string) => ({ 'templates/partials/paper.txt.hbs': `{{title}}\n${line}\n` });
  const cases: [line: string, expected: RegExp][] = [
    ['{{xyzzy.[titl]}}', /paper\.txt\.hbs:2:3: Unexpected `xyzzy\.\[titl\]`: `xyzzy` has no value here, expected a field of the view model: check the spelling of `xyzzy`, or read an optional field inside `\{\{#if xyzzy\}\}`$/],
    ['{{../opinon}}', /paper\.txt\.hbs:2:3: Unexpected `\.\.\/opinon`: no block of this template encloses the context here .*, so `\.\.` has no value, .*; for a field of this context \(its spelling checked\), write `opinon` without `\.\.\/`$/],
    ['{{../issue}}', /paper\.txt\.hbs:2:3: Unexpected `\.\.\/issue`: no block of this template encloses the context here .*, so `\.\.` has no value, expected `@root\.issue` \(here a name is read from the current context/],
    ['{{../../x}}', /paper\.txt\.hbs:2:3: Unexpected `\.\.\/\.\.\/x`: .*, so `\.\.\/\.\.` has no value, .*; for a field of this context \(its spelling checked\), write `x` without `\.\.\/\.\.\/`$/],
  ];
  for (const [line, expected] of cases) assert.match((await emailTemplateError(paper(line))).message, expected);
});

test('templates: an optional field without a value is still a field: {{#if}} on it renders the other branch', async () => {
  const papers = `  - title: Without an opinion
    url: https://example.com/p
    summary: |
      Only a summary.
`;
  const { root } = await rootWith(
    { '0001-a.md': cleanIssue({ papers }) },
    { 'templates/partials/paper.txt.hbs': '{{title}}: {{#if opinion}}{{opinion.text}}{{else}}no opinion{{/if}}{{#if via}} via {{via}}{{/if}}\n' },
  );
  assert.match((await renderAll(root, '1')).text, /Without an opinion: no opinion\n/);
});

test('templates: a helper called with the wrong arguments is an error at the call, saying what it takes', async () => {
  const footer = (line: string) => ({ 'templates/partials/footer.txt.hbs': `{{links.unsubscribe}}\n{{newsletter.postalAddress}}\n  ${line}\n` });
  const cases: [line: string, expected: RegExp][] = [
    ['{{wrap}}', /footer\.txt\.hbs:3:3: Unexpected 0 arguments to `wrap`, expected 1 argument, as in `\{\{wrap authorsLine indent=" {2}"\}\}`$/],
    ['{{counted "paper"}}', /footer\.txt\.hbs:3:3: Unexpected 1 argument to `counted`, expected 2 or 3 arguments, as in `\{\{counted paperCount "paper"\}\}`$/],
    ['{{counted "paper" 3}}', /footer\.txt\.hbs:3:3: Unexpected text "paper" as the count of `counted`, expected a number/],
    ['{{wrap issue}}', /footer\.txt\.hbs:3:3: Unexpected object \(a group of fields: name one of them, as in `summary\.text`\) as the text of `wrap`, expected a text or a number/],
    ['{{wrap issue.title indnet="  "}}', /footer\.txt\.hbs:3:3: Unexpected option `indnet=` of `wrap`, expected one of `indent=`, `hang=`, `noOrphan=`/],
    ['{{join issue.title}}', /footer\.txt\.hbs:3:3: Unexpected text "[^"]+" as the list of `join`, expected a list/],
    ['{{lineBreaks issue}}', /footer\.txt\.hbs:3:3: Unexpected object \(a group of fields: name one of them, as in `summary\.text`\) as the text of `lineBreaks`, expected a text or a number, as in `\{\{lineBreaks newsletter\.postalAddress\}\}`$/],
    ['{{isolate issue}}', /footer\.txt\.hbs:3:3: Unexpected object \(a group of fields: name one of them, as in `summary\.text`\) as the value of `isolate`, expected a text or a number or a list, as in `\{\{isolate title\}\}`$/],
    ['{{isolate papers}}', /footer\.txt\.hbs:3:3: Unexpected list whose items are not pieces of a line \(`text` and `after`\) as the value of `isolate`, expected a text or a list such as `authorsBriefListed`; isolate a list of texts one at a time, `\{\{#each tags\}\}\{\{isolate this\}\}\{\{\/each\}\}`, as in `\{\{isolate title\}\}`$/],
    ['{{#if}}x{{/if}}', /footer\.txt\.hbs:3:3: Unexpected 0 arguments to `if`, expected 1 argument/],
    ['{{#each papers sections}}x{{/each}}', /footer\.txt\.hbs:3:3: Unexpected 2 arguments to `each`, expected 1 argument/],
  ];
  for (const [line, expected] of cases) assert.match((await emailTemplateError(footer(line))).message, expected);
});

test("templates: a helper that gives a value written as a block is an error at the call naming the fix, not its content dropped", async () => {
  const footer = (line: string) => ({ 'templates/partials/footer.txt.hbs': `{{links.unsubscribe}}\n{{newsletter.postalAddress}}\n  ${line}\n` });
  const block = (name: string) => `Unexpected block \`\\{\\{#${name}\\}\\}…\\{\\{/${name}\\}\\}\`: \`${name}\` gives a value, not a block, so the block's content would be dropped, expected`;
  const cases: [line: string, expected: RegExp][] = [
    ['A{{#eq 1 1}}BLOCKBODY{{else}}ELSE{{/eq}}Z', new RegExp(`footer\\.txt\\.hbs:3:4: ${block('eq')} inside \`\\{\\{#if\\}\\}\`, as in \`\\{\\{#if \\(eq depth 1\\)\\}\\}…\\{\\{else\\}\\}…\\{\\{/if\\}\\}\`$`)],
    ['{{#wrap "x"}}BLOCKBODY{{/wrap}}', new RegExp(`footer\\.txt\\.hbs:3:3: ${block('wrap')} it without \`#\` and \`\\{\\{/wrap\\}\\}\`, as in \`\\{\\{wrap authorsLine indent=" {2}"\\}\\}\`$`)],
    ['{{#counted 2 "paper"}}BODY{{/counted}}', new RegExp(`footer\\.txt\\.hbs:3:3: ${block('counted')} it without`)],
    ['{{^eq 1 2}}BODY{{/eq}}', new RegExp(`footer\\.txt\\.hbs:3:3: ${block('eq')} inside`)],
    ['{{#if false}}x{{else eq 1 1}}BODY{{/if}}', new RegExp(`footer\\.txt\\.hbs:3:17: ${block('eq')} inside`)],
  ];
  for (const name of ['join', 'concat', 'heading', 'rule', 'lineBreaks', 'lookup', 'isolate']) cases.push([`{{#${name} "a" "b"}}BODY{{/${name}}}`, new RegExp(`footer\\.txt\\.hbs:3:3: (?:${block(name)}|Unexpected)`)]);
  for (const [line, expected] of cases) assert.match((await emailTemplateError(footer(line))).message, expected, line);
});

test("templates: lookup of a field the object lacks, a heading's depth that is no Markdown level, and lookup without arguments are errors at the call", async () => {
  const paper = (line: string) => ({ 'templates/partials/paper.txt.hbs': `{{title}}\n  ${line}\n` });
  const cases: [line: string, expected: RegExp][] = [
    ['{{lookup this "opinon"}}', /paper\.txt\.hbs:2:3: Unexpected field `opinon` of `lookup`, expected `opinion`, as in `\{\{lookup this "opinion"\}\}`$/],
    ['{{lookup tags 7}}', /paper\.txt\.hbs:2:3: Unexpected index `7` of `lookup` in a list of \d+ items?, expected /],
    ['{{lookup}}', /paper\.txt\.hbs:2:3: Unexpected 0 arguments to `lookup`, expected 2 arguments/],
    ['{{lookup title "x"}}', /paper\.txt\.hbs:2:3: Unexpected text "[^"]*" as the object of `lookup`, expected an object \(a group of fields\) or a list/],
    ...['0', '-1', '9', '1.5'].map((depth): [string, RegExp] => [`{{heading title ${depth}}}`, new RegExp(`paper\\.txt\\.hbs:2:3: Unexpected \`${depth.replace('.', '\\.')}\` as the depth of \`heading\`, expected a whole number from 1 to 6`)]),
  ];
  for (const [line, expected] of cases) assert.match((await emailTemplateError(paper(line))).message, expected);
  const { root } = await rootWith({ '0001-a.md': cleanIssue() }, { 'templates/partials/paper.txt.hbs': '{{lookup this "title"}} {{lookup tags 0}}\n{{heading title 6}}\n' });
  assert.match((await renderAll(root, '1')).text, /Mirage\? emergence\nAre Emergent Abilities of Large Language Models a Mirage\?\n\.+\n/);
});

test('templates: {{ and }} in content stay inert text in every output', async () => {
  const papers = `  - title: "Braces {{newsletter.name}}"
    url: https://arxiv.org/abs/2304.15004
    summary: |
      Literal {{links.unsubscribe}} and {{> footer.html}} and {{{issue.title}}}.
`;
  const { root } = await rootWith({ '0001-a.md': cleanIssue({ papers, body: 'Body {{#each papers}}x{{/each}}' }) });
  const { html, text } = await renderAll(root, '1');
  for (const output of [html, text]) {
    assert.ok(output.includes('Braces {{newsletter.name}}'), 'title');
    assert.ok(output.includes('{{links.unsubscribe}}'), 'summary');
    assert.ok(output.includes('{{> footer.html}}') || output.includes('{{&gt; footer.html}}'), 'partial call');
    assert.ok(output.includes('{{{issue.title}}}'), 'triple stash');
    assert.ok(output.includes('Body {{#each papers}}x{{/each}}'), 'body');
  }
});

test('currentTemplates compiles again after a template is edited, and reuses the set while nothing changed (preview --watch, email-size)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-current-'));
  mkdirSync(join(dir, 'web'));
  const note = join(dir, 'web', 'message.html.hbs');
  writeFileSync(note, '<p>first {{label}}</p>');
  const first = currentTemplates(dir);
  assert.equal(first.render('web/message.html', { label: 'draft' }), '<p>first draft</p>');
  assert.equal(currentTemplates(dir), first);
  writeFileSync(note, '<p>edited {{label}}</p>');
  assert.equal(currentTemplates(dir).render('web/message.html', { label: 'draft' }), '<p>edited draft</p>');
});

test("templates: a template's {{log}} writes to standard error, never into the email `render` prints on standard output; level=\"debug\" says nothing, as Handlebars' logger", async () => {
  const { root } = await rootWith(
    { '0001-a.md': cleanIssue() },
    { 'templates/email.txt.hbs': '{{log "LOGGED" issue.number}}{{log "QUIET" level="debug"}}Text of #{{issue.number}}: {{links.unsubscribe}}, {{newsletter.postalAddress}}\n' },
  );
  const rendered = spawnCli(['render', '1', '--format', 'text'], { cwd: root });
  assert.equal(rendered.code, 0, rendered.stderr);
  assert.equal(rendered.stdout, 'Text of #1: https://news.example.org/unsubscribe?token=PLACEHOLDER, 1 Example Street, Example City\n');
  assert.match(rendered.stderr, /^LOGGED 1$/m);
  assert.doesNotMatch(rendered.stderr, /QUIET/);
});
