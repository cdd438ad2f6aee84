/** The outcome for one document. */
export interface ValidationResult {
  /** The caller's name for the document, or `document #N` (1-based). */
  readonly name: string;
  /** True when xmllint accepted the document and (for an envelope) soap:Body has a child element. */
  readonly ok: boolean;
  /** xmllint's messages for this document (empty when ok), with temp paths replaced by `name`. */
  readonly errors: string;
}

export interface ValidateOptions {
  /** Names used in messages, by position. */
  readonly names?: readonly string[];
  /** Keep long enumeration sets in messages instead of shortening them. */
  readonly fullMessages?: boolean;
  readonly signal?: AbortSignal;
}

/** Absolute path of the vendored schema directory and of the SOAP 1.1 envelope schema. */
export declare const schemaDir: string;
export declare const envelopeSchemaPath: string;

/**
 * Validates SOAP envelopes (or bare EWS elements) against the EWS schema with one xmllint run
 * for the whole batch. Rejects only on setup problems (xmllint missing, schema not compiling, abort).
 */
export declare function validateEws(
  documents: readonly string[],
  options?: ValidateOptions,
): Promise<ValidationResult[]>;

/** Like validateEws, but throws one Error listing every invalid document and its messages. */
export declare function assertValidEws(
  documents: readonly string[],
  options?: ValidateOptions,
): Promise<ValidationResult[]>;

export interface EnvelopeRecorder {
  /** Remembers a document for the batch; returns it unchanged so it can wrap a value inline. */
  record(document: string, name?: string): string;
  /** Same as `record`. */
  add(document: string, name?: string): string;
  readonly size: number;
  readonly documents: readonly string[];
  validateAll(options?: Omit<ValidateOptions, 'names'>): Promise<ValidationResult[]>;
  assertAllValid(options?: Omit<ValidateOptions, 'names'>): Promise<ValidationResult[]>;
  /**
   * A pipeline policy (structurally @ews/core's `Policy`) that records every request body it
   * sees, named `N-Operation`: `new EwsClient({ …, policies: [recorder.policy] })`.
   */
  readonly policy: RecordingPolicy;
}

export interface RecordingPolicy {
  readonly name: 'record-envelopes';
  send<Request extends { readonly body?: string | undefined; readonly operation: string }, Response>(
    request: Request,
    next: (request: Request) => Response,
  ): Response;
}

/** Collects documents in memory during a test file; validate them once at the end. */
export declare function createEnvelopeRecorder(): EnvelopeRecorder;
