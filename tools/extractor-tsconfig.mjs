// The compiler settings API Extractor reads our built declarations with, for the API reports
// (api-report.mjs) and the client's declaration roll-up (bundle-declarations.mjs) alike.
export const EXTRACTOR_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: true,
    types: ['node'],
  },
};
