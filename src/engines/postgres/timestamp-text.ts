/**
 * Epoch milliseconds as PostgreSQL `timestamp` text in UTC: `YYYY-MM-DD HH:MM:SS.mmm`,
 * with ` BC` for years before 1 (JS year 0 is 1 BC; PostgreSQL has no year 0).
 * Staging writes one per event, so the date part is cached per UTC day and the time
 * of day built from integers: several times faster than toISOString and slicing.
 */

const MS_PER_DAY = 86_400_000;
/** The largest epoch milliseconds a JS Date holds. */
export const MAX_DATE_MS = 8.64e15;
const two = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const three = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

let cachedDay = Number.NaN;
let cachedDate = '';
let cachedEra = '';

/** Throws a RangeError beyond what a JS Date holds (±8.64e15 ms). */
export function utcTimestampText(epochMs: number): string {
  if (!(Math.abs(epochMs) <= MAX_DATE_MS)) throw new RangeError(`${epochMs} ms is outside the range of a timestamp`);
  const day = Math.floor(epochMs / MS_PER_DAY);
  if (day !== cachedDay) {
    const date = new Date(day * MS_PER_DAY);
    const year = date.getUTCFullYear();
    const yearText = String(year > 0 ? year : 1 - year).padStart(4, '0');
    cachedDate = `${yearText}-${two[date.getUTCMonth() + 1]}-${two[date.getUTCDate()]} `;
    cachedEra = year > 0 ? '' : ' BC';
    cachedDay = day;
  }
  let rest = epochMs - day * MS_PER_DAY;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const ms = rest - seconds * 1000;
  return `${cachedDate}${two[hours]}:${two[minutes]}:${two[seconds]}.${three[ms]}${cachedEra}`;
}
