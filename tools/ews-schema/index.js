// Validates EWS SOAP 1.1 documents (envelopes or bare EWS elements) against Microsoft's EWS
// schema with xmllint. All documents of a call go through ONE xmllint run per chunk, because
// compiling the schema costs ~0.2 s while each document costs only a few ms.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const schemaDir = fileURLToPath(new URL('./schema/', import.meta.url));
export const envelopeSchemaPath = join(schemaDir, 'soap11-envelope.xsd');

// Keeps the xmllint command line far below ARG_MAX even with long temp paths.
const FILES_PER_RUN = 500;
// Enumeration sets (e.g. every FieldURI) make messages of several kB; shorten them unless asked not to.
const LONG_SET = /(of the set \{[^}]{200})[^}]+\}/g;

/**
 * The schema soap11-envelope.xsd allows an empty soap:Body (legal SOAP), but an EWS request or
 * response always has exactly one operation element there. We validate against a copy whose Body
 * requires a child, so xmllint itself reports the empty Body in the same run.
 */
async function writeStrictSchema(dir) {
  const text = await readFile(envelopeSchemaPath, 'utf8');
  const bodyChoice = /(<xs:element name="Body">\s*<xs:complexType>\s*<xs:choice) minOccurs="0"/;
  if (!bodyChoice.test(text)) {
    throw new Error(`ews-schema: unexpected layout of ${envelopeSchemaPath} (soap:Body choice not found)`);
  }
  const strict = text
    .replace(bodyChoice, '$1 minOccurs="1"')
    .replace(/schemaLocation="([^"]+)"/g, (_, file) => `schemaLocation="${join(schemaDir, file)}"`);
  const path = join(dir, 'envelope-strict.xsd');
  await writeFile(path, strict);
  return path;
}

function runXmllint(schemaPath, files, signal) {
  return new Promise((resolve, reject) => {
    const child = spawn('xmllint', ['--noout', '--nonet', '--schema', schemaPath, ...files], {
      stdio: ['ignore', 'pipe', 'pipe'],
      signal,
    });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('error', (error) => {
      if (error.code === 'ENOENT') {
        reject(new Error('ews-schema: xmllint not found (Debian/Ubuntu: apt-get install libxml2-utils)'));
      } else {
        reject(error);
      }
    });
    child.on('close', (status) => resolve({ status, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

/** Splits xmllint's combined output into one log per file: lines start with "FILE:" or "FILE ". */
function splitByFile(output, files) {
  const logs = files.map(() => []);
  let current = -1;
  for (const line of output.split('\n')) {
    const index = files.findIndex((f) => line.startsWith(`${f}:`) || line.startsWith(`${f} `));
    if (index !== -1) current = index;
    if (current !== -1 && line !== '') logs[current].push(line);
  }
  return logs;
}

/**
 * @param {string[]} documents
 * @param {{ names?: readonly string[], fullMessages?: boolean, signal?: AbortSignal }} [options]
 */
export async function validateEws(documents, options = {}) {
  if (!Array.isArray(documents)) throw new TypeError('validateEws: documents must be an array of strings');
  options.signal?.throwIfAborted();
  if (documents.length === 0) return [];
  const names = documents.map((_, i) => options.names?.[i] ?? `document #${i + 1}`);
  const dir = await mkdtemp(join(tmpdir(), 'ews-validate-'));
  try {
    const schemaPath = await writeStrictSchema(dir);
    const files = documents.map((_, i) => join(dir, `doc-${String(i + 1).padStart(5, '0')}.xml`));
    await Promise.all(documents.map((doc, i) => writeFile(files[i], doc, 'utf8')));
    const results = [];
    for (let start = 0; start < files.length; start += FILES_PER_RUN) {
      options.signal?.throwIfAborted();
      const batch = files.slice(start, start + FILES_PER_RUN);
      const { status, output } = await runXmllint(schemaPath, batch, options.signal);
      if (/failed to compile|Schemas parser error/.test(output)) {
        throw new Error(`ews-schema: the schema did not compile (xmllint exit ${status}):\n${output}`);
      }
      const logs = splitByFile(output, batch);
      batch.forEach((file, j) => {
        const name = names[start + j];
        const lines = logs[j];
        const ok = lines.length === 1 && lines[0] === `${file} validates`;
        let errors = ok ? '' : lines.filter((l) => l !== `${file} fails to validate`).join('\n');
        if (!ok && errors === '') errors = `${file}: xmllint reported nothing for this document`;
        errors = errors.split(file).join(name);
        if (!options.fullMessages) errors = errors.replace(LONG_SET, '$1 ...}');
        results.push({ name, ok, errors });
      });
    }
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Throws one Error listing every invalid document with xmllint's messages. */
export async function assertValidEws(documents, options = {}) {
  const results = await validateEws(documents, options);
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) {
    const detail = failed.map((r) => `FAIL ${r.name}\n${indent(r.errors)}`).join('\n');
    throw new Error(`${failed.length} of ${results.length} EWS document(s) are not schema-valid:\n${detail}`);
  }
  return results;
}

function indent(text) {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

/**
 * Collects documents during a test file and validates them in one batch at the end
 * (e.g. `afterAll(() => recorder.assertAllValid())`).
 */
export function createEnvelopeRecorder() {
  const documents = [];
  const names = [];
  const record = (document, name) => {
    if (typeof document !== 'string') throw new TypeError('recorder.record: document must be a string');
    documents.push(document);
    names.push(name ?? `recorded #${documents.length}`);
    return document;
  };
  return {
    record,
    add: record,
    get size() {
      return documents.length;
    },
    get documents() {
      return [...documents];
    },
    validateAll(options = {}) {
      return validateEws([...documents], { ...options, names: [...names] });
    },
    assertAllValid(options = {}) {
      return assertValidEws([...documents], { ...options, names: [...names] });
    },
    // A pipeline policy (the shape of @ews/core's Policy) recording each request body as
    // `N-Operation`, so a test passes `policies: [recorder.policy]` instead of writing its own.
    policy: {
      name: 'record-envelopes',
      send(request, next) {
        if (request.body !== undefined) record(request.body, `${documents.length + 1}-${request.operation}`);
        return next(request);
      },
    },
  };
}
