/** Rewrites the non-ASCII characters of comment lines in dist/*.js and dist/*.cjs. */
export declare function asciiComments(distDirectory: string): void;
