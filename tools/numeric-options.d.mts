/**
 * Every place a package's public API takes a number from its caller: `Type.property` of exported
 * *Options / *Params / *View / *Limits / *Overrides types, `function(param)`, `Class#method(param)`,
 * `Class.staticMethod(param)` and `new Class(param)`; sorted.
 */
export function numericInputsOf(entry: string, options?: { readonly ownOnly?: boolean }): string[];

/**
 * Runs one probe of a numeric-option table row and checks its verdict: a value the row accepts is not
 * refused with EWS_INVALID_ARGUMENT (with `strict`, nothing is thrown at all); any other value is
 * refused that way, with a message naming the option and the value. Resolves to what the call threw.
 */
export function expectNumericProbe(
  row: {
    readonly option: string;
    readonly accepts: (value: number) => boolean;
    readonly apply: (value: number) => unknown;
  },
  value: number,
  checks: {
    readonly isInvalidArgument: (error: unknown) => boolean;
    readonly describeValue: (value: unknown) => string;
    readonly strict?: boolean;
  },
): Promise<unknown>;
