// US Eastern time (the White House's), as the time zone database has it for every year: the
// rules changed in 2007 (daylight time from the second Sunday of March to the first Sunday of
// November; before, from the first Sunday of April to the last Sunday of October) and earlier.
// Intl carries that database in Node and in the extension host alike.

/** An instant as the US Eastern wall clock shows it. */
export interface EasternClock {
  /** `YYYY-MM-DD`. */
  readonly day: string;
  /** `HH:MM:SS`. */
  readonly time: string;
  /** `-04:00` in daylight time, `-05:00` in standard time. */
  readonly offset: string;
}

// A formatter is immutable: one is made once and shared.
const EASTERN = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York', hourCycle: 'h23', timeZoneName: 'longOffset',
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

export function easternClock(now: Date): EasternClock {
  const parts = Object.fromEntries(EASTERN.formatToParts(now).map((part) => [part.type, part.value]));
  // `GMT-05:00`; the local mean time before 1883 has seconds too (`GMT-04:56:02`).
  const offset = parts.timeZoneName.slice('GMT'.length, 'GMT-05:00'.length);
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}:${parts.second}`, offset };
}

/** The offset in force at noon of a `YYYY-MM-DD` day: '-04:00' in daylight time, else '-05:00'. */
export function easternOffsetOn(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  // 17:00 UTC is noon or 1 p.m. in New York, on the same day: clocks change at 2 a.m.
  return easternClock(new Date(Date.UTC(year, month - 1, date, 17))).offset;
}
