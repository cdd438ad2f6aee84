#!/usr/bin/env node
// Regenerates src/schema/item-properties.generated.ts from types.xsd:
//   node scripts/generate-item-properties.mjs && biome format --write src/schema
import { readFileSync, writeFileSync } from 'node:fs';
import { deriveItemProperties, renderItemProperties } from './item-properties.mjs';

const xsd = readFileSync(new URL('../../../tools/ews-schema/schema/types.xsd', import.meta.url), 'utf8');
const out = new URL('../src/schema/item-properties.generated.ts', import.meta.url);
writeFileSync(out, renderItemProperties(deriveItemProperties(xsd)));
console.log(`wrote ${out.pathname}`);
