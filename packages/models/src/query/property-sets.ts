// Every t:DistinguishedPropertySetType name (types.xsd) and the MAPI property set GUID it stands
// for (MS-OXPROPS 1.3.2 "Commonly Used Property Sets"). EWS names a set either way, and a server
// may answer with the other form than the one asked for: this table is the one place that knows
// both forms name the same set. The list of names is derived from it, so a name cannot be added
// without its GUID.
export const DISTINGUISHED_PROPERTY_SET_GUIDS = Object.freeze({
  Meeting: '6ed8da90-450b-101b-98da-00aa003f1305', // PSETID_Meeting
  Appointment: '00062002-0000-0000-c000-000000000046', // PSETID_Appointment
  Common: '00062008-0000-0000-c000-000000000046', // PSETID_Common
  PublicStrings: '00020329-0000-0000-c000-000000000046', // PS_PUBLIC_STRINGS
  Address: '00062004-0000-0000-c000-000000000046', // PSETID_Address
  InternetHeaders: '00020386-0000-0000-c000-000000000046', // PS_INTERNET_HEADERS
  CalendarAssistant: '11000e07-b51b-40d6-af21-caa85edab1d0', // PSETID_CalendarAssistant
  UnifiedMessaging: '4442858e-a9e3-4e80-b900-317a210cc15b', // PSETID_UnifiedMessaging
  Task: '00062003-0000-0000-c000-000000000046', // PSETID_Task
  Sharing: '00062040-0000-0000-c000-000000000046', // PSETID_Sharing
} as const);

/** t:DistinguishedPropertySetType. */
export type DistinguishedPropertySet = keyof typeof DISTINGUISHED_PROPERTY_SET_GUIDS;

/** The DistinguishedPropertySetId names, in types.xsd's order. */
export const DISTINGUISHED_PROPERTY_SETS = Object.freeze(
  Object.keys(DISTINGUISHED_PROPERTY_SET_GUIDS) as DistinguishedPropertySet[],
);
