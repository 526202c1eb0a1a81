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
    [{ html: '<p>{{newsletter.postalAddress}}</p>' }, /email\.html\.hbs: Missing the unsubscribe link \(`\{\{links\.unsubscribe\}\}`\) in the HTML email, expected in it or in a partial it includes, such as its footer, .*templates\/partials\/footer\.html\.hbs$/],
    [{ html: `<p>${LINK_HTML}</p>` }, /email\.html\.hbs: Missing the postal address \(`\{\{newsletter\.postalAddress\}\}`\) in the HTML email/],
    [{ text: 'Thanks for reading.\n' }, /email\.txt\.hbs: Missing the unsubscribe link \(`\{\{links\.unsubscribe\}\}`\) and the postal address \(`\{\{newsletter\.postalAddress\}\}`\) in the plaintext email, expected .*footer\.txt\.hbs$/],
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
