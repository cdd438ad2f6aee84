import type { FieldName, InferModel, Model } from '@ews/models';

/**
 * The writable fields whose values differ between a snapshot and the edited item, in model
 * order: what `save` sends as SetItemField / DeleteItemField (a field set to undefined is deleted).
 */
export function changedFields<M extends Model>(
  model: M,
  original: InferModel<M>,
  edited: InferModel<M>,
): FieldName<M>[] {
  const before = original as Record<string, unknown>;
  const after = edited as Record<string, unknown>;
  return model.fields
    .filter((def) => def.fieldUri !== undefined && !def.flags.readOnly)
    .filter((def) => !sameValue(before[def.name], after[def.name]))
    .map((def) => def.name as FieldName<M>);
}

/** Structural equality for field values: dates by time, bytes by content, lists and records deeply. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.from(a).equals(Buffer.from(b));
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameValue(v, b[i]))
    );
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keysA = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const keysB = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  return (
    keysA.length === keysB.length &&
    keysA.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}
