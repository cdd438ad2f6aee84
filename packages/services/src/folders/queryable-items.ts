import type { FieldName, InferModel, Model } from '@ews/models';
import type { ItemFilter, ItemQuery, OrderField } from '../query/item-query.js';

/**
 * What one folder and a collection of folders share: every query shortcut starts from `all()`,
 * as exchangelib's `folder.filter(...)` is `folder.all().filter(...)`.
 */
export abstract class QueryableItems<M extends Model> implements AsyncIterable<InferModel<M>> {
  /** Every item (a lazy query). */
  abstract all(): ItemQuery<M>;

  /** A query that matches nothing and sends nothing (exchangelib's `none()`). */
  none(): ItemQuery<M> {
    return this.all().none();
  }

  filter(filter: ItemFilter<M>): ItemQuery<M> {
    return this.all().filter(filter);
  }

  exclude(filter: ItemFilter<M>): ItemQuery<M> {
    return this.all().exclude(filter);
  }

  only(...fields: readonly FieldName<M>[]): ItemQuery<M> {
    return this.all().only(...fields);
  }

  orderBy(...fields: readonly OrderField<M>[]): ItemQuery<M> {
    return this.all().orderBy(...fields);
  }

  [Symbol.asyncIterator](): AsyncIterator<InferModel<M>> {
    return this.all()[Symbol.asyncIterator]();
  }
}
