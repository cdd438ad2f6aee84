// @ews-tools/fuzz: property-based fuzzing of the response readers (see README.md).

export { mutationCase, validText, xmlCharacter } from './src/arbitraries.js';
export {
  CASE_HEAP_LIMIT_BYTES,
  CASE_REQUEST_LIMIT,
  CASE_TIME_LIMIT_MS,
  collectGarbage,
  fuzzParameters,
  fuzzRuns,
  fuzzTestTimeout,
  hash,
  heapUsed,
  isLargeRun,
  MAX_SHRINKS,
  RUN_RETAINED_HEAP_LIMIT_BYTES,
} from './src/budget.js';
export {
  FORBIDDEN_RAW_CHARACTERS,
  FORBIDDEN_REFERENCES,
  FOREIGN_NAMESPACE,
  INVALID_UTF8_SEQUENCES,
  impossibleDates,
  isDateText,
  isInstantText,
  ODD_VALID_INSTANTS,
  SWAPPED_NAMESPACES,
} from './src/catalogues.js';
export { judge } from './src/judge.js';
export { countTexts, MUTATIONS, recordIds, targetCount } from './src/mutations.js';
export {
  diff,
  excerpt,
  foreignErrors,
  isErrorMarker,
  isVisiblyBounded,
  plain,
  replaceLeaves,
  stringLeaves,
} from './src/outcome.js';
export { applicableAnswers, assertMutations, fuzzStats, hugeSizes, nestingDepths } from './src/property.js';
export { createRecorder, createReplay } from './src/replay.js';
export { runBounded } from './src/run-bounded.js';
export { directTarget, replayTarget } from './src/targets.js';
export { mapXml, splitName } from './src/xml-map.js';
export {
  decodeXmlText,
  encodeUtf8Loose,
  escapeXmlAttribute,
  escapeXmlText,
  isXmlChars,
} from './src/xml-text.js';
