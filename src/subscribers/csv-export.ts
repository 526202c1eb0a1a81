import { stringify } from 'csv-stringify/sync';
import type { Subscriber } from './model.js';

const EXPORT_COLUMNS = ['email', 'name', 'status', 'consent_source', 'consent_at', 'confirmed_at', 'unsubscribed_at'] as const;

/**
 * A cell a spreadsheet would run as a formula (CSV injection, OWASP): one
 * starting with `=`, `+`, `-`, `@`, a tab or a CR gets a leading `'`, which
 * spreadsheets show as text. So that `unescapeFormula` can tell the `'` it
 * added from one the cell had, a cell that already starts with `'`s before
 * such a character gets one more: `'+q` is written `''+q`. An export thus
 * reads back exactly as it was, whatever its cells.
 */
const ESCAPED = /^'*[=+\-@\t\r]/;

function escapeFormula(cell: string): string {
  return ESCAPED.test(cell) ? `'${cell}` : cell;
}

/** Undoes `escapeFormula`: drops the one `'` it adds. */
export function unescapeFormula(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/**
 * The CSV lines of `subscribers`, header first, written as they come (a
 * list of any length, one row at a time). UTF-8 with a BOM, as
 * `papers.csv` (archive/data-files.ts): Excel reads a CSV without one as
 * Windows-1252, and shows `Zoë` as `ZoÃ«`; `subscribers import` and
 * csv-parse's `bom` option skip it.
 */
export function* subscriberCsv(subscribers: Iterable<Subscriber>): Generator<string> {
  yield stringify([[...EXPORT_COLUMNS]], { bom: true });
  for (const s of subscribers) {
    const cells = [s.email, s.name, s.status, s.consentSource, s.consentAt, s.confirmedAt ?? '', s.unsubscribedAt ?? ''];
    yield stringify([cells.map(escapeFormula)]);
  }
}
