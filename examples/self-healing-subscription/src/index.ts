// `pnpm --filter @example/self-healing-subscription start`: the self-healing subscription against
// the in-memory Exchange, which breaks the stream five ways while the program listens.
import { runDemo } from './demo.js';

await runDemo();
