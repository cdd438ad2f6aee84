import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCHEMA = fileURLToPath(
  new URL('../../../../tools/ews-schema/schema/soap11-envelope.xsd', import.meta.url),
);

export interface SchemaVerdict {
  readonly name: string;
  readonly valid: boolean;
  readonly errors: string;
}

/** Validates documents against the EWS schema with one xmllint run (the schema compiles once). */
export function validateAll(documents: readonly { name: string; xml: string }[]): Promise<SchemaVerdict[]> {
  if (documents.length === 0) return Promise.resolve([]);
  const dir = mkdtempSync(join(tmpdir(), 'ews-test-server-schema-'));
  const files = documents.map((doc, i) => {
    const file = join(dir, `${String(i).padStart(4, '0')}.xml`);
    writeFileSync(file, doc.xml);
    return file;
  });
  return new Promise((resolve, reject) => {
    execFile(
      'xmllint',
      ['--noout', '--nonet', '--schema', SCHEMA, ...files],
      { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
      (error, _stdout, stderr) => {
        rmSync(dir, { recursive: true, force: true });
        if (error && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve(
          documents.map((doc, i) => {
            const file = files[i]!;
            const lines = stderr.split('\n').filter((line) => line.startsWith(file));
            const valid = lines.some((line) => line === `${file} validates`);
            return {
              name: doc.name,
              valid,
              errors: lines.filter((l) => !l.endsWith(' validates')).join('\n'),
            };
          }),
        );
      },
    );
  });
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
