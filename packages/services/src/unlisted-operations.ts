/**
 * Operations messages.xsd declares but services.wsdl does not bind (Exchange 2013 serves them all
 * the same), with the element each answer's SOAP Body holds. Core refuses an operation outside the
 * wsdl unless its answer element is named; this table names them, so no caller guesses one.
 */
export const UNLISTED_OPERATIONS: Readonly<Record<string, string>> = Object.freeze({
  GetReminders: 'GetRemindersResponse',
  PerformReminderAction: 'PerformReminderActionResponse',
});

/** The answer element of an operation outside services.wsdl, or undefined for a wsdl operation. */
export function unlistedResponseElement(operation: string): string | undefined {
  return Object.hasOwn(UNLISTED_OPERATIONS, operation) ? UNLISTED_OPERATIONS[operation] : undefined;
}
