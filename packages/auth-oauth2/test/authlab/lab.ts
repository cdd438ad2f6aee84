import { readFileSync } from 'node:fs';

/**
 * This package runs its own authlab instance (own state dir and ports), so starting and
 * stopping it never disturbs the shared lab other packages' tests use.
 */
export const LAB_DIR = '/tmp/ews-authlab-oauth2';
export const LAB_PORT_BASE = '18480';

export interface LabDescription {
  readonly endpoints: Readonly<Record<string, { readonly url: string; readonly expect_user: string }>>;
  readonly ca_cert: string;
  readonly bearer: { readonly signing_key: string; readonly kid: string };
}

export function readLab(): LabDescription {
  return JSON.parse(readFileSync(`${LAB_DIR}/endpoints.json`, 'utf8')) as LabDescription;
}
