/** One challenge from a `WWW-Authenticate` header, e.g. `Digest realm="EWS", nonce="…"`. */
export interface AuthChallengeParam {
  /** Scheme as sent (compare case-insensitively). */
  readonly scheme: string;
  /** Auth-params by lower-case name, unquoted. */
  readonly params: Readonly<Record<string, string>>;
  /** token68 data (e.g. the base64 NTLM/Negotiate blob), if any. */
  readonly token?: string | undefined;
}

// RFC 7230 tchar and RFC 7235 token68 character classes.
const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;
const WHITESPACE = /[ \t]/;

/**
 * Parses `WWW-Authenticate` (or `Authorization`) header values per RFC 7235: several
 * challenges per value separated by commas, quoted-strings with `\` escapes, token68
 * blobs (`NTLM TlRMTVNT…`) and bare schemes. Malformed tails are skipped, never thrown:
 * a server's odd header must not turn a 401 into a crash.
 */
export function parseWwwAuthenticate(values: readonly string[]): AuthChallengeParam[] {
  const challenges: AuthChallengeParam[] = [];
  for (const value of values) challenges.push(...parseOneValue(value));
  return challenges;
}

function parseOneValue(input: string): AuthChallengeParam[] {
  const cursor = new Cursor(input);
  const result: AuthChallengeParam[] = [];
  for (;;) {
    cursor.skipSeparators();
    if (cursor.atEnd()) return result;
    const scheme = cursor.readWhile(TCHAR);
    if (scheme === '') {
      // Not a scheme: skip to the next list element.
      cursor.skipUntilComma();
      continue;
    }
    result.push(parseChallengeBody(cursor, scheme));
  }
}

function parseChallengeBody(cursor: Cursor, scheme: string): AuthChallengeParam {
  const params: Record<string, string> = {};
  const hadSpace = cursor.skipWhitespace();
  if (!hadSpace || cursor.atEnd() || cursor.peek() === ',') return { scheme, params };

  const token68 = cursor.tryToken68();
  if (token68 !== undefined) return { scheme, params, token: token68 };

  for (;;) {
    const param = cursor.tryAuthParam();
    if (param === undefined) {
      cursor.skipUntilComma();
    } else {
      params[param.name.toLowerCase()] = param.value;
    }
    // After a comma the next element is either another param of this challenge or a new challenge.
    cursor.skipSeparators();
    cursor.skipGarbageElements();
    if (cursor.atEnd() || !cursor.nextIsAuthParam()) return { scheme, params };
  }
}

/** A read position over one header value. */
class Cursor {
  #pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.#pos >= this.text.length;
  }

  peek(offset = 0): string {
    return this.text.charAt(this.#pos + offset);
  }

  readWhile(pattern: RegExp): string {
    const start = this.#pos;
    while (!this.atEnd() && pattern.test(this.peek())) this.#pos += 1;
    return this.text.slice(start, this.#pos);
  }

  skipWhitespace(): boolean {
    return this.readWhile(WHITESPACE) !== '';
  }

  skipSeparators(): void {
    this.readWhile(/[ \t,]/);
  }

  skipUntilComma(): void {
    while (!this.atEnd() && this.peek() !== ',') {
      if (this.peek() === '"') this.readQuoted();
      else this.#pos += 1;
    }
  }

  /** Skips list elements that cannot start a param or a challenge (e.g. `@@@`). */
  skipGarbageElements(): void {
    while (!this.atEnd() && !TCHAR.test(this.peek())) {
      this.skipUntilComma();
      this.skipSeparators();
    }
  }

  /** token68 only when it runs to the end of the element (`,` or end of value). */
  tryToken68(): string | undefined {
    const start = this.#pos;
    const body = this.readWhile(TOKEN68_CHAR);
    const padding = this.readWhile(/=/);
    this.skipWhitespace();
    if (body !== '' && (this.atEnd() || this.peek() === ',')) return body + padding;
    this.#pos = start;
    return undefined;
  }

  /** `name BWS "=" BWS ( token / quoted-string )`, or undefined (position unchanged). */
  tryAuthParam(): { name: string; value: string } | undefined {
    const start = this.#pos;
    const name = this.readWhile(TCHAR);
    this.skipWhitespace();
    if (name === '' || this.peek() !== '=') {
      this.#pos = start;
      return undefined;
    }
    this.#pos += 1;
    this.skipWhitespace();
    const value = this.peek() === '"' ? this.readQuoted() : this.readWhile(TCHAR);
    this.skipWhitespace();
    return { name, value };
  }

  nextIsAuthParam(): boolean {
    const start = this.#pos;
    const name = this.readWhile(TCHAR);
    this.skipWhitespace();
    const result = name !== '' && this.peek() === '=';
    this.#pos = start;
    return result;
  }

  /** Reads a quoted-string starting at `"`, resolving `\` escapes; tolerates a missing closing quote. */
  readQuoted(): string {
    this.#pos += 1;
    let value = '';
    while (!this.atEnd()) {
      const char = this.peek();
      this.#pos += 1;
      if (char === '"') return value;
      if (char === '\\' && !this.atEnd()) {
        value += this.peek();
        this.#pos += 1;
      } else {
        value += char;
      }
    }
    return value;
  }
}
