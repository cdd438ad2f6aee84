import { EwsInvalidArgumentError } from '@ews/core';

/**
 * A user name and password, as exchangelib's `Credentials(username, password)`. The user name may
 * be `DOMAIN\user`, a UPN or an email address. The password never appears in `toString`, JSON
 * or `util.inspect` output.
 */
export class Credentials {
  readonly username: string;
  readonly #password: string;

  constructor(username: string, password: string) {
    if (typeof username !== 'string' || username === '')
      throw new EwsInvalidArgumentError('username must be a non-empty string');
    if (typeof password !== 'string') throw new EwsInvalidArgumentError('password must be a string');
    this.username = username;
    this.#password = password;
  }

  get password(): string {
    return this.#password;
  }

  toString(): string {
    return `Credentials(${this.username})`;
  }

  toJSON(): { username: string } {
    return { username: this.username };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
