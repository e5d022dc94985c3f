import { DateTime } from 'luxon';
import { Lang } from './i18n';

/**
 * Numbers as riders read them: the API keeps integer fen, basis points and minutes (DESIGN §3);
 * pages say 元 with two decimals, percentages, and hours.
 */

/** 640 → "6.40" (no unit): for form inputs. */
export function fenToYuanNumber(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 640 → "6.40 元" / "6.40 yuan". */
export function yuan(fen: number, lang: Lang): string {
  return `${fenToYuanNumber(fen)} ${lang === 'zh' ? '元' : 'yuan'}`;
}

/** 1400 → "14", 1350 → "13.5", 1234 → "12.34": the shortest exact form, for inputs. */
export function basisPointsToPercentNumber(bp: number): string {
  return String(Number((bp / 100).toFixed(2)));
}

/** 1400 → "14%", 1350 → "13.5%". */
export function percent(bp: number): string {
  return `${basisPointsToPercentNumber(bp)}%`;
}

/** 240 → "4 小时", 20 → "20 分钟", 90 → "1 小时 30 分钟" (en: "4 hours", "1 hour 30 minutes"). */
export function duration(minutes: number, lang: Lang): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (lang === 'zh') {
    if (hours) parts.push(`${hours} 小时`);
    if (rest || !hours) parts.push(`${rest} 分钟`);
  } else {
    if (hours) parts.push(`${hours} ${hours === 1 ? 'hour' : 'hours'}`);
    if (rest || !hours) parts.push(`${rest} ${rest === 1 ? 'minute' : 'minutes'}`);
  }
  return parts.join(' ');
}

/** An instant, in the deployment's zone: "2027年1月4日 09:00" / "4 Jan 2027, 09:00". */
export function dateTime(iso: string, zone: string, lang: Lang): string {
  const at = DateTime.fromISO(iso, { zone });
  if (!at.isValid) return iso;
  return lang === 'zh' ? at.toFormat("yyyy'年'M'月'd'日' HH:mm") : at.setLocale('en-GB').toFormat('d LLL yyyy, HH:mm');
}

/** A calendar date (already a date in the zone, e.g. effectiveFrom): "2027年2月1日" / "1 Feb 2027". */
export function calendarDate(isoDate: string, lang: Lang): string {
  const day = DateTime.fromISO(isoDate, { zone: 'UTC' });
  if (!day.isValid) return isoDate;
  return lang === 'zh' ? day.toFormat("yyyy'年'M'月'd'日'") : day.setLocale('en-GB').toFormat('d LLL yyyy');
}

/** Whole days (or, under two days, hours) from now to a due instant; negative when overdue. */
export function timeLeft(dueAt: string, now: Date): { unit: 'days' | 'hours'; n: number; overdue: boolean } {
  const ms = new Date(dueAt).getTime() - now.getTime();
  const hours = Math.abs(ms) / 3_600_000;
  if (hours < 48) return { unit: 'hours', n: Math.floor(hours), overdue: ms < 0 };
  return { unit: 'days', n: Math.floor(hours / 24), overdue: ms < 0 };
}

