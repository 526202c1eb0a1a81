/**
 * The times of a consent record as a subscriber CSV gives them, read into
 * the store's ISO 8601 UTC form (`2021-03-04T10:11:12.000Z`).
 */

/** The store's three times of a subscriber's consent record (model.ts `Subscriber`), each an ISO 8601 UTC time when the file gave one. */
export interface RowTimes {
  consentAt?: string;
  confirmedAt?: string;
  unsubscribedAt?: string;
}

/**
 * `2021-03-04 10:11:12` (Mailchimp: UTC, said without a zone), with an
 * optional fraction of a second, `T` for the space (ISO 8601: paperboy's
 * own export), then optionally `Z` or an offset (`+05:30`, `+0530`,
 * `+05`), and after an offset a zone's name (`+0530 IST`: listmonk, which
 * writes Go's `time.Time.String()`); a date alone is its midnight, UTC.
 */
const TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(?:\s*(Z|[+-]\d{2}(?::?\d{2})?)(?:\s+[A-Z][A-Za-z0-9+-]*)?|\s+(?:UTC|GMT))?$/i;

/**
 * A cell of a time column as an ISO 8601 UTC time, or undefined when it
 * is none of the forms `TIME` reads (or no real date: `2021-02-30`):
 * Date.parse is not used, as it reads a time without a zone as local,
 * which would make the stored time depend on the machine importing.
 */
export function parseCsvTime(cell: string): string | undefined {
  const match = TIME.exec(cell.trim());
  if (!match) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part)));
  const milliseconds = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(year!, month! - 1, day!, hour, minute, second, milliseconds);
  const date = new Date(utc);
  // Date.UTC carries an overflow into the next field (February 30th is March 2nd): such a cell is no time.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month! - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  return new Date(utc - offsetMinutes(match[8]) * 60_000).toISOString();
}

/**
 * Why a cell `parseCsvTime` cannot read is no time, in words for a
 * warning: a date or time of day that does not exist (`2023-02-30`,
 * `25:00`) written in a form it reads, or a form it does not read.
 */
export function csvTimeProblem(cell: string): string {
  return TIME.test(cell.trim()) ? 'is written as a time paperboy reads but is no date and time of the calendar' : 'is no time paperboy reads (2021-03-04 10:11:12, read as UTC, or ISO 8601)';
}

/** Minutes east of UTC of `Z`, `+05:30`, `-0800`, `+05`; 0 without one. */
function offsetMinutes(offset: string | undefined): number {
  if (offset === undefined || offset.toUpperCase() === 'Z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return offset.startsWith('-') ? -minutes : minutes;
}
