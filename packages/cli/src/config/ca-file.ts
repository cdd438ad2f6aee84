import { readFile } from 'node:fs/promises';
import { CliError } from '../output/cli-error.js';

/** The PEM file `--ca` names, refused (INVALID_CA) when it cannot be read or holds no certificate. */
export async function readCa(path: string): Promise<string> {
  try {
    const text = await readFile(path, 'utf8');
    if (!text.includes('-----BEGIN CERTIFICATE-----')) {
      throw new CliError('INVALID_CA', `--ca ${path}: not a PEM certificate file`);
    }
    return text;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError('INVALID_CA', `--ca ${path}: ${(error as Error).message}`);
  }
}
