/** The reader's access to a table's slots (not exported from the package). */
export let nameTableSlots: (table: XmlNameTable) => {
  readonly qnames: (string | undefined)[];
  readonly locals: (string | undefined)[];
  readonly prefixes: (string | undefined)[];
};

/**
 * Element and attribute names read so far, one string per distinct name. parseXml fills a fresh
 * table for every document; a reader that parses many small documents of one stream (the items
 * of a streamed FindItem page, each parsed on its own) passes the same table to each, so the
 * few dozen names they share are read once per stream instead of once per item, and the
 * 1,024-slot table is allocated once instead of per item. Opaque: only the reader fills it.
 */
export class XmlNameTable {
  /** Slots; a power of two (slot = hash & (size - 1)). A name whose slot is taken replaces it. */
  static readonly size = 1024;
  /** Qualified names by hash slot (`t:Subject`). */
  readonly #qnames: (string | undefined)[] = new Array(XmlNameTable.size);
  /** The local name of the qualified name in the same slot (`Subject`). */
  readonly #locals: (string | undefined)[] = new Array(XmlNameTable.size);
  /** Its prefix (`t`), '' for a name without one. */
  readonly #prefixes: (string | undefined)[] = new Array(XmlNameTable.size);

  static {
    nameTableSlots = (table) => ({ qnames: table.#qnames, locals: table.#locals, prefixes: table.#prefixes });
  }
}
