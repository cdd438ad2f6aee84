// Fuzz targets: the valid answers of one call (or one reader) and how to run it again with one of
// them replaced. The valid value is computed here, by replaying the unmutated answers.

import { countTexts } from './mutations.js';
import { diff, excerpt, stringLeaves } from './outcome.js';
import { createReplay } from './replay.js';
import { runBounded } from './run-bounded.js';
import { mapXml } from './xml-map.js';
import { encodeUtf8Loose } from './xml-text.js';

/**
 * A call replayed through a core Transport: `call(transport)` runs it from scratch (a new client
 * on that transport), the recorded exchanges answer it.
 *
 * @param {import('../index.js').ReplayTargetOptions} options
 * @returns {Promise<import('../index.js').FuzzTarget>}
 */
export async function replayTarget({
  name,
  exchanges,
  call,
  codeOf,
  requiredCodes,
  serverCountedLists = false,
}) {
  const run = async (mutated, chunkSeed) => {
    const replay = createReplay(exchanges, { mutated, chunkSeed });
    const outcome = await runBounded(() => call(replay.transport), codeOf);
    return { outcome, runaway: replay.state.runaway, unexpected: replay.state.unexpected };
  };
  const first = await run(undefined, 1);
  const second = await run(undefined, 2);
  if (first.outcome.kind !== 'value')
    throw new Error(
      `${name}: the valid answers do not give a value (${first.outcome.kind}: ${first.outcome.code ?? first.outcome.name ?? ''} ${first.outcome.message ?? ''})`,
    );
  if (first.unexpected.length > 0)
    throw new Error(`${name}: the replay was asked for unrecorded ${first.unexpected.join(', ')}`);
  const again = diff(
    first.outcome.value,
    second.outcome.kind === 'value' ? second.outcome.value : second.outcome,
  );
  if (again.silent.length > 0 || again.refusals.length > 0)
    throw new Error(
      `${name}: two replays of the valid answers differ at ${again.silent[0]?.path ?? again.refusals[0]?.path}: ${excerpt(again.silent[0])}`,
    );
  return withAnswers({
    name,
    texts: exchanges.map((exchange) => exchange.body),
    bytesFed: exchanges.map((exchange) => exchange.streamed),
    baseline: first.outcome.value,
    requiredCodes,
    serverCountedLists,
    run,
  });
}

/**
 * A reader called directly on a text (a parser, a decoder, a push notification body).
 *
 * @param {import('../index.js').DirectTargetOptions} options
 * @returns {Promise<import('../index.js').FuzzTarget>}
 */
export async function directTarget({
  name,
  texts,
  read,
  codeOf,
  requiredCodes,
  bytes = false,
  serverCountedLists = false,
}) {
  const run = async (mutated) => {
    const index = mutated?.index ?? 0;
    const text = mutated === undefined ? texts[index] : mutated.text;
    // A reader of bytes gets bytes (a mutation's own, or the text's); a reader of text gets text.
    const input = bytes
      ? (mutated?.bytes ?? encodeUtf8Loose(text))
      : (text ?? new TextDecoder('utf-8').decode(mutated.bytes));
    const outcome = await runBounded(async () => read(input, index), codeOf);
    return { outcome, runaway: false, unexpected: [] };
  };
  const baselines = [];
  for (let index = 0; index < texts.length; index++) {
    const { outcome } = await run({ index, text: texts[index] });
    if (outcome.kind !== 'value')
      throw new Error(
        `${name}: valid text #${index} does not give a value (${outcome.code ?? outcome.name}: ${outcome.message})`,
      );
    baselines.push(outcome.value);
  }
  // One valid value per text: a case replaces one text, so it is judged against that text's value.
  return withAnswers({
    name,
    texts,
    bytesFed: texts.map(() => bytes),
    baseline: baselines,
    requiredCodes,
    serverCountedLists,
    run: async (mutated, chunkSeed) => {
      const result = await run(mutated, chunkSeed);
      if (result.outcome.kind !== 'value') return result;
      const index = mutated?.index ?? 0;
      const whole = baselines.map((value, i) => (i === index ? result.outcome.value : value));
      return { ...result, outcome: { ...result.outcome, value: whole } };
    },
  });
}

function withAnswers({ name, texts, bytesFed, baseline, requiredCodes, serverCountedLists, run }) {
  const maps = texts.map((text) => {
    try {
      return mapXml(text);
    } catch {
      return mapXml('');
    }
  });
  const counts = countTexts(maps);
  const leafCounts = new Map();
  countLeaves(baseline, leafCounts);
  const answers = maps.map((map, index) => ({
    map,
    bytesFed: bytesFed[index],
    counts,
    leafCounts,
    serverCounted: serverCountedLists,
  }));
  return { name, answers, baseline, requiredCodes, run, leaves: stringLeaves(baseline) };
}

function countLeaves(value, counts) {
  if (typeof value === 'string') counts.set(value, (counts.get(value) ?? 0) + 1);
  else if (typeof value === 'object' && value !== null)
    for (const entry of Object.values(value)) countLeaves(entry, counts);
}
