import { useMemo } from 'react';
import { type Language, useLanguage } from './index.ts';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** 1.234.567 in Vietnamese, 1,234,567 in English. */
export function formatNumber(n: number | null | undefined, lang: Language, fractionDigits = 0): string {
  if (n == null || Number.isNaN(n)) return '–';
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: fractionDigits }).format(n);
}

/** A calendar date 'YYYY-MM-DD' (or the date part of an ISO time) as DD/MM/YYYY, without time-zone shifts. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '–';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

const dateTimeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An instant as DD/MM/YYYY HH:mm:ss in Vietnam's time, whatever the browser's zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(dateTimeParts.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** An instant as DD/MM/YYYY HH:mm in Vietnam's time (lists where seconds are noise). */
export function formatDateTimeMinutes(iso: string | null | undefined): string {
  const full = formatDateTime(iso);
  return /:\d{2}:\d{2}$/.test(full) ? full.slice(0, -3) : full;
}

/** Formatters bound to the current language. */
export function useFormat() {
  const lang = useLanguage();
  return useMemo(
    () => ({
      lang,
      number: (n: number | null | undefined, fractionDigits = 0) => formatNumber(n, lang, fractionDigits),
      date: formatDate,
      dateTime: formatDateTime,
      dateTimeMinutes: formatDateTimeMinutes,
    }),
    [lang],
  );
}

const VN_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's calendar date in Vietnam as 'YYYY-MM-DD', whatever the browser's time zone. */
export function todayInVietnam(now: Date = new Date()): string {
  return VN_DATE.format(now);
}
