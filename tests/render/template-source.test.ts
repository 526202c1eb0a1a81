import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { PaperboyError } from '../../src/errors.js';
import { MAX_TEMPLATE_BYTES } from '../../src/render/limits.js';
import { loadTemplates } from '../../src/render/templates.js';
import { readTemplateSource } from '../../src/render/template-source.js';

/** A templates folder holding `web/message.html.hbs` with `bytes`. */
function messageTemplate(bytes: string | Buffer): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-template-source-'));
  mkdirSync(join(dir, 'web'));
  const file = join(dir, 'web', 'message.html.hbs');
  writeFileSync(file, bytes);
  return { dir, file };
}

function assertTemplateError(dir: string, message: RegExp): void {
  assert.throws(() => loadTemplates(dir), (error: PaperboyError) => {
    assert.equal(error.code, 'TEMPLATE_ERROR');
    assert.equal(error.exitCode, 2);
    assert.match(error.message, message);
    // eslint-disable-next-line no-control-regex -- no raw control character may reach a terminal
    assert.doesNotMatch(`${error.message}${error.hint ?? ''}`, /[\0-\x08\x0b-\x1f\x7f]/);
    return true;
  });
}

test('a template file over the size limit is refused before it is parsed, naming the file and its size', () => {
  const { dir, file } = messageTemplate('{{title}}'.repeat(Math.ceil((MAX_TEMPLATE_BYTES + 1) / 9)));
  assertTemplateError(dir, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: Unexpected template of 129 KB, expected at most 128 KB`));
});

test('a template that is not UTF-8 is an error at its line and column, not text turned to U+FFFD', () => {
  const { dir } = messageTemplate(Buffer.from('<p>ok</p>\n<p>caf\xe9 {{title}}</p>', 'latin1'));
  assertTemplateError(dir, /message\.html\.hbs:2:7: Unexpected invalid UTF-8 byte sequence, expected a UTF-8 text file$/);
});

test('a template with a control character is an error at its line and column that names the character without writing it', () => {
  assertTemplateError(messageTemplate('<p>hello \x1b]0;PWNED\x07</p>').dir, /message\.html\.hbs:1:10: Unexpected control character U\+001B, expected text/);
  assertTemplateError(messageTemplate('<p>a</p>\n<p>\x07</p>').dir, /message\.html\.hbs:2:4: Unexpected control character U\+0007/);
  assertTemplateError(messageTemplate('<p>a\0</p>').dir, /message\.html\.hbs:1:5: Unexpected binary content \(a NUL byte\)/);
});

test('the hint for a template saved as UTF-16 says to save it as UTF-8, not to convert it from Latin-1; a control character is named as a terminal editor shows it', () => {
  const hint = (bytes: string | Buffer) => {
    try {
      loadTemplates(messageTemplate(bytes).dir);
    } catch (error) {
      return (error as PaperboyError).hint ?? '';
    }
    return assert.fail('no template error');
  };
  const utf16 = hint(Buffer.from('<p>{{title}}</p>', 'utf16le'));
  assert.match(utf16, /UTF-8, not UTF-16/);
  assert.doesNotMatch(utf16, /latin1/);
  assert.match(hint(Buffer.from('<p>caf\xe9</p>', 'latin1')), /iconv -f latin1 -t utf-8/);
  assert.match(hint('<p>\f</p>'), /`\^L`/);
  assert.match(hint('<p>\x1b</p>'), /`\^\[`/);
});

test("a template's leading BOM is dropped and its CRLF line ends are LF: the email has neither a U+FEFF nor a CR of the template's", () => {
  const { dir, file } = messageTemplate('\ufeff<p>{{title}}</p>\r\n<p>tab\there</p>\r\nlast\r');
  assert.equal(readTemplateSource(file), '<p>{{title}}</p>\n<p>tab\there</p>\nlast\n');
  assert.equal(loadTemplates(dir).render('web/message.html', { title: 'T' }), '<p>T</p>\n<p>tab\there</p>\nlast\n');
  assert.equal(readFileSync(file, 'utf8').startsWith('\ufeff'), true, 'the file itself is left as it is');
});
