import { XMLParser } from 'fast-xml-parser';

/**
 * A namespace-aware canonical form for comparing our XML with exchangelib's: prefixes are
 * resolved to `{uri}local`, attributes are sorted (their order is insignificant in XML),
 * whitespace-only text between elements (pretty printing) is dropped, and the XML declaration
 * is ignored. Element order and text content are kept, because both are significant to EWS.
 */
export function canonicalXml(xml: string): string {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  const nodes = parser.parse(xml) as Node[];
  return nodes.map((node) => write(node, new Map())).join('');
}

type Node = Record<string, unknown>;

function resolve(qname: string, scope: ReadonlyMap<string, string>, isAttribute: boolean): string {
  const colon = qname.indexOf(':');
  const prefix = colon === -1 ? '' : qname.slice(0, colon);
  const local = colon === -1 ? qname : qname.slice(colon + 1);
  // Unprefixed attributes are in no namespace.
  if (isAttribute && prefix === '') return local;
  const uri = scope.get(prefix);
  if (uri === undefined && prefix !== '') throw new Error(`Undeclared prefix ${prefix} in ${qname}`);
  return uri ? `{${uri}}${local}` : local;
}

function write(node: Node, parentScope: ReadonlyMap<string, string>): string {
  if ('#text' in node) return escapeXml(String(node['#text']));
  const attributes = (node[':@'] ?? {}) as Record<string, string>;
  const name = Object.keys(node).find((k) => k !== ':@');
  if (name === undefined) return '';
  const scope = new Map(parentScope);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'xmlns') scope.set('', value);
    else if (key.startsWith('xmlns:')) scope.set(key.slice(6), value);
  }
  const attrs = Object.entries(attributes)
    .filter(([key]) => key !== 'xmlns' && !key.startsWith('xmlns:'))
    .map(([key, value]) => `${resolve(key, scope, true)}="${escapeXml(value)}"`)
    .sort();
  const children = (node[name] as Node[]).map((child) => write(child, scope)).join('');
  const tag = resolve(name, scope, false);
  return `<${[tag, ...attrs].join(' ')}>${children}</${tag}>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
