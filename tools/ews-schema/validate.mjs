#!/usr/bin/env node
// Usage: validate.mjs FILE.xml [FILE.xml ...]   ("-" reads one document from stdin)
// Prints "OK FILE" or "FAIL FILE" plus xmllint's messages. Exit: 0 all valid, 1 some invalid,
// 2 usage or setup error. EWS_VALIDATE_FULL=1 keeps long enumeration sets in messages.
import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { validateEws } from './index.js';

async function main(args) {
  if (args.length === 0 || args.includes('--help')) {
    process.stderr.write('usage: validate.mjs FILE.xml [FILE.xml ...]   ("-" reads stdin)\n');
    return 2;
  }
  let status = 0;
  const names = [];
  const documents = [];
  for (const arg of args) {
    try {
      documents.push(arg === '-' ? await text(process.stdin) : await readFile(arg, 'utf8'));
      names.push(arg);
    } catch (error) {
      process.stdout.write(`FAIL ${arg}\n  cannot read file (${error.code ?? error.message})\n`);
      status = 1;
    }
  }
  const results = await validateEws(documents, {
    names,
    fullMessages: process.env.EWS_VALIDATE_FULL === '1',
  });
  for (const r of results) {
    if (r.ok) {
      process.stdout.write(`OK ${r.name}\n`);
    } else {
      status = 1;
      const body = r.errors
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n');
      process.stdout.write(`FAIL ${r.name}\n${body}\n`);
    }
  }
  return status;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`validate.mjs: ${error.message}\n`);
    process.exitCode = 2;
  },
);
