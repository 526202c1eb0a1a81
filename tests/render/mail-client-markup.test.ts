import assert from 'node:assert/strict';
import { test } from 'node:test';
import { doIUseEmail } from '@jsx-email/doiuse-email';
import { load } from 'cheerio/slim';
import { LONG_CONTENT_ISSUE } from './fixtures/long-content.js';
import { HEBREW_AUTHOR, RIGHT_TO_LEFT_ISSUE } from './fixtures/right-to-left.js';
import { adaptForMailClients } from '../../src/render/mail-client-markup.js';
import { CONFIG_YAML } from '../helpers/fixture.js';
import { REPO_ROOT, renderAll, rootWith, sampleNumbers } from '../helpers/render.js';

/**
 * The HTML email checked against caniemail.com's tests of the clients
 * readers use (the data `@jsx-email/doiuse-email` carries): Gmail (web,
 * its mobile web and apps), Outlook (Windows, Windows Mail, macOS, iOS,
 * Android) and Apple Mail (macOS, iOS).
 */
const CLIENTS = ['gmail.*', 'outlook.*', 'apple-mail.*'];

/**
 * What caniemail says a client lacks that the email uses on purpose, each
 * with what the reader sees there (docs/email-templates.md says the same).
 * Any other feature a client lacks fails the test.
 */
const ACCEPTED = new Map<string, string>([
  ['`overflow-wrap`', 'beside `word-break: break-word`, which Gmail and Outlook read: a long URL still breaks'],
  ['`word-break`', 'Windows Mail lets a long URL run past the column'],
  ['`white-space`', "Outlook's Word engine keeps a code block's lines unwrapped, as `<pre>` is"],
  ['`overflow`', 'a wide table scrolls sideways on a phone where `overflow-x` is read; Outlook for Windows and Android show it at its full width'],
  ['`opacity`', 'the preheader is also `display: none`, `max-height: 0`, `mso-hide: all` and 1px text'],
  ['`display:none`', "the preheader's other hiding styles (above) hide it in Gmail's mobile web"],
  ['`@media`', 'the dark colours and the phone paddings are extras: the inlined styles are the email'],
  ['`<body> element`', "Outlook's apps drop `<body>`: its background colour is also the wrapper table's"],
  ['`role attribute`', 'Windows Mail ignores `role="presentation"`: its layout tables are read as tables'],
  ['`aria-label attribute`', "Windows Mail's screen readers hear a footnote back-link as its arrow"],
  ['`Local anchors`', "Gmail's iOS app and Outlook's apps do nothing on a footnote's number: the notes follow the paper"],
]);

function unsupported(html: string): string[] {
  const result = doIUseEmail(html, { emailClients: CLIENTS });
  const errors = result.success ? [] : result.errors;
  return [...new Set(errors.map((error) => error.replace(/ is not supported by .*/, '')))].filter((feature) => !ACCEPTED.has(feature));
}

async function emails(): Promise<Array<{ name: string; html: string }>> {
  const samples = await Promise.all((await sampleNumbers()).map(async (number) => ({ name: `sample issue ${number}`, html: (await renderAll(REPO_ROOT, String(number))).html })));
  const long = await rootWith({ '0001-long.md': LONG_CONTENT_ISSUE });
  const rtl = await rootWith({ '0001-rtl.md': RIGHT_TO_LEFT_ISSUE });
  return [...samples, { name: 'long content', html: (await renderAll(long.root, '1')).html }, { name: 'right-to-left names', html: (await renderAll(rtl.root, '1')).html }];
}

for (const { name, html } of await emails()) {
  test(`email, ${name}: uses no HTML or CSS that Gmail, Outlook or Apple Mail lacks, by caniemail.com's data, but what degrades knowingly`, () => {
    assert.deepEqual(unsupported(html), []);
  });

  test(`email, ${name}: every link within the email leads to an empty \`<a name>\`, which Gmail's webmail and Outlook for Windows follow (caniemail: not an \`id\`)`, () => {
    const $ = load(html);
    const targets = $('a[href^="#"]').toArray().map((link) => link.attribs.href!.slice(1));
    const named = new Set($('a[name]').toArray().filter((anchor) => $(anchor).contents().length === 0).map((anchor) => anchor.attribs.name));
    assert.deepEqual(targets.filter((target) => !named.has(target)), []);
  });
}

test('email: a footnote\'s number and its back-link each lead to a named anchor at the other, the note\'s list a `<div>` keeping its styles', async () => {
  const { html } = await renderAll(REPO_ROOT, '5');
  const $ = load(html);
  const reference = $('a[data-footnote-ref]').first();
  const note = $(`[id="${reference.attr('href')!.slice(1)}"]`);
  assert.equal(note.children().first().attr('name'), note.attr('id'), 'the note opens with its anchor');
  assert.equal(reference.prev().attr('name'), reference.attr('id'), 'the reference follows its anchor');
  const list = note.closest('.footnotes');
  assert.equal(list.prop('tagName'), 'DIV');
  assert.match(list.attr('style')!, /font-size: 13px;.*border-top: 1px solid/);
});

test('email: a right-to-left name is isolated by a `<span dir="auto">`, as Gmail and Outlook keep it, not a `<bdi>`', async () => {
  const { root } = await rootWith({ '0001-rtl.md': RIGHT_TO_LEFT_ISSUE });
  const { html } = await renderAll(root, '1');
  assert.doesNotMatch(html, /<bdi/);
  assert.match(html, new RegExp(`Alice Smith, <span dir="auto">${HEBREW_AUTHOR}</span> and Bob Jones`));
});

test('email: the column holding the whole email says its language (`lang`), which Gmail keeps where it drops `<html lang>`', async () => {
  const { root } = await rootWith({ '0001-rtl.md': RIGHT_TO_LEFT_ISSUE }, { 'paperboy.config.yaml': CONFIG_YAML.replace(/^name: .*$/m, '$&\nlanguage: de-AT') });
  const $ = load((await renderAll(root, '1')).html);
  const column = $('table.container');
  assert.equal(column.attr('lang'), 'de-AT');
  assert.ok(column.find('.header').length === 1 && column.find('.content').length === 1 && column.find('.footer').length === 1, 'the header, the content and the footer are inside it');
});

test('email markup: a named anchor goes inside its target, or before one that cannot hold it first (a link, a list, a table), into a row\'s first cell, and never twice', () => {
  const $ = load(
    '<p><a href="#p">p</a> <a href="#l">l</a> <a href="#u">u</a> <a href="#r">r</a> <a href="#n">n</a> <a href="#none">none</a></p>' +
      '<p id="p">para</p><a id="l" href="https://example.org/">link</a><ul id="u"><li>item</li></ul><table><tr id="r"><td>cell</td></tr></table>' +
      '<div id="n"><a name="n"></a>named</div>',
  );
  adaptForMailClients($);
  const body = $.root().html()!;
  assert.ok(body.includes('<p id="p"><a name="p"></a>para</p>'), body);
  assert.ok(body.includes('<a name="l"></a><a id="l"'), body);
  assert.ok(body.includes('<a name="u"></a><ul id="u">'), body);
  assert.ok(body.includes('<tr id="r"><td><a name="r"></a>cell</td></tr>'), body);
  assert.equal($('a[name="n"]').length, 1);
  assert.equal($('a[name="none"]').length, 0);
});
