/** Loads one of the exchangelib vector files by its base name (e.g. `'soap-envelopes'`). */
export declare function loadVectors(name: string): unknown;
