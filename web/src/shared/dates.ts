/** Calendar-day arithmetic on 'YYYY-MM-DD' strings (UTC midnight: no time zone or DST can shift a day). */
const MS_PER_DAY = 86_400_000;
const toDay = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;

export function addDaysIso(iso: string, n: number): string {
  return new Date((toDay(iso) + n) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function dayDiff(from: string, to: string): number {
  return toDay(to) - toDay(from);
}
