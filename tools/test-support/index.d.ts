export { type OfferAuthServer, offerAuthServer, offerAuthServers } from './offer-auth-server.js';
export {
  type CertificateRequest,
  createSelfSigned,
  createTestPki,
  type Digest,
  type KeyFormat,
  type KeyPair,
  type KeyType,
  type SelfSignedRequest,
  type TestPki,
  type TestPkiRequest,
  toPkcs12,
} from './test-pki.js';
