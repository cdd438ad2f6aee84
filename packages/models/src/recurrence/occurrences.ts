import { dateTime } from '../kinds/date-time.js';
import { listOf } from '../kinds/list-kinds.js';
import { modelKind } from '../kinds/model-kind.js';
import { itemId } from '../properties/property-kinds.js';
import { defineModel, type InferModel } from '../schema/define-model.js';
import { field } from '../schema/field-def.js';

/** t:OccurrenceInfoType: one occurrence of a recurring series (First/LastOccurrence, ModifiedOccurrences). */
export const OccurrenceInfoModel = defineModel({
  name: 'OccurrenceInfo',
  xmlName: 'Occurrence',
  fields: [
    field('itemId', itemId, { xmlName: 'ItemId', flags: { required: true } }),
    field('start', dateTime, { xmlName: 'Start', flags: { required: true } }),
    field('end', dateTime, { xmlName: 'End', flags: { required: true } }),
    field('originalStart', dateTime, { xmlName: 'OriginalStart', flags: { required: true } }),
  ],
});
export type OccurrenceInfo = InferModel<typeof OccurrenceInfoModel>;

/** t:DeletedOccurrenceInfoType: the start of an occurrence removed from its series. */
export const DeletedOccurrenceModel = defineModel({
  name: 'DeletedOccurrence',
  xmlName: 'DeletedOccurrence',
  fields: [field('start', dateTime, { xmlName: 'Start', flags: { required: true } })],
});
export type DeletedOccurrence = InferModel<typeof DeletedOccurrenceModel>;

export const occurrenceInfo = modelKind(OccurrenceInfoModel);
/** t:NonEmptyArrayOfOccurrenceInfoType. */
export const occurrenceInfoList = listOf(occurrenceInfo, 'Occurrence');
/** t:NonEmptyArrayOfDeletedOccurrencesType. */
export const deletedOccurrenceList = listOf(modelKind(DeletedOccurrenceModel), 'DeletedOccurrence');
