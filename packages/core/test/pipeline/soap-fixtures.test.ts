import { validateEws } from '@ews-tools/ews-schema';
import { expect, it } from 'vitest';
import { OPERATION_BODIES, soapEnvelope } from './helpers/soap.js';

// The pipeline tests send these envelopes; they must be requests Exchange would accept.
it('the envelopes the pipeline tests send are valid EWS', async () => {
  const documents = Object.values(OPERATION_BODIES).map(soapEnvelope);
  const results = await validateEws(documents);
  expect(results.filter((result) => !result.ok)).toEqual([]);
  expect(results).toHaveLength(Object.keys(OPERATION_BODIES).length);
});
