/**
 * The YYYY-MM-DD form (ISO 8601's calendar date, as SPEC's `date` key takes
 * it) of a date written another way a person writes one, for a message to
 * offer: `2023/05/29`, `2023.5.29`, `29/05/2023`, `29.05.2023`, `5/29/2023`,
 * `May 29, 2023`, `29 May 2023`, `29 Mar. 2023`. Undefined when the text is
 * no such date, names no real calendar day, or could be two days: `05/06/2023`
 * is the 5th of June in most of the world and May the 6th in the US, so no
 * form is offered rather than a wrong one.
 */
export function isoDateOf(written: string): string | undefined {
  const text = written.trim();
  const yearFirst = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (yearFirst) return calendarDate(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
  const yearLast = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  if (yearLast) {
    const [first, second, year] = [Number(yearLast[1]), Number(yearLast[2]), Number(yearLast[3])];
    // Day first unless the first number cannot be a month's, month first unless the second cannot: else either.
    if (first > 12 && second <= 12) return calendarDate(year, second, first);
    if (second > 12 && first <= 12) return calendarDate(year, first, second);
    return first === second ? calendarDate(year, first, second) : undefined;
  }
  const monthFirst = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i.exec(text);
  if (monthFirst) return withMonthName(monthFirst[1]!, Number(monthFirst[2]), Number(monthFirst[3]));
  const dayFirst = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$/i.exec(text);
  if (dayFirst) return withMonthName(dayFirst[2]!, Number(dayFirst[1]), Number(dayFirst[3]));
  return undefined;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A month's English name, whole or cut to three letters or more (`Sept`), with its day and year. */
function withMonthName(name: string, day: number, year: number): string | undefined {
  const lower = name.toLowerCase();
  const index = lower.length >= 3 ? MONTHS.findIndex((month) => month.startsWith(lower)) : -1;
  return index === -1 ? undefined : calendarDate(year, index + 1, day);
}

/** `2023-05-29`, or undefined for a day the month does not have. */
function calendarDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Why a YYYY-MM-DD string names no day (`there is no month 13`, `February
 * 2023 has 28 days`), or undefined when it does: what the `date-valid` and
 * `date-order` rules say, and why `build` refuses such a date
 * (archive/published.ts).
 */
export function calendarProblem(date: string): string | undefined {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const days = daysInMonth(year, month);
  const name = MONTHS[month - 1]!;
  if (day < 1 || day > days) return `${name[0]!.toUpperCase()}${name.slice(1)} ${year} has ${days} days`;
  return undefined;
}

/** The days of `month` (1–12) of `year` in the Gregorian calendar (a leap year: divisible by 4, not by 100 unless by 400): what `calendarProblem` and `isoDateOf` hold a day against. */
function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}
