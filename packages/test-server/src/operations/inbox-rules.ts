import { NS } from '../soap/namespaces.js';
import { errorParts, successParts } from '../soap/response-messages.js';
import type { MailboxStore, StoredInboxRule } from '../store/mailbox-store.js';
import { child, childText, type XmlElement } from '../xml/xml-tree.js';
import { el, textEl, type XmlContent, type XmlFragment } from '../xml/xml-writer.js';
import { type OperationContext, ResponseError } from './operation-context.js';
import {
  folderIdElements,
  type ResolvedFolder,
  requireAccess,
  resolveFolder,
  storeForAddress,
} from './resolve-folder.js';

function rulesStore(ctx: OperationContext, request: XmlElement): MailboxStore {
  const address = childText(request, 'MailboxSmtpAddress')?.trim();
  const store = storeForAddress(ctx, address === '' ? undefined : address);
  requireAccess(ctx, store);
  return store;
}

/** Rule predicates and actions are all in the types namespace, so what was sent is echoed as t:*. */
function echo(node: XmlElement): XmlFragment {
  return el(`t:${node.name}`, node.attrs, node.children.length > 0 ? node.children.map(echo) : node.text);
}

function renderRule(rule: StoredInboxRule): XmlFragment {
  return el(
    't:Rule',
    null,
    textEl('t:RuleId', rule.id),
    textEl('t:DisplayName', rule.displayName),
    textEl('t:Priority', rule.priority),
    textEl('t:IsEnabled', rule.isEnabled),
    rule.conditions && echo(rule.conditions),
    rule.exceptions && echo(rule.exceptions),
    rule.actions && echo(rule.actions),
  );
}

interface FieldError {
  readonly operationIndex: number;
  readonly field: string;
  readonly code: string;
  readonly message: string;
  readonly value: string;
}

/** ErrorInboxRulesValidationError with the per-operation details Exchange puts in RuleOperationErrors. */
class RuleValidationError extends ResponseError {
  readonly details: XmlFragment;
  constructor(errors: readonly FieldError[]) {
    super('ErrorInboxRulesValidationError', 'Validation error(s) occurred in the inbox rules.');
    const indexes = [...new Set(errors.map((e) => e.operationIndex))];
    this.details = el(
      'm:RuleOperationErrors',
      null,
      indexes.map((index) =>
        el(
          't:RuleOperationError',
          null,
          textEl('t:OperationIndex', index),
          el(
            't:ValidationErrors',
            null,
            errors
              .filter((e) => e.operationIndex === index)
              .map((e) =>
                el(
                  't:Error',
                  null,
                  textEl('t:FieldURI', e.field),
                  textEl('t:ErrorCode', e.code),
                  textEl('t:ErrorMessage', e.message),
                  textEl('t:FieldValue', e.value),
                ),
              ),
          ),
        ),
      ),
    );
  }
}

/** The response element of both operations: ResponseClass on the element itself. */
function respond(name: string, produce: () => XmlContent): XmlFragment {
  try {
    const content = produce();
    return el(
      `m:${name}`,
      { ResponseClass: 'Success', 'xmlns:m': NS.messages, 'xmlns:t': NS.types },
      successParts(content),
    );
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error;
    const details = error instanceof RuleValidationError ? error.details : undefined;
    return el(
      `m:${name}`,
      { ResponseClass: 'Error', 'xmlns:m': NS.messages, 'xmlns:t': NS.types },
      errorParts(error, details),
    );
  }
}

/** GetInboxRules: the mailbox's rules in priority order; this server never holds an Outlook rule blob. */
export function getInboxRules(ctx: OperationContext, request: XmlElement): XmlFragment {
  return respond('GetInboxRulesResponse', () => {
    const store = rulesStore(ctx, request);
    return [
      textEl('m:OutlookRuleBlobExists', false),
      el('m:InboxRules', null, store.inboxRules.map(renderRule)),
    ];
  });
}

function ruleFromXml(node: XmlElement | undefined, id: string): StoredInboxRule {
  const priority = Number(childText(node, 'Priority')?.trim());
  const enabled = childText(node, 'IsEnabled')?.trim();
  return {
    id,
    displayName: childText(node, 'DisplayName') ?? '',
    priority: Number.isSafeInteger(priority) ? priority : 1,
    isEnabled: enabled === 'true' || enabled === '1',
    conditions: child(node, 'Conditions'),
    exceptions: child(node, 'Exceptions'),
    actions: child(node, 'Actions'),
  };
}

/** Places `rule` at its priority (1 = first) and renumbers, as Exchange keeps priorities contiguous. */
function placed(rules: readonly StoredInboxRule[], rule: StoredInboxRule): StoredInboxRule[] {
  const others = rules.filter((r) => r.id !== rule.id);
  const at = Math.min(Math.max(rule.priority - 1, 0), others.length);
  return renumbered([...others.slice(0, at), rule, ...others.slice(at)]);
}

function renumbered(rules: readonly StoredInboxRule[]): StoredInboxRule[] {
  return rules.map((rule, index) => ({ ...rule, priority: index + 1 }));
}

function validate(rule: StoredInboxRule, index: number): FieldError[] {
  const errors: FieldError[] = [];
  if (rule.displayName.trim() === '') {
    errors.push({
      operationIndex: index,
      field: 'DisplayName',
      code: 'EmptyValueFound',
      message: 'The rule needs a display name.',
      value: '',
    });
  }
  if (rule.actions === undefined || rule.actions.children.length === 0) {
    errors.push({
      operationIndex: index,
      field: 'Actions',
      code: 'MissingAction',
      message: 'The rule has no action.',
      value: '',
    });
  }
  return errors;
}

const TARGET_ACTIONS: ReadonlySet<string> = new Set(['MoveToFolder', 'CopyToFolder']);

/**
 * A rule's MoveToFolder / CopyToFolder resolved as Exchange does when it stores the rule: the folder
 * must exist and be in the rule's own mailbox (a DistinguishedFolderId without t:Mailbox is the
 * actor's folder, see resolveFolder: under delegate access the signed-in user's, which a rule in
 * another mailbox cannot use). The rule keeps the folder's FolderId, which GetInboxRules answers.
 */
function withResolvedTargets(
  ctx: OperationContext,
  store: MailboxStore,
  rule: StoredInboxRule,
  index: number,
): { readonly rule: StoredInboxRule; readonly errors: FieldError[] } {
  const { actions } = rule;
  if (actions === undefined) return { rule, errors: [] };
  const errors: FieldError[] = [];
  const resolved = actions.children.map((action): XmlElement => {
    if (!TARGET_ACTIONS.has(action.name)) return action;
    const fail = (code: string, message: string): XmlElement => {
      errors.push({ operationIndex: index, field: `Action:${action.name}`, code, message, value: '' });
      return action;
    };
    const [idEl] = folderIdElements(action);
    if (idEl === undefined) return fail('MissingParameter', 'The action names no folder.');
    let target: ResolvedFolder;
    try {
      target = resolveFolder(ctx, idEl);
    } catch (error) {
      if (error instanceof ResponseError) return fail('FolderDoesNotExist', 'The folder does not exist.');
      throw error;
    }
    if (target.store !== store) {
      return fail('InvalidFolderId', "The folder is not in the rule's mailbox.");
    }
    const folderId: XmlElement = {
      name: 'FolderId',
      attrs: { Id: target.folder.id, ChangeKey: target.folder.changeKey },
      children: [],
      text: '',
    };
    return { name: action.name, attrs: {}, children: [folderId], text: '' };
  });
  return { rule: { ...rule, actions: { ...actions, children: resolved } }, errors };
}

/**
 * UpdateInboxRules: Create/Set/DeleteRuleOperation applied in order, all or nothing. Invalid
 * operations give ErrorInboxRulesValidationError with one RuleOperationError per operation.
 */
export function updateInboxRules(ctx: OperationContext, request: XmlElement): XmlFragment {
  return respond('UpdateInboxRulesResponse', () => {
    const store = rulesStore(ctx, request);
    let rules = store.inboxRules;
    const errors: FieldError[] = [];
    const operations = child(request, 'Operations')?.children ?? [];
    operations.forEach((operation, index) => {
      const ruleEl = child(operation, 'Rule');
      const id = (
        operation.name === 'DeleteRuleOperation'
          ? childText(operation, 'RuleId')
          : childText(ruleEl, 'RuleId')
      )?.trim();
      const notFound = (): FieldError => ({
        operationIndex: index,
        field: 'RuleId',
        code: 'RuleNotFound',
        message: 'The rule was not found.',
        value: id ?? '',
      });
      if (operation.name === 'CreateRuleOperation') {
        if (id !== undefined) {
          errors.push({
            operationIndex: index,
            field: 'RuleId',
            code: 'CreateWithRuleId',
            message: 'A new rule cannot have a RuleId.',
            value: id,
          });
          return;
        }
        const { rule, errors: targets } = withResolvedTargets(
          ctx,
          store,
          ruleFromXml(ruleEl, store.newChangeKey()),
          index,
        );
        const invalid = [...validate(rule, index), ...targets];
        if (invalid.length > 0) errors.push(...invalid);
        else rules = placed(rules, rule);
      } else if (operation.name === 'SetRuleOperation') {
        if (!rules.some((r) => r.id === id)) {
          errors.push(notFound());
          return;
        }
        const { rule, errors: targets } = withResolvedTargets(
          ctx,
          store,
          ruleFromXml(ruleEl, id ?? ''),
          index,
        );
        const invalid = [...validate(rule, index), ...targets];
        if (invalid.length > 0) errors.push(...invalid);
        else rules = placed(rules, rule);
      } else if (operation.name === 'DeleteRuleOperation') {
        if (!rules.some((r) => r.id === id)) errors.push(notFound());
        else rules = renumbered(rules.filter((r) => r.id !== id));
      }
    });
    if (errors.length > 0) throw new RuleValidationError(errors);
    store.inboxRules = rules;
    return undefined;
  });
}
