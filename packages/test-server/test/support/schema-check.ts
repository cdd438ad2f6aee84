import { validateEws } from '@ews-tools/ews-schema';

export interface SchemaVerdict {
  readonly name: string;
  readonly valid: boolean;
  readonly errors: string;
}

/** Validates documents against the EWS schema with the project's validator (one xmllint run). */
export async function validateAll(
  documents: readonly { name: string; xml: string }[],
): Promise<SchemaVerdict[]> {
  if (documents.length === 0) return [];
  const results = await validateEws(
    documents.map((doc) => doc.xml),
    { names: documents.map((doc) => doc.name) },
  );
  return results.map((result) => ({ name: result.name, valid: result.ok, errors: result.errors }));
}

/** Collects every request and response a test file exchanges, for one validation pass at the end. */
export class TrafficLog {
  readonly requests: { name: string; xml: string }[] = [];
  readonly responses: { name: string; xml: string }[] = [];

  async invalid(): Promise<SchemaVerdict[]> {
    const verdicts = await validateAll([...this.requests, ...this.responses]);
    return verdicts.filter((v) => !v.valid);
  }
}
