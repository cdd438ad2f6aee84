/** A DST rule: the Occurrence-th DayOfWeek of Month (-1 = last) at TimeOffset local time. */
interface DstRule {
  readonly month: number;
  readonly dayOfWeek: string;
  readonly occurrence: number;
  readonly timeOffset: string;
}

export interface ServerTimeZone {
  readonly id: string;
  readonly name: string;
  /** Standard bias in minutes (UTC = local + bias), as Windows stores it. */
  readonly biasMinutes: number;
  readonly daylight?: { readonly biasMinutes: number; readonly start: DstRule; readonly end: DstRule };
}

// A few Windows zones with their current rules; enough for clients that ask for full definitions.
export const SERVER_TIME_ZONES: readonly ServerTimeZone[] = [
  { id: 'UTC', name: '(UTC) Coordinated Universal Time', biasMinutes: 0 },
  {
    id: 'GMT Standard Time',
    name: '(UTC+00:00) Dublin, Edinburgh, Lisbon, London',
    biasMinutes: 0,
    daylight: {
      biasMinutes: -60,
      start: { month: 3, dayOfWeek: 'Sunday', occurrence: -1, timeOffset: 'PT1H' },
      end: { month: 10, dayOfWeek: 'Sunday', occurrence: -1, timeOffset: 'PT2H' },
    },
  },
  {
    id: 'W. Europe Standard Time',
    name: '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna',
    biasMinutes: -60,
    daylight: {
      biasMinutes: -120,
      start: { month: 3, dayOfWeek: 'Sunday', occurrence: -1, timeOffset: 'PT2H' },
      end: { month: 10, dayOfWeek: 'Sunday', occurrence: -1, timeOffset: 'PT3H' },
    },
  },
  {
    id: 'Eastern Standard Time',
    name: '(UTC-05:00) Eastern Time (US & Canada)',
    biasMinutes: 300,
    daylight: {
      biasMinutes: 240,
      start: { month: 3, dayOfWeek: 'Sunday', occurrence: 2, timeOffset: 'PT2H' },
      end: { month: 11, dayOfWeek: 'Sunday', occurrence: 1, timeOffset: 'PT2H' },
    },
  },
  {
    id: 'Pacific Standard Time',
    name: '(UTC-08:00) Pacific Time (US & Canada)',
    biasMinutes: 480,
    daylight: {
      biasMinutes: 420,
      start: { month: 3, dayOfWeek: 'Sunday', occurrence: 2, timeOffset: 'PT2H' },
      end: { month: 11, dayOfWeek: 'Sunday', occurrence: 1, timeOffset: 'PT2H' },
    },
  },
];
