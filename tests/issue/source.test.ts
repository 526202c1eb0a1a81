import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeIssueSource, editIssueFile } from '../../src/issue/source.js';

const bytes = (text: string) => new TextEncoder().encode(text);

test('a BOM is dropped and remembered', () => {
  const source = decodeIssueSource('a.md', bytes('\ufeff---\nnumber: 1\n'));
  assert.equal(source.text, '---\nnumber: 1\n');
  assert.equal(source.bom, true);
  assert.equal(editIssueFile(source, []), '\ufeff---\nnumber: 1\n');
});

test('CRLF becomes LF, and is restored on write', () => {
  const source = decodeIssueSource('a.md', bytes('---\r\nnumber: 1\r\n---\r\n'));
  assert.equal(source.text, '---\nnumber: 1\n---\n');
  assert.equal(source.eol, '\r\n');
  assert.equal(editIssueFile(source, []), '---\r\nnumber: 1\r\n---\r\n');
});

test('an edit of a file with mixed line endings changes only the edited bytes, each line keeping its ending', () => {
  const written = '---\r\nnumber: 1 \r\ntitle: A\n---\r\nOne\rTwo\n';
  const source = decodeIssueSource('a.md', bytes(written));
  assert.equal(source.text, '---\nnumber: 1 \ntitle: A\n---\nOne\nTwo\n');
  assert.equal(source.eol, '\r\n');
  const trailingSpace = source.text.indexOf(' \n');
  const afterTitle = source.text.indexOf('---\nOne');
  const edited = editIssueFile(source, [
    { range: [trailingSpace, trailingSpace + 1], text: '' },
    { range: [afterTitle, afterTitle], text: 'date: 2023-05-29\n' },
  ]);
  assert.equal(edited, '---\r\nnumber: 1\r\ntitle: A\ndate: 2023-05-29\r\n---\r\nOne\rTwo\n');
});

test('invalid UTF-8 is reported at its line and column', () => {
  const source = decodeIssueSource('a.md', Uint8Array.from([...bytes('---\nti: é'), 0xe9, 0x0a]));
  assert.equal(source.unreadable?.kind, 'encoding');
  assert.deepEqual([source.unreadable?.line, source.unreadable?.column], [2, 6]);
});

test('a NUL byte marks a binary file', () => {
  const source = decodeIssueSource('a.md', Uint8Array.from([0x2d, 0x00, 0x01]));
  assert.equal(source.unreadable?.kind, 'binary');
});
