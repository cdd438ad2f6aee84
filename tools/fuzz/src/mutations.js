// The mutation catalogue: each class turns a valid answer into a broken (or an equivalent) one at
// a target the answer offers, and says what a reader must then do (its tier, see outcome-check.js).
// A case is (class, answer, target pick, variant pick, free numbers); targets are listed once per
// answer, so fast-check draws only cases that apply and shrinks toward the first target.

import {
  FORBIDDEN_RAW_CHARACTERS,
  FORBIDDEN_REFERENCES,
  FOREIGN_NAMESPACE,
  INVALID_UTF8_SEQUENCES,
  impossibleDates,
  isDateText,
  isInstantText,
  ODD_VALID_INSTANTS,
  SWAPPED_NAMESPACES,
} from './catalogues.js';
import { replaceLeaves } from './outcome.js';
import { decodeXmlText, encodeUtf8Loose, escapeXmlAttribute, escapeXmlText } from './xml-text.js';

/** Containers whose children are one ResponseMessage each (their count must match the request). */
const MESSAGE_LISTS = new Set(['ResponseMessages', 'FreeBusyResponseArray']);
/** Containers of the records an answer is about (items, folders, attachments, changes). */
const RECORD_LISTS = new Set(['Items', 'Folders', 'Attachments', 'Create', 'Update', 'People']);
const ID_ELEMENTS = new Set(['ItemId', 'FolderId', 'AttachmentId', 'PersonaId']);
/** Elements whose text a reader hands over as it is (names, subjects, bodies, opaque tokens). */
const FREE_TEXT = new Set([
  'Subject',
  'DisplayName',
  'Name',
  'Location',
  'Body',
  'String',
  'ConversationTopic',
  'GivenName',
  'Surname',
  'CompanyName',
  'JobTitle',
  'Department',
  'Message',
  'MessageText',
  'Preview',
  'Watermark',
  'SyncState',
  'SubscriptionId',
  'ReplyBody',
  'Notes',
  'DisplayTo',
  'DisplayCc',
  'Initials',
  'Nickname',
  'Title',
  'Value',
]);
const FREE_ATTRIBUTES = new Set(['Id', 'ChangeKey', 'RootItemId', 'RootItemChangeKey']);

const cache = new WeakMap();

/** Per-answer lists of targets, computed once. */
function targetsOf(answer) {
  let found = cache.get(answer);
  if (found) return found;
  const { map } = answer;
  const { elements, text } = map;
  const messageChildren = elements.filter(
    (e) => e.parent !== undefined && MESSAGE_LISTS.has(elements[e.parent].local),
  );
  const answerElements = map.roots.flatMap((root) => answerElementsOf(map, root));
  const records = elements.filter((e) => isRecord(map, e));
  const idElements = elements.filter((e) => ID_ELEMENTS.has(e.local) && isRecordRoot(map, e.parent));
  const structural = new Set([
    ...map.roots,
    ...elements
      .filter((e) => e.local === 'Body' && e.parent !== undefined && map.roots.includes(e.parent))
      .map((e) => e.index),
    ...answerElements.map((e) => e.index),
    ...elements.filter((e) => MESSAGE_LISTS.has(e.local)).map((e) => e.index),
    ...messageChildren.map((e) => e.index),
    ...elements
      .filter(
        (e) =>
          (RECORD_LISTS.has(e.local) || e.local === 'RootFolder') &&
          e.children.length > 0 &&
          insideMessage(map, e),
      )
      .map((e) => e.index),
    ...records.map((e) => e.index),
    ...idElements.map((e) => e.index),
  ]);
  const textRuns = [];
  const counts = new Map();
  const count = (value) => counts.set(value, (counts.get(value) ?? 0) + 1);
  for (const element of elements) {
    for (const run of element.texts) {
      const raw = text.slice(run.start, run.end);
      const decoded = decodeXmlText(raw, run.cdata);
      const entry = { element, run, raw, decoded, blank: !run.cdata && raw.trim() === '' };
      textRuns.push(entry);
      if (!entry.blank) count(decoded);
    }
    for (const attribute of element.attributes) count(decodeXmlText(attribute.value));
  }
  const attributes = elements.flatMap((element) =>
    element.attributes.map((attribute) => ({ element, attribute })),
  );
  const valueAttributes = attributes.filter(({ attribute }) => !isDeclaration(attribute));
  const contentRuns = textRuns.filter((entry) => !entry.blank);
  // Texts counted over every answer of the scenario when known, so a replaced text is in one place.
  const once = (value) => (answer.counts ?? counts).get(value) === 1;
  // …and read into exactly one place of the valid value (when the value is known).
  const readOnce = (leaf) => answer.leafCounts === undefined || answer.leafCounts.get(leaf) === 1;
  found = {
    messageChildren,
    messagePairs: messageChildren.flatMap((a) =>
      messageChildren
        .filter((b) => b.parent === a.parent && b.index > a.index && slice(text, a) !== slice(text, b))
        .map((b) => [a, b]),
    ),
    answerElements,
    structural: [...structural].sort((a, b) => a - b).map((index) => elements[index]),
    fields: elements.filter((e) => !structural.has(e.index)),
    inner: elements.filter((e) => e.depth >= 1),
    open: elements.filter((e) => e.depth >= 1),
    attributes: valueAttributes,
    insertionPoints: [
      ...contentRuns.map((entry) => ({ kind: 'text', entry })),
      ...attributes.map((a) => ({ kind: 'attribute', ...a })),
    ],
    idElements,
    dates: contentRuns.filter((entry) => !entry.run.cdata && isDateText(entry.decoded.trim())),
    instants: contentRuns.filter(
      (entry) =>
        !entry.run.cdata &&
        isInstantText(entry.decoded) &&
        once(entry.decoded) &&
        readOnce(new Date(entry.decoded).toISOString()),
    ),
    freeTexts: contentRuns.filter(
      (entry) =>
        FREE_TEXT.has(entry.element.local) &&
        once(entry.decoded) &&
        readOnce(entry.decoded) &&
        entry.decoded.length >= 3 &&
        entry.decoded.trim() === entry.decoded &&
        entry.element.children.length === 0,
    ),
    freeAttributes: valueAttributes.filter(
      ({ attribute }) =>
        FREE_ATTRIBUTES.has(attribute.local) &&
        attribute.prefix === undefined &&
        once(decodeXmlText(attribute.value)) &&
        readOnce(decodeXmlText(attribute.value)) &&
        decodeXmlText(attribute.value).length >= 3,
    ),
    contentRuns,
    betweenElements: elements.filter(
      (e) =>
        e.depth >= 1 &&
        elements[e.parent].texts.every((run) => !run.cdata && text.slice(run.start, run.end).trim() === ''),
    ),
    prefixes: renamablePrefixes(map),
  };
  cache.set(answer, found);
  return found;
}

const slice = (text, element) => text.slice(element.start, element.end);
const isDeclaration = (attribute) => attribute.qname === 'xmlns' || attribute.prefix === 'xmlns';

function answerElementsOf(map, rootIndex) {
  const root = map.elements[rootIndex];
  if (root.local !== 'Envelope') return [root];
  const body = root.children.map((i) => map.elements[i]).find((e) => e.local === 'Body');
  const first = body?.children[0];
  return first === undefined ? [] : [map.elements[first]];
}

/** Inside a ResponseMessage (a child of ResponseMessages, or an answer carrying ResponseClass itself). */
function insideMessage(map, element) {
  for (let at = element.parent; at !== undefined; at = map.elements[at].parent) {
    const ancestor = map.elements[at];
    if (ancestor.parent !== undefined && MESSAGE_LISTS.has(map.elements[ancestor.parent].local)) return true;
    if (ancestor.local === 'Notification') return true;
    if (ancestor.attributes.some((attribute) => attribute.qname === 'ResponseClass')) return true;
  }
  return false;
}

/** An item, folder or attachment an answer is about, or an event or change naming one. */
function isRecord(map, element) {
  if (element.parent === undefined) return false;
  const parent = map.elements[element.parent];
  if (RECORD_LISTS.has(parent.local) && insideMessage(map, parent)) {
    if (parent.local !== 'Attachments') return true;
    const owner = parent.parent === undefined ? undefined : map.elements[parent.parent];
    return (
      owner !== undefined && owner.parent !== undefined && MESSAGE_LISTS.has(map.elements[owner.parent].local)
    );
  }
  if (parent.local === 'Changes') return element.local === 'ReadFlagChange' || element.local === 'Delete';
  if (parent.local === 'Notification')
    return element.local.endsWith('Event') && element.local !== 'StatusEvent';
  return false;
}

/**
 * Whether the schema lets `element` be of any namespace, so that moving it to another one leaves a
 * valid answer: a child of MessageXml (messages.xsd: xs:any, lax), a SOAP header block (SOAP 1.1
 * Header: any namespace), or anything inside a SOAP Fault's unqualified `detail` (xs:any, lax).
 */
function inOpenContent(map, element) {
  if (element.parent === undefined) return false;
  const parent = map.elements[element.parent];
  if (parent.local === 'MessageXml') return true;
  if (parent.local === 'Header' && parent.parent !== undefined && map.roots.includes(parent.parent))
    return true;
  for (let at = element.parent; at !== undefined; at = map.elements[at].parent) {
    const ancestor = map.elements[at];
    const owner = ancestor.parent === undefined ? undefined : map.elements[ancestor.parent];
    if (ancestor.local === 'detail' && (ancestor.namespace ?? '') === '' && owner?.local === 'Fault')
      return true;
  }
  return false;
}

/** Whether a child of `element` would be in xs:any content (see inOpenContent). */
function holdsAnyContent(map, element) {
  if (element.local === 'MessageXml') return true;
  if (element.local === 'Header' && element.parent !== undefined && map.roots.includes(element.parent))
    return true;
  const owner = element.parent === undefined ? undefined : map.elements[element.parent];
  if (element.local === 'detail' && (element.namespace ?? '') === '' && owner?.local === 'Fault') return true;
  return inOpenContent(map, element);
}

function isRecordRoot(map, index) {
  return index !== undefined && isRecord(map, map.elements[index]);
}

/** Prefixes that can be renamed everywhere without touching a value that names them (`a:ErrorX`). */
function renamablePrefixes(map) {
  const { text, elements } = map;
  const values = [];
  for (const element of elements) {
    for (const run of element.texts) values.push(text.slice(run.start, run.end));
    for (const attribute of element.attributes) values.push(attribute.value);
  }
  const used = new Set(elements.flatMap((e) => [e.prefix, ...e.attributes.map((a) => a.prefix)]));
  const prefixes = [];
  for (const prefix of used) {
    if (prefix === undefined || prefix === 'xmlns' || prefix === 'xml') continue;
    const named = new RegExp(`(^|[^\\w.-])${prefix}:[A-Za-z_]`);
    if (values.some((value) => named.test(value))) continue;
    prefixes.push(prefix);
  }
  return prefixes.sort();
}

// ---------------------------------------------------------------------------------------------
// Edits

/** Applies non-overlapping `{ at, end, insert }` edits to `text`. */
function edit(text, edits) {
  const sorted = [...edits].sort((a, b) => b.at - a.at || b.end - a.end);
  let out = text;
  for (const change of sorted) out = out.slice(0, change.at) + change.insert + out.slice(change.end);
  return out;
}

/** The edits that rename an element (its start and end tag). */
function renameEdits(element, qname) {
  const edits = [{ at: element.start + 1, end: element.nameEnd, insert: qname }];
  if (!element.selfClosing)
    edits.push({
      at: element.closeStart + 2,
      end: element.closeStart + 2 + element.qname.length,
      insert: qname,
    });
  return edits;
}

/** The edit that sets (or adds) a namespace declaration on an element's start tag. */
function declareEdit(element, prefix, uri) {
  const qname = prefix === undefined ? 'xmlns' : `xmlns:${prefix}`;
  const existing = element.attributes.find((a) => a.qname === qname);
  if (existing) return { at: existing.valueStart, end: existing.valueEnd, insert: escapeXmlAttribute(uri) };
  return { at: element.nameEnd, end: element.nameEnd, insert: ` ${qname}="${escapeXmlAttribute(uri)}"` };
}

/** An element's outer XML with every non-blank text run inside replaced. */
function outerWithTexts(map, element, replacement) {
  const edits = [];
  const visit = (e) => {
    for (const run of e.texts) {
      const raw = map.text.slice(run.start, run.end);
      if (run.cdata || raw.trim() !== '')
        edits.push({ at: run.start - element.start, end: run.end - element.start, insert: replacement });
    }
    for (const child of e.children) visit(map.elements[child]);
  };
  visit(element);
  return edit(slice(map.text, element), edits);
}

const pickOf = (list, n) => list[n % list.length];

function result(text, note, extra = {}) {
  return { text, note, ...extra };
}

// ---------------------------------------------------------------------------------------------
// The classes

/**
 * @typedef {import('../index.js').MutationClass} MutationClass
 * @type {Record<string, MutationClass>}
 */
export const MUTATIONS = {
  truncated: {
    tier: 'refuse',
    summary: 'truncated at any byte: EWS_PROTOCOL',
    count: (answer) => truncationPoints(answer).length,
    apply(answer, pick) {
      const points = truncationPoints(answer);
      const at = points[pick % points.length];
      if (answer.bytesFed) {
        const bytes = encodeUtf8Loose(answer.map.text);
        const inside = pick % 3 === 1 && answer.map.text.charCodeAt(at) > 0x7f ? 1 : 0;
        const byteAt = encodeUtf8Loose(answer.map.text.slice(0, at)).length + inside;
        return { bytes: bytes.slice(0, byteAt), note: `truncated to ${byteAt} of ${bytes.length} bytes` };
      }
      return result(
        answer.map.text.slice(0, at),
        `truncated to ${at} of ${answer.map.text.length} characters`,
      );
    },
  },
  messageDropped: {
    tier: 'refuse',
    summary: 'a ResponseMessage dropped: EWS_PROTOCOL',
    count: (answer) => targetsOf(answer).messageChildren.length,
    apply(answer, pick) {
      const message = pickOf(targetsOf(answer).messageChildren, pick);
      const { elements } = answer.map;
      // A list the server sizes itself (delegates, a push or streaming document) cannot be checked
      // against the request; only an emptied one breaks the schema (it needs one message at least).
      const alone = elements[message.parent].children.length === 1;
      const tier = answer.serverCounted && !alone ? 'safe' : 'refuse';
      return result(
        edit(answer.map.text, [{ at: message.start, end: message.end, insert: '' }]),
        `dropped <${message.qname}> #${pick}`,
        { tier },
      );
    },
  },
  messageDuplicated: {
    tier: 'refuse',
    summary: 'a ResponseMessage duplicated: EWS_PROTOCOL',
    count: (answer) => targetsOf(answer).messageChildren.length,
    apply(answer, pick) {
      const message = pickOf(targetsOf(answer).messageChildren, pick);
      const copy = slice(answer.map.text, message);
      const tier = answer.serverCounted ? 'safe' : 'refuse';
      return result(
        edit(answer.map.text, [{ at: message.end, end: message.end, insert: copy }]),
        `duplicated <${message.qname}>`,
        { tier },
      );
    },
  },
  messagesReordered: {
    tier: 'safe',
    summary: 'two ResponseMessages swapped: a value or an EwsError',
    count: (answer) => targetsOf(answer).messagePairs.length,
    apply(answer, pick) {
      const [a, b] = pickOf(targetsOf(answer).messagePairs, pick);
      const { text } = answer.map;
      return result(
        edit(text, [
          { at: a.start, end: a.end, insert: slice(text, b) },
          { at: b.start, end: b.end, insert: slice(text, a) },
        ]),
        `swapped <${a.qname}> and <${b.qname}>`,
      );
    },
  },
  messageRenamed: {
    tier: 'refuse',
    summary: 'a ResponseMessage element misnamed: EWS_PROTOCOL',
    count: (answer) => targetsOf(answer).messageChildren.length,
    apply(answer, pick, variant) {
      const message = pickOf(targetsOf(answer).messageChildren, pick);
      const names = [
        'DeleteItemResponseMessage',
        'ResponseMessage',
        `${message.local}s`,
        `X${message.local}`,
        'GetFolderResponseMessage',
      ].filter((name) => name !== message.local);
      const name = pickOf(names, variant);
      const qname = message.prefix === undefined ? name : `${message.prefix}:${name}`;
      return result(
        edit(answer.map.text, renameEdits(message, qname)),
        `<${message.qname}> renamed <${qname}>`,
      );
    },
  },
  answerRenamed: {
    tier: 'refuse',
    summary: 'the answer element misnamed: EWS_PROTOCOL',
    count: (answer) => targetsOf(answer).answerElements.length,
    apply(answer, pick, variant) {
      const element = pickOf(targetsOf(answer).answerElements, pick);
      const local = element.local;
      const names = [
        `${local}Message`,
        local.replace(/Response$/, ''),
        // Another operation's answer (never the one asked for, whatever the operation).
        local === 'FindFolderResponse' ? 'SyncFolderHierarchyResponse' : 'FindFolderResponse',
        local.toLowerCase(),
        `${local}X`,
      ].filter((name) => name !== local && name !== '');
      const name = pickOf(names, variant);
      const qname = element.prefix === undefined ? name : `${element.prefix}:${name}`;
      return result(
        edit(answer.map.text, renameEdits(element, qname)),
        `<${element.qname}> renamed <${qname}>`,
      );
    },
  },
  namespaceSwappedStructure: {
    tier: 'refuse',
    summary: 'namespace swapped on the envelope, body, answer, message, record or id: EWS_PROTOCOL',
    count: (answer) => targetsOf(answer).structural.length,
    apply(answer, pick, variant) {
      return swapNamespace(answer, pickOf(targetsOf(answer).structural, pick), variant);
    },
  },
  namespaceSwappedField: {
    tier: 'no-wrong',
    summary: 'namespace swapped on any other element: the valid value or an EwsError',
    count: (answer) => targetsOf(answer).fields.length,
    apply(answer, pick, variant) {
      const element = pickOf(targetsOf(answer).fields, pick);
      const swapped = swapNamespace(answer, element, variant);
      // Where the schema takes any namespace, the swapped element is still a valid answer, one that
      // says something else: a reader can only read what it says (skip a foreign MessageXml entry).
      return inOpenContent(answer.map, element) ? { ...swapped, tier: 'safe' } : swapped;
    },
  },
  foreignInserted: {
    tier: 'no-wrong',
    summary:
      'foreign-namespace look-alike elements and attributes inserted first: the valid value or an EwsError',
    count: (answer) => targetsOf(answer).inner.length + targetsOf(answer).attributes.length,
    apply(answer, pick, variant) {
      const t = targetsOf(answer);
      const { text } = answer.map;
      if (pick % (t.inner.length + t.attributes.length) >= t.inner.length) {
        const { element, attribute } = pickOf(t.attributes, pick - t.inner.length);
        const insert = ` fz:${attribute.local}="fuzz-foreign" xmlns:fz="${FOREIGN_NAMESPACE}"`;
        return result(
          edit(text, [{ at: element.nameEnd, end: element.nameEnd, insert }]),
          `foreign attribute fz:${attribute.local} before ${attribute.qname} on <${element.qname}>`,
        );
      }
      const element = pickOf(t.inner, pick);
      if (variant % 2 === 1 && !element.selfClosing) {
        const insert = `<fz:${element.local} xmlns:fz="${FOREIGN_NAMESPACE}">fuzz-foreign</fz:${element.local}>`;
        return result(
          edit(text, [{ at: element.openEnd, end: element.openEnd, insert }]),
          `foreign <fz:${element.local}> first inside <${element.qname}>`,
        );
      }
      const copy = outerWithTexts(answer.map, element, 'fuzz-foreign');
      const relative = {
        ...element,
        start: 0,
        attributes: element.attributes.map((a) => ({
          ...a,
          valueStart: a.valueStart - element.start,
          valueEnd: a.valueEnd - element.start,
        })),
        nameEnd: element.nameEnd - element.start,
      };
      const foreign = edit(copy, [declareEdit(relative, element.prefix, FOREIGN_NAMESPACE)]);
      return result(
        edit(text, [{ at: element.start, end: element.start, insert: foreign }]),
        `foreign look-alike of <${element.qname}> before it`,
      );
    },
  },
  nestedDeep: {
    tier: 'no-wrong',
    summary: 'elements nested thousands deep: the valid value or an EwsError, no crash',
    count: (answer) => targetsOf(answer).open.length,
    apply(answer, pick, variant, extra) {
      const element = pickOf(targetsOf(answer).open, pick);
      const depths = extra.depths ?? [64, 1000, 5000, 20_000];
      const depth = depths[variant % depths.length];
      const names = [`fz:d`, 'd', element.qname];
      const name = names[(extra.n1 ?? 0) % names.length];
      const declare = name === 'fz:d' ? ` xmlns:fz="${FOREIGN_NAMESPACE}"` : '';
      const nest = `<${name}${declare}>${`<${name}>`.repeat(depth - 1)}${`</${name}>`.repeat(depth)}`;
      const { text } = answer.map;
      // Inside xs:any content a nest of our own elements is content the answer may carry (a
      // MessageXml entry): a valid answer that says more. A foreign nest must still be skipped.
      const inAny = name !== 'fz:d' && holdsAnyContent(answer.map, element) ? { tier: 'safe' } : {};
      if (element.selfClosing) {
        const open = text.slice(element.start, element.openEnd).replace(/\s*\/>$/, '>');
        return result(
          edit(text, [{ at: element.start, end: element.end, insert: `${open}${nest}</${element.qname}>` }]),
          `${depth} <${name}> levels inside <${element.qname}>`,
          inAny,
        );
      }
      return result(
        edit(text, [{ at: element.openEnd, end: element.openEnd, insert: nest }]),
        `${depth} <${name}> levels inside <${element.qname}>`,
        inAny,
      );
    },
  },
  forbiddenCharacter: {
    tier: 'refuse',
    summary: 'a character XML 1.0 forbids (raw, or as a reference): EWS_PROTOCOL',
    count: (answer) => targetsOf(answer).insertionPoints.length,
    apply(answer, pick, variant, extra) {
      const point = pickOf(targetsOf(answer).insertionPoints, pick);
      const all = [...FORBIDDEN_RAW_CHARACTERS, ...FORBIDDEN_REFERENCES];
      const cdata = point.kind === 'text' && point.entry.run.cdata;
      // Inside CDATA a reference is plain text: only raw characters are forbidden there.
      const bad = cdata
        ? FORBIDDEN_RAW_CHARACTERS[variant % FORBIDDEN_RAW_CHARACTERS.length]
        : all[variant % all.length];
      const [start, end] =
        point.kind === 'text'
          ? [point.entry.run.start, point.entry.run.end]
          : [point.attribute.valueStart, point.attribute.valueEnd];
      let at = cdata ? start + 9 : start + ((extra.n1 ?? 0) % (end - start + 1));
      // `&amp` is broken only while no `;` follows it: right before one it makes `&amp;`, a valid
      // reference (the document would still be well-formed, nothing a reader must refuse).
      if (bad === '&amp') while (at < end && answer.map.text[at] === ';') at++;
      const where =
        point.kind === 'text'
          ? `text of <${point.entry.element.qname}>`
          : `attribute ${point.attribute.qname}`;
      const shown = JSON.stringify(bad);
      return result(edit(answer.map.text, [{ at, end: at, insert: bad }]), `${shown} in the ${where}`);
    },
  },
  invalidUtf8: {
    tier: 'refuse',
    summary: 'bytes that are not UTF-8: EWS_PROTOCOL',
    count: (answer) => (answer.bytesFed ? targetsOf(answer).insertionPoints.length : 0),
    apply(answer, pick, variant, extra) {
      const point = pickOf(targetsOf(answer).insertionPoints, pick);
      const [start, end] =
        point.kind === 'text'
          ? [point.entry.run.start, point.entry.run.end]
          : [point.attribute.valueStart, point.attribute.valueEnd];
      const at = start + ((extra.n1 ?? 0) % (end - start + 1));
      const sequence = INVALID_UTF8_SEQUENCES[variant % INVALID_UTF8_SEQUENCES.length];
      const { text } = answer.map;
      const before = encodeUtf8Loose(text.slice(0, at));
      const after = encodeUtf8Loose(text.slice(at));
      const bytes = new Uint8Array(before.length + sequence.length + after.length);
      bytes.set(before, 0);
      bytes.set(sequence, before.length);
      bytes.set(after, before.length + sequence.length);
      const hex = sequence.map((b) => b.toString(16).padStart(2, '0')).join(' ');
      return { bytes, note: `bytes ${hex} at character ${at}` };
    },
  },
  hugeValue: {
    tier: 'no-wrong',
    summary:
      'huge texts, names, attribute counts and padding: the valid (or substituted) value or an EwsError, in bounded time and memory',
    count: (answer) => targetsOf(answer).inner.length,
    apply(answer, pick, variant, extra) {
      const t = targetsOf(answer);
      const { text } = answer.map;
      const size = pickOf(extra.sizes ?? [16_384, 262_144, 1_048_576], extra.n1 ?? 0);
      const kind = variant % 5;
      if (kind === 0 && t.freeTexts.length > 0) {
        const entry = pickOf(t.freeTexts, pick);
        const huge = 'Ω€x'.repeat(Math.ceil(size / 3)).slice(0, size);
        return result(
          edit(text, [{ at: entry.run.start, end: entry.run.end, insert: huge }]),
          `${size}-character text in <${entry.element.qname}>`,
          {
            tier: 'expect',
            expect: (baseline) => replaceLeaves(baseline, entry.decoded, huge),
          },
        );
      }
      const element = pickOf(t.inner, pick);
      if (kind === 1) {
        const name = `fz:${'N'.repeat(size)}`;
        return result(
          edit(text, [
            { at: element.start, end: element.start, insert: `<${name} xmlns:fz="${FOREIGN_NAMESPACE}"/>` },
          ]),
          `${size}-character element name before <${element.qname}>`,
        );
      }
      if (kind === 2) {
        const count = Math.max(1, Math.floor(size / 16));
        const attributes = Array.from({ length: count }, (_, i) => ` a${i}="v"`).join('');
        return result(
          edit(text, [{ at: element.nameEnd, end: element.nameEnd, insert: attributes }]),
          `${count} attributes on <${element.qname}>`,
        );
      }
      if (kind === 3) {
        const insert = ` fz:big="${'v'.repeat(size)}" xmlns:fz="${FOREIGN_NAMESPACE}"`;
        return result(
          edit(text, [{ at: element.nameEnd, end: element.nameEnd, insert }]),
          `${size}-character foreign attribute on <${element.qname}>`,
        );
      }
      return result(
        edit(text, [{ at: element.start, end: element.start, insert: ' '.repeat(size) }]),
        `${size} spaces before <${element.qname}>`,
      );
    },
  },
  impossibleDate: {
    tier: 'no-wrong-protocol',
    summary: 'an impossible date (Feb 30, hour 25, month 13…): EWS_PROTOCOL or never read',
    count: (answer) => targetsOf(answer).dates.length,
    apply(answer, pick, variant) {
      const entry = pickOf(targetsOf(answer).dates, pick);
      const variants = impossibleDates(entry.decoded.trim());
      const bad = variants[variant % variants.length];
      return result(
        edit(answer.map.text, [{ at: entry.run.start, end: entry.run.end, insert: bad }]),
        `<${entry.element.qname}>${entry.decoded}</…> became ${bad}`,
      );
    },
  },
  idMissing: {
    tier: 'refuse',
    summary:
      'an item, folder or attachment without its id (<t:ItemID>, no Id, Id=""): EWS_PROTOCOL where the caller gets that id',
    count: (answer) => targetsOf(answer).idElements.length,
    apply(answer, pick, variant) {
      const element = pickOf(targetsOf(answer).idElements, pick);
      const { text } = answer.map;
      const id = element.attributes.find((a) => a.qname === 'Id');
      // A reader must notice a missing id it would hand over; one the caller never sees (a
      // download's attachment id, a values() row) may go unread, but never be read wrong.
      const handedOver =
        id !== undefined &&
        (answer.leafCounts === undefined || answer.leafCounts.has(decodeXmlText(id.value)));
      const tier = handedOver ? 'refuse' : 'no-wrong';
      const removed = (note) =>
        result(edit(text, [{ at: element.start, end: element.end, insert: '' }]), note, { tier });
      switch (variant % 4) {
        case 0: {
          const qname = element.qname.replace(/Id$/, 'ID');
          return result(edit(text, renameEdits(element, qname)), `<${element.qname}> misspelt <${qname}>`, {
            tier,
          });
        }
        case 1:
          return removed(`<${element.qname}> removed`);
        case 2:
          if (id)
            return result(
              edit(text, [{ at: id.start - 1, end: id.end, insert: '' }]),
              `Id attribute removed from <${element.qname}>`,
              { tier },
            );
          return removed(`<${element.qname}> removed`);
        default:
          if (id)
            return result(
              edit(text, [{ at: id.valueStart, end: id.valueEnd, insert: '' }]),
              `Id="" on <${element.qname}>`,
              { tier },
            );
          return removed(`<${element.qname}> removed`);
      }
    },
  },
  equivalentDocument: {
    tier: 'equal',
    summary:
      'the same document written another way (prefixes, default namespace, comments, whitespace, references, CDATA, quotes): the same value',
    count: (answer) => targetsOf(answer).inner.length,
    apply(answer, pick, variant) {
      return equivalent(answer, pick, variant);
    },
  },
  textReplaced: {
    tier: 'expect',
    summary: 'a name, subject, body or id replaced by another valid text: exactly that text read back',
    count: (answer) => targetsOf(answer).freeTexts.length + targetsOf(answer).freeAttributes.length,
    apply(answer, pick, _variant, extra) {
      const t = targetsOf(answer);
      const replacement = extra.text ?? 'fuzz text';
      const { text } = answer.map;
      if (pick % (t.freeTexts.length + t.freeAttributes.length) < t.freeTexts.length) {
        const entry = pickOf(t.freeTexts, pick);
        return result(
          edit(text, [{ at: entry.run.start, end: entry.run.end, insert: escapeXmlText(replacement) }]),
          `text of <${entry.element.qname}> became ${JSON.stringify(replacement)}`,
          {
            expect: (baseline) => replaceLeaves(baseline, entry.decoded, replacement),
          },
        );
      }
      const { element, attribute } = pickOf(t.freeAttributes, pick - t.freeTexts.length);
      const old = decodeXmlText(attribute.value);
      return result(
        edit(text, [
          {
            at: attribute.valueStart - 1,
            end: attribute.valueEnd + 1,
            insert: `"${escapeXmlAttribute(replacement)}"`,
          },
        ]),
        `${attribute.qname} of <${element.qname}> became ${JSON.stringify(replacement)}`,
        {
          expect: (baseline) => replaceLeaves(baseline, old, replacement),
        },
      );
    },
  },
  dateReplaced: {
    tier: 'expect',
    summary:
      'an instant replaced by another valid one (year 0099, 9999, offsets, 7 fraction digits): exactly that instant read back',
    count: (answer) => targetsOf(answer).instants.length,
    apply(answer, pick, variant) {
      const entry = pickOf(targetsOf(answer).instants, pick);
      const odd = ODD_VALID_INSTANTS[variant % ODD_VALID_INSTANTS.length];
      const iso = new Date(entry.decoded).toISOString();
      return result(
        edit(answer.map.text, [{ at: entry.run.start, end: entry.run.end, insert: odd.sent }]),
        `<${entry.element.qname}>${entry.decoded}</…> became ${odd.sent}`,
        {
          expect: (baseline) => replaceLeaves(baseline, iso, odd.iso),
        },
      );
    },
  },
};

function truncationPoints(answer) {
  let points = cache.get(answer.map);
  if (points) return points;
  const { map } = answer;
  const { text } = map;
  // A cut that leaves only whole documents (a stream cut between two) is not a truncation.
  const complete = new Set(map.roots.map((root) => map.elements[root].end));
  points = [];
  let kept = 0; // end of the last non-space character before the cut
  for (let at = 0; at < text.length; at++) {
    if (at > 0 && !/\s/.test(text[at - 1])) kept = at;
    if (!complete.has(kept)) points.push(at);
  }
  cache.set(map, points);
  return points;
}

function swapNamespace(answer, element, variant) {
  const current = element.namespace ?? '';
  const choices = SWAPPED_NAMESPACES.filter((uri) => uri !== current);
  if (element.prefix === undefined) choices.push('');
  const uri = choices[variant % choices.length];
  return result(
    edit(answer.map.text, [declareEdit(element, element.prefix, uri)]),
    `<${element.qname}> moved from ${current || 'no namespace'} to ${uri || 'no namespace'}`,
  );
}

function equivalent(answer, pick, variant) {
  const t = targetsOf(answer);
  const { map } = answer;
  const { text } = map;
  const element = pickOf(t.inner, pick);
  switch (variant % 9) {
    case 0: {
      // Two prefixes swapped everywhere (or one renamed), declarations included.
      if (t.prefixes.length === 0) return result(text, 'unchanged (no prefix to rename)');
      const a = pickOf(t.prefixes, pick);
      const b =
        t.prefixes.length > 1
          ? pickOf(
              t.prefixes.filter((p) => p !== a),
              pick + 1,
            )
          : 'fz0';
      return result(
        renamePrefixes(
          map,
          new Map([
            [a, b],
            [b, a],
          ]),
        ),
        `prefixes ${a} and ${b} swapped`,
      );
    }
    case 1: {
      // An element's subtree written with a default namespace instead of its prefix.
      const target = t.inner.filter((e) => e.prefix !== undefined && !hasUnprefixedDescendant(map, e));
      if (target.length === 0) return result(text, 'unchanged (no element to unprefix)');
      const chosen = pickOf(target, pick);
      return result(
        unprefixSubtree(map, chosen),
        `<${chosen.qname}> and its ${chosen.prefix}: descendants written unprefixed with xmlns`,
      );
    }
    case 2:
      return result(
        edit(text, [
          {
            at: element.start,
            end: element.start,
            insert: '<!-- fuzz: a comment --><?fuzz an instruction?>',
          },
        ]),
        `comment and processing instruction before <${element.qname}>`,
      );
    case 3: {
      const target = pickOf(t.betweenElements.length > 0 ? t.betweenElements : [element], pick);
      const inTag = { at: target.nameEnd, end: target.nameEnd, insert: '\n\t ' };
      const before =
        t.betweenElements.length > 0 ? [{ at: target.start, end: target.start, insert: '\n  \t\r\n' }] : [];
      return result(edit(text, [inTag, ...before]), `whitespace before and inside <${target.qname}>`);
    }
    case 4: {
      if (t.contentRuns.length === 0) return result(text, 'unchanged (no text)');
      const entry = pickOf(t.contentRuns, pick);
      if (entry.run.cdata) return result(text, 'unchanged (CDATA)');
      const chars = [...entry.decoded];
      const index = pick % chars.length;
      const rewritten = chars
        .map((c, i) =>
          i === index ? `&#x${c.codePointAt(0).toString(16).toUpperCase()};` : escapeXmlText(c),
        )
        .join('');
      return result(
        edit(text, [{ at: entry.run.start, end: entry.run.end, insert: rewritten }]),
        `character ${index} of <${entry.element.qname}>'s text as a reference`,
      );
    }
    case 5: {
      const runs = t.contentRuns.filter(
        (entry) => !entry.run.cdata && !entry.decoded.includes(']]>') && !entry.decoded.includes('\r'),
      );
      if (runs.length === 0) return result(text, 'unchanged (no text)');
      const entry = pickOf(runs, pick);
      return result(
        edit(text, [{ at: entry.run.start, end: entry.run.end, insert: `<![CDATA[${entry.decoded}]]>` }]),
        `<${entry.element.qname}>'s text as CDATA`,
      );
    }
    case 6: {
      const quoted = t.attributes.filter(
        ({ attribute }) => !attribute.value.includes("'") && text[attribute.valueStart - 1] === '"',
      );
      if (quoted.length === 0) return result(text, 'unchanged (no attribute)');
      const { element: owner, attribute } = pickOf(quoted, pick);
      return result(
        edit(text, [
          { at: attribute.valueStart - 1, end: attribute.valueStart, insert: "'" },
          { at: attribute.valueEnd, end: attribute.valueEnd + 1, insert: "'" },
        ]),
        `${attribute.qname} of <${owner.qname}> in single quotes`,
      );
    }
    case 7: {
      // A redundant declaration of the element's own prefix (same URI) and an unused one.
      const uri = element.namespace ?? '';
      const own =
        element.prefix === undefined
          ? uri === ''
            ? ''
            : ` xmlns="${escapeXmlAttribute(uri)}"`
          : ` xmlns:${element.prefix}="${escapeXmlAttribute(uri)}"`;
      const hasOwn = element.attributes.some(
        (a) => a.qname === (element.prefix === undefined ? 'xmlns' : `xmlns:${element.prefix}`),
      );
      const insert = `${hasOwn ? '' : own} xmlns:fzunused="${FOREIGN_NAMESPACE}"`;
      return result(
        edit(text, [{ at: element.nameEnd, end: element.nameEnd, insert }]),
        `redundant declarations on <${element.qname}>`,
      );
    }
    default: {
      // No XML declaration, or a byte order mark before it.
      if (pick % 2 === 0) return result(text.replace(/^<\?xml[^?]*\?>/, ''), 'XML declaration removed');
      return result(`\uFEFF${text}`, 'byte order mark added');
    }
  }
}

function hasUnprefixedDescendant(map, element) {
  for (const index of element.children) {
    const child = map.elements[index];
    if (child.prefix === undefined) return true;
    if (hasUnprefixedDescendant(map, child)) return true;
  }
  return false;
}

function unprefixSubtree(map, element) {
  const edits = [];
  const visit = (e) => {
    if (e.prefix === element.prefix) edits.push(...renameEdits(e, e.local));
    for (const child of e.children) visit(map.elements[child]);
  };
  visit(element);
  edits.push(declareEdit(element, undefined, element.namespace ?? ''));
  return edit(map.text, edits);
}

function renamePrefixes(map, renames) {
  const edits = [];
  for (const element of map.elements) {
    const renamed = element.prefix !== undefined ? renames.get(element.prefix) : undefined;
    if (renamed !== undefined) edits.push(...renameEdits(element, `${renamed}:${element.local}`));
    for (const attribute of element.attributes) {
      if (attribute.prefix === 'xmlns' && renames.has(attribute.local))
        edits.push({
          at: attribute.start,
          end: attribute.start + attribute.qname.length,
          insert: `xmlns:${renames.get(attribute.local)}`,
        });
      else if (
        attribute.prefix !== undefined &&
        attribute.prefix !== 'xmlns' &&
        renames.has(attribute.prefix)
      )
        edits.push({
          at: attribute.start,
          end: attribute.start + attribute.qname.length,
          insert: `${renames.get(attribute.prefix)}:${attribute.local}`,
        });
    }
  }
  return edit(map.text, edits);
}

/** How often each text and attribute value occurs over several answers (a scenario's corpus). */
export function countTexts(maps) {
  const counts = new Map();
  const count = (value) => counts.set(value, (counts.get(value) ?? 0) + 1);
  for (const map of maps) {
    for (const element of map.elements) {
      for (const run of element.texts) {
        const raw = map.text.slice(run.start, run.end);
        if (run.cdata || raw.trim() !== '') count(decodeXmlText(raw, run.cdata));
      }
      for (const attribute of element.attributes) count(decodeXmlText(attribute.value));
    }
  }
  return counts;
}

/** How many targets `answer` offers a class (0: the class does not apply to it). */
export function targetCount(answer, name) {
  return MUTATIONS[name].count(answer);
}

/** The Id of every record (item, folder, attachment, persona, event target) an answer names. */
export function recordIds(map) {
  const ids = [];
  for (const element of map.elements) {
    if (!ID_ELEMENTS.has(element.local) || !isRecordRoot(map, element.parent)) continue;
    const id = element.attributes.find((attribute) => attribute.qname === 'Id');
    if (id !== undefined)
      ids.push({ record: map.elements[element.parent].qname, id: decodeXmlText(id.value) });
  }
  return ids;
}
