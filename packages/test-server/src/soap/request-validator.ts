import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestServerError } from '../server/test-server-error.js';
import { LxmlValidator, type RawViolation } from './lxml-validator.js';

/** Where a request broke the schema, in Exchange's terms (1-based line and position). */
export interface SchemaViolation {
  readonly line: number;
  readonly position: number;
  readonly text: string;
}

// xmllint reports "-:LINE: element NAME: Schemas validity error : MESSAGE" or "-:LINE: parser error : MESSAGE".
const XMLLINT_LINE =
  /^-:(\d+): (?:element \S+: )?(?:Schemas validity error|parser error|namespace error)[^:]*: (.*)$/;

/** The column of the start tag of the element a message names, on the given line (1-based, after '<'). */
function positionOf(xml: string, line: number, message: string): number {
  const name = /Element '(?:\{[^}]*\})?([\w.-]+)'/.exec(message)?.[1];
  if (name === undefined) return 1;
  const text = xml.split('\n')[line - 1] ?? '';
  const match = new RegExp(`<(?:[\\w.-]+:)?${name}[\\s/>]`).exec(text);
  return match === null ? 1 : match.index + 2;
}

/** Exchange-style wording: qualified names as 'Name' in namespace 'ns'. */
function toViolation(xml: string, raw: RawViolation): SchemaViolation {
  const position = raw.column > 0 ? raw.column : positionOf(xml, raw.line, raw.text);
  const text = raw.text.trim().replace(/\{([^}]*)\}([\w.-]+)/g, "'$2' in namespace '$1'");
  return { line: raw.line, position, text };
}

/** Turns xmllint's output for one document into the first violation, or undefined when it validates. */
export function parseXmllintOutput(xml: string, output: string): SchemaViolation | undefined {
  const lines = output.split('\n').filter((l) => l !== '');
  if (lines.includes('- validates')) return undefined;
  for (const line of lines) {
    const found = XMLLINT_LINE.exec(line);
    if (found !== null) return toViolation(xml, { line: Number(found[1]), column: 0, text: found[2] ?? '' });
  }
  return { line: 1, position: 1, text: lines[0] ?? 'The request is not valid.' };
}

const REQUEST_SERVER_VERSION = /(<(?:[\w.-]+:)?RequestServerVersion\b[^>]*?\bVersion\s*=\s*)(["'])[^"']*\2/;

/**
 * Exchange checks RequestServerVersion against its own version table before the schema: an unknown
 * value (exchangelib tries "Exchange2019" first when it guesses) is ErrorInvalidServerVersion, which
 * clients rely on to step down. That check is handleSoap's; the schema sees a value it knows.
 */
export function withSchemaKnownVersion(xml: string): string {
  return xml.replace(REQUEST_SERVER_VERSION, '$1$2Exchange2016$2');
}

export type ValidatorEngine = 'lxml' | 'xmllint';

const PYTHONS = ['python3', '/usr/bin/python3'] as const;

/**
 * Validates requests against the EWS schema. Prefers a resident `python3` with lxml (compiles the schema
 * once, ~1 ms per request); otherwise runs `xmllint` (libxml2-utils) per request, which compiles the
 * schema every time (~0.2 s of CPU per request).
 */
export class RequestValidator {
  private constructor(
    private readonly dir: string,
    private readonly schemaPath: string,
    private readonly lxml: LxmlValidator | undefined,
  ) {}

  get engine(): ValidatorEngine {
    return this.lxml === undefined ? 'xmllint' : 'lxml';
  }

  /** Prepares a copy of the envelope schema whose Body must hold an operation (EWS requires one). */
  static async create(
    schemaDir: string,
    options: { readonly engine?: ValidatorEngine | 'auto'; readonly python?: string } = {},
  ): Promise<RequestValidator> {
    let text: string;
    try {
      text = await readFile(join(schemaDir, 'soap11-envelope.xsd'), 'utf8');
    } catch {
      throw new TestServerError(
        'TEST_SERVER_OPTIONS',
        `validateRequests: no soap11-envelope.xsd in ${schemaDir}`,
      );
    }
    const strict = text
      .replace(/(<xs:element name="Body">\s*<xs:complexType>\s*<xs:choice) minOccurs="0"/, '$1 minOccurs="1"')
      .replace(
        /schemaLocation="([^"/]+)"/g,
        (_, file: string) => `schemaLocation="${join(schemaDir, file)}"`,
      );
    const dir = await mkdtemp(join(tmpdir(), 'ews-test-server-schema-'));
    const schemaPath = join(dir, 'envelope-strict.xsd');
    await writeFile(schemaPath, strict);
    const engine = options.engine ?? 'auto';
    let lxml: LxmlValidator | undefined;
    if (engine !== 'xmllint') {
      let failure: unknown;
      // The first python3 on PATH may lack lxml where the system one (Debian python3-lxml) has it.
      for (const python of options.python === undefined ? PYTHONS : [options.python]) {
        try {
          lxml = await LxmlValidator.start(python, schemaPath);
          break;
        } catch (error) {
          failure = error;
        }
      }
      if (lxml === undefined) {
        const error = failure;
        if (engine === 'lxml') {
          await rm(dir, { recursive: true, force: true });
          throw new TestServerError(
            'TEST_SERVER_XMLLINT',
            `validateRequests: python3 with lxml is unusable: ${String(error)}`,
          );
        }
      }
    }
    return new RequestValidator(dir, schemaPath, lxml);
  }

  /** Resolves with the first violation, or undefined for a valid request. */
  async validate(request: string, signal?: AbortSignal): Promise<SchemaViolation | undefined> {
    const xml = withSchemaKnownVersion(request);
    if (this.lxml !== undefined) {
      const raw = await this.lxml.validate(xml);
      return raw === undefined ? undefined : toViolation(xml, raw);
    }
    return this.validateWithXmllint(xml, signal);
  }

  private validateWithXmllint(xml: string, signal?: AbortSignal): Promise<SchemaViolation | undefined> {
    return new Promise((resolve, reject) => {
      const child = spawn('xmllint', ['--noout', '--nonet', '--schema', this.schemaPath, '-'], {
        stdio: ['pipe', 'ignore', 'pipe'],
        ...(signal === undefined ? {} : { signal }),
      });
      const chunks: Buffer[] = [];
      child.stderr.on('data', (c: Buffer) => chunks.push(c));
      child.on('error', (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'ENOENT'
            ? new TestServerError(
                'TEST_SERVER_XMLLINT',
                'validateRequests needs python3-lxml or xmllint (libxml2-utils)',
              )
            : error,
        );
      });
      child.on('close', () => resolve(parseXmllintOutput(xml, Buffer.concat(chunks).toString('utf8'))));
      child.stdin.on('error', () => {}); // xmllint may exit before reading everything on a parse error
      child.stdin.end(xml);
    });
  }

  async close(): Promise<void> {
    this.lxml?.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}
