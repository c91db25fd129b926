export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** The calendar date in Vietnam at `now`, as 'YYYY-MM-DD' (epidemic dates are Vietnam dates). */
export function vnDate(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: VN_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** 'YYYY-MM-DD' plus n days. */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a calendar date; throws on anything else ('2021-02-30' included). */
export function dayNumber(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not a calendar date: "${iso}"`);
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
  // Date.UTC rolls 30 February over to March: the round trip catches it.
  if (isoDay(day) !== iso) throw new RangeError(`not a calendar date: "${iso}"`);
  return day;
}

/** The calendar date of a day number. */
export function isoDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' as Vietnamese write it: dd/mm/yyyy. */
export function vnDateOf(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
