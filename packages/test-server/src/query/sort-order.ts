import { ResponseError } from '../operations/operation-context.js';
import type { ItemView } from '../render/item-view.js';
import { childrenNamed, type XmlElement } from '../xml/xml-tree.js';
import { compareValues, fieldAccessor } from './field-values.js';
import type { Scalar } from './path-reader.js';

export type ItemComparator = (a: ItemView, b: ItemView) => number;

/** Compiles m:SortOrder (t:FieldOrder list); missing values sort last; multi-valued properties cannot sort. */
export function compileSortOrder(sortOrder: XmlElement): ItemComparator {
  const keys = childrenNamed(sortOrder, 'FieldOrder').map((order) => {
    const path = order.children[0];
    const reader = path === undefined ? undefined : fieldAccessor(path, 'ErrorUnsupportedPathForSortGroup');
    if (reader?.multiValued) {
      throw new ResponseError('ErrorUnsupportedPathForSortGroup', 'A multi-valued property cannot sort.');
    }
    const read = (view: ItemView) => reader?.read(view) as Scalar | undefined;
    return { read, sign: order.attrs.Order === 'Descending' ? -1 : 1 };
  });
  return (a, b) => {
    for (const { read, sign } of keys) {
      const va = read(a);
      const vb = read(b);
      if (va === undefined || vb === undefined) {
        if (va !== vb) return va === undefined ? 1 : -1;
        continue;
      }
      const order = compareValues(va, vb);
      if (order !== 0) return sign * order;
    }
    return 0;
  };
}
