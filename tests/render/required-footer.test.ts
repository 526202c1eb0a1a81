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
  return renderWithTemplates(files, configYaml);
}

/** Renders issue 1 with these template files (path from the root → text). */
async function renderWithTemplates(files: Record<string, string>, configYaml = CONFIG_YAML) {
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

test('an email part without the unsubscribe link or the postal address is a template error naming the newsletter\'s footer, what is missing and how to write it', async () => {
  const cases: [footers: { html?: string; text?: string }, expected: RegExp][] = [
    [{ html: '<p>{{newsletter.postalAddress}}</p>' }, /\/templates\/partials\/footer\.html\.hbs:1:1: Missing the unsubscribe link as a visible link \(`<a href="\{\{links\.unsubscribe\}\}">…<\/a>`\) in the HTML email of issue 1 \(.*0001-a\.md\), expected in this file or another template `email\.html` reads$/],
    [{ html: `<p>${LINK_HTML}</p>` }, /\/templates\/partials\/footer\.html\.hbs:1:1: Missing the postal address as visible text \(`\{\{newsletter\.postalAddress\}\}`\) in the HTML email/],
    [{ text: 'Thanks for reading.\n' }, /\/templates\/partials\/footer\.txt\.hbs:1:1: Missing the unsubscribe link \(`\{\{links\.unsubscribe\}\}`\) and the postal address \(`\{\{newsletter\.postalAddress\}\}`\) in the plaintext email of issue 1 \(.*\), expected in this file or another template `email\.txt` reads$/],
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

test('the postal address counts wrapped over lines in the plaintext and escaped in the HTML; unescaped, it is refused as any text in triple braces', async () => {
  const address = "Smith & Jones' Research, Suite 4000, 123 Long Avenue Name That Goes On, Springfield, Some State 12345, Country";
  const config = CONFIG_YAML.replace(/^postalAddress: .*$/m, `postalAddress: "${address}"`);
  const text = '{{wrap newsletter.postalAddress indent="  "}}\nUnsubscribe: {{links.unsubscribe}}\n';
  const escaped = await renderWith({ html: `<p>{{newsletter.postalAddress}} ${LINK_HTML}</p>`, text }, config);
  assert.equal(escaped.error, undefined, String(escaped.error));
  // A `<` in the address would become a tag (render/unescaped-text.ts).
  const unescaped = await renderWith({ html: `<p>{{{newsletter.postalAddress}}} ${LINK_HTML}</p>`, text }, config);
  assert.match(String(unescaped.error), /footer\.html\.hbs:1:4: Unexpected `\{\{\{newsletter\.postalAddress\}\}\}`: `newsletter\.postalAddress` is text/);
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
    assert.match(result.stderr, /templates\/partials\/footer\.html\.hbs:1:1: Missing the unsubscribe link/, argv.join(' '));
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

test('a link written in any CSS colour its background has is refused: every named colour, hsl() and hwb() as well as hex and rgb()', async () => {
  const address = '<p>{{newsletter.postalAddress}}</p>';
  const cases: [html: string, hiddenBy: RegExp][] = [
    [`<div style="background-color:WhiteSmoke"><a style="color:#f5f5f5" href="{{links.unsubscribe}}">Unsubscribe</a></div>`, /#f5f5f5 on the background #f5f5f5/],
    [`<a style="color:hsl(0 0% 100%)" href="{{links.unsubscribe}}">Unsubscribe</a>`, /#ffffff on the background #ffffff/],
    [`<div style="background:ivory"><a style="color:hwb(60 94% 0%)" href="{{links.unsubscribe}}">Unsubscribe</a></div>`, /on the background #fffff0/],
  ];
  for (const [html, hiddenBy] of cases) {
    const { error } = await renderWith({ html: `${html}${address}` });
    assert.ok(error, html);
    assert.match(error.message, hiddenBy, html);
  }
  // A colour far from its background in the same notations is shown.
  for (const html of [`<div style="background-color:whitesmoke"><a style="color:darkslategray" href="{{links.unsubscribe}}">Unsubscribe</a></div>`, `<a style="color:hsl(210 60% 35%)" href="{{links.unsubscribe}}">Unsubscribe</a>`]) {
    const { error } = await renderWith({ html: `${html}${address}` });
    assert.equal(error, undefined, html);
  }
});

test('an unsubscribe link hidden by its style or from screen readers does not count, and the error says what hides it', async () => {
  const address = '<p>{{newsletter.postalAddress}}</p>';
  const cases: [html: string, hiddenBy: RegExp][] = [
    [`<div aria-hidden="true">${LINK_HTML}</div>`, /`aria-hidden="true"` \(a screen reader skips it\)/],
    [`<a aria-hidden="true" href="{{links.unsubscribe}}">Unsubscribe</a>`, /`aria-hidden="true"`/],
    [`<a style="font-size:0" href="{{links.unsubscribe}}">Unsubscribe</a>`, /`font-size: 0`/],
    [`<p style="font-size: 0px; line-height: 0">${LINK_HTML}</p>`, /`font-size: 0`/],
    [`<a style="opacity:0" href="{{links.unsubscribe}}">Unsubscribe</a>`, /`opacity: 0`/],
    [`<div style="opacity: 0.0"><p style="opacity:1">${LINK_HTML}</p></div>`, /`opacity: 0\.0`/],
    [`<a style="color:#ffffff" href="{{links.unsubscribe}}">Unsubscribe</a>`, /the text colour #ffffff on the background #ffffff, the same or nearly/],
    [`<table><tr><td bgcolor="#222"><a style="color: rgb(34, 34, 34)" href="{{links.unsubscribe}}">Unsubscribe</a></td></tr></table>`, /#222222 on the background #222222/],
    [`<div style="background-color:white"><a href="{{links.unsubscribe}}"><span style="color:#fefefe">Unsubscribe</span></a></div>`, /#fefefe on the background #ffffff/],
    [`<a style="color: transparent" href="{{links.unsubscribe}}">Unsubscribe</a>`, /`color: transparent`/],
    [`<div style="max-height:0;overflow:hidden">${LINK_HTML}</div>`, /`max-height: 0` with `overflow: hidden`/],
    [`<div style="width: 0; overflow-x: hidden; white-space: nowrap">${LINK_HTML}</div>`, /`width: 0` with `overflow-x: hidden`/],
    [`<a href="{{links.unsubscribe}}"><img src="https://example.org/u.png" width="0" height="0" alt="Unsubscribe"></a>`, /an image of no width or height/],
    [`<details><summary>Legal</summary><p>${LINK_HTML}</p></details>`, /a closed `<details>` \(shown only when a reader opens it\)/],
    [`<details><summary>Legal</summary>${LINK_HTML}</details>`, /a closed `<details>`/],
  ];
  for (const [html, hiddenBy] of cases) {
    const { error } = await renderWith({ html: `${html}${address}` });
    assert.ok(error, html);
    assert.match(error.message, /\/templates\/partials\/footer\.html\.hbs:1:\d+: Missing the unsubscribe link as a visible link \(`<a href="\{\{links\.unsubscribe\}\}">…<\/a>`\) \(the one written is hidden from its readers by /, html);
    assert.match(error.message, hiddenBy, html);
    assert.match(error.message, /expected in this file or another template `email\.html` reads$/, html);
  }
  for (const html of [`<div style="font-size:0">{{newsletter.postalAddress}}</div>`, `<p style="color:#fff">{{newsletter.postalAddress}}</p>`, `<p aria-hidden="true">{{newsletter.postalAddress}}</p>`, `<details><summary>Legal</summary>{{newsletter.postalAddress}}</details>`]) {
    const { error } = await renderWith({ html: `${html}${LINK_HTML}` });
    assert.ok(error, html);
    assert.match(error.message, /Missing the postal address as visible text/, html);
  }
});

test('an unsubscribe link or postal address moved off the screen, clipped or shrunk to nothing does not count, and the error says what hides it', async () => {
  const address = '<p>{{newsletter.postalAddress}}</p>';
  const cases: [html: string, hiddenBy: RegExp][] = [
    [`<div style="position:absolute;left:-9999px">${LINK_HTML}</div>`, /`left: -9999px` with `position: absolute` \(off the screen\)/],
    [`<div style="position: absolute; top: -10000px">${LINK_HTML}</div>`, /`top: -10000px` with `position: absolute`/],
    [`<div style="position:fixed;right:-999em">${LINK_HTML}</div>`, /`right: -999em` with `position: fixed`/],
    [`<div style="position:absolute;clip:rect(0 0 0 0);width:1px;height:1px;overflow:hidden">${LINK_HTML}</div>`, /`clip: rect\(0 0 0 0\)` with `position: absolute`/],
    [`<span style="position:absolute;clip:rect(1px, 1px, 1px, 1px)">${LINK_HTML}</span>`, /`clip: rect\(1px, 1px, 1px, 1px\)` with `position: absolute`/],
    [`<div style="position:absolute;clip-path:inset(100%)">${LINK_HTML}</div>`, /`clip-path: inset\(100%\)`/],
    [`<a style="transform:scale(0)" href="{{links.unsubscribe}}">Unsubscribe</a>`, /`transform: scale\(0\)`/],
    [`<div style="transform: translateY(2px) scaleY(0)">${LINK_HTML}</div>`, /`transform: translateY\(2px\) scaleY\(0\)`/],
    [`<div style="max-height:0;overflow:hidden">${LINK_HTML}</div>`, /`max-height: 0` with `overflow: hidden`/],
    [`<div style="width:0;height:0;overflow:hidden">${LINK_HTML}</div>`, /`height: 0` with `overflow: hidden`/],
    [`<p style="text-indent:-9999px">${LINK_HTML}</p>`, /`text-indent: -9999px` \(its text off the screen\)/],
    [`<a style="display:block;text-indent:-999px;overflow:hidden" href="{{links.unsubscribe}}">Unsubscribe</a>`, /`text-indent: -999px`/],
    [`<div style="position:fixed;bottom:-9999px">${LINK_HTML}</div>`, /`bottom: -9999px` with `position: fixed` \(off the screen\)/],
    [`<div style="transform: translateX(-9999px)">${LINK_HTML}</div>`, /`transform: translateX\(-9999px\)` \(off the screen\)/],
    [`<div style="transform:translate(0, -100vh)">${LINK_HTML}</div>`, /`transform: translate\(0, -100vh\)`/],
    [`<div style="transform:translate3d(9999px,0,0)">${LINK_HTML}</div>`, /`transform: translate3d\(9999px,0,0\)`/],
    [`<div style="translate: -9999px 0">${LINK_HTML}</div>`, /`translate: -9999px 0` \(off the screen\)/],
    [`<div style="margin-left:-9999px">${LINK_HTML}</div>`, /`margin-left: -9999px` \(off the screen\)/],
    [`<p style="margin: -9999px 0 0">${LINK_HTML}</p>`, /`margin: -9999px 0 0` \(off the screen\)/],
    [`<a style="font-size:1px" href="{{links.unsubscribe}}">Unsubscribe</a>`, /`font-size: 1px` \(too small to read\)/],
    [`<div style="font-size:2pt"><p>${LINK_HTML}</p></div>`, /`font-size: 2pt` \(too small to read\)/],
    [`<div style="font-size:10px"><p style="font-size:0.2em">${LINK_HTML}</p></div>`, /`font-size: 0\.2em` \(too small to read\)/],
  ];
  for (const [html, hiddenBy] of cases) {
    const { error } = await renderWith({ html: `${html}${address}` });
    assert.ok(error, html);
    assert.match(error.message, /Missing the unsubscribe link as a visible link \(`<a href="\{\{links\.unsubscribe\}\}">…<\/a>`\) \(the one written is hidden from its readers by /, html);
    assert.match(error.message, hiddenBy, html);
  }
  for (const html of [`<p style="position:absolute;left:-9999px">{{newsletter.postalAddress}}</p>`, `<p style="text-indent:-9999px">{{newsletter.postalAddress}}</p>`, `<p style="transform:scale(0)">{{newsletter.postalAddress}}</p>`]) {
    const { error } = await renderWith({ html: `${html}${LINK_HTML}` });
    assert.ok(error, html);
    assert.match(error.message, /Missing the postal address as visible text/, html);
  }
});

test('realistic footers count: tables, styled and coloured links, a zero font size its content sets again, Outlook conditional comments around other parts', async () => {
  for (const html of [
    // A dark footer with light text and links.
    `<table role="presentation" width="100%"><tr><td bgcolor="#1a1a1a" style="color:#cccccc;font-size:12px"><p>{{newsletter.postalAddress}}</p><a style="color:#ffffff;text-decoration:underline" href="{{links.unsubscribe}}">Unsubscribe</a></td></tr></table>`,
    // Light grey text on white, the usual muted footer; a link takes its own colour, not its paragraph's.
    `<p style="color:#999999;font-size:11px">{{newsletter.postalAddress}}<br><a href="{{links.unsubscribe}}" style="color:#999">Unsubscribe</a></p>`,
    `<p style="color:#ffffff;background:#ffffff">spacer <a href="{{links.unsubscribe}}">Unsubscribe</a></p><p>{{newsletter.postalAddress}}</p>`,
    // Columns without gaps: font-size 0 on the cell, set again inside.
    `<table><tr><td style="font-size:0"><div style="display:inline-block;font-size:13px">${LINK_HTML} {{newsletter.postalAddress}}</div></td></tr></table>`,
    // An image link needs no font size; a decorative icon hidden from screen readers beside the link's text.
    `<p style="font-size:0"><a href="{{links.unsubscribe}}"><img src="https://example.org/u.png" width="80" height="20" alt="Unsubscribe"></a></p><p>{{newsletter.postalAddress}}</p>`,
    `<a href="{{links.unsubscribe}}"><img aria-hidden="true" src="https://example.org/x.png" alt=""> Unsubscribe</a><p>{{newsletter.postalAddress}}</p>`,
    // Outlook's ghost table around the footer, and a part for Outlook only beside it.
    `<!--[if mso]><table role="presentation" width="600"><tr><td><![endif]--><p>${LINK_HTML}</p><!--[if mso]></td></tr></table><![endif]--><p>{{newsletter.postalAddress}}</p>`,
    `<!--[if !mso]><!--><p>${LINK_HTML}</p><!--<![endif]--><p>{{newsletter.postalAddress}}</p>`,
    // A width of 0 alone hides nothing (the content overflows it); a background image may be anything: not judged.
    `<div style="width:0">${LINK_HTML}</div><p>{{newsletter.postalAddress}}</p>`,
    `<div style="background:#fff url(https://example.org/bg.png) no-repeat; color:#fff"><p>{{newsletter.postalAddress}}</p>${LINK_HTML}</div>`,
    // Positioned, clipped and transformed, but in sight: a nudge of a few pixels, a clip of the box's own edges, a slight scale, an indent on an inline element (where it does nothing).
    `<div style="position:relative;left:2px;top:-1px"><p style="position:relative;right:-4px">${LINK_HTML}</p><p style="text-indent:-12px;padding-left:12px">{{newsletter.postalAddress}}</p></div>`,
    `<div style="position:absolute;clip:rect(auto auto auto auto);transform:scale(0.98)"><span style="text-indent:-9999px">${LINK_HTML}</span> {{newsletter.postalAddress}}</div>`,
    `<div style="left:-9999px;clip:rect(0 0 0 0)">${LINK_HTML}</div><p style="clip-path:inset(4px round 8px)">{{newsletter.postalAddress}}</p>`,
    // Pushed down the page (a reader scrolls to it), nudged by a margin or a translation, a small but readable font size.
    `<div style="position:absolute;bottom:-9999px;margin-left:-4px;transform:translateX(-2px)">${LINK_HTML}</div><p style="margin:0 0 -9999px;font-size:75%">{{newsletter.postalAddress}}</p>`,
    `<p style="font-size:x-small">${LINK_HTML}</p><div style="font-size:1px"><p style="font-size:12px">{{newsletter.postalAddress}}</p></div>`,
    // An open `<details>`, and a link in a closed one's summary: both in sight.
    `<details open><summary>Legal</summary><p>{{newsletter.postalAddress}}</p></details><details><summary>${LINK_HTML}</summary>more</details>`,
    // A preheader hidden as it should be, elsewhere.
    `<span style="display:none;max-height:0;overflow:hidden;opacity:0;color:#fff">Preview text</span><p>${LINK_HTML} {{newsletter.postalAddress}}</p>`,
  ]) {
    const { error } = await renderWith({ html });
    assert.equal(error, undefined, `${html}: ${String(error)}`);
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
  assert.match(error.message, /footer\.txt\.hbs:2:14: Missing the unsubscribe link .* in the plaintext email/);
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

test('the required-footer error points at the line and column of the newsletter\'s own template where the link or the address is hidden, or written where no reader sees it', async () => {
  const address = '<p>{{newsletter.postalAddress}}</p>\n';
  const cases: [footers: { html?: string; text?: string }, place: string][] = [
    // The element that hides the link, not the other divs around it (a bare `<div>` matches any).
    [{ html: `<div>\n<div style="padding:4px">\n  <div>\n  <div style="position:absolute;left:-9999px">${LINK_HTML}</div></div>\n</div></div>\n${address}` }, 'footer.html.hbs:4:3'],
    // The element whose colour hides it, its style partly written with mustaches.
    [{ html: `${address}<table><tr><td bgcolor="#ffffff">\n    <a href="{{links.unsubscribe}}" style="color:#fff;font-size:{{#if issue.title}}12px{{/if}}">Unsubscribe</a></td></tr></table>\n` }, 'footer.html.hbs:3:5'],
    // The link under a condition this issue does not meet, or in a comment: where its field is written.
    [{ html: `${address}<p>\n  {{#if issue.editor}}${LINK_HTML}{{/if}}</p>\n` }, 'footer.html.hbs:3:32'],
    [{ html: `${address}<!--\n <a href="{{links.unsubscribe}}">Unsubscribe</a> -->\n` }, 'footer.html.hbs:3:11'],
    // A hidden postal address, the link shown.
    [{ html: `<p>${LINK_HTML}</p>\n<p style="text-indent:-9999px">{{newsletter.postalAddress}}</p>\n` }, 'footer.html.hbs:2:1'],
    [{ text: 'Thanks for reading.\n{{newsletter.postalAddress}}\n' }, 'footer.txt.hbs:1:1'],
  ];
  for (const [footers, place] of cases) {
    const { root, error } = await renderWith(footers);
    assert.ok(error, JSON.stringify(footers));
    assert.ok(error.message.startsWith(`${join(root, 'templates', 'partials', place)}: Missing `), `${JSON.stringify(footers)}: ${error.message}`);
  }
  // The override of email.html that leaves the footer out: the place is in it, not in the built-in footer.
  const { error } = await renderWithTemplates({ 'templates/email.html.hbs': '<html><body>\n{{{intro.html}}}\n<p>{{newsletter.postalAddress}}</p></body></html>\n' });
  assert.ok(error);
  assert.match(error.message, /\/templates\/email\.html\.hbs:1:1: Missing the unsubscribe link/);
});
