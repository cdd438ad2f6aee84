// @ews/auth-kerberos public surface. Importing has no side effects: the kerberos addon loads on first use.
export type { KerberosAddonLoader } from './kerberos-addon.js';
export { createKerberosAuth } from './kerberos-auth.js';
export type { KerberosAuthOptions, KerberosWindowsCredentials } from './kerberos-options.js';
