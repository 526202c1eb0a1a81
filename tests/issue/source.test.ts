import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { MAX_FILE_BYTES } from '../../src/issue/limits.js';
import { FILE_CHANGED, type PaperboyError } from '../../src/errors.js';
import { decodeIssueSource, editIssueFile, knownIssueSource, readIssueSource, writtenEdits, type TextEdit } from '../../src/issue/source.js';

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
  const edits = [
    { range: [trailingSpace, trailingSpace + 1], text: '' },
    { range: [afterTitle, afterTitle], text: 'date: 2023-05-29\n' },
  ] satisfies TextEdit[];
  const edited = editIssueFile(source, edits.map(writtenEdits(source)));
  assert.equal(edited, '---\r\nnumber: 1\r\ntitle: A\ndate: 2023-05-29\r\n---\r\nOne\rTwo\n');
});

test('invalid UTF-8 is reported at its line and column', () => {
  const source = decodeIssueSource('a.md', Uint8Array.from([...bytes('---\nti: é'), 0xe9, 0x0a]));
  assert.equal(source.unreadable?.kind, 'encoding');
  assert.deepEqual([source.unreadable?.line, source.unreadable?.column], [2, 6]);
});

test('a file that is not UTF-8 is reported at the line and column an editor shows: its BOM is no column, CRLF and a lone CR end a line', () => {
  const bom = [0xef, 0xbb, 0xbf];
  const at = (prefix: number[]) => {
    const source = decodeIssueSource('a.md', Uint8Array.from([...prefix, 0xe9, 0x0a]));
    return [source.unreadable?.line, source.unreadable?.column];
  };
  assert.deepEqual(at([...bom, ...bytes('ab')]), [1, 3]);
  assert.deepEqual(at([...bom, ...bytes('---\r\nti: 😀 ')]), [2, 8]);
  assert.deepEqual(at([...bytes('---\rnumber: 1\rti: ')]), [3, 5]);
  const nul = decodeIssueSource('a.md', Uint8Array.from([...bom, ...bytes('a\rb'), 0x00]));
  assert.deepEqual([nul.unreadable?.line, nul.unreadable?.column], [2, 2]);
});

test('a NUL byte marks a binary file', () => {
  const source = decodeIssueSource('a.md', Uint8Array.from([0x2d, 0x00, 0x01]));
  assert.equal(source.unreadable?.kind, 'binary');
});

test('a symlink to /dev/zero, a FIFO and a directory are refused without reading them, naming the file and why', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-source-'));
  symlinkSync('/dev/zero', join(dir, 'zero.md'));
  execFileSync('mkfifo', [join(dir, 'fifo.md')]);
  mkdirSync(join(dir, 'dir.md'));
  const started = performance.now();
  const [zero, fifo, directory] = await Promise.all(['zero.md', 'fifo.md', 'dir.md'].map((name) => readIssueSource(join(dir, name))));
  assert.ok(performance.now() - started < 1000, 'nothing blocks or reads without end');
  assert.equal(zero!.unreadable?.message, `Unexpected device \`${join(dir, 'zero.md')}\`, expected an issue file (a regular file)`);
  assert.equal(fifo!.unreadable?.message, `Unexpected named pipe (FIFO) \`${join(dir, 'fifo.md')}\`, expected an issue file (a regular file)`);
  assert.equal(directory!.unreadable?.message, `Unexpected directory \`${join(dir, 'dir.md')}\`, expected an issue file (a regular file)`);
});

test('a file over the size limit is refused before it is read, with its size and the limit', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'paperboy-source-')), 'huge.md');
  writeFileSync(path, '---\n');
  truncateSync(path, MAX_FILE_BYTES + 1_000_000);
  const source = await readIssueSource(path);
  assert.equal(source.unreadable?.kind, 'limit');
  assert.equal(source.unreadable?.message, "Unexpected file of 11.0 MB, expected at most 10.0 MB (paperboy's limit for an issue): split the issue or shorten it");
  assert.equal(source.text, '');
});

test('decoding equals TextDecoder in fatal mode (BOM kept, then dropped): the same text for valid UTF-8, refused where it refuses', () => {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  // Bytes around the edges of UTF-8: ASCII, continuation bytes, overlongs, surrogates, 4-byte sequences, a BOM.
  const byte = fc.oneof(fc.integer({ min: 1, max: 0x7f }), fc.integer({ min: 0x80, max: 0xff }), fc.constantFrom(0xef, 0xbb, 0xbf, 0xed, 0xa0, 0xf0, 0x9f, 0xf4, 0x90, 0xc0));
  // No NUL byte: that file is refused as binary before it is decoded.
  const text = fc.string({ unit: 'binary', maxLength: 20 }).map((value) => [...Buffer.from(value, 'utf8')].filter((b) => b !== 0));
  fc.assert(
    fc.property(fc.oneof(fc.array(byte, { maxLength: 24 }), text), (values) => {
      const bytes = Uint8Array.from(values);
      const source = decodeIssueSource('x.md', bytes);
      let expected: string | undefined;
      try {
        expected = decoder.decode(bytes);
      } catch {
        expected = undefined;
      }
      if (expected === undefined) {
        assert.equal(source.unreadable?.kind, 'encoding');
      } else {
        assert.equal(source.unreadable, undefined);
        assert.equal(source.text, expected.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
      }
    }),
    { numRuns: 2000 },
  );
});

test('the text, as written and normalized, the BOM and the prevailing line ending are those of the whole file decoded at once, whenever they are read', () => {
  // What decodeIssueSource computed before it decoded lazily: the reference.
  const reference = (bytes: Uint8Array) => {
    let written = Buffer.from(bytes).toString('utf8');
    const bom = written.charCodeAt(0) === 0xfeff;
    if (bom) written = written.slice(1);
    const crlf = written.split('\r\n').length - 1;
    const lf = written.split('\n').length - 1 - crlf;
    return { written, text: written.replace(/\r\n?/g, '\n'), bom, eol: crlf > lf ? '\r\n' : '\n' };
  };
  const piece = fc.oneof(fc.constantFrom('\r\n', '\n', '\r', '\ufeff', 'é', '“', '😀', ' '), fc.string({ maxLength: 6 }).filter((value) => !value.includes('\0')));
  fc.assert(
    fc.property(fc.boolean(), fc.array(piece, { maxLength: 30 }), fc.boolean(), (withBom, pieces, textFirst) => {
      const bytes = new TextEncoder().encode(`${withBom ? '\ufeff' : ''}${pieces.join('')}`);
      const expected = reference(bytes);
      const source = decodeIssueSource('x.md', bytes);
      const read = textFirst ? [source.text, source.written] : [source.written, source.text];
      assert.deepEqual({ written: textFirst ? read[1] : read[0], text: textFirst ? read[0] : read[1], bom: source.bom, eol: source.eol }, expected);
    }),
    { numRuns: 3000 },
  );
});

test('a released source reads its file again when its text is asked for, the same text, line endings and BOM', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'paperboy-source-')), 'issue.md');
  writeFileSync(path, '\ufeff---\r\nnumber: 1\r\n---\r\nCafé\r\n');
  for (const source of [await readIssueSource(path), knownIssueSource(path, (await readIssueSource(path)).hash, () => undefined)]) {
    const before = [source.text, source.written, source.bom, source.eol];
    source.release!();
    assert.deepEqual([source.text, source.written, source.bom, source.eol], before);
    source.release!();
    source.release!();
    assert.equal(source.text, before[0]);
  }
});

test('a released source whose file changed since refuses the new bytes, naming the file (FILE_CHANGED)', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'paperboy-source-')), 'issue.md');
  writeFileSync(path, '---\nnumber: 1\n---\nFirst.\n');
  const source = await readIssueSource(path);
  assert.equal(source.text, '---\nnumber: 1\n---\nFirst.\n');
  source.release!();
  writeFileSync(path, '---\nnumber: 1\n---\nSecond.\n');
  assert.throws(() => source.text, (error: PaperboyError) => error.code === FILE_CHANGED && error.message.includes(path));
});
