import { type AccessLine, readLab, settledLog, watchAccessLog } from '@ews-tools/authlab';

export { type AccessLine, settledLog, watchAccessLog };

/** The NTLM endpoints tools/authlab/endpoints/ntlm.sh adds. */
export interface NtlmLab {
  /** Offers only `NTLM` on the first 401. */
  readonly url: string;
  /** Offers `Negotiate` and `NTLM`, as Exchange does by default. */
  readonly negotiateUrl: string;
  readonly expectUser: string;
  readonly password: string;
  readonly accessLog: string;
}

export function readNtlmLab(): NtlmLab | undefined {
  const lab = readLab();
  if (!lab) return undefined;
  const ntlm = lab.endpoints.NTLM;
  const negotiate = lab.endpoints.NTLM_NEGOTIATE;
  if (!ntlm || !negotiate) return undefined;
  return {
    url: ntlm.url,
    negotiateUrl: negotiate.url,
    expectUser: ntlm.expect_user,
    password: lab.users.alice ?? '',
    accessLog: lab.logs.access,
  };
}

export function requireNtlmLab(): NtlmLab {
  const lab = readNtlmLab();
  if (!lab)
    throw new Error(
      `no NTLM endpoints in the auth lab's endpoints.json (is tools/authlab/endpoints/ntlm.sh sourced?)`,
    );
  return lab;
}
