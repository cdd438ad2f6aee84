export { createProgram, runCli } from './program.js';
export * from './doctor/index.js';
