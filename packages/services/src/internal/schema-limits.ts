/** The largest xs:int, the schema type of EWS counts such as MaxEntriesReturned and Offset. */
export const XS_INT_MAX = 2_147_483_647;
