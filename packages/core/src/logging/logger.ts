/** Structured fields attached to a log line. Never put secrets here: loggers print them. */
export type LogFields = Readonly<Record<string, unknown>>;

/** The logger @ews talks to. Any console-like or pino-like object fits. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const noop = (): void => {};

/** The default: @ews is silent unless you hand it a logger. */
export const silentLogger: Logger = Object.freeze({ debug: noop, info: noop, warn: noop, error: noop });
