import { describe, expect, it } from 'vitest';
import {
  DISTINGUISHED_FOLDERS,
  distinguishedFolder,
  isDistinguishedFolderId,
  supportsVersion,
} from '../src/index.js';

describe('distinguished folders', () => {
  it('knows the classic folders with their container classes', () => {
    expect(distinguishedFolder('calendar')).toMatchObject({
      containerClass: 'IPF.Appointment',
      minVersion: undefined,
    });
    expect(distinguishedFolder('contacts').containerClass).toBe('IPF.Contact');
    expect(distinguishedFolder('root').containerClass).toBeUndefined();
  });

  it('carries the oldest server for newer folders', () => {
    expect(distinguishedFolder('archiveinbox')).toMatchObject({
      minBuild: '15.0.847.0',
      minVersion: 'Exchange2013_SP1',
    });
    expect(distinguishedFolder('recoverableitemsroot').minVersion).toBe('Exchange2010_SP1');
    const onlineOnly = DISTINGUISHED_FOLDERS.filter((f) => f.minBuild === '15.20.0.0').map((f) => f.id);
    expect(onlineOnly).toContain('allitems');
    expect(supportsVersion('Exchange2010', distinguishedFolder('archiveinbox').minVersion!)).toBe(false);
  });

  it('validates ids', () => {
    expect(isDistinguishedFolderId('inbox')).toBe(true);
    expect(isDistinguishedFolderId('Inbox')).toBe(false);
    expect(isDistinguishedFolderId(42)).toBe(false);
    expect(new Set(DISTINGUISHED_FOLDERS.map((f) => f.id)).size).toBe(DISTINGUISHED_FOLDERS.length);
  });
});
