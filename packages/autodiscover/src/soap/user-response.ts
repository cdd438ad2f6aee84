import type { EndpointAnswer } from '../endpoint-answer.js';
import { type DiscoveredServerVersion, versionFromBuildText } from '../server-version.js';

/** The fields of one SOAP `UserResponse`, as read from the XML. */
export interface UserResponseFields {
  readonly errorCode?: string | undefined;
  readonly errorMessage?: string | undefined;
  readonly redirectTarget?: string | undefined;
  readonly settings?: Readonly<Record<string, string>> | undefined;
  /** `SettingName: ErrorCode (ErrorMessage)` per setting the server could not return. */
  readonly settingErrors?: readonly string[] | undefined;
  /** From the SOAP header's ServerVersionInfo. */
  readonly headerVersion?: DiscoveredServerVersion | undefined;
}

type Handling = 'settings' | 'redirect-address' | 'redirect-url' | 'mailbox-not-found';

/** UserResponse ErrorCode → what to do; any other code fails this step (the next one may work). */
const USER_ERROR_HANDLING: Readonly<Record<string, Handling>> = Object.freeze({
  NoError: 'settings',
  RedirectAddress: 'redirect-address',
  RedirectUrl: 'redirect-url',
  InvalidUser: 'mailbox-not-found',
});

/** Which setting holds the EWS URL, best first. */
const EWS_URL_SETTINGS = ['ExternalEwsUrl', 'InternalEwsUrl'] as const;

/** Turns one UserResponse into an answer, by the table above. */
export function interpretUserResponse(fields: UserResponseFields): EndpointAnswer {
  const code = fields.errorCode?.trim() || 'NoError';
  const message = fields.errorMessage?.trim() ?? '';
  const handling = Object.hasOwn(USER_ERROR_HANDLING, code) ? USER_ERROR_HANDLING[code] : undefined;
  const target = fields.redirectTarget?.trim() ?? '';
  switch (handling) {
    case 'redirect-address':
    case 'redirect-url':
      if (target === '')
        return { kind: 'error', severity: 'step-failed', message: `${code} without a RedirectTarget` };
      return handling === 'redirect-address'
        ? { kind: 'redirect-address', address: target }
        : { kind: 'redirect-url', url: target };
    case 'mailbox-not-found':
      return { kind: 'error', severity: 'mailbox-not-found', message: message || code };
    case 'settings':
      return settingsAnswer(fields);
    default:
      return { kind: 'error', severity: 'step-failed', message: message ? `${code}: ${message}` : code };
  }
}

function settingsAnswer(fields: UserResponseFields): EndpointAnswer {
  const settings = fields.settings ?? {};
  const settingErrors = fields.settingErrors ?? [];
  const ewsUrl = EWS_URL_SETTINGS.map((name) => settings[name]?.trim()).find((url) => url);
  if (ewsUrl === undefined) {
    const why = settingErrors.length > 0 ? `; setting errors: ${settingErrors.join(', ')}` : '';
    return { kind: 'error', severity: 'step-failed', message: `the answer holds no EWS URL${why}` };
  }
  return {
    kind: 'settings',
    settings,
    ewsUrl,
    serverVersion: versionFromBuildText(settings.CasVersion) ?? fields.headerVersion,
    settingErrors,
  };
}
