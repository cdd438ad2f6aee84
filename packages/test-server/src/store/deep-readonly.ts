/** `T` with every property and array read-only, all the way down (Dates stay Dates). */
export type DeepReadonly<T> = T extends Date
  ? Date
  : T extends readonly (infer U)[]
    ? readonly DeepReadonly<U>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;
