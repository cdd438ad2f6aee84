import { type AccessLine, readLab, watchAccessLog } from '@ews-tools/authlab';

export { type AccessLine, watchAccessLog };

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

/**
 * The access log once Apache has written every line: it logs a request after answering it, so
 * a client can see the answer before the line exists. Waits until no line came for `quietMs`.
 */
export async function settledLog(
  read: () => AccessLine[],
  quietMs = 150,
  maxMs = 3_000,
): Promise<AccessLine[]> {
  const deadline = Date.now() + maxMs;
  let lines = read();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const next = read();
    if (next.length === lines.length || Date.now() > deadline) return next;
    lines = next;
  }
}
