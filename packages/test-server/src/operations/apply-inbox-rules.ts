import type { Person, StoredFolder, StoredItem } from '../store/item-model.js';
import type { ItemTransferLog } from '../store/item-transfers.js';
import type { MailboxStore, StoredInboxRule } from '../store/mailbox-store.js';
import { moveItem } from '../store/move-item.js';
import { childrenNamed, childText, type XmlElement } from '../xml/xml-tree.js';
import { moveToDeletedItems } from './delete-semantics.js';

/**
 * One rule predicate (RulePredicatesType) tested on a delivered message: true or false, or undefined
 * when the predicate does not constrain anything (a boolean predicate set to false).
 */
type Predicate = (item: StoredItem, me: string, value: XmlElement) => boolean | undefined;

const lower = (text: string) => text.trim().toLowerCase();
const isTrue = (value: XmlElement) => value.text.trim() === 'true' || value.text.trim() === '1';
const stringsOf = (value: XmlElement) =>
  childrenNamed(value, 'String')
    .map((s) => lower(s.text))
    .filter((s) => s !== '');
const addressesOf = (value: XmlElement) =>
  childrenNamed(value, 'Address').map((a) => lower(childText(a, 'EmailAddress') ?? ''));

/** Rule strings match case-insensitively anywhere in the text; any one of them is enough. */
function containsAny(texts: readonly string[], value: XmlElement): boolean {
  const wanted = stringsOf(value);
  return texts.some((text) => wanted.some((s) => text.toLowerCase().includes(s)));
}

function bodyText(item: StoredItem): string {
  return item.bodyType === 'HTML' ? item.body.replace(/<[^>]*>/g, ' ') : item.body;
}

const sender = (item: StoredItem): Person | undefined => item.message?.from;
const toOf = (item: StoredItem) => item.message?.to ?? [];
const ccOf = (item: StoredItem) => item.message?.cc ?? [];
const includes = (people: readonly Person[], address: string) =>
  people.some((p) => lower(p.address) === address);
const peopleText = (people: readonly Person[]) => people.flatMap((p) => [p.name, p.address]);
/** A boolean predicate: when set to true, `holds` must be true; false constrains nothing. */
const when = (value: XmlElement, holds: () => boolean) => (isTrue(value) ? holds() : undefined);

// The predicates this server evaluates; a rule using any other is not applied (it cannot be judged).
const PREDICATES: Readonly<Record<string, Predicate>> = {
  ContainsSubjectStrings: (item, _me, v) => containsAny([item.subject], v),
  ContainsBodyStrings: (item, _me, v) => containsAny([bodyText(item)], v),
  ContainsSubjectOrBodyStrings: (item, _me, v) => containsAny([item.subject, bodyText(item)], v),
  ContainsSenderStrings: (item, _me, v) => {
    const from = sender(item);
    return containsAny(from === undefined ? [] : peopleText([from]), v);
  },
  ContainsRecipientStrings: (item, _me, v) => containsAny(peopleText([...toOf(item), ...ccOf(item)]), v),
  FromAddresses: (item, _me, v) => addressesOf(v).includes(lower(sender(item)?.address ?? '')),
  SentToAddresses: (item, _me, v) =>
    addressesOf(v).some((address) => includes([...toOf(item), ...ccOf(item)], address)),
  SentToMe: (item, me, v) => when(v, () => includes(toOf(item), me)),
  SentCcMe: (item, me, v) => when(v, () => includes(ccOf(item), me)),
  SentToOrCcMe: (item, me, v) => when(v, () => includes([...toOf(item), ...ccOf(item)], me)),
  SentOnlyToMe: (item, me, v) =>
    when(v, () => toOf(item).length === 1 && includes(toOf(item), me) && ccOf(item).length === 0),
  NotSentToMe: (item, me, v) => when(v, () => !includes(toOf(item), me)),
  HasAttachments: (item, _me, v) => when(v, () => item.attachments.length > 0),
  Importance: (item, _me, v) => item.importance === v.text.trim(),
  Categories: (item, _me, v) => item.categories.some((c) => stringsOf(v).includes(lower(c))),
};

/** Each predicate's verdict, or undefined when one of them is unknown to this server. */
function verdicts(predicates: XmlElement | undefined, item: StoredItem, me: string): boolean[] | undefined {
  const results: boolean[] = [];
  for (const predicate of predicates?.children ?? []) {
    const test = PREDICATES[predicate.name];
    if (test === undefined) return undefined;
    const verdict = test(item, me, predicate);
    if (verdict !== undefined) results.push(verdict);
  }
  return results;
}

/** Every condition holds (none: every message) and no exception does. */
function ruleMatches(rule: StoredInboxRule, item: StoredItem, me: string): boolean {
  const conditions = verdicts(rule.conditions, item, me);
  const exceptions = verdicts(rule.exceptions, item, me);
  if (conditions === undefined || exceptions === undefined) return false;
  return conditions.every(Boolean) && !exceptions.some(Boolean);
}

/** A rule's target folder (TargetFolderIdType) in the rule owner's mailbox; undefined when it is gone. */
function targetFolder(store: MailboxStore, value: XmlElement): StoredFolder | undefined {
  const idEl = value.children.find((c) => c.name === 'FolderId' || c.name === 'DistinguishedFolderId');
  if (idEl === undefined) return undefined;
  return idEl.name === 'FolderId'
    ? store.folders.get(idEl.attrs.Id ?? '')
    : store.distinguishedFolder(idEl.attrs.Id ?? '');
}

/** What the matching rules ask for, gathered before anything is done (as Exchange's rule engine does). */
interface RulePlan {
  markAsRead: boolean;
  importance: StoredItem['importance'] | undefined;
  categories: string[];
  moveTo: StoredFolder | undefined;
  copyTo: StoredFolder[];
  delete: boolean;
  permanentDelete: boolean;
}

const IMPORTANCE: readonly StoredItem['importance'][] = ['Low', 'Normal', 'High'];

/** Adds one rule's actions to the plan; true when it says StopProcessingRules. */
function planActions(store: MailboxStore, actions: XmlElement | undefined, plan: RulePlan): boolean {
  let stop = false;
  for (const action of actions?.children ?? []) {
    switch (action.name) {
      case 'MarkAsRead':
        if (isTrue(action)) plan.markAsRead = true;
        break;
      case 'MarkImportance':
        plan.importance = IMPORTANCE.find((i) => i === action.text.trim()) ?? plan.importance;
        break;
      case 'AssignCategories':
        plan.categories.push(...childrenNamed(action, 'String').map((s) => s.text));
        break;
      case 'MoveToFolder': {
        // A second rule that moves the message files a copy there instead (it can only be in one place).
        const folder = targetFolder(store, action);
        if (folder !== undefined && plan.moveTo === undefined) plan.moveTo = folder;
        else if (folder !== undefined) plan.copyTo.push(folder);
        break;
      }
      case 'CopyToFolder': {
        const folder = targetFolder(store, action);
        if (folder !== undefined) plan.copyTo.push(folder);
        break;
      }
      case 'Delete':
        if (isTrue(action)) plan.delete = true;
        break;
      case 'PermanentDelete':
        if (isTrue(action)) plan.permanentDelete = true;
        break;
      case 'StopProcessingRules':
        stop = isTrue(action);
        break;
      // Forwarding, redirecting, SMS alerts and server replies leave this mailbox: not done here.
    }
  }
  return stop;
}

/**
 * Runs the mailbox's enabled inbox rules, in priority order, on a message just delivered to its inbox:
 * the first rule that says StopProcessingRules ends the evaluation. Flags (read, importance,
 * categories) are set first, then copies are filed, then the message goes to its final folder (Deleted
 * Items for Delete, gone for PermanentDelete, else the first MoveToFolder's folder).
 */
export function applyInboxRules(
  transfers: ItemTransferLog,
  store: MailboxStore,
  item: StoredItem,
  now: Date,
): void {
  const rules = store.inboxRules.filter((r) => r.isEnabled).sort((a, b) => a.priority - b.priority);
  if (rules.length === 0) return;
  const me = lower(store.owner.address);
  const plan: RulePlan = {
    markAsRead: false,
    importance: undefined,
    categories: [],
    moveTo: undefined,
    copyTo: [],
    delete: false,
    permanentDelete: false,
  };
  let matched = false;
  for (const rule of rules) {
    if (!ruleMatches(rule, item, me)) continue;
    matched = true;
    if (planActions(store, rule.actions, plan)) break;
  }
  if (!matched) return;

  if (plan.markAsRead && item.message !== undefined) item.message.isRead = true;
  if (plan.importance !== undefined) item.importance = plan.importance;
  for (const category of plan.categories) {
    if (!item.categories.includes(category)) item.categories.push(category);
  }
  const deletedItems = store.requireDistinguished('deleteditems');
  const final = plan.permanentDelete
    ? undefined
    : plan.delete
      ? deletedItems
      : (plan.moveTo ?? store.requireDistinguished('inbox'));
  const filed = new Set<string>(final === undefined ? [] : [final.id]);
  for (const folder of plan.copyTo) {
    if (filed.has(folder.id)) continue;
    filed.add(folder.id);
    store.addItem({
      ...structuredClone(item),
      id: store.newItemId(),
      changeKey: store.newChangeKey(),
      parentFolderId: folder.id,
      attachments: store.copyAttachments(item.attachments),
    });
  }
  if (final === undefined) {
    store.items.delete(item.id);
    return;
  }
  store.touch(item, now);
  // The Delete action is DeleteItem's MoveToDeletedItems; filing elsewhere is a move: a new id either way.
  if (final === deletedItems) moveToDeletedItems(transfers, store, item, now);
  else moveItem(transfers, store, item, final.id, now);
}
