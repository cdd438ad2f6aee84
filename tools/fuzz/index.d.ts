import type { Arbitrary, Parameters } from 'fast-check';

// ---- XML map -----------------------------------------------------------------------------------

export interface MappedAttribute {
  readonly qname: string;
  readonly prefix: string | undefined;
  readonly local: string;
  readonly start: number;
  readonly end: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  /** As written (entities not decoded). */
  readonly value: string;
}

export interface MappedText {
  readonly start: number;
  readonly end: number;
  readonly cdata: boolean;
}

export interface MappedElement {
  readonly index: number;
  readonly qname: string;
  readonly prefix: string | undefined;
  readonly local: string;
  /** The namespace URI from the declarations in scope ('' for none). */
  readonly namespace: string | undefined;
  readonly start: number;
  readonly nameEnd: number;
  readonly openEnd: number;
  readonly closeStart: number;
  readonly end: number;
  readonly selfClosing: boolean;
  readonly depth: number;
  readonly parent: number | undefined;
  readonly children: readonly number[];
  readonly attributes: readonly MappedAttribute[];
  readonly texts: readonly MappedText[];
}

export interface XmlMap {
  readonly text: string;
  readonly elements: readonly MappedElement[];
  /** Root elements (several in a streamed body of many documents). */
  readonly roots: readonly number[];
}

/** Maps a well-formed XML text (one or several documents) into element, attribute and text spans. */
export declare function mapXml(text: string): XmlMap;
export declare function splitName(qname: string): { prefix: string | undefined; local: string };

// ---- XML text ----------------------------------------------------------------------------------

export declare function decodeXmlText(raw: string, cdata?: boolean): string;
export declare function escapeXmlText(text: string): string;
export declare function escapeXmlAttribute(text: string): string;
/** UTF-8 bytes; a lone surrogate becomes its 3-byte form (invalid UTF-8), not U+FFFD. */
export declare function encodeUtf8Loose(text: string): Uint8Array;
export declare function isXmlChars(text: string): boolean;

// ---- Catalogues --------------------------------------------------------------------------------

export declare const FORBIDDEN_RAW_CHARACTERS: readonly string[];
export declare const FORBIDDEN_REFERENCES: readonly string[];
export declare const INVALID_UTF8_SEQUENCES: readonly (readonly number[])[];
export declare const SWAPPED_NAMESPACES: readonly string[];
export declare const FOREIGN_NAMESPACE: string;
export declare const ODD_VALID_INSTANTS: readonly { readonly sent: string; readonly iso: string }[];
export declare function isDateText(text: string): boolean;
export declare function isInstantText(text: string): boolean;
export declare function impossibleDates(text: string): string[];

// ---- Outcomes ----------------------------------------------------------------------------------

/** The EwsError code of an error (EwsError.isInstance), undefined for any other value. */
export type ErrorCodeOf = (error: unknown) => string | undefined;

/** A value normalized for comparison: dates as `{ $date }`, errors as `{ $error: code }`… */
export type PlainValue = unknown;

export declare function plain(value: unknown, codeOf: ErrorCodeOf): PlainValue;
export declare function isErrorMarker(value: unknown): boolean;
export declare function foreignErrors(value: PlainValue): { path: string; error: unknown }[];
export interface Difference {
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
}
export declare function diff(
  expected: PlainValue,
  actual: PlainValue,
  path?: string,
  out?: { silent: Difference[]; refusals: { path: string; code: string }[] },
  /** `bounded`: a text visibly bounded (isVisiblyBounded) counts as the expected one. */
  options?: { readonly bounded?: boolean },
): { silent: Difference[]; refusals: { path: string; code: string }[] };
/**
 * Whether `actual` is `expected` cut visibly: its first characters (at least 100), then
 * `…(N more characters)` with N exactly the number left out (how a reader bounds a server text).
 */
export declare function isVisiblyBounded(expected: unknown, actual: unknown): boolean;
export declare function stringLeaves(value: PlainValue): Set<string>;
export declare function replaceLeaves(value: PlainValue, from: string, to: string): PlainValue;
export declare function excerpt(value: unknown, max?: number): string;

export type CaseOutcome =
  | { readonly kind: 'value'; readonly value: PlainValue; readonly ms?: number }
  | { readonly kind: 'error'; readonly code: string; readonly message: string; readonly ms?: number }
  | { readonly kind: 'crash'; readonly name: string; readonly message: string; readonly ms?: number }
  | { readonly kind: 'timeout'; readonly limitMs: number; readonly ms?: number };

export declare function runBounded(
  call: () => Promise<unknown>,
  codeOf: ErrorCodeOf,
  limitMs?: number,
): Promise<CaseOutcome>;

// ---- Judging -----------------------------------------------------------------------------------

export type Tier = 'safe' | 'no-wrong' | 'no-wrong-protocol' | 'expect' | 'refuse' | 'equal';

export interface JudgeInput {
  readonly tier: Tier;
  readonly baseline: PlainValue;
  readonly expected?: PlainValue;
  readonly outcome: CaseOutcome;
  /** Codes a refusal must carry (default `['EWS_PROTOCOL']`). */
  readonly requiredCodes?: readonly string[] | undefined;
}

export interface Verdict {
  readonly ok: boolean;
  readonly reason: string;
}

export declare function judge(input: JudgeInput): Verdict;

// ---- Mutations ---------------------------------------------------------------------------------

export interface FuzzAnswer {
  readonly map: XmlMap;
  /** Fed to the reader as bytes (a streamed answer): byte-level mutations apply. */
  readonly bytesFed: boolean;
  readonly counts?: ReadonlyMap<string, number>;
  readonly leafCounts?: ReadonlyMap<string, number>;
  /**
   * Its ResponseMessages are as many as the server has (delegates, a push or streaming document),
   * not one per request entry: a changed count is only checkable where it empties the list.
   */
  readonly serverCounted?: boolean;
}

export interface MutatedAnswer {
  readonly text?: string;
  readonly bytes?: Uint8Array;
  readonly note: string;
  /** Overrides the class's tier for this case. */
  readonly tier?: Tier;
  /** The value a reader must give, from the valid one (substitutions). */
  readonly expect?: (baseline: PlainValue) => PlainValue;
}

export interface MutationExtra {
  readonly n1?: number;
  readonly text?: string;
  /** Sizes of huge values to choose from (characters). */
  readonly sizes?: readonly number[];
  /** Depths of deep nesting to choose from. */
  readonly depths?: readonly number[];
}

export interface MutationClass {
  readonly tier: Tier;
  readonly summary: string;
  count(answer: FuzzAnswer): number;
  apply(answer: FuzzAnswer, pick: number, variant: number, extra: MutationExtra): MutatedAnswer;
}

export type MutationName =
  | 'truncated'
  | 'messageDropped'
  | 'messageDuplicated'
  | 'messagesReordered'
  | 'messageRenamed'
  | 'answerRenamed'
  | 'namespaceSwappedStructure'
  | 'namespaceSwappedField'
  | 'foreignInserted'
  | 'nestedDeep'
  | 'forbiddenCharacter'
  | 'invalidUtf8'
  | 'hugeValue'
  | 'impossibleDate'
  | 'idMissing'
  | 'equivalentDocument'
  | 'textReplaced'
  | 'dateReplaced';

export declare const MUTATIONS: Readonly<Record<MutationName, MutationClass>>;
export declare function countTexts(maps: readonly XmlMap[]): Map<string, number>;
export declare function targetCount(answer: FuzzAnswer, name: MutationName): number;
/** The Id of every record (item, folder, attachment, persona, event target) an answer names. */
export declare function recordIds(map: XmlMap): { record: string; id: string }[];

// ---- Replay ------------------------------------------------------------------------------------

/** One recorded HTTP exchange (a valid answer). */
export interface RecordedExchange {
  readonly operation: string;
  /** The request body as sent. */
  readonly request: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: string;
  /** The client asked for the answer as a stream (bytes, in chunks). */
  readonly streamed: boolean;
}

/** Structurally @ews/core's Transport (this package imports no @ews package). */
export interface ReplayTransport {
  send(request: {
    readonly operation: string;
    readonly body?: string | undefined;
    readonly signal?: AbortSignal | undefined;
    readonly streamResponse?: boolean | undefined;
  }): Promise<{
    readonly status: number;
    readonly headers: Readonly<Record<string, string | readonly string[]>>;
    readonly body: string;
    readonly bodyStream?: AsyncIterable<Uint8Array> | undefined;
  }>;
  lease(origin: URL, signal: AbortSignal): Promise<never>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface ReplayOptions {
  readonly mutated?: {
    readonly index: number;
    readonly text?: string | undefined;
    readonly bytes?: Uint8Array | undefined;
  };
  readonly chunkSeed?: number;
}

export declare function createReplay(
  exchanges: readonly RecordedExchange[],
  options?: ReplayOptions,
): {
  transport: ReplayTransport;
  state: { requests: number; runaway: boolean; unexpected: string[]; served: number[] };
};

/** A Transport that forwards to `inner` and records each exchange into `sink`. */
export declare function createRecorder<T>(inner: T, sink: RecordedExchange[]): T;

// ---- Targets and properties --------------------------------------------------------------------

export interface FuzzTarget {
  readonly name: string;
  readonly answers: readonly FuzzAnswer[];
  readonly baseline: PlainValue;
  readonly requiredCodes: readonly string[] | undefined;
  readonly leaves: ReadonlySet<string>;
  run(
    mutated: ReplayOptions['mutated'],
    chunkSeed: number,
  ): Promise<{ outcome: CaseOutcome; runaway: boolean; unexpected: string[] }>;
}

export interface ReplayTargetOptions {
  readonly name: string;
  readonly exchanges: readonly RecordedExchange[];
  /** Runs the call from scratch on this transport (a new client each time). */
  readonly call: (transport: ReplayTransport) => Promise<unknown>;
  readonly codeOf: ErrorCodeOf;
  readonly requiredCodes?: readonly string[] | undefined;
  /** See FuzzAnswer.serverCounted. */
  readonly serverCountedLists?: boolean | undefined;
}

export interface DirectTargetOptions {
  readonly name: string;
  readonly texts: readonly string[];
  /** Called with the (mutated) text, or with its bytes when `bytes` is set. */
  readonly read: (input: string | Uint8Array, index: number) => unknown;
  /** The reader takes bytes (UTF-8 is its to decode): byte-level mutations apply. */
  readonly bytes?: boolean | undefined;
  /** See FuzzAnswer.serverCounted. */
  readonly serverCountedLists?: boolean | undefined;
  readonly codeOf: ErrorCodeOf;
  readonly requiredCodes?: readonly string[] | undefined;
}

export declare function replayTarget(options: ReplayTargetOptions): Promise<FuzzTarget>;
export declare function directTarget(options: DirectTargetOptions): Promise<FuzzTarget>;

export declare function applicableAnswers(target: FuzzTarget, className: MutationName): number[];
/** fast-check over one mutation class and one target; throws the failure report (seed, path, case, reason). */
export declare function assertMutations(
  target: FuzzTarget,
  className: MutationName,
  options: { readonly name: string; readonly runs: number },
): Promise<void>;
export declare function fuzzStats(): {
  properties: number;
  /** Cases asked for (fast-check's numRuns, summed). */
  planned: number;
  /** Cases run, shrinking steps included (fewer than planned when a property fails early). */
  cases: number;
  ms: number;
  maxCaseMs: number;
  maxCaseHeapBytes: number;
  maxRetainedBytes: number;
};
export declare function hugeSizes(): number[];
export declare function nestingDepths(): number[];

// ---- Arbitraries -------------------------------------------------------------------------------

export declare function xmlCharacter(): Arbitrary<string>;
export declare function validText(options?: { minLength?: number; maxLength?: number }): Arbitrary<string>;
export declare function mutationCase(
  answerIndexes: readonly number[],
  options?: { maxTextLength?: number },
): Arbitrary<{ answer: number; pick: number; variant: number; n1: number; chunkSeed: number; text: string }>;

// ---- Budget ------------------------------------------------------------------------------------

export declare const CASE_TIME_LIMIT_MS: number;
export declare const CASE_HEAP_LIMIT_BYTES: number;
export declare const RUN_RETAINED_HEAP_LIMIT_BYTES: number;
export declare const CASE_REQUEST_LIMIT: number;
export declare function fuzzRuns(ciRuns: number): number;
export declare const MAX_SHRINKS: number;
/** A vitest timeout for a property of `ciRuns` cases that lets every case use its whole time bound. */
export declare function fuzzTestTimeout(ciRuns: number): number;
export declare function isLargeRun(): boolean;
export declare function fuzzParameters(name: string, ciRuns: number): Parameters<unknown>;
export declare function hash(text: string): number;
export declare function collectGarbage(): void;
export declare function heapUsed(settled?: boolean): number;
