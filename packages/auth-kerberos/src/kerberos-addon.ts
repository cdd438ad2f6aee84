import { EwsUnsupportedError } from '@ews/core';

/**
 * The part of the `kerberos` npm package (v7) this plugin uses, typed here so that the
 * published types never depend on the optional peer dependency.
 */
export interface KerberosClientContext {
  /** Runs one GSSAPI/SSPI step; `''` for the first token, the server's base64 token after that. */
  step(challenge: string): Promise<string>;
  /** True once the security context is established (after mutual authentication, if asked). */
  readonly contextComplete: boolean;
}

/** Options `initializeClient` reads (the addon's own names). */
export interface KerberosInitializeOptions {
  readonly mechOID?: number;
  readonly flags?: number;
  readonly principal?: string;
  /** SSPI (Windows) only: explicit credentials instead of the logged-on user's. */
  readonly user?: string;
  readonly domain?: string;
  readonly password?: string;
}

export interface KerberosAddon {
  initializeClient(service: string, options: KerberosInitializeOptions): Promise<KerberosClientContext>;
  readonly GSS_MECH_OID_SPNEGO: number;
  readonly GSS_C_MUTUAL_FLAG: number;
  readonly GSS_C_SEQUENCE_FLAG: number;
}

/** Loads the addon. Replaceable (option `loadAddon`) for bundlers that need a static import. */
export type KerberosAddonLoader = () => Promise<unknown>;

export const KERBEROS_PACKAGE = 'kerberos';

export const MISSING_ADDON_HINT =
  `Kerberos authentication needs the optional peer dependency "${KERBEROS_PACKAGE}" (npm install ${KERBEROS_PACKAGE}@^7). ` +
  'On Linux it compiles against MIT Kerberos: install its headers first (Debian/Ubuntu: apt-get install libkrb5-dev; ' +
  'Fedora/RHEL: dnf install krb5-devel), with a C++ toolchain and python3 for node-gyp.';

/** The default loader: a dynamic import, so installs without the addon still load this package. */
export const importKerberosAddon: KerberosAddonLoader = () => import('kerberos');

/** Loads the addon once per call site and checks its shape; failures say what is missing. */
export async function loadKerberosAddon(load: KerberosAddonLoader): Promise<KerberosAddon> {
  let loaded: unknown;
  try {
    loaded = await load();
  } catch (error) {
    throw new EwsUnsupportedError(MISSING_ADDON_HINT, { cause: error });
  }
  const addon = unwrapDefault(loaded);
  if (!isKerberosAddon(addon)) {
    throw new EwsUnsupportedError(
      `The installed "${KERBEROS_PACKAGE}" package does not look like kerberos@^7 (no initializeClient). ${MISSING_ADDON_HINT}`,
    );
  }
  return addon;
}

/** `import()` of a CommonJS package gives a namespace whose `default` is `module.exports`. */
function unwrapDefault(loaded: unknown): unknown {
  if (typeof loaded === 'object' && loaded !== null && 'initializeClient' in loaded) return loaded;
  if (typeof loaded === 'object' && loaded !== null && 'default' in loaded) {
    return (loaded as { default: unknown }).default;
  }
  return loaded;
}

function isKerberosAddon(value: unknown): value is KerberosAddon {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof KerberosAddon, unknown>>;
  return (
    typeof candidate.initializeClient === 'function' &&
    typeof candidate.GSS_MECH_OID_SPNEGO === 'number' &&
    typeof candidate.GSS_C_MUTUAL_FLAG === 'number' &&
    typeof candidate.GSS_C_SEQUENCE_FLAG === 'number'
  );
}
