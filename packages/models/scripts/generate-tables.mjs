#!/usr/bin/env node
// Regenerates src/generated/* from the exchangelib catalogs and the EWS schema:
//   node scripts/generate-tables.mjs && biome format --write src/generated
// test/generated-tables.test.ts re-derives the same data and compares it with the tables.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveFolders, deriveZones } from './folder-and-zone-tables.mjs';
import { deriveItemTables, readXsd } from './item-tables.mjs';
import {
  renderFolders,
  renderItemEnums,
  renderItemModel,
  renderOmitted,
  renderZones,
} from './render-tables.mjs';

const root = new URL('../../../', import.meta.url).pathname;
const json = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const vectors = 'tools/vectors/exchangelib';
const out = new URL('../src/generated/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });

const xsd = readXsd(readFileSync(join(root, 'tools/ews-schema/schema/types.xsd'), 'utf8'));
const catalog = json(`${vectors}/catalog-items.json`);
const versions = json(`${vectors}/versions.json`);
const items = deriveItemTables(catalog, versions, xsd);
const itemSource = `exchangelib ${catalog.exchangelib_version} catalog-items.json and types.xsd`;

const files = new Map([
  ['item-enums.ts', renderItemEnums(items.enums)],
  ['omitted-item-fields.ts', renderOmitted(items.omitted, itemSource)],
  [
    'distinguished-folders.ts',
    renderFolders(deriveFolders(json(`${vectors}/catalog-folders.json`), versions), 'catalog-folders.json'),
  ],
  [
    'windows-zones.ts',
    renderZones(deriveZones(json(`${vectors}/windows-zones-map.json`)), 'windows-zones-map.json'),
  ],
  ...items.models.map((model) => [model.file, renderItemModel(model, itemSource)]),
]);
for (const [name, text] of files) writeFileSync(join(out, name), text);
console.log(`wrote ${files.size} files to ${out}`);
