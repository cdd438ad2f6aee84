import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadVectors } from '@ews-tools/vectors';
import { afterEach, describe, expect, it } from 'vitest';
import { EwsClient } from '../../src/client/ews-client.js';
import { EwsError } from '../../src/errors/ews-error.js';
import { responseElementFor } from '../../src/soap/operation-response.js';
import { OPERATION_RESPONSE_ELEMENTS } from '../../src/soap/operation-responses.generated.js';
import { decodeSoapResponse } from '../../src/soap/response.js';
import { childText } from '../../src/xml/parse.js';
import { type FakeEwsServer, startFakeEws } from '../helpers/fake-ews-server.js';

// Issue 12, defect 5: the answer element was guessed as `{Operation}Response`, so GetPersona's
// `GetPersonaResponseMessage` (services.wsdl) was refused as malformed. The expected element of
// every operation now comes from one table generated from services.wsdl.

const schema = new URL('../../../../tools/ews-schema/schema/', import.meta.url);
const script = fileURLToPath(new URL('../../scripts/generate-operation-responses.mjs', import.meta.url));

function portType(): string {
  const wsdl = readFileSync(new URL('services.wsdl', schema), 'utf8');
  return wsdl.slice(wsdl.indexOf('<wsdl:portType'), wsdl.indexOf('</wsdl:portType>'));
}

/** Re-derives operation → answer element from the WSDL, independently of the generator. */
function fromWsdl(): Record<string, string> {
  const wsdl = readFileSync(new URL('services.wsdl', schema), 'utf8');
  const table: Record<string, string> = {};
  for (const [, operation, output] of portType().matchAll(
    /<wsdl:operation\s+name\s*=\s*"(\w+)"\s*>[\s\S]*?<wsdl:output message="tns:(\w+)"/g,
  )) {
    const message = new RegExp(
      `<wsdl:message name="${output}">\\s*<wsdl:part name="\\w+" element="tns:(\\w+)"`,
    ).exec(wsdl);
    table[operation as string] = message?.[1] as string;
  }
  return table;
}

/** Microsoft's GetPersona example answer (exchangelib's get-persona vector copies it). */
function getPersonaAnswer(): string {
  const vectors = (loadVectors('response-parsing') as { vectors: { id: string; response_xml?: string }[] })
    .vectors;
  const xml = vectors.find((vector) => vector.id === 'get-persona')?.response_xml;
  if (xml === undefined) throw new Error('no get-persona vector');
  return xml;
}

function thrown(run: () => unknown): EwsError {
  try {
    run();
  } catch (error) {
    if (EwsError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('OPERATION_RESPONSE_ELEMENTS', () => {
  it('names, for every operation of services.wsdl, its output message’s element', () => {
    const expected = fromWsdl();
    // 123: FindConversation, ApplyConversationAction and GetConversationItems are written
    // `name ="…"` in services.wsdl; the generator once skipped them (120).
    expect(Object.keys(expected)).toHaveLength(portType().match(/<wsdl:operation\b/g)?.length ?? 0);
    expect(Object.keys(expected)).toHaveLength(123);
    expect({ ...OPERATION_RESPONSE_ELEMENTS }).toEqual(expected);
  });

  it('is what the generator writes today (drift check)', () => {
    const output = execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8', timeout: 30_000 });
    expect(output).toMatch(/up to date \(123 operations\)/);
  });

  it('has the irregular ones: GetPersona and the MeetingSpace operations', () => {
    const irregular = Object.entries(OPERATION_RESPONSE_ELEMENTS).filter(
      ([operation, element]) => element !== `${operation}Response`,
    );
    expect(Object.fromEntries(irregular)).toEqual({
      CreateMeetingSpace: 'CreateMeetingSpaceResponseMessage',
      DeleteMeetingSpace: 'DeleteMeetingSpaceResponseMessage',
      FindMeetingSpaceByJoinUrl: 'FindMeetingSpaceByJoinUrlResponseMessage',
      GetMeetingSpace: 'GetMeetingSpaceResponseMessage',
      GetPersona: 'GetPersonaResponseMessage',
      UpdateMeetingSpace: 'UpdateMeetingSpaceResponseMessage',
    });
    expect(Object.isFrozen(OPERATION_RESPONSE_ELEMENTS)).toBe(true);
  });
});

describe('decodeSoapResponse expects the element services.wsdl names', () => {
  it("decodes Microsoft's GetPersona answer", () => {
    const decoded = decodeSoapResponse(getPersonaAnswer(), 'GetPersona');
    expect(decoded.responseNode.name).toBe('GetPersonaResponseMessage');
    expect(decoded.messages.map((message) => message.responseCode)).toEqual(['NoError']);
    expect(childText(decoded.messages[0]?.node.children[1], 'DisplayName')).toBe('Brian Johnson');
  });

  it('refuses the guessed `{Operation}Response` where the WSDL says otherwise', () => {
    const guessed = getPersonaAnswer().replaceAll('GetPersonaResponseMessage', 'GetPersonaResponse');
    expect(thrown(() => decodeSoapResponse(guessed, 'GetPersona')).message).toMatch(
      /Expected <GetPersonaResponseMessage> in the SOAP body, got <GetPersonaResponse>/,
    );
  });

  it('refuses an operation outside the WSDL unless told its answer element', () => {
    const error = thrown(() => decodeSoapResponse(getPersonaAnswer(), 'GetPersonaa'));
    expect(error.code).toBe('EWS_INVALID_ARGUMENT');
    expect(error.message).toMatch(/GetPersonaa is not an operation of services.wsdl: pass responseElement/);
    const told = decodeSoapResponse(getPersonaAnswer(), 'GetPersonaBeta', {
      responseElement: 'GetPersonaResponseMessage',
    });
    expect(told.messages).toHaveLength(1);
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(() => responseElementFor(name)).toThrow(/not an operation of services.wsdl/);
    }
    expect(() => responseElementFor('X', '<bad>')).toThrow(/local name of an element/);
  });
});

describe('EwsClient.send with the table', () => {
  let server: FakeEwsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('decodes a raw GetPersona answer', async () => {
    server = await startFakeEws(() => ({ body: getPersonaAnswer() }));
    await using client = new EwsClient({ url: server.url });
    const response = await client.send({
      operation: 'GetPersona',
      body:
        '<m:GetPersona xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
        'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:PersonaId Id="AAQkADEzAQAKtOtR="/></m:GetPersona>',
    });
    expect(response.node.name).toBe('GetPersonaResponseMessage');
    expect(response.messages[0]?.responseClass).toBe('Success');
  });

  it('refuses an unknown operation before sending anything', async () => {
    server = await startFakeEws(() => ({ body: getPersonaAnswer() }));
    await using client = new EwsClient({ url: server.url });
    const error = await client.send({ operation: 'GetPersonna', body: '<m:GetPersonna/>' }).catch((e) => e);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_INVALID_ARGUMENT');
    expect(error.requestFate).toBe('not-sent');
    const streamed = await client
      .sendStream({ operation: 'GetPersonna', body: '<m:GetPersonna/>' })
      .catch((e) => e);
    expect(EwsError.isInstance(streamed) && streamed.code).toBe('EWS_INVALID_ARGUMENT');
    expect(server.requests).toHaveLength(0);
    // Named explicitly, it is sent and its answer checked against that name.
    const response = await client.send({
      operation: 'GetPersonaPreview',
      responseElement: 'GetPersonaResponseMessage',
      body: '<m:GetPersonaPreview/>',
    });
    expect(response.messages).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
  });
});
