import type { AuthStrategy } from '@ews/core';
import type { OAuth2CommonOptions } from './common-options.js';
import { createOAuth2Strategy } from './oauth2-auth.js';
import type { MsalTokenSource, TokenConsumer } from './token-source.js';

/** A delegated credential's strategy: the anchor is the signed-in user unless set. */
export function delegatedStrategy(source: MsalTokenSource, options: OAuth2CommonOptions): AuthStrategy {
  const consumer: TokenConsumer = {};
  return createOAuth2Strategy({
    getToken: (call) => source.getToken(call, consumer),
    refreshBeforeExpiryMs: options.refreshBeforeExpiryMs,
    anchorMailbox: () => options.anchorMailbox ?? source.username,
  });
}
