/** One DNS SRV record (RFC 2782), as node:dns `resolveSrv` returns it. */
export interface SrvRecord {
  readonly priority: number;
  readonly weight: number;
  readonly port: number;
  /** The target host name. */
  readonly name: string;
}

const RDATA = /^\s*(\d{1,5})\s+(\d{1,5})\s+(\d{1,5})\s+(\S+?)\.?\s*$/;

/** A DNS host name: labels of letters, digits, `-` and `_` (1–63 each), 253 characters in all. */
const HOST_NAME =
  /^(?=.{1,253}\.?$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;

const isUint16 = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65_535;

/**
 * Whether a record (from the system resolver or an injected one: untrusted either way) names a
 * host that can be tried: 16-bit priority, weight and port, a port other than 0, a host name
 * that is one (not ".", the RFC 2782 "service not offered" target).
 */
export function isUsableSrvRecord(record: unknown): record is SrvRecord {
  if (typeof record !== 'object' || record === null) return false;
  const { priority, weight, port, name } = record as Record<string, unknown>;
  return (
    isUint16(priority) &&
    isUint16(weight) &&
    isUint16(port) &&
    port > 0 &&
    typeof name === 'string' &&
    HOST_NAME.test(name)
  );
}

/** Parses SRV RDATA in presentation form ("1 2 443 host.example.com."); undefined when malformed. */
export function parseSrvRecord(rdata: string): SrvRecord | undefined {
  const match = RDATA.exec(rdata);
  if (!match) return undefined;
  const [, priority, weight, port, name] = match;
  const numbers = [Number(priority), Number(weight), Number(port)];
  if (numbers.some((n) => n > 65_535) || name === undefined || name === '') return undefined;
  const [p = 0, w = 0, o = 0] = numbers;
  return { priority: p, weight: w, port: o, name };
}

/**
 * Orders SRV records for trying one after another, as RFC 2782 says: lowest priority first;
 * within one priority, a weighted random order (a record's chance to come next is its weight
 * over the sum of the weights left; weight-0 records are placed first so they keep a small
 * chance). Records with target "." (service explicitly unavailable), port 0 or anything else
 * `isUsableSrvRecord` refuses are dropped.
 * `random` returns a number in [0, 1): pass your own for repeatable tests.
 */
export function orderSrvRecords(
  records: readonly SrvRecord[],
  random: () => number = Math.random,
): SrvRecord[] {
  const usable = Array.isArray(records) ? records.filter(isUsableSrvRecord) : [];
  const priorities = [...new Set(usable.map((record) => record.priority))].sort((a, b) => a - b);
  const ordered: SrvRecord[] = [];
  for (const priority of priorities) {
    const left = usable
      .filter((record) => record.priority === priority)
      .sort((a, b) => (a.weight === 0 ? 0 : 1) - (b.weight === 0 ? 0 : 1));
    while (left.length > 0) {
      const total = left.reduce((sum, record) => sum + record.weight, 0);
      // RFC 2782: pick a number in [0, total] and take the first record whose running sum reaches it.
      const pick = Math.floor(random() * (total + 1));
      let running = 0;
      let index = left.findIndex((record) => {
        running += record.weight;
        return running >= pick;
      });
      if (index < 0) index = left.length - 1;
      const [chosen] = left.splice(index, 1);
      if (chosen) ordered.push(chosen);
    }
  }
  return ordered;
}
