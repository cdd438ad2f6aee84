import { idText, text } from '../kinds/scalar-kinds.js';
import { defineModel, type InferModel } from '../schema/define-model.js';
import { field } from '../schema/field-def.js';

/** t:ItemIdType (also the shape of FolderId and ConversationId): `<t:ItemId Id="…" ChangeKey="…"/>`. */
export const ItemIdModel = defineModel({
  name: 'ItemId',
  xmlName: 'ItemId',
  fields: [
    field('id', idText, { xmlName: 'Id', flags: { attribute: true, required: true } }),
    field('changeKey', text, { xmlName: 'ChangeKey', flags: { attribute: true } }),
  ],
});

export type ItemId = InferModel<typeof ItemIdModel>;
