import { closeSync, fstatSync, openSync } from 'node:fs';
import { CONTROL_CHARACTER, describeCharacter } from '../diagnostics/control-characters.js';
import { decodeIssueSource } from '../issue/source.js';
import { readAtMost } from '../regular-file.js';
import { MAX_TEMPLATE_BYTES } from './limits.js';
import { placeAt, templateError } from './template-errors.js';

/**
 * The text of a template file, read as an issue file is (issue/source.ts):
 * a leading UTF-8 BOM (Notepad's) dropped, CRLF and lone CR line ends made
 * LF (the MIME layer writes the message's CRLF itself; a CRLF partial made
 * a plaintext email of mixed line ends). Throws TEMPLATE_ERROR (exit 2),
 * at the file's line and column, for what no email should carry: a file
 * over `MAX_TEMPLATE_BYTES` (refused before it is read whole, let alone
 * parsed), bytes that are not UTF-8 (they reached every email as U+FFFD),
 * and control characters but tab and line ends (an ESC or a BEL reached
 * the email as it was). No message shows the character itself.
 */
export function readTemplateSource(file: string): string {
  const bytes = readAtMostLimit(file);
  const source = decodeIssueSource(file, bytes);
  if (source.unreadable) {
    const { line = 1, column = 1, message, kind } = source.unreadable;
    // A NUL byte is most often UTF-16 (Windows' "Unicode"), which Latin-1 advice would turn into garbage.
    const how = kind === 'binary' ? '(your editor\'s "Save with encoding": UTF-8, not UTF-16 or "Unicode")' : '(your editor\'s "Save with encoding", or `iconv -f latin1 -t utf-8` for a Latin-1 file)';
    throw templateError(file, { line, column }, message, undefined, `Save the template as UTF-8 text ${how}.`);
  }
  const text = source.text;
  const control = text.search(CONTROL_CHARACTER);
  if (control !== -1) {
    const reason = `Unexpected ${describeCharacter(text[control]!)}, expected text: a template writes no control characters but tab and line ends (they would reach every email as they are)`;
    throw templateError(file, placeAt(text, control), reason, undefined, `Delete the character at that place (most editors show it as a box${caretNotation(text.charCodeAt(control))}).`);
  }
  return text;
}

/** How a terminal editor shows a C0 control character or DEL (caret notation: ESC `^[`, form feed `^L`), as the hint's second way; none for the others. */
function caretNotation(code: number): string {
  if (code < 0x20) return ` or \`^${String.fromCharCode(code + 0x40)}\``;
  return code === 0x7f ? ' or `^?`' : '';
}

/** The file's bytes, or a template error saying its size when it is over the limit. */
function readAtMostLimit(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size > MAX_TEMPLATE_BYTES) throw tooLarge(file, size);
    const bytes = readAtMost(fd, MAX_TEMPLATE_BYTES + 1, size);
    // A file that grew since it was measured.
    if (bytes.length > MAX_TEMPLATE_BYTES) throw tooLarge(file, bytes.length);
    return bytes;
  } finally {
    closeSync(fd);
  }
}

function tooLarge(file: string, size: number): Error {
  const kilobytes = (bytes: number) => `${Math.ceil(bytes / 1000).toLocaleString('en-US')} KB`;
  return templateError(
    file,
    undefined,
    `Unexpected template of ${kilobytes(size)}, expected at most ${kilobytes(MAX_TEMPLATE_BYTES)} (paperboy's limit for a template file)`,
    undefined,
    'Shorten the template: the largest built-in one is under 8 KB, and an email over 102 KB is clipped by Gmail.',
  );
}
