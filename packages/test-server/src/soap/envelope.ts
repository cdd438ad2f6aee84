import type { XmlFragment } from '../xml/xml-writer.js';
import { el, toXml } from '../xml/xml-writer.js';
import { NS } from './namespaces.js';
import type { ServerVersionProfile } from './server-versions.js';

/** A success envelope shaped like Exchange 2016's: ServerVersionInfo header, then the body. */
export function renderEnvelope(version: ServerVersionProfile, body: XmlFragment): string {
  const envelope = el(
    's:Envelope',
    { 'xmlns:s': NS.soap },
    el(
      's:Header',
      null,
      el('h:ServerVersionInfo', {
        MajorVersion: version.majorVersion,
        MinorVersion: version.minorVersion,
        MajorBuildNumber: version.majorBuildNumber,
        MinorBuildNumber: version.minorBuildNumber,
        Version: version.version,
        'xmlns:h': NS.types,
        xmlns: NS.types,
        'xmlns:xsi': NS.xsi,
        'xmlns:xsd': NS.xsd,
      }),
    ),
    el('s:Body', { 'xmlns:xsi': NS.xsi, 'xmlns:xsd': NS.xsd }, body),
  );
  return `<?xml version="1.0" encoding="utf-8"?>${toXml(envelope)}`;
}
