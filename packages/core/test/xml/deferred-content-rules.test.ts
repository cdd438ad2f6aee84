import { describe, expect, it, vi } from 'vitest';
import { deferredXmlContentRules, type XmlContentRulesSpec } from '../../src/xml/content-rules.js';
import { parseXml, xmlContentRules } from '../../src/xml/parse.js';
import { protocolRefusal as refusal } from '../helpers/protocol-refusal.js';

// Issue 16 (faster start): importing @ews/core compiled the content rules of every EWS answer
// (EWS_ANSWER_CONTENT, from the schema's tables), a large share of what the import cost. Rules
// built into the package are now compiled on first use, once, and read exactly as eager ones.

const A = 'urn:a';
const B = 'urn:b';
const SPEC: XmlContentRulesSpec = {
  namespaces: { [A]: { namespaces: [A, B] }, [B]: { namespaces: [B] } },
  elements: { [A]: { Parent: { namespaces: [A, B], children: { Named: B } } } },
};
const documents = [
  '<a:Parent><b:Named/></a:Parent>',
  '<a:Parent><a:Named/></a:Parent>',
  '<a:Parent><x:Y/></a:Parent>',
  '<b:Other><a:Z/></b:Other>',
];
// 'read', or the refusal's message.
const readWith = (content: ReturnType<typeof xmlContentRules>, body: string): string => {
  const read = () =>
    parseXml(`<a:Root xmlns:a="${A}" xmlns:b="${B}" xmlns:x="urn:x">${body}</a:Root>`, {
      namespaces: [A, B],
      content,
    });
  try {
    read();
    return 'read';
  } catch {
    return refusal(read);
  }
};

describe('deferred content rules', () => {
  it('make their spec on first use, once, and read as eager rules of the same spec do', () => {
    const spec = vi.fn(() => SPEC);
    const deferred = deferredXmlContentRules(spec);
    expect(spec).not.toHaveBeenCalled();
    const eager = xmlContentRules(SPEC);
    const results = documents.map((body) => readWith(deferred, body));
    expect(results).toEqual(documents.map((body) => readWith(eager, body)));
    expect(results.filter((result) => result === 'read')).toHaveLength(1);
    expect(spec).toHaveBeenCalledTimes(1);
  });

  it('EWS_ANSWER_CONTENT is not compiled when the module is imported, and is on the first read', async () => {
    vi.resetModules();
    const { XmlContentRules } = await import('../../src/xml/content-rules.js');
    const from = vi.spyOn(XmlContentRules, 'from');
    try {
      const { EWS_ANSWER_CONTENT } = await import('../../src/soap/answer-content.js');
      const { parseXml: parse } = await import('../../src/xml/parse.js');
      expect(from).not.toHaveBeenCalled();
      parse('<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>', {
        content: EWS_ANSWER_CONTENT,
      });
      parse('<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>', {
        content: EWS_ANSWER_CONTENT,
      });
      expect(from).toHaveBeenCalledTimes(1);
    } finally {
      from.mockRestore();
    }
  });
});
