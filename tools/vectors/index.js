// Loads a vector file by name, e.g. loadVectors('soap-envelopes').
import { readFileSync } from 'node:fs';

export function loadVectors(name) {
  return JSON.parse(readFileSync(new URL(`./exchangelib/${name}.json`, import.meta.url), 'utf8'));
}
