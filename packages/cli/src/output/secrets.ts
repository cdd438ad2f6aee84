import type { OutputStream } from '../context.js';

/**
 * The secrets of one run (the password), and the one place every line written passes through:
 * whatever a server, a library or a bug puts in a message, a known secret is replaced before it
 * reaches the terminal or a pipe.
 */
export class Secrets {
  readonly #values = new Set<string>();

  add(secret: string): void {
    // Very short values would mask ordinary text; they are still never printed by us.
    if (secret.length >= 3) this.#values.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.#values) out = out.split(secret).join('***');
    return out;
  }

  /** A stream that redacts every chunk before it reaches `stream`. */
  wrap(stream: OutputStream): OutputStream {
    return {
      write: (chunk: string) => stream.write(this.redact(chunk)),
      get isTTY() {
        return stream.isTTY;
      },
      get columns() {
        return stream.columns;
      },
    };
  }
}
