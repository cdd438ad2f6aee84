import type { FakeAnswer } from './fake-internet.js';
import { autodiscoverVectors, renderTemplate } from './vector-templates.js';

// Exchange-shaped answers, from exchangelib's captured templates where one exists.
const vectors = autodiscoverVectors();

export const soapSettings = (address: string, ewsUrl: string): FakeAnswer => ({
  status: 200,
  body: renderTemplate(vectors.soap.templates, 'settings', { address, ews_url: ewsUrl }),
});

export const soapRedirectUrl = (url: string): FakeAnswer => ({
  status: 200,
  body: renderTemplate(vectors.soap.templates, 'redirect_url', { autodiscover_url: url }),
});

export const soapRedirectAddress = (address: string): FakeAnswer => ({
  status: 200,
  body: renderTemplate(vectors.soap.templates, 'redirect_address', { address }),
});

/** A UserResponse with ErrorCode InvalidUser, the shape Exchange sends for an unknown address. */
export const soapInvalidUser = (address: string): FakeAnswer => ({
  status: 200,
  body: renderTemplate(vectors.soap.templates, 'redirect_address', { address })
    .replace('<ErrorCode>RedirectAddress</ErrorCode>', '<ErrorCode>InvalidUser</ErrorCode>')
    .replace('Redirection address.', `Invalid user: '${address}'`)
    .replace(`<RedirectTarget>${address}</RedirectTarget>`, '<RedirectTarget i:nil="true"/>'),
});

export const poxSettings = (address: string, ewsUrl: string): FakeAnswer => ({
  status: 200,
  body: renderTemplate(vectors.pox.templates, 'settings', { address, ews_url: ewsUrl }),
});
