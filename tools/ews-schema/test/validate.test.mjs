import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertValidEws, createEnvelopeRecorder, validateEws } from '../index.js';

const testsDir = fileURLToPath(new URL('../schema-tests/', import.meta.url));
const load = (kind) =>
  readdirSync(`${testsDir}${kind}`)
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((f) => ({ name: `${kind}/${f}`, text: readFileSync(`${testsDir}${kind}/${f}`, 'utf8') }));
const valid = load('valid');
const invalid = load('invalid');

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
const envelope = (body) =>
  `<s:Envelope xmlns:s="${SOAP}" xmlns:m="${M}" xmlns:t="${T}"><s:Header><t:RequestServerVersion Version="Exchange2016"/></s:Header><s:Body>${body}</s:Body></s:Envelope>`;
const getFolder =
  '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';

test('the upstream self-test documents: all valid pass, all invalid fail (one batch)', async () => {
  assert.ok(valid.length >= 3 && invalid.length >= 7);
  const all = [...valid, ...invalid];
  const results = await validateEws(
    all.map((d) => d.text),
    { names: all.map((d) => d.name) },
  );
  assert.equal(results.length, all.length);
  for (const [i, r] of results.entries()) {
    assert.equal(r.name, all[i].name);
    if (i < valid.length) {
      assert.equal(r.ok, true, `${r.name} should pass:\n${r.errors}`);
      assert.equal(r.errors, '');
    } else {
      assert.equal(r.ok, false, `${r.name} should fail`);
      assert.match(r.errors, new RegExp(`^${r.name.replace('.', '\\.')}:\\d+: `));
      assert.ok(!r.errors.includes('ews-validate-'), 'temp paths are replaced by the name');
    }
  }
});

test('messages are attributed to the right document and an empty soap:Body fails', async () => {
  const results = await validateEws([envelope(getFolder), envelope(''), envelope('<m:GetFolders/>')]);
  assert.deepEqual(
    results.map((r) => [r.name, r.ok]),
    [
      ['document #1', true],
      ['document #2', false],
      ['document #3', false],
    ],
  );
  assert.match(results[1].errors, /Body': Missing child element/);
  assert.doesNotMatch(results[1].errors, /GetFolders/);
  assert.match(results[2].errors, /GetFolders/);
});

test('long enumeration sets are shortened unless fullMessages', async () => {
  const bad = envelope(getFolder.replace('IdOnly', 'Everything'));
  const [short] = await validateEws([bad]);
  assert.equal(short.ok, false);
  assert.match(short.errors, /The value 'Everything' is not an element of the set/);
  const badField = envelope(
    getFolder.replace(
      '</m:FolderShape>',
      '<t:AdditionalProperties><t:FieldURI FieldURI="folder:Nope"/></t:AdditionalProperties></m:FolderShape>',
    ),
  );
  const [shortened] = await validateEws([badField]);
  const [full] = await validateEws([badField], { fullMessages: true });
  assert.match(shortened.errors, / \.\.\.\}/);
  assert.ok(full.errors.length > shortened.errors.length + 1000);
  assert.match(full.errors, /'insight:AppContexts'\}/);
});

test('a batch larger than one xmllint run is split and keeps its order', async () => {
  const docs = Array.from({ length: 503 }, (_, i) => (i === 501 ? envelope('') : envelope(getFolder)));
  const results = await validateEws(docs);
  assert.equal(results.length, 503);
  assert.deepEqual(
    results.flatMap((r, i) => (r.ok ? [] : [i])),
    [501],
  );
});

test('assertValidEws throws with every failing document', async () => {
  await assertValidEws([envelope(getFolder)]);
  await assert.rejects(
    assertValidEws([envelope(''), envelope(getFolder), 'not xml'], { names: ['a', 'b', 'c'] }),
    (e) => {
      assert.match(e.message, /^2 of 3 EWS document\(s\) are not schema-valid/);
      assert.match(e.message, /FAIL a\n/);
      assert.match(e.message, /FAIL c\n {2}c:1: parser error/);
      assert.doesNotMatch(e.message, /FAIL b/);
      return true;
    },
  );
});

test('the recorder collects documents and validates them in one batch', async () => {
  const recorder = createEnvelopeRecorder();
  assert.equal(recorder.record(envelope(getFolder), 'get-folder'), envelope(getFolder));
  recorder.add(envelope(''));
  assert.equal(recorder.size, 2);
  const results = await recorder.validateAll();
  assert.deepEqual(
    results.map((r) => [r.name, r.ok]),
    [
      ['get-folder', true],
      ['recorded #2', false],
    ],
  );
  await assert.rejects(recorder.assertAllValid(), /FAIL recorded #2/);
});

test('an aborted signal rejects', async () => {
  await assert.rejects(validateEws([envelope(getFolder)], { signal: AbortSignal.abort() }), {
    name: 'AbortError',
  });
});

test('the CLI prints OK/FAIL and exits 0, 1 or 2', () => {
  const cli = fileURLToPath(new URL('../validate.mjs', import.meta.url));
  const run = (args) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 30_000 });
  const ok = run(valid.map((d) => `${testsDir}${d.name}`));
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.equal(ok.stdout.trim().split('\n').length, valid.length);
  assert.match(ok.stdout, /^OK .*createitem-calendar\.xml$/m);
  const bad = run([`${testsDir}valid/${'createitem-calendar.xml'}`, `${testsDir}invalid/empty-body.xml`]);
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /^FAIL .*empty-body\.xml\n {2}.*empty-body\.xml:\d+: /m);
  assert.equal(run([]).status, 2);
});
