import type { EwsError } from './ews-error.js';

// Nested data on an error (headers, MessageXml) is shallow; this bounds a cycle all the same.
const MAX_DEPTH = 4;

/**
 * `error` with `redact` applied to every text it holds: message, stack, each string field and
 * the strings inside its object fields (responseHeaders, messageXml…), and its EwsError causes.
 * Used on errors made from an answer, so a page or fault that echoes what the request carried
 * cannot bring it into an error. The error is changed in place (it is new and not yet thrown).
 */
export function maskError<E extends EwsError>(error: E, redact: (text: string) => string): E {
  maskInPlace(error, redact, 0);
  return error;
}

function maskInPlace(error: Error, redact: (text: string) => string, depth: number): void {
  const target = error as unknown as Record<string, unknown>;
  for (const key of new Set(['message', 'stack', ...Object.keys(error)])) {
    const value = target[key];
    const masked = maskValue(value, redact, depth);
    if (masked === value) continue;
    const descriptor = Object.getOwnPropertyDescriptor(error, key);
    // Keep the field as it was (enumerable or not); an accessor `stack` is set through its setter.
    if (descriptor && 'value' in descriptor)
      Object.defineProperty(error, key, { ...descriptor, value: masked });
    else target[key] = masked;
  }
  if (error.cause instanceof Error && depth < MAX_DEPTH) maskInPlace(error.cause, redact, depth + 1);
}

function maskValue(value: unknown, redact: (text: string) => string, depth: number): unknown {
  if (typeof value === 'string') return redact(value);
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object' || value instanceof Error)
    return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => maskValue(item, redact, depth + 1));
    return items.some((item, index) => item !== value[index]) ? Object.freeze(items) : value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null)
    return value;
  let changed = false;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = maskValue(item, redact, depth + 1);
    if (copy[key] !== item) changed = true;
  }
  return changed ? Object.freeze(copy) : value;
}
