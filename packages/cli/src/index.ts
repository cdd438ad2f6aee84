export * from './doctor/index.js';
export { createProgram, runCli } from './program.js';
