/**
 * Every place a package's public API takes a number from its caller: `Type.property` of exported
 * *Options / *Params / *View / *Limits / *Overrides types, `function(param)`, `Class#method(param)`,
 * `Class.staticMethod(param)` and `new Class(param)`; sorted.
 */
export function numericInputsOf(entry: string, options?: { readonly ownOnly?: boolean }): string[];
