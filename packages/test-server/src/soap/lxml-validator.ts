import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** What lxml reports; column is 0 when libxml2 only knows the line (schema validity errors). */
export interface RawViolation {
  readonly line: number;
  readonly column: number;
  readonly text: string;
}

// A resident validator: Python's lxml compiles the schema once, then answers one JSON line per request.
const SCRIPT = `
import json, sys
from lxml import etree
schema = etree.XMLSchema(etree.parse(sys.argv[1]))
parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    xml = json.loads(line)["xml"]
    try:
        doc = etree.fromstring(xml.encode("utf-8"), parser)
    except etree.XMLSyntaxError as error:
        print(json.dumps({"ok": False, "line": error.lineno or 1, "column": (error.position or (0, 0))[1],
                          "message": error.msg}), flush=True)
        continue
    if schema.validate(doc):
        print(json.dumps({"ok": True}), flush=True)
    else:
        e = schema.error_log[0]
        print(json.dumps({"ok": False, "line": e.line, "column": e.column, "message": e.message}), flush=True)
`;

interface Answer {
  readonly ready?: boolean;
  readonly ok?: boolean;
  readonly line?: number;
  readonly column?: number;
  readonly message?: string;
}

type Pending = (answer: Answer | Error) => void;

/** One long-lived `python3` with lxml; requests are answered strictly in order. */
export class LxmlValidator {
  private readonly pending: Pending[] = [];

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    const fail = (error: Error) => {
      for (const resolve of this.pending.splice(0)) resolve(error);
    };
    createInterface({ input: child.stdout }).on('line', (line) => {
      this.pending.shift()?.(JSON.parse(line) as Answer);
    });
    child.on('error', fail);
    child.on('close', () => fail(new Error('the lxml validator exited')));
    child.stdin.on('error', () => {}); // reported through 'close'
  }

  /** Starts python3 with lxml on the schema; resolves once the schema compiled, rejects if it cannot. */
  static start(python: string, schemaPath: string): Promise<LxmlValidator> {
    const child = spawn(python, ['-c', SCRIPT, schemaPath], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr.resume();
    const validator = new LxmlValidator(child);
    return validator.next().then((answer) => {
      if (answer instanceof Error || answer.ready !== true) {
        validator.close();
        throw answer instanceof Error ? answer : new Error('the lxml validator did not start');
      }
      return validator;
    });
  }

  private next(): Promise<Answer | Error> {
    return new Promise((resolve) => this.pending.push(resolve));
  }

  /** The first violation lxml reports, or undefined for a valid document. */
  async validate(xml: string): Promise<RawViolation | undefined> {
    const answer = this.next();
    this.child.stdin.write(`${JSON.stringify({ xml })}\n`);
    const result = await answer;
    if (result instanceof Error) throw result;
    if (result.ok === true) return undefined;
    return { line: result.line ?? 1, column: result.column ?? 0, text: result.message ?? 'invalid request' };
  }

  close(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}
