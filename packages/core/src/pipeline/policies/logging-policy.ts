import { performance } from 'node:perf_hooks';
import { EwsError } from '../../errors/ews-error.js';
import { anonymizeXml } from '../../logging/anonymize-xml.js';
import type { Logger } from '../../logging/logger.js';
import { DEFAULT_ALLOWED_HEADERS, redactHeaders, redactSecrets, redactUrl } from '../../logging/redact.js';
import type { EwsHttpRequest, EwsHttpResponse } from '../http.js';
import type { Policy, SendNext } from '../policy.js';

export const LOGGING_POLICY_NAME = 'logging';

export interface LoggingPolicyOptions {
  readonly logger: Logger;
  /** Also log request and response SOAP bodies, anonymized (see `anonymizeXml`). Default false. */
  readonly trace?: boolean | undefined;
  /** Headers whose values may be shown, added to `DEFAULT_ALLOWED_HEADERS`. Credentials stay hidden. */
  readonly additionalAllowedHeaders?: readonly string[] | undefined;
  /** Strings to remove from every logged text (user names, server names…), as exchangelib does. */
  readonly forbiddenStrings?: readonly string[] | undefined;
  /** Clock for durations; `performance.now` unless a test injects one. */
  readonly now?: (() => number) | undefined;
}

/**
 * Logs every exchange at debug level: method, redacted URL, operation, attempt, status,
 * duration and allow-listed headers (the rest shown as REDACTED; credentials and cookies
 * always). It sits nearest the wire, so it sees every attempt and every auth leg.
 */
export function loggingPolicy(options: LoggingPolicyOptions): Policy {
  const { logger } = options;
  const now = options.now ?? (() => performance.now());
  const allow = [...DEFAULT_ALLOWED_HEADERS, ...(options.additionalAllowedHeaders ?? [])];
  const forbidden = options.forbiddenStrings ?? [];
  const body = (text: string | undefined) =>
    anonymizeXml(redactSecrets(text ?? '', forbidden), { forbiddenStrings: forbidden });

  return {
    name: LOGGING_POLICY_NAME,
    async send(request: EwsHttpRequest, next: SendNext): Promise<EwsHttpResponse> {
      const context = { operation: request.operation, attempt: request.attempt ?? 1 };
      logger.debug('ews: request', {
        ...context,
        method: request.method,
        url: redactUrl(request.url),
        headers: redactHeaders(request.headers, { allow }),
      });
      if (options.trace) logger.debug('ews: request body', { ...context, body: body(request.body) });
      const started = now();
      let response: EwsHttpResponse;
      try {
        response = await next(request);
      } catch (error) {
        logger.debug('ews: exchange failed', {
          ...context,
          durationMs: Math.round(now() - started),
          ...(EwsError.isInstance(error)
            ? {
                code: error.code,
                requestFate: error.requestFate,
                message: redactSecrets(error.message, forbidden),
              }
            : { code: 'unexpected' }),
        });
        throw error;
      }
      logger.debug('ews: response', {
        ...context,
        status: response.status,
        durationMs: Math.round(now() - started),
        headers: redactHeaders(response.headers, { allow }),
      });
      if (options.trace) logger.debug('ews: response body', { ...context, body: body(response.body) });
      return response;
    },
  };
}
