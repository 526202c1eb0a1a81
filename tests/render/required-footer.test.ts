import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isPaperboyError } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';
import { cleanIssue, CONFIG_YAML } from '../helpers/fixture.js';
import { renderAll, rootWith } from '../helpers/render.js';

const LINK_HTML = '<a href="{{links.unsubscribe}}">Unsubscribe</a>';

/** Renders issue 1 with these footers; the error it gives, or undefined. */
async function renderWith(footers: { html?: string; text?: string }, configYaml = CONFIG_YAML) {
  const files: Record<string, string> = {};
  if (footers.html !== undefined) files['templates/partials/footer.html.hbs'] = footers.html;
  if (footers.text !== undefined) files['templates/partials/footer.txt.hbs'] = footers.text;
  const { root } = await rootWith({ '0001-a.md': cleanIssue({ status: 'ready' }) }, { ...files, 'paperboy.config.yaml': configYaml });
  try {
    await renderAll(root, '1');
    await renderAll(root, '1', { review: { warnings: [] } });
    return { root, error: undefined };
  } catch (error) {
    assert.ok(isPaperboyError(error), String(error));
    return { root, error };
  }
}

test('an email part without the unsubscribe link or the postal address is a template error naming the template, what is missing and how to write it', async () => {
  const cases: [footers: { html?: string; text?: string }, expected: RegExp][] = [
    [{ html: '<p>{{newsletter.postalAddress}}</p>' }, /email\.html\.hbs: Missing the unsubscribe link as a visible link \(`<a href="\{\{links\.unsubscribe\}\}">…<\/a>`\) in the HTML email of issue 1 \(.*0001-a\.md\), expected in it or in a partial it includes, such as its footer, .*templates\/partials\/footer\.html\.hbs$/],
    [{ html: `<p>${LINK_HTML}</p>` }, /email\.html\.hbs: Missing the postal address as visible text \(`\{\{newsletter\.postalAddress\}\}`\) in the HTML email/],
    [{ text: 'Thanks for reading.\n' }, /email\.txt\.hbs: Missing the unsubscribe link \(`\{\{links\.unsubscribe\}\}`\) and the postal address \(`\{\{newsletter\.postalAddress\}\}`\) in the plaintext email of issue 1 \(.*\), expected .*footer\.txt\.hbs$/],
  ];
  for (const [footers, expected] of cases) {
    const { error } = await renderWith(footers);
    assert.ok(error, JSON.stringify(footers));
    assert.equal(error.code, 'TEMPLATE_ERROR');
    assert.equal(error.exitCode, 2);
    assert.match(error.message, expected);
    assert.match(error.hint!, /write `.*\{\{links\.unsubscribe\}\}.*` and `\{\{newsletter\.postalAddress\}\}` in the footer/);
  }
});

test('the postal address counts wrapped over lines in the plaintext and escaped or not in the HTML', async () => {
  const address = "Smith & Jones' Research, Suite 4000, 123 Long Avenue Name That Goes On, Springfield, Some State 12345, Country";
  const config = CONFIG_YAML.replace(/^postalAddress: .*$/m, `postalAddress: "${address}"`);
  for (const html of [`<p>{{newsletter.postalAddress}} ${LINK_HTML}</p>`, `<p>{{{newsletter.postalAddress}}} ${LINK_HTML}</p>`]) {
    const { error } = await renderWith({ html, text: '{{wrap newsletter.postalAddress indent="  "}}\nUnsubscribe: {{links.unsubscribe}}\n' }, config);
    assert.equal(error, undefined, String(error));
  }
});

test('the postal address counts in the plaintext when the 998-octet line limit cut it inside a word', async () => {
  // One word past 998 octets: no wrap can shorten its line, so the plaintext cuts it (RFC 5322 §2.1.1).
  const address = `1 ${'Longstreet'.repeat(120)} Road, Springfield`;
  const config = CONFIG_YAML.replace(/^postalAddress: .*$/m, `postalAddress: "${address}"`);
  const { error } = await renderWith({}, config);
  assert.equal(error, undefined, String(error));
});

test('send, send --test, lint and build refuse an email template without the unsubscribe link: exit 2, nothing sent or written', async () => {
  const { root } = await rootWith({ '0001-a.md': cleanIssue({ status: 'ready' }) }, { 'templates/partials/footer.html.hbs': '<p>Thanks for reading. {{newsletter.postalAddress}}</p>\n' });
  assert.equal((await runCli(['subscribers', 'add', 'reader@example.com'], { cwd: root })).code, 0);
  for (const argv of [['send', '1', '--yes'], ['send', '1', '--test', 'editor@example.org'], ['lint'], ['build'], ['render', '1']]) {
    const result = await runCli(argv, { cwd: root });
    assert.equal(result.code, 2, `${argv.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, /email\.html\.hbs: Missing the unsubscribe link/, argv.join(' '));
  }
  const outbox = join(root, '.paperboy', 'outbox');
  assert.ok(!existsSync(outbox) || readdirSync(outbox, { recursive: true }).length === 0, 'nothing in the outbox');
  assert.ok(!existsSync(join(root, 'dist', 'issues', '1', 'email.html')), 'no email file published');
});

test('an unsubscribe link or postal address the reader cannot see does not count: in a comment, an attribute, the head, a style, a script, a template or a hidden element', async () => {
  const address = '<p>{{newsletter.postalAddress}}</p>';
  const unseenLinks = [
    `<!-- {{links.unsubscribe}} -->`,
    `<!-- ${LINK_HTML} -->`,
    `<p title="{{links.unsubscribe}}">Bye</p>`,
    `<img alt="" src="{{links.unsubscribe}}">`,
    `<a href="{{links.unsubscribe}}"></a>`,
    `<a href="{{links.unsubscribe}}">  </a>`,
    // Only characters that show nothing: a zero-width space, a no-break space, a word joiner.
    `<a href="{{links.unsubscribe}}">&#8203;</a>`,
    `<a href="{{links.unsubscribe}}">&nbsp;\u2060</a>`,
    `<p>{{links.unsubscribe}}</p>`,
    `<style>/* ${LINK_HTML} */</style>`,
    `<script type="text/plain">${LINK_HTML}</script>`,
    `<template>${LINK_HTML}</template>`,
    `<div hidden>${LINK_HTML}</div>`,
    `<div style="display: none">${LINK_HTML}</div>`,
    `<a style="visibility:hidden" href="{{links.unsubscribe}}">Unsubscribe</a>`,
    `<div style="mso-hide:all;display:none !important">${LINK_HTML}</div>`,
  ];
  for (const html of unseenLinks) {
    const { error } = await renderWith({ html: `${html}${address}` });
    assert.ok(error, html);
    assert.match(error.message, /Missing the unsubscribe link as a visible link/, html);
  }
  for (const html of [`<!-- {{newsletter.postalAddress}} -->`, `<span title="{{newsletter.postalAddress}}"></span>`, `<div style="display:none">{{newsletter.postalAddress}}</div>`]) {
    const { error } = await renderWith({ html: `${html}${LINK_HTML}` });
    assert.ok(error, html);
    assert.match(error.message, /Missing the postal address as visible text/, html);
  }
});

test('an unsubscribe link counts as a visible link with text, an image or its URL to click on, in any case and with attributes', async () => {
  const address = '<p>{{newsletter.postalAddress}}</p>';
  for (const html of [
    `<A CLASS="x" HREF="{{links.unsubscribe}}">Leave</A>`,
    `<a href="{{links.unsubscribe}}"><img src="https://example.org/u.png" alt="Unsubscribe"></a>`,
    `<a href="{{links.unsubscribe}}">{{links.unsubscribe}}</a>`,
    `<table><tr><td><a href=" {{links.unsubscribe}} "><b>Unsubscribe</b></a></td></tr></table>`,
  ]) {
    const { error } = await renderWith({ html: `${html}${address}` });
    assert.equal(error, undefined, `${html}: ${String(error)}`);
  }
});

test('the plaintext unsubscribe link must stand on its own, not run into the text after it', async () => {
  const { error } = await renderWith({ text: '{{newsletter.postalAddress}}\nUnsubscribe: {{links.unsubscribe}}here\n' });
  assert.ok(error);
  assert.match(error.message, /email\.txt\.hbs: Missing the unsubscribe link .* in the plaintext email/);
  for (const text of ['Unsubscribe: <{{links.unsubscribe}}>', 'Unsubscribe ({{links.unsubscribe}}).', '{{links.unsubscribe}}']) {
    const { error: none } = await renderWith({ text: `{{newsletter.postalAddress}}\n${text}\n` });
    assert.equal(none, undefined, `${text}: ${String(none)}`);
  }
});

test('build names the issue whose email lacks the unsubscribe link when only that issue leaves it out (a footer under {{#if}})', async () => {
  const editorIssue = cleanIssue({ number: 2, title: 'With an editor', status: 'ready' }).replace('status: ready', 'status: ready\neditor: Jane Editor');
  const { root } = await rootWith(
    { '0001-a.md': cleanIssue({ status: 'ready' }), '0002-b.md': editorIssue },
    { 'templates/partials/footer.html.hbs': `{{#if issue.editor}}${LINK_HTML}{{/if}}<p>{{newsletter.postalAddress}}</p>\n` },
  );
  const result = await runCli(['build'], { cwd: root });
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /Missing the unsubscribe link as a visible link .* in the HTML email of issue 1 \(.*0001-a\.md\)/);
  assert.equal(result.stderr.split('\n')[0]!.includes('issue 2'), false);
});
