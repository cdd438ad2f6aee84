import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';

/**
 * Where MSAL's serialized token cache lives between runs (a file, a keychain, a database
 * row…). The data holds refresh tokens: store it as carefully as a password.
 */
export interface TokenCacheStore {
  /** The last saved cache, or undefined when there is none yet. */
  load(): Promise<string | undefined>;
  save(data: string): Promise<void>;
}

/** A store that lives as long as the object (the default: nothing outlives the process). */
export function createMemoryTokenCacheStore(): TokenCacheStore {
  let data: string | undefined;
  return {
    load: async () => data,
    save: async (next) => {
      data = next;
    },
  };
}

/** Bridges a TokenCacheStore to MSAL's cache plugin hooks. */
export function cachePluginFor(store: TokenCacheStore): ICachePlugin {
  return {
    async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
      const data = await store.load();
      if (data !== undefined && data !== '') context.tokenCache.deserialize(data);
    },
    async afterCacheAccess(context: TokenCacheContext): Promise<void> {
      if (context.cacheHasChanged) await store.save(context.tokenCache.serialize());
    },
  };
}
