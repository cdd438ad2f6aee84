// Generates src/calendar/generated/windows-time-zones.ts: every Windows time zone Exchange knows, with
// its display name and its rules (periods, yearly transition groups, the years each group starts) the
// way GetServerTimeZones and an item's StartTimeZone/EndTimeZone carry them.
//
// Inputs: the Windows ids and their IANA zone from CLDR windowsZones (@ews-tools/vectors'
// windows-zones-map.json), the display names in windows-time-zone-names.json beside this script, and
// the rules from this Node's time zone data (Intl). The server never reads these at run time.
//
//   node packages/test-server/scripts/generate-time-zones.mjs          writes the table
//   generateTimeZones()                                                the data (drift test)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadVectors } from '@ews-tools/vectors';

export const OUTPUT = new URL('../src/calendar/generated/windows-time-zones.ts', import.meta.url);
// Rules are exact from FIRST_YEAR (earlier years use its rules, as Windows' first registry entry
// does) to LAST_YEAR (later years repeat its rules).
const FIRST_YEAR = 2006;
const LAST_YEAR = 2037;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Minutes east of UTC at an instant, from Intl's "GMT+hh:mm". */
function offsetReader(iana) {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: iana, timeZoneName: 'longOffset' });
  return (ms) => {
    const text = format.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const match = /^GMT(?:([+-])(\d\d):(\d\d)(?::(\d\d))?)?$/.exec(text);
    if (match === null) throw new Error(`Unreadable offset ${text} for ${iana}`);
    if (match[1] === undefined) return 0;
    const minutes = Number(match[2]) * 60 + Number(match[3]);
    return match[1] === '-' ? -minutes : minutes;
  };
}

/** Instants in [from, to) where the offset changes, found day by day then to the minute. */
function changes(offsetAt, from, to) {
  const found = [];
  let previous = offsetAt(from);
  // Weeks first (no zone switches twice within one), then the days of a week that changed.
  for (let week = from; week < to; week += 7 * DAY_MS) {
    if (offsetAt(Math.min(week + 7 * DAY_MS, to)) === previous) continue;
    for (let day = week; day < Math.min(week + 7 * DAY_MS, to); day += DAY_MS) {
      const next = Math.min(day + DAY_MS, to);
      if (offsetAt(next) === previous) continue;
      // Each hour of the day, then the exact minute inside the hour where it changed.
      for (let hour = day; hour < next; hour += 3_600_000) {
        const end = Math.min(hour + 3_600_000, next);
        if (offsetAt(end) === previous) continue;
        let lo = hour;
        let hi = end;
        while (hi - lo > MINUTE_MS) {
          const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
          if (offsetAt(mid) === previous) lo = mid;
          else hi = mid;
        }
        const after = offsetAt(hi);
        found.push({ epochMs: hi, before: previous, after });
        previous = after;
      }
    }
  }
  return found;
}

function localJanFirst(offsetAt, year) {
  const local = Date.UTC(year, 0, 1);
  return local - offsetAt(local - offsetAt(local) * MINUTE_MS) * MINUTE_MS;
}

/** One switch as Windows writes it: local wall-clock time in the offset it leaves. */
function ruleFor(change, year) {
  // A switch at midnight ending the year (Dhaka, 2009) is written as 23:59 on Dec 31, as Windows does.
  const reading = change.epochMs + change.before * MINUTE_MS;
  const local = new Date(new Date(reading).getUTCFullYear() > year ? reading - MINUTE_MS : reading);
  const day = local.getUTCDate();
  const daysInMonth = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
  const nth = Math.ceil(day / 7);
  return {
    month: local.getUTCMonth() + 1,
    dayOfWeek: WEEKDAYS[local.getUTCDay()],
    occurrences: [...(day + 7 > daysInMonth ? [-1] : []), ...(nth <= 4 ? [nth] : [])],
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
    to: change.after,
  };
}

function yearRules(offsetAt, year) {
  const from = localJanFirst(offsetAt, year);
  const rules = changes(offsetAt, from, localJanFirst(offsetAt, year + 1)).map((c) => ruleFor(c, year));
  return { year, start: offsetAt(from), rules };
}

/** Consecutive years share a group when every switch matches and one occurrence reading fits all. */
function merge(a, b) {
  if (a.start !== b.start || a.rules.length !== b.rules.length) return undefined;
  const rules = [];
  for (const [i, x] of a.rules.entries()) {
    const y = b.rules[i];
    if (x.month !== y.month || x.dayOfWeek !== y.dayOfWeek || x.minutes !== y.minutes || x.to !== y.to)
      return undefined;
    const occurrences = x.occurrences.filter((n) => y.occurrences.includes(n));
    if (occurrences.length === 0) return undefined;
    rules.push({ ...x, occurrences });
  }
  return { ...a, rules };
}

/** A group: its first year, its periods (offset → name) and its yearly transitions. */
function groupOf(run) {
  const offsets = [...new Set([run.start, ...run.rules.map((r) => r.to)])].sort((x, y) => x - y);
  const names = offsets.map((_, i) =>
    i === 0 ? 'Standard' : offsets.length === 2 ? 'Daylight' : `Daylight${i}`,
  );
  const nameOf = (offset) => names[offsets.indexOf(offset)];
  const transitions = run.rules.map((r) => ({
    to: nameOf(r.to),
    minutes: r.minutes,
    month: r.month,
    dayOfWeek: r.dayOfWeek,
    occurrence: r.occurrences[0],
  }));
  // A year that ends in another offset than it began (a change of standard time) starts over on Jan 1.
  const last = run.rules.at(-1);
  if (last !== undefined && last.to !== run.start) {
    transitions.unshift({ to: nameOf(run.start), minutes: 0, month: 1, day: 1 });
  }
  return {
    year: run.year,
    periods: offsets.map((offset, i) => ({ name: names[i], offsetMinutes: offset })),
    transitions: run.rules.length === 0 ? [{ to: 'Standard' }] : transitions,
  };
}

function zoneRules(iana) {
  const offsetAt = offsetReader(iana);
  const runs = [];
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    const rules = yearRules(offsetAt, year);
    const previous = runs.at(-1);
    const merged = previous === undefined ? undefined : merge(previous, rules);
    if (merged !== undefined) runs[runs.length - 1] = merged;
    else runs.push(rules);
  }
  return runs.map(groupOf);
}

function displayName(cities, groups) {
  if (cities.startsWith('(')) return cities;
  const standard = groups.at(-1).periods[0].offsetMinutes;
  const abs = Math.abs(standard);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `(UTC${standard < 0 ? '-' : '+'}${hhmm}) ${cities}`;
}

/** The zones, in the table's order (what the drift test compares with the committed table). */
export function generateTimeZones() {
  const map = loadVectors('windows-zones-map');
  const { names } = JSON.parse(
    readFileSync(new URL('./windows-time-zone-names.json', import.meta.url), 'utf8'),
  );
  const ids = Object.keys(map.ms_to_iana).filter((id) => !id.startsWith('tzone://'));
  const missing = ids.filter((id) => names[id] === undefined);
  const extra = Object.keys(names).filter((id) => !ids.includes(id));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`Display names out of step with CLDR: missing ${missing}, unknown ${extra}`);
  }
  const zones = ids.map((id) => {
    const iana = map.ms_to_iana[id];
    const groups = zoneRules(iana);
    return { id, name: displayName(names[id], groups), iana, groups };
  });
  // Windows lists zones by standard offset (west to east), then by display name.
  const offsetOf = (z) => z.groups.at(-1).periods[0].offsetMinutes;
  zones.sort((a, b) => offsetOf(a) - offsetOf(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { cldrVersion: map.cldr_typeVersion, zones };
}

/** The generated module's text (before biome formats it). */
export function generateTimeZoneTable() {
  const { cldrVersion, zones } = generateTimeZones();
  const lines = zones.map((z) => `  ${JSON.stringify(z)},`);
  return [
    '// Generated by scripts/generate-time-zones.mjs. Do not edit by hand.',
    `// Windows ids and IANA zones: Unicode CLDR windowsZones ${cldrVersion} (Unicode-3.0 licence);`,
    `// rules from the IANA time zone data, ${FIRST_YEAR}–${LAST_YEAR}.`,
    "import type { WindowsTimeZone } from '../windows-time-zone.js';",
    '',
    'export const WINDOWS_TIME_ZONES: readonly WindowsTimeZone[] = [',
    ...lines,
    '];',
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(OUTPUT, generateTimeZoneTable());
  execFileSync('pnpm', ['exec', 'biome', 'format', '--write', fileURLToPath(OUTPUT)], { stdio: 'inherit' });
  console.log(`wrote ${OUTPUT.pathname}`);
}
