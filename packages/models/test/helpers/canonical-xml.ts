/**
 * Canonical form of small restriction/shape fragments for comparing with exchangelib's output:
 * namespace declarations dropped, attributes sorted, children of t:And / t:Or sorted (exchangelib
 * sorts them by field name, we keep the caller's order: EWS gives them no order), and
 * `Constant` date-times reduced to the UTC instant (exchangelib writes the caller's offset,
 * we write UTC: the same instant).
 */
interface Element {
  readonly name: string;
  readonly attributes: [string, string][];
  readonly children: (Element | string)[];
}

const TOKEN = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
const ATTRIBUTE = /([\w:.-]+)="([^"]*)"/g;
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;

function parse(xml: string): Element {
  const root: Element = { name: '#root', attributes: [], children: [] };
  const stack: Element[] = [root];
  for (const match of xml.matchAll(TOKEN)) {
    const top = stack[stack.length - 1]!;
    const [, closing, name, attrs, selfClosing, text] = match;
    if (text !== undefined) {
      if (text.trim() !== '') top.children.push(text);
      continue;
    }
    if (closing === '/') {
      if (stack.pop()?.name !== name) throw new Error(`mismatched </${name}>`);
      continue;
    }
    const attributes: [string, string][] = [];
    for (const [, key, value] of (attrs ?? '').matchAll(ATTRIBUTE)) {
      if (key === 'xmlns' || key!.startsWith('xmlns:')) continue;
      attributes.push([key!, DATE_TIME.test(value!) ? new Date(value!).toISOString() : value!]);
    }
    const element: Element = { name: name!, attributes, children: [] };
    top.children.push(element);
    if (selfClosing !== '/') stack.push(element);
  }
  if (stack.length !== 1) throw new Error('unclosed element');
  return root;
}

function serialize(node: Element | string): string {
  if (typeof node === 'string') return node;
  const attributes = [...node.attributes]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => ` ${k}="${v}"`)
    .join('');
  const children = node.children.map(serialize);
  if (node.name === 't:And' || node.name === 't:Or') children.sort();
  return `<${node.name}${attributes}>${children.join('')}</${node.name}>`;
}

export function canonicalXml(xml: string): string {
  return parse(xml).children.map(serialize).join('');
}

/** The upstream compare rule for pretty-printed fixtures: strip each line's indentation, join. */
export function unpretty(xml: string): string {
  return xml
    .split('\n')
    .map((line) => line.trimStart())
    .join('');
}
