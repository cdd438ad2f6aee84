/**
 * The operations whose services.wsdl binding carries the TimeZoneContext header (the
 * `<soap:header part="TimeZoneContext">` of each operation's input). A binding that lacks it
 * declares no such header, so the client writes it only for these; test/operations/
 * time-zone-context.test.ts reads services.wsdl and keeps this list in step with it.
 */
export const TIME_ZONE_CONTEXT_OPERATIONS: ReadonlySet<string> = new Set([
  'CreateAttachment',
  'CreateFolder',
  'CreateFolderPath',
  'CreateItem',
  'FindFolder',
  'FindItem',
  'GetAttachment',
  'GetFolder',
  'GetInboxRules',
  'GetItem',
  'GetUserAvailability',
  'UpdateFolder',
  'UpdateInboxRules',
  'UpdateItem',
  'UpdateItemInRecoverableItems',
]);

/** Whether `operation`'s binding in services.wsdl takes a TimeZoneContext header. */
export function takesTimeZoneContext(operation: string): boolean {
  return TIME_ZONE_CONTEXT_OPERATIONS.has(operation);
}
