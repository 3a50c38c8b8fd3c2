// Eastern time as the tz database has it, through Intl (not the core's easternTime.ts, which the
// corpus is there to test).

export type EasternOffset = '-04:00' | '-05:00';

const NEW_YORK = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', timeZoneName: 'longOffset' });
const MINUTE_MS = 60_000;

/** New York's offset at an instant, as `-04:00` or `-05:00`. */
export function newYorkOffsetAt(instantMs: number): EasternOffset {
  const name = NEW_YORK.formatToParts(instantMs).find((part) => part.type === 'timeZoneName')?.value;
  if (name !== 'GMT-04:00' && name !== 'GMT-05:00') throw new RangeError(`New York's offset is ${name}`);
  return name.slice(3) as EasternOffset;
}

const dayOffsets = new Map<string, EasternOffset>();

/**
 * New York's offset on a `yyyy-mm-dd` day from 03:00 on (clocks change at 02:00): the offset of
 * noon Eastern standard time, 17:00 UTC. Remembered per day: a corpus asks for each day many times.
 */
export function newYorkOffsetOn(day: string): EasternOffset {
  let offset = dayOffsets.get(day);
  if (offset === undefined) dayOffsets.set(day, (offset = newYorkOffsetAt(Date.parse(`${day}T17:00:00Z`))));
  return offset;
}

/** `EDT` or `EST`, as remarks give the time. */
export function zoneName(offset: EasternOffset): string {
  return offset === '-04:00' ? 'EDT' : 'EST';
}

/** The instant of a wall time `yyyy-mm-dd hh:mm:ss` written with `offset`. */
export function instantOf(wallTime: string, offset: EasternOffset): number {
  return Date.parse(`${wallTime.replace(' ', 'T')}${offset}`);
}

/** An instant as the wall time of a fixed offset, `yyyy-mm-dd hh:mm:ss±hh:mm`: how a time is written in another time's offset. */
export function wallTimeIn(instantMs: number, offset: EasternOffset): string {
  const shifted = new Date(instantMs + Number(offset.slice(0, 3)) * 60 * MINUTE_MS).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}${offset}`;
}
