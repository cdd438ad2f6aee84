#!/usr/bin/env node
// Checks every pending changeset: front matter present (formatters have mangled it before),
// each line names a workspace package that exists and a valid bump, and a summary follows.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packages = new Set(
  readdirSync(join(root, 'packages'))
    .map((dir) => join(root, 'packages', dir, 'package.json'))
    .filter(existsSync)
    .map((file) => JSON.parse(readFileSync(file, 'utf8')).name),
);
const problems = [];
const files = readdirSync(join(root, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
for (const file of files) {
  const text = readFileSync(join(root, '.changeset', file), 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) {
    problems.push(`${file}: no front matter (--- / 'package': bump / ---)`);
    continue;
  }
  const [, header, summary] = match;
  for (const line of header.split('\n').filter((l) => l.trim() !== '')) {
    const entry = /^['"](@?[^'"]+)['"]:\s*(major|minor|patch)$/.exec(line.trim());
    if (!entry) problems.push(`${file}: bad line "${line}"`);
    else if (!packages.has(entry[1])) problems.push(`${file}: unknown package ${entry[1]}`);
  }
  if (summary.trim() === '') problems.push(`${file}: no summary`);
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`${files.length} changeset(s) ok`);
