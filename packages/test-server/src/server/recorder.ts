import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Writes every request and response body to numbered files: 0001-GetFolder-request.xml, … */
export class Recorder {
  private count = 0;
  private ready: Promise<unknown> | undefined;

  constructor(private readonly dir: string) {}

  /** Records one exchange; returns its file name stem (e.g. `0007-GetStreamingEvents`) for later parts. */
  async record(operation: string | undefined, request: string, response: string): Promise<string> {
    this.ready ??= mkdir(this.dir, { recursive: true });
    await this.ready;
    this.count += 1;
    const base = `${String(this.count).padStart(4, '0')}-${operation ?? 'unknown'}`;
    await writeFile(join(this.dir, `${base}-request.xml`), request);
    await writeFile(join(this.dir, `${base}-response.xml`), response);
    return base;
  }

  /** A later envelope of a streamed response: `0007-GetStreamingEvents-response-part2.xml`, … */
  async recordPart(base: string, part: number, response: string): Promise<void> {
    await writeFile(join(this.dir, `${base}-response-part${part}.xml`), response);
  }
}
