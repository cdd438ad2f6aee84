// What a call ended in, as plain data that two runs can be compared on: values normalized
// (dates as ISO text, bytes as base64, errors as their code), then a structural diff that tells
// an entry refused with an error apart from an entry silently different.

/** Keys that hold machinery, not data (an account, a model's field table, a client). */
const SKIPPED_KEYS = new Set(['account', 'model', 'client', 'node']);
const MAX_DEPTH = 200;

/**
 * @param {unknown} value
 * @param {(error: unknown) => string | undefined} codeOf the EwsError code, undefined for other errors
 */
export function plain(value, codeOf, depth = 0, seen = new Set()) {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value === undefined) return { $undefined: true };
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $number: String(value) };
  if (typeof value === 'bigint') return { $bigint: String(value) };
  if (typeof value === 'function' || typeof value === 'symbol') return { $skipped: typeof value };
  if (depth > MAX_DEPTH) return { $deep: true };
  if (value instanceof Date)
    return { $date: Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString() };
  if (value instanceof Error) return errorMarker(value, codeOf);
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (seen.has(value)) return { $cycle: true };
  // A failed entry of a batch ({ ok: false, error }) is that error: a refused entry.
  if (isFailedOutcome(value)) return errorMarker(value.error, codeOf);
  seen.add(value);
  try {
    // An entry labelled with what it answers ({ address, ok, value | error }): the labels are
    // compared as they are, and the outcome under `$outcome` is the value or the refusal.
    if (isLabelledOutcome(value)) {
      /** @type {Record<string, unknown>} */
      const out = {};
      for (const key of Object.keys(value).sort()) {
        if (key === 'ok' || key === 'value' || key === 'error' || SKIPPED_KEYS.has(key)) continue;
        const entry = /** @type {Record<string, unknown>} */ (value)[key];
        if (entry === undefined || typeof entry === 'function') continue;
        out[key] = plain(entry, codeOf, depth + 1, seen);
      }
      out.$outcome = value.ok
        ? plain(value.value, codeOf, depth + 1, seen)
        : errorMarker(value.error, codeOf);
      return out;
    }
    if (Array.isArray(value)) return value.map((entry) => plain(entry, codeOf, depth + 1, seen));
    if (value instanceof Map)
      return {
        $map: [...value].map(([k, v]) => [
          plain(k, codeOf, depth + 1, seen),
          plain(v, codeOf, depth + 1, seen),
        ]),
      };
    if (value instanceof Set)
      return { $set: [...value].map((entry) => plain(entry, codeOf, depth + 1, seen)) };
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const key of Object.keys(value).sort()) {
      if (SKIPPED_KEYS.has(key)) continue;
      const entry = /** @type {Record<string, unknown>} */ (value)[key];
      if (entry === undefined || typeof entry === 'function') continue;
      out[key] = plain(entry, codeOf, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function isFailedOutcome(value) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return value.ok === false && value.error instanceof Error && keys.length === 2 && keys.includes('error');
}

/** `{ ok: true, value, …labels }` or `{ ok: false, error, …labels }` with at least one label. */
function isLabelledOutcome(value) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (value.ok === true) return keys.includes('value') && !keys.includes('error') && keys.length > 2;
  if (value.ok === false) return value.error instanceof Error && !keys.includes('value') && keys.length > 2;
  return false;
}

function errorMarker(error, codeOf) {
  const code = codeOf(error);
  return code === undefined
    ? { $error: `NOT_EWS:${error.name}`, message: String(error.message).slice(0, 200) }
    : { $error: code };
}

/** Whether a normalized value is an error marker (an entry that failed). */
export function isErrorMarker(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && '$error' in value;
}

/** Error markers for errors that are not EwsErrors, anywhere in a normalized value (a reader crashed into data). */
export function foreignErrors(value, path = '$', found = []) {
  if (found.length >= 5 || typeof value !== 'object' || value === null) return found;
  if (isErrorMarker(value)) {
    if (String(value.$error).startsWith('NOT_EWS:')) found.push({ path, error: value });
    return found;
  }
  for (const [key, entry] of Object.entries(value)) foreignErrors(entry, `${path}.${key}`, found);
  return found;
}

/** The fewest characters a visibly bounded text must keep (see isVisiblyBounded). */
const MIN_KEPT_OF_BOUNDED = 100;
const BOUND_MARKER = /…\((\d+) more characters\)$/;

/**
 * Whether `actual` is `expected` cut visibly: its first characters (at least
 * MIN_KEPT_OF_BOUNDED), then `…(N more characters)` with N exactly the number left out. That is
 * how a reader bounds a server text it documents as bounded (core's boundedServerText: fault and
 * message texts, MessageXml values): not a silent change, the text says it was cut and by how much.
 */
export function isVisiblyBounded(expected, actual) {
  if (typeof expected !== 'string' || typeof actual !== 'string') return false;
  const marker = BOUND_MARKER.exec(actual);
  if (marker === null) return false;
  const kept = actual.slice(0, marker.index);
  return (
    kept.length >= MIN_KEPT_OF_BOUNDED &&
    expected.startsWith(kept) &&
    kept.length + Number(marker[1]) === expected.length
  );
}

/**
 * Where `actual` differs from `expected`: `refusals` are entries that became an error marker
 * (a reader that noticed and refused that entry), `silent` everything else that differs.
 * `options.bounded`: a text visibly bounded (isVisiblyBounded) counts as the expected one.
 */
export function diff(expected, actual, path = '$', out = { silent: [], refusals: [] }, options = {}) {
  if (out.silent.length >= 5) return out;
  if (isErrorMarker(actual) && !isErrorMarker(expected)) {
    out.refusals.push({ path, code: actual.$error });
    return out;
  }
  if (isErrorMarker(actual) && isErrorMarker(expected)) {
    if (actual.$error !== expected.$error) out.refusals.push({ path, code: actual.$error });
    return out;
  }
  if (typeof expected !== 'object' || expected === null || typeof actual !== 'object' || actual === null) {
    if (!Object.is(expected, actual) && !(options.bounded && isVisiblyBounded(expected, actual)))
      out.silent.push({ path, expected, actual });
    return out;
  }
  if (Array.isArray(expected) !== Array.isArray(actual)) {
    out.silent.push({ path, expected, actual });
    return out;
  }
  if (Array.isArray(expected)) {
    if (expected.length !== actual.length)
      out.silent.push({ path: `${path}.length`, expected: expected.length, actual: actual.length });
    const length = Math.min(expected.length, actual.length);
    for (let i = 0; i < length; i++) diff(expected[i], actual[i], `${path}[${i}]`, out, options);
    return out;
  }
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  for (const key of keys) {
    if (!(key in actual))
      out.silent.push({ path: `${path}.${key}`, expected: expected[key], actual: 'absent' });
    else if (!(key in expected))
      out.silent.push({ path: `${path}.${key}`, expected: 'absent', actual: actual[key] });
    else diff(expected[key], actual[key], `${path}.${key}`, out, options);
  }
  return out;
}

/** Every string in a normalized value (dates' ISO text included), for finding where a text went. */
export function stringLeaves(value, out = new Set()) {
  if (typeof value === 'string') out.add(value);
  else if (typeof value === 'object' && value !== null)
    for (const entry of Object.values(value)) stringLeaves(entry, out);
  return out;
}

/** A copy of a normalized value with every string leaf equal to `from` replaced by `to`. */
export function replaceLeaves(value, from, to) {
  if (typeof value === 'string') return value === from ? to : value;
  if (Array.isArray(value)) return value.map((entry) => replaceLeaves(entry, from, to));
  if (typeof value === 'object' && value !== null) {
    const out = {};
    for (const [key, entry] of Object.entries(value)) out[key] = replaceLeaves(entry, from, to);
    return out;
  }
  return value;
}

/** A short, bounded rendering of a normalized value for failure messages. */
export function excerpt(value, max = 160) {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}
