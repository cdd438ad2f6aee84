import type { DiscoveredServerVersion } from './server-version.js';

/** What one Autodiscover endpoint said about one address, whatever the dialect. */
export type EndpointAnswer =
  | {
      readonly kind: 'settings';
      /** Setting name → value (SOAP names; POX answers are mapped onto the same names). */
      readonly settings: Readonly<Record<string, string>>;
      readonly ewsUrl: string | undefined;
      readonly serverVersion: DiscoveredServerVersion | undefined;
      /** Why a setting was not returned (SOAP UserSettingErrors), for the trace. */
      readonly settingErrors: readonly string[];
    }
  | { readonly kind: 'redirect-address'; readonly address: string }
  | { readonly kind: 'redirect-url'; readonly url: string }
  | {
      readonly kind: 'error';
      /** `mailbox-not-found` ends discovery (the server is sure); `step-failed` moves on to the next step. */
      readonly severity: 'mailbox-not-found' | 'step-failed';
      readonly message: string;
    };
