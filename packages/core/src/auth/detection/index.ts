export { DeferredAuth } from './deferred-auth.js';
export {
  type AuthStrategyFactory,
  createOfferDetectingAuth,
  type OfferDetectingAuth,
  type OfferDetectingAuthOptions,
  type PasswordAuthType,
} from './offer-detecting-auth.js';
export { probeAuthType } from './probe-auth-type.js';
