declare const __EWS_CORE_VERSION__: string | undefined;

/** This package's version, replaced at build time from package.json. */
export const VERSION: string = typeof __EWS_CORE_VERSION__ === 'string' ? __EWS_CORE_VERSION__ : '0.0.0-dev';

/** The default User-Agent: which client and runtime are talking (helps Exchange admins in IIS logs). */
export const DEFAULT_USER_AGENT = `ews-ts/${VERSION} node/${process.version}`;
