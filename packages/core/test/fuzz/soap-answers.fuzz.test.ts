// Property-based tests of core's answer reading: the SOAP envelope and ResponseMessages
// (decodeSoapResponse), the answer element of every operation of services.wsdl, SOAP faults
// (errorForResponse) and the bytes of an answer as the undici transport receives them.
//
// Valid answers are generated (every ResponseCode, message texts of any XML character, MessageXml,
// several namespace prefix styles) or taken from exchangelib's captured Exchange answers; the
// mutation classes of @ews-tools/fuzz then break them (truncation, counts, namespaces, foreign
// look-alikes, depth, forbidden characters, invalid UTF-8, huge values, equivalent rewrites).
// A case must end in a value or an EwsError within the bounds in @ews-tools/fuzz/src/budget.js,
// and where the answer became wrong, never in a value that differs from the valid answer's.
//
// CI runs a fixed number of cases from fixed seeds. EWS_FUZZ_RUNS=<n> runs n cases per property,
// EWS_FUZZ_SEED=random draws new seeds, EWS_FUZZ_SEED=<seed> EWS_FUZZ_PATH=<path> replays a printed
// failure (see packages/services/README.md "Tests").

import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { schemaDir } from '@ews-tools/ews-schema';
import {
  applicableAnswers,
  assertMutations,
  directTarget,
  escapeXmlText,
  type FuzzTarget,
  fuzzParameters,
  fuzzStats,
  fuzzTestTimeout,
  MUTATIONS,
  type MutationName,
  type ReplayTransport,
  replayTarget,
  validText,
} from '@ews-tools/fuzz';
import { loadVectors } from '@ews-tools/vectors';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  decodeSoapResponse,
  EwsClient,
  EwsError,
  type EwsHttpResponse,
  EwsSoapFaultError,
  errorForResponse,
  RESPONSE_CODES,
  responseCodeOf,
  type Transport,
} from '../../src/index.js';

const codeOf = (error: unknown): string | undefined => (EwsError.isInstance(error) ? error.code : undefined);

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const MESSAGES = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const TYPES = 'http://schemas.microsoft.com/exchange/services/2006/types';

// ---- The answer element of every operation, from services.wsdl and messages.xsd -----------------

const wsdl = readFileSync(join(schemaDir, 'services.wsdl'), 'utf8');
const messagesXsd = readFileSync(join(schemaDir, 'messages.xsd'), 'utf8');
const partOf = new Map(
  [...wsdl.matchAll(/<wsdl:message name="(\w+)">\s*<wsdl:part name="\w+" element="tns:(\w+)"/g)].map(
    (match) => [match[1]!, match[2]!] as const,
  ),
);
const portType = wsdl.slice(wsdl.indexOf('<wsdl:portType'), wsdl.indexOf('</wsdl:portType>'));
/** Operation → the element its answer's SOAP Body holds, as services.wsdl declares it. */
const ANSWER_ELEMENTS = new Map(
  [
    ...portType.matchAll(
      /<wsdl:operation name="(\w+)">\s*<wsdl:input message="tns:\w+"\s*\/>\s*<wsdl:output message="tns:(\w+)"/g,
    ),
  ].map((match) => [match[1]!, partOf.get(match[2]!)!] as const),
);

type AnswerShape = 'messages' | 'self' | 'single' | 'other';
/** A complex type of messages.xsd, as text. */
function complexType(name: string): string {
  const start = messagesXsd.indexOf(`<xs:complexType name="${name}"`);
  return start === -1 ? '' : messagesXsd.slice(start, messagesXsd.indexOf('</xs:complexType>', start));
}
/**
 * How an answer element carries its ResponseMessages (messages.xsd: which base type its type
 * extends, through any number of extensions; or a `ResponseMessage` child, as OOF settings have).
 */
function shapeOf(element: string): AnswerShape {
  const type = new RegExp(`<xs:element name="${element}" type="m:(\\w+)"`).exec(messagesXsd)?.[1];
  if (type === undefined) return 'other';
  const body = complexType(type);
  if (/<xs:element [^>]*name="ResponseMessage" type="m:ResponseMessageType"/.test(body)) return 'single';
  for (let name: string | undefined = type; name !== undefined; ) {
    if (name === 'BaseResponseMessageType') return 'messages';
    if (name === 'ResponseMessageType') return 'self';
    name = /<xs:extension base="m:(\w+)"/.exec(complexType(name))?.[1];
  }
  return 'other';
}
const DECLARED_MESSAGES = new Set(
  [
    ...messagesXsd
      .slice(messagesXsd.indexOf('<xs:complexType name="ArrayOfResponseMessagesType"'))
      .slice(0, 20_000)
      .matchAll(/<xs:element name="(\w+ResponseMessage)"/g),
  ].map((match) => match[1]!),
);

/** A SOAP answer around `content` (the answer element's children). */
function envelope(element: string, content: string, style: PrefixStyle, attributes = ''): string {
  const { s, m, t } = style;
  const q = (prefix: string, name: string) => (prefix === '' ? name : `${prefix}:${name}`);
  const mDecl = m === '' ? `xmlns="${MESSAGES}"` : `xmlns:${m}="${MESSAGES}"`;
  return (
    `<?xml version="1.0" encoding="utf-8"?><${q(s, 'Envelope')} xmlns:${s}="${SOAP}">` +
    `<${q(s, 'Header')}><h:ServerVersionInfo xmlns:h="${TYPES}" MajorVersion="15" MinorVersion="1" ` +
    'MajorBuildNumber="2507" MinorBuildNumber="6" Version="V2017_07_11"/>' +
    `</${q(s, 'Header')}><${q(s, 'Body')}><${q(m, element)}${attributes} ${mDecl} xmlns:${t}="${TYPES}">${content}` +
    `</${q(m, element)}></${q(s, 'Body')}></${q(s, 'Envelope')}>`
  );
}

interface PrefixStyle {
  readonly s: string;
  readonly m: string;
  readonly t: string;
}
const PREFIX_STYLES: readonly PrefixStyle[] = [
  { s: 's', m: 'm', t: 't' },
  { s: 'soap', m: '', t: 't' },
  { s: 'S', m: 'messages', t: 'types' },
  { s: 'env', m: 'm', t: 'typ' },
];

describe('the answer element of every operation comes from services.wsdl', () => {
  it('services.wsdl lists the operations', () => {
    expect(ANSWER_ELEMENTS.size).toBeGreaterThan(100);
  });
  for (const [operation, element] of ANSWER_ELEMENTS) {
    it(`${operation}: <${element}> is read, <${element}X> refused with EWS_PROTOCOL`, () => {
      const shape = shapeOf(element);
      const message = `${operation}ResponseMessage`;
      // messages.xsd has no SetUserPhotoResponseMessage: its list may hold any ResponseMessage.
      const listed = DECLARED_MESSAGES.has(message) ? message : 'DeleteItemResponseMessage';
      const content =
        shape === 'messages'
          ? `<m:ResponseMessages><m:${listed} ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode></m:${listed}></m:ResponseMessages>`
          : shape === 'self'
            ? '<m:ResponseCode>NoError</m:ResponseCode>'
            : shape === 'single'
              ? '<m:ResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode></m:ResponseMessage>'
              : '';
      const attributes = shape === 'self' ? ' ResponseClass="Success"' : '';
      const valid = envelope(element, content, PREFIX_STYLES[0]!, attributes);
      expect(() => decodeSoapResponse(valid, operation)).not.toThrow();
      const renamed = valid.replaceAll(`m:${element}`, `m:${element}X`);
      let refused: unknown;
      try {
        decodeSoapResponse(renamed, operation);
      } catch (error) {
        refused = error;
      }
      expect(codeOf(refused)).toBe('EWS_PROTOCOL');
    });
  }
});

// ---- Generated valid answers -------------------------------------------------------------------

/** Operations whose answers hold ResponseMessages named `{Operation}ResponseMessage`. */
const LIST_OPERATIONS = [...ANSWER_ELEMENTS]
  .filter(
    ([operation, element]) =>
      shapeOf(element) === 'messages' && DECLARED_MESSAGES.has(`${operation}ResponseMessage`),
  )
  .map(([operation]) => operation);

const VALUE_NAMES = ['BackOffMilliseconds', 'PropertyName', 'Violation', 'LineNumber', 'ServerName'] as const;

interface GeneratedMessage {
  readonly responseClass: 'Success' | 'Warning' | 'Error';
  readonly responseCode: string;
  readonly messageText: string | undefined;
  readonly descriptiveLinkKey: number | undefined;
  readonly messageXml: Readonly<Record<string, string>> | undefined;
}

const generatedMessage: fc.Arbitrary<GeneratedMessage> = fc
  .record({
    responseClass: fc.constantFrom('Success' as const, 'Warning' as const, 'Error' as const),
    code: fc.constantFrom(...RESPONSE_CODES),
    messageText: fc.option(validText({ maxLength: 60 }), { nil: undefined }),
    descriptiveLinkKey: fc.option(fc.integer({ min: 0, max: 999_999 }), { nil: undefined }),
    values: fc.uniqueArray(fc.tuple(fc.constantFrom(...VALUE_NAMES), validText({ maxLength: 30 })), {
      selector: ([name]) => name,
      maxLength: 3,
    }),
  })
  .map(({ responseClass, code, messageText, descriptiveLinkKey, values }) => ({
    responseClass,
    responseCode: responseClass === 'Success' ? 'NoError' : code,
    messageText,
    descriptiveLinkKey,
    messageXml: values.length === 0 ? undefined : Object.fromEntries(values),
  }));

function messageXml(operation: string, message: GeneratedMessage, style: PrefixStyle): string {
  const m = (name: string) => (style.m === '' ? name : `${style.m}:${name}`);
  const t = (name: string) => `${style.t}:${name}`;
  const values =
    message.messageXml === undefined
      ? ''
      : `<${m('MessageXml')}>${Object.entries(message.messageXml)
          .map(([name, value]) => `<${t('Value')} Name="${name}">${escapeXmlText(value)}</${t('Value')}>`)
          .join('')}</${m('MessageXml')}>`;
  return (
    `<${m(`${operation}ResponseMessage`)} ResponseClass="${message.responseClass}">` +
    (message.messageText === undefined
      ? ''
      : `<${m('MessageText')}>${escapeXmlText(message.messageText)}</${m('MessageText')}>`) +
    `<${m('ResponseCode')}>${message.responseCode}</${m('ResponseCode')}>` +
    (message.descriptiveLinkKey === undefined
      ? ''
      : `<${m('DescriptiveLinkKey')}>${message.descriptiveLinkKey}</${m('DescriptiveLinkKey')}>`) +
    values +
    `</${m(`${operation}ResponseMessage`)}>`
  );
}

const generatedAnswer = fc
  .record({
    operation: fc.constantFrom(...LIST_OPERATIONS),
    style: fc.constantFrom(...PREFIX_STYLES),
    messages: fc.array(generatedMessage, { minLength: 1, maxLength: 5 }),
  })
  .map(({ operation, style, messages }) => {
    const m = (name: string) => (style.m === '' ? name : `${style.m}:${name}`);
    const list = messages.map((message) => messageXml(operation, message, style)).join('');
    return {
      operation,
      messages,
      xml: envelope(
        ANSWER_ELEMENTS.get(operation)!,
        `<${m('ResponseMessages')}>${list}</${m('ResponseMessages')}>`,
        style,
      ),
    };
  });

/** What a reader gets from decodeSoapResponse, as plain data (the message nodes are the readers' to read). */
function decoded(xml: string, operation: string) {
  const answer = decodeSoapResponse(xml, operation);
  return {
    serverVersion: answer.serverVersion,
    fault: answer.fault === undefined ? undefined : { ...answer.fault, node: undefined },
    answer: answer.responseNode.name,
    messages: answer.messages.map((message) => ({
      responseClass: message.responseClass,
      responseCode: message.responseCode,
      messageText: message.messageText,
      descriptiveLinkKey: message.descriptiveLinkKey,
      messageXml: message.messageXml === undefined ? undefined : { ...message.messageXml },
      index: message.index,
    })),
  };
}

/** Generated valid answers in CI. */
const GENERATED_RUNS = 300;

describe('generated valid answers', () => {
  it(`are read exactly: every ResponseCode, any message text, MessageXml, ${PREFIX_STYLES.length} prefix styles`, {
    timeout: fuzzTestTimeout(GENERATED_RUNS),
  }, () => {
    fc.assert(
      fc.property(generatedAnswer, ({ operation, messages, xml }) => {
        const read = decodeSoapResponse(xml, operation);
        expect(
          read.messages.map((message) => ({
            responseClass: message.responseClass,
            responseCode: message.responseCode,
            messageText: message.messageText,
            descriptiveLinkKey: message.descriptiveLinkKey,
            messageXml: message.messageXml === undefined ? undefined : { ...message.messageXml },
          })),
        ).toEqual(messages);
        expect(read.messages.map((message) => message.index)).toEqual(messages.map((_, index) => index));
      }),
      fuzzParameters('core / generated answers read exactly', GENERATED_RUNS),
    );
  });
});

// ---- Mutations of valid answers ---------------------------------------------------------------

const CLASSES: readonly MutationName[] = [
  'truncated',
  'messageDropped',
  'messageDuplicated',
  'messagesReordered',
  'messageRenamed',
  'answerRenamed',
  'namespaceSwappedStructure',
  'namespaceSwappedField',
  'foreignInserted',
  'nestedDeep',
  'forbiddenCharacter',
  'invalidUtf8',
  'hugeValue',
  'impossibleDate',
  'idMissing',
  'equivalentDocument',
  'textReplaced',
  'dateReplaced',
];
/** Cases per class in CI: the decoder alone is fast (well under a millisecond a case). */
const CI_RUNS = 170;
/** Cases per class through a whole EwsClient call (faults, bytes on a socket). */
const CLIENT_CI_RUNS = 30;
const HEAVY_CI_RUNS = 8;

interface ExchangelibVector {
  readonly id: string;
  readonly parsed_as_service?: string;
  readonly response_xml?: string;
}
/** exchangelib's captured answers that decode as valid ones (faults are read below). */
function exchangelibAnswers(): { xml: string; operation: string }[] {
  const out: { xml: string; operation: string }[] = [];
  for (const file of ['response-parsing', 'response-errors']) {
    for (const vector of (loadVectors(file) as { vectors: ExchangelibVector[] }).vectors) {
      const operation = vector.parsed_as_service?.split(' ')[0];
      if (vector.response_xml === undefined || operation === undefined) continue;
      try {
        decoded(vector.response_xml, operation);
        out.push({ xml: vector.response_xml, operation });
      } catch {
        // Not a valid answer (an exchangelib error vector, a fixture with broken end tags).
      }
    }
  }
  return out;
}

const corpus = [
  ...fc
    .sample(generatedAnswer, { numRuns: 16, seed: 1207 })
    .map(({ xml, operation }) => ({ xml, operation })),
  ...exchangelibAnswers(),
];

/** One test per mutation class that applies to the target's answers. */
function registerMutations(
  name: string,
  target: FuzzTarget,
  { classes = CLASSES, runs = CI_RUNS }: { classes?: readonly MutationName[]; runs?: number } = {},
) {
  describe(name, () => {
    for (const className of classes) {
      if (applicableAnswers(target, className).length === 0) continue;
      const heavy = className === 'hugeValue' || className === 'nestedDeep';
      const cases = heavy ? HEAVY_CI_RUNS : runs;
      it(`${className}: ${MUTATIONS[className].summary}`, { timeout: fuzzTestTimeout(cases) }, async () => {
        await assertMutations(target, className, { name: `core / ${name}`, runs: cases });
      });
    }
  });
}

registerMutations(
  'decodeSoapResponse',
  await directTarget({
    name: 'decodeSoapResponse',
    texts: corpus.map((entry) => entry.xml),
    read: (text, index) => decoded(text as string, corpus[index]!.operation),
    codeOf,
  }),
  // The decoder cannot know how many messages the request asked for, nor read ids: the operation
  // readers check counts and ids (the services fuzz suites), not decodeSoapResponse.
  { classes: CLASSES.filter((name) => !['idMissing', 'messageDropped', 'messageDuplicated'].includes(name)) },
);

// ---- SOAP faults -------------------------------------------------------------------------------

/** Generated faults in CI (each up to 10 MiB of text). */
const FAULT_RUNS = 40;

/** The most server text one error may carry in any of its strings (message, fault string…). */
const ERROR_TEXT_LIMIT = 16_384;

function faultXml(
  code: string,
  faultString: string,
  detailMessage: string,
  values: readonly [string, string][],
): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="${SOAP}"><s:Body><s:Fault>` +
    `<faultcode xmlns:a="${TYPES}">a:${code}</faultcode>` +
    `<faultstring xml:lang="en-US">${escapeXmlText(faultString)}</faultstring>` +
    `<detail><e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">${code}</e:ResponseCode>` +
    `<e:Message xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">${escapeXmlText(detailMessage)}</e:Message>` +
    `<t:MessageXml xmlns:t="${TYPES}">${values.map(([name, value]) => `<t:Value Name="${name}">${escapeXmlText(value)}</t:Value>`).join('')}</t:MessageXml>` +
    '</detail></s:Fault></s:Body></s:Envelope>'
  );
}

const FAULTS = [
  {
    xml: faultXml(
      'ErrorServerBusy',
      'The server cannot service this request right now.',
      'Try again later.',
      [['BackOffMilliseconds', '297749']],
    ),
  },
  {
    xml: faultXml(
      'ErrorSchemaValidation',
      'The request failed schema validation.',
      'The element Foo is invalid.',
      [
        ['LineNumber', '2'],
        ['LinePosition', '630'],
        ['Violation', 'The element is invalid.'],
      ],
    ),
  },
  {
    xml: faultXml(
      'ErrorInvalidServerVersion',
      'The specified server version is invalid.',
      'The specified server version is invalid.',
      [],
    ),
  },
];

function faultResponse(body: string): EwsHttpResponse {
  return { status: 500, headers: { 'content-type': 'text/xml; charset=utf-8' }, body };
}

/**
 * What a caller of EwsClient.send learns from a fault answer at HTTP 500: the fault's code,
 * ResponseCode, strings and details. Any other error is what the caller gets instead: thrown.
 */
async function faultOutcome(transport: ReplayTransport) {
  const client = new EwsClient({
    url: 'http://ews.fuzz.test/EWS/Exchange.asmx',
    transport: transport as unknown as Transport,
  });
  try {
    const answer = await client.send({ operation: 'GetFolder', body: '<m:GetFolder/>' });
    return { answered: answer.messages.map((message) => message.responseCode) };
  } catch (error) {
    // A throttling fault comes as EwsThrottledError (the fail-fast policy does not wait).
    if (EwsError.isInstance(error) && error.code === 'EWS_THROTTLED')
      return {
        code: error.code,
        responseCode: responseCodeOf(error),
        backOffMs: (error as { backOffMs?: number }).backOffMs,
      };
    if (!(error instanceof EwsSoapFaultError)) throw error;
    const { faultCode, faultString, responseCode, messageXml } = error;
    return {
      code: error.code,
      faultCode,
      faultString,
      responseCode,
      messageXml: messageXml && { ...messageXml },
    };
  } finally {
    await client.close();
  }
}

/** Every string an error carries (its message and its own properties), with their lengths. */
function errorTexts(error: EwsError): [string, number][] {
  const texts: [string, number][] = [['message', error.message.length]];
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === 'string') texts.push([key, value.length]);
    else if (typeof value === 'object' && value !== null)
      for (const [inner, text] of Object.entries(value))
        if (typeof text === 'string') texts.push([`${key}.${inner}`, text.length]);
  }
  return texts;
}

describe('SOAP faults', () => {
  it(`huge fault texts (up to 10 MiB) become an error whose texts stay within ${ERROR_TEXT_LIMIT} characters`, {
    timeout: fuzzTestTimeout(FAULT_RUNS),
  }, () => {
    const huge = fc.oneof(
      validText({ maxLength: 50 }),
      fc.integer({ min: 20_000, max: 10 * 1024 * 1024 }).map((size) => 'Ж'.repeat(size)),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...RESPONSE_CODES),
        huge,
        huge,
        fc.array(fc.tuple(fc.constantFrom(...VALUE_NAMES), huge), { maxLength: 2 }),
        (code, faultString, detail, values) => {
          const error = errorForResponse(
            faultResponse(faultXml(code, faultString, detail, values)),
            'GetFolder',
          );
          expect(codeOf(error)).toBe('EWS_SOAP_FAULT');
          expect((error as { responseCode?: string }).responseCode).toBe(code);
          const long = errorTexts(error!).filter(([, length]) => length > ERROR_TEXT_LIMIT);
          expect(long, 'error texts longer than the limit').toEqual([]);
        },
      ),
      fuzzParameters('core / fault texts bounded', FAULT_RUNS),
    );
  });
});

// A fault that is no longer one may also read as an HTTP error: the answer came with status 500.
for (const [index, fault] of FAULTS.entries()) {
  registerMutations(
    `EwsClient.send, SOAP fault #${index} at HTTP 500`,
    await replayTarget({
      name: `SOAP fault #${index}`,
      exchanges: [
        {
          operation: 'GetFolder',
          request: '',
          status: 500,
          headers: { 'content-type': 'text/xml; charset=utf-8' },
          body: fault.xml,
          streamed: false,
        },
      ],
      call: faultOutcome,
      codeOf,
      requiredCodes: ['EWS_PROTOCOL', 'EWS_HTTP'],
    }),
    { runs: CLIENT_CI_RUNS },
  );
}

// ---- Bytes on the wire: the undici transport's decoding ------------------------------------------

let next: Uint8Array = new Uint8Array();
const wireServer = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': next.length });
    response.end(next);
  });
});
wireServer.listen(0, '127.0.0.1');
await once(wireServer, 'listening');
const wireClient = new EwsClient({
  url: `http://127.0.0.1:${(wireServer.address() as AddressInfo).port}/EWS/Exchange.asmx`,
});
afterAll(async () => {
  await wireClient.close();
  wireServer.close();
});
const wireCorpus = corpus.slice(0, 4);
registerMutations(
  'EwsClient.send over loopback (bytes decoded by the undici transport)',
  await directTarget({
    name: 'EwsClient.send over loopback',
    texts: wireCorpus.map((entry) => entry.xml),
    bytes: true,
    read: async (input, index) => {
      next = typeof input === 'string' ? new TextEncoder().encode(input) : input;
      const operation = wireCorpus[index]!.operation;
      const answer = await wireClient.send({ operation, body: `<m:${operation}/>` });
      return answer.messages.map((message) => ({
        responseClass: message.responseClass,
        responseCode: message.responseCode,
        messageText: message.messageText,
      }));
    },
    codeOf,
  }),
  { classes: ['invalidUtf8', 'forbiddenCharacter', 'truncated'], runs: CLIENT_CI_RUNS },
);

it('figures', () => {
  const stats = fuzzStats();
  console.log(
    `fuzz core: ${stats.planned} cases planned, ${stats.cases} run in ${stats.properties} properties, ${(stats.ms / 1000).toFixed(1)} s; ` +
      `slowest case ${stats.maxCaseMs.toFixed(0)} ms; most heap held by a case ${(stats.maxCaseHeapBytes / 2 ** 20).toFixed(1)} MiB`,
  );
  expect(stats.cases).toBeGreaterThan(0);
});
