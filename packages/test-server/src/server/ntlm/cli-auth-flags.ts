import type { NtlmServerOptions } from './http-auth-gate.js';
import type { NtlmChannelBindingMode } from './ntlmv2-verifier.js';

const SCHEMES = ['basic', 'ntlm', 'bearer'] as const;
const BINDING_MODES: readonly NtlmChannelBindingMode[] = ['required', 'accepted', 'off'];

/** `--auth basic,ntlm,bearer` and `--ntlm-channel-binding MODE` as startTestServer options; throws on bad values. */
export function parseAuthFlags(
  auth: string | undefined,
  channelBinding: string | undefined,
): { auth?: readonly (typeof SCHEMES)[number][]; ntlm?: NtlmServerOptions } {
  const schemes = auth?.split(',').map((s) => s.trim().toLowerCase());
  if (
    schemes !== undefined &&
    (schemes.length === 0 || schemes.some((s) => !(SCHEMES as readonly string[]).includes(s)))
  ) {
    throw new Error(`invalid --auth ${auth} (a comma-separated list of: ${SCHEMES.join(', ')})`);
  }
  const mode = BINDING_MODES.find((m) => m === channelBinding);
  if (channelBinding !== undefined && mode === undefined) {
    throw new Error(`invalid --ntlm-channel-binding ${channelBinding} (one of: ${BINDING_MODES.join(', ')})`);
  }
  return {
    ...(schemes === undefined ? {} : { auth: schemes as (typeof SCHEMES)[number][] }),
    ...(mode === undefined ? {} : { ntlm: { channelBinding: mode } }),
  };
}
