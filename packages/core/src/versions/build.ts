import { EwsInvalidArgumentError } from '../errors/error-classes.js';

const BUILD_TEXT = /^(\d{1,9})\.(\d{1,9})(?:\.(\d{1,9})(?:\.(\d{1,9}))?)?$/;

/**
 * An Exchange build number such as 15.1.2507.6 (major version, minor version, major build,
 * minor build), as reported by ServerVersionInfo and Autodiscover. Immutable.
 */
export class Build {
  readonly majorVersion: number;
  readonly minorVersion: number;
  readonly majorBuild: number;
  readonly minorBuild: number;

  constructor(majorVersion: number, minorVersion: number, majorBuild = 0, minorBuild = 0) {
    for (const part of [majorVersion, minorVersion, majorBuild, minorBuild]) {
      if (!Number.isSafeInteger(part) || part < 0) {
        throw new EwsInvalidArgumentError(`A build number part must be a non-negative integer, got ${part}`);
      }
    }
    this.majorVersion = majorVersion;
    this.minorVersion = minorVersion;
    this.majorBuild = majorBuild;
    this.minorBuild = minorBuild;
  }

  /** Parses "15.1", "15.1.2507" or "15.1.2507.6"; missing parts are 0. */
  static parse(text: string): Build {
    const match = BUILD_TEXT.exec(text.trim());
    if (!match) {
      throw new EwsInvalidArgumentError(`Not an Exchange build number: ${JSON.stringify(text.slice(0, 40))}`);
    }
    const [, a, b, c, d] = match;
    return new Build(Number(a), Number(b), Number(c ?? 0), Number(d ?? 0));
  }

  /** Lexicographic on (majorVersion, minorVersion, majorBuild, minorBuild). */
  static compare(a: Build, b: Build): number {
    return (
      a.majorVersion - b.majorVersion ||
      a.minorVersion - b.minorVersion ||
      a.majorBuild - b.majorBuild ||
      a.minorBuild - b.minorBuild
    );
  }

  compareTo(other: Build): number {
    return Build.compare(this, other);
  }

  equals(other: Build): boolean {
    return Build.compare(this, other) === 0;
  }

  isAtLeast(other: Build): boolean {
    return Build.compare(this, other) >= 0;
  }

  /** Always four parts, e.g. "15.1.0.0". */
  toString(): string {
    return `${this.majorVersion}.${this.minorVersion}.${this.majorBuild}.${this.minorBuild}`;
  }

  toJSON(): string {
    return this.toString();
  }
}
