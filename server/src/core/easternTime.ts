// US Eastern time (the White House's), by the rules in force since 2007: daylight time from 2:00
// on the second Sunday of March to 2:00 on the first Sunday of November.

const HOUR = 3_600_000;

/** The day of month of the n-th Sunday of a month (month 0-based, as Date.UTC takes it). */
function nthSunday(year: number, month: number, n: number): number {
  const firstWeekday = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((7 - firstWeekday) % 7) + 7 * (n - 1);
}

/** The offset in force at noon of a `YYYY-MM-DD` day: '-04:00' in daylight time, else '-05:00'. */
export function easternOffsetOn(day: string): '-04:00' | '-05:00' {
  const [year, month, date] = day.split('-').map(Number);
  const at = Date.UTC(year, month - 1, date);
  const daylight = at >= Date.UTC(year, 2, nthSunday(year, 2, 2)) && at < Date.UTC(year, 10, nthSunday(year, 10, 1));
  return daylight ? '-04:00' : '-05:00';
}

/** An instant as the US Eastern wall clock shows it. */
export interface EasternClock {
  /** `YYYY-MM-DD`. */
  readonly day: string;
  /** `HH:MM:SS`. */
  readonly time: string;
  readonly offset: '-04:00' | '-05:00';
}

export function easternClock(now: Date): EasternClock {
  const instant = now.getTime();
  const year = new Date(instant - 5 * HOUR).getUTCFullYear();
  // Daylight time starts at 2:00 EST (7:00 UTC) and ends at 2:00 EDT (6:00 UTC).
  const daylight = instant >= Date.UTC(year, 2, nthSunday(year, 2, 2), 7) && instant < Date.UTC(year, 10, nthSunday(year, 10, 1), 6);
  const local = new Date(instant - (daylight ? 4 : 5) * HOUR).toISOString();
  return { day: local.slice(0, 10), time: local.slice(11, 19), offset: daylight ? '-04:00' : '-05:00' };
}
