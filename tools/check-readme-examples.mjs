#!/usr/bin/env node
// Type-checks the TypeScript examples in every package README (```ts blocks), the root README and docs/writing-an-auth-plugin.md, so the
// documentation cannot drift from the API. Each block is compiled as its own module
// inside its package (so `@ews/...` imports resolve as a user's would, against the
// built `dist` types), with the project's strict settings.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dirs = ['packages', 'examples'].flatMap((group) =>
  existsSync(join(root, group)) ? readdirSync(join(root, group)).map((name) => join(root, group, name)) : [],
);
const fence = /```ts\n([\s\S]*?)```/g;
// Documents outside a package are checked inside a package that depends on what they import.
const hosted = [
  { readme: join(root, 'README.md'), host: join(root, 'examples/calendar-rooms') },
  { readme: join(root, 'docs/writing-an-auth-plugin.md'), host: join(root, 'packages/auth-ntlm') },
];
const targets = [...dirs.map((dir) => ({ readme: join(dir, 'README.md'), host: dir })), ...hosted];
let blocks = 0;
let failed = false;
for (const [index, { readme, host }] of targets.entries()) {
  if (!existsSync(readme)) {
    console.error(`missing README: ${relative(root, readme)}`);
    failed = true;
    continue;
  }
  const sources = [...readFileSync(readme, 'utf8').matchAll(fence)].map((match) => match[1]);
  if (sources.length === 0) continue;
  const work = join(host, `.readme-check-${index}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work);
  sources.forEach((source, n) => {
    // `export {}` makes every block a module, so top-level await and names stay local. The
    // block is written one folder down, so a relative import (`./src/x.js`) moves up one.
    const relocated = source.replace(/from '\.\//g, "from '../");
    writeFileSync(join(work, `example-${n + 1}.ts`), `${relocated}\nexport {};\n`);
  });
  writeFileSync(
    join(work, 'tsconfig.json'),
    JSON.stringify({
      extends: relative(work, join(root, 'tsconfig.base.json')),
      compilerOptions: { noEmit: true, noUnusedLocals: false, target: 'ES2022', module: 'NodeNext' },
      include: ['*.ts'],
    }),
  );
  // A package.json with "type": "module" lets the examples use top-level await.
  writeFileSync(join(work, 'package.json'), '{ "type": "module", "private": true }\n');
  // The host package itself is importable by its name, as it is for a user who installed it.
  const { name } = JSON.parse(readFileSync(join(host, 'package.json'), 'utf8'));
  const link = join(work, 'node_modules', name);
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(host, link, 'dir');
  try {
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', work], { stdio: 'inherit' });
    console.log(`ok   ${relative(root, readme)} (${sources.length} example(s))`);
  } catch {
    console.error(`FAIL ${relative(root, readme)}`);
    failed = true;
  }
  blocks += sources.length;
  rmSync(work, { recursive: true, force: true });
}
console.log(`${blocks} README example(s) type-checked`);
if (failed) process.exit(1);
