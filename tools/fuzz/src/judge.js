// The verdict on one case: what a reader did with a mutated answer, held against what the valid
// answer gave and against the mutation's tier.
//
// Tiers, weakest first:
//   safe              a value or an EwsError; never another exception, a hang or runaway requests
//   no-wrong          safe, and a value must equal the valid answer's (entries may be refused)
//   no-wrong-protocol no-wrong, and every refusal is one of the required codes (EWS_PROTOCOL)
//   expect            safe, and a value must equal the expected one (the valid value with the
//                     substituted text, or that text visibly bounded: `…(N more characters)`),
//                     entries may be refused
//   refuse            an EwsError with a required code, thrown or as the refused entries, and
//                     nothing else different: never the valid value read from a broken answer
//   equal             the valid value exactly: the answer is the same document written otherwise

import { diff, excerpt, foreignErrors } from './outcome.js';

/**
 * @param {import('../index.js').JudgeInput} input
 * @returns {import('../index.js').Verdict}
 */
export function judge({ tier, baseline, expected, outcome, requiredCodes = ['EWS_PROTOCOL'] }) {
  if (outcome.kind === 'crash') return fail(`threw ${outcome.name} (not an EwsError): ${outcome.message}`);
  if (outcome.kind === 'timeout') return fail(`did not settle within ${outcome.limitMs} ms`);
  if (outcome.kind === 'runaway')
    return fail(`kept sending requests (${outcome.requests}) against the replayed answers`);
  if (outcome.kind === 'value') {
    const foreign = foreignErrors(outcome.value);
    if (foreign.length > 0)
      return fail(`returned a non-EwsError as data at ${foreign[0].path}: ${excerpt(foreign[0].error)}`);
  }
  const required = (code) => requiredCodes.includes(code);
  switch (tier) {
    case 'safe':
      return pass();
    case 'equal': {
      if (outcome.kind === 'error')
        return fail(`refused an equivalent document with ${outcome.code}: ${outcome.message}`);
      const found = diff(baseline, outcome.value);
      if (found.refusals.length > 0)
        return fail(
          `refused an entry of an equivalent document at ${found.refusals[0].path} (${found.refusals[0].code})`,
        );
      if (found.silent.length > 0)
        return fail(`read an equivalent document differently: ${describe(found.silent[0])}`);
      return pass();
    }
    case 'expect': {
      if (outcome.kind === 'error') return pass();
      // A huge substituted text may come back cut where the reader documents a bound on it (server
      // texts in errors and MessageXml), as long as the cut is visible and exact.
      const found = diff(expected ?? baseline, outcome.value, '$', undefined, { bounded: true });
      if (found.silent.length > 0)
        return fail(`did not read back the substituted value: ${describe(found.silent[0])}`);
      return pass();
    }
    case 'no-wrong':
    case 'no-wrong-protocol': {
      const strict = tier === 'no-wrong-protocol';
      if (outcome.kind === 'error')
        return !strict || required(outcome.code)
          ? pass()
          : fail(`refused with ${outcome.code}, expected ${requiredCodes.join(' or ')}: ${outcome.message}`);
      const found = diff(baseline, outcome.value);
      if (found.silent.length > 0) return fail(`silent wrong result: ${describe(found.silent[0])}`);
      const other = found.refusals.find((refusal) => !required(refusal.code));
      if (strict && other)
        return fail(`refused ${other.path} with ${other.code}, expected ${requiredCodes.join(' or ')}`);
      return pass();
    }
    case 'refuse': {
      if (outcome.kind === 'error')
        return required(outcome.code)
          ? pass()
          : fail(`refused with ${outcome.code}, expected ${requiredCodes.join(' or ')}: ${outcome.message}`);
      const found = diff(baseline, outcome.value);
      if (found.silent.length > 0) return fail(`silent wrong result: ${describe(found.silent[0])}`);
      const other = found.refusals.find((refusal) => !required(refusal.code));
      if (other)
        return fail(`refused ${other.path} with ${other.code}, expected ${requiredCodes.join(' or ')}`);
      if (found.refusals.length === 0)
        return fail("accepted: returned the valid answer's value without an error");
      return pass();
    }
    default:
      return fail(`unknown tier ${tier}`);
  }
}

const pass = () => ({ ok: true, reason: '' });
const fail = (reason) => ({ ok: false, reason });
const describe = (difference) =>
  `${difference.path}: valid answer gave ${excerpt(difference.expected)}, this one ${excerpt(difference.actual)}`;
