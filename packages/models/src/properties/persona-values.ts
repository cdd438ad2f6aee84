import { enumKind } from '../kinds/enum-kind.js';
import type { Kind } from '../kinds/kind.js';
import { listOf } from '../kinds/list-kinds.js';
import { modelKind } from '../kinds/model-kind.js';
import { boolean, decimal, text } from '../kinds/scalar-kinds.js';
import { defineModel, type InferModel } from '../schema/define-model.js';
import { field } from '../schema/field-def.js';
import { MailboxModel } from './mailbox.js';
import { itemId } from './property-kinds.js';

// A Persona merges contacts from several sources; most of its properties are lists of values,
// each with the ids of the sources ("attributions") it came from.

/** t:PersonaPhoneNumberType. */
export const PersonaPhoneNumberModel = defineModel({
  name: 'PersonaPhoneNumber',
  xmlName: 'PhoneNumber',
  fields: [
    field('number', text, { xmlName: 'Number', flags: { required: true } }),
    field('type', text, { xmlName: 'Type', flags: { required: true } }),
  ],
});
export const locationSource = enumKind('LocationSource', [
  'None',
  'LocationServices',
  'PhonebookServices',
  'Device',
  'Contact',
  'Resource',
]);
/** t:PersonaPostalAddressType. */
export const PersonaPostalAddressModel = defineModel({
  name: 'PersonaPostalAddress',
  xmlName: 'Value',
  fields: [
    field('street', text, { xmlName: 'Street' }),
    field('city', text, { xmlName: 'City' }),
    field('state', text, { xmlName: 'State' }),
    field('country', text, { xmlName: 'Country' }),
    field('postalCode', text, { xmlName: 'PostalCode' }),
    field('postOfficeBox', text, { xmlName: 'PostOfficeBox' }),
    field('type', text, { xmlName: 'Type' }),
    field('latitude', decimal, { xmlName: 'Latitude' }),
    field('longitude', decimal, { xmlName: 'Longitude' }),
    field('accuracy', decimal, { xmlName: 'Accuracy' }),
    field('altitude', decimal, { xmlName: 'Altitude' }),
    field('altitudeAccuracy', decimal, { xmlName: 'AltitudeAccuracy' }),
    field('formattedAddress', text, { xmlName: 'FormattedAddress' }),
    field('locationUri', text, { xmlName: 'LocationUri' }),
    field('locationSource', locationSource, { xmlName: 'LocationSource' }),
  ],
});
/** t:BodyContentType: a note's text and its format. */
export const BodyContentModel = defineModel({
  name: 'BodyContent',
  xmlName: 'Value',
  fields: [
    field('value', text, { xmlName: 'Value', flags: { required: true } }),
    field('bodyType', enumKind('BodyType', ['HTML', 'Text']), {
      xmlName: 'BodyType',
      flags: { required: true },
    }),
  ],
});

const attributions = field('attributions', listOf(text, 'Attribution'), {
  xmlName: 'Attributions',
  flags: { required: true },
});
/** `{ value, attributions }` in a list of `<t:{itemXmlName}>` elements. */
function attributedList<T>(itemXmlName: string, value: Kind<T>, valueXmlName = 'Value') {
  const model = defineModel({
    name: itemXmlName,
    xmlName: itemXmlName,
    fields: [field('value', value, { xmlName: valueXmlName, flags: { required: true } }), attributions],
  });
  return listOf(modelKind(model), itemXmlName);
}

export const attributedStrings = attributedList('StringAttributedValue', text);
export const attributedStringArrays = attributedList(
  'StringArrayAttributedValue',
  listOf(text, 'Value'),
  'Values',
);
export const attributedPhoneNumbers = attributedList(
  'PhoneNumberAttributedValue',
  modelKind(PersonaPhoneNumberModel),
);
export const attributedEmailAddresses = attributedList(
  'EmailAddressAttributedValue',
  modelKind(MailboxModel),
);
export const attributedPostalAddresses = attributedList(
  'PostalAddressAttributedValue',
  modelKind(PersonaPostalAddressModel),
);
export const attributedBodies = attributedList('BodyContentAttributedValue', modelKind(BodyContentModel));

/** t:PersonaAttributionType: one source a persona is built from. */
export const PersonaAttributionModel = defineModel({
  name: 'PersonaAttribution',
  xmlName: 'Attribution',
  fields: [
    field('id', text, { xmlName: 'Id', flags: { required: true } }),
    field('sourceId', itemId, { xmlName: 'SourceId', flags: { required: true } }),
    field('displayName', text, { xmlName: 'DisplayName', flags: { required: true } }),
    field('isWritable', boolean, { xmlName: 'IsWritable' }),
    field('isQuickContact', boolean, { xmlName: 'IsQuickContact' }),
    field('isHidden', boolean, { xmlName: 'IsHidden' }),
    field('folderId', itemId, { xmlName: 'FolderId' }),
  ],
});
export type PersonaAttribution = InferModel<typeof PersonaAttributionModel>;
export const personaAttributions = listOf(modelKind(PersonaAttributionModel), 'Attribution');
export const personaPhoneNumber = modelKind(PersonaPhoneNumberModel);
/** t:ArrayOfEmailAddressesType: `<t:Address>` mailboxes. */
export const addressList = listOf(modelKind(MailboxModel), 'Address');
/** t:ArrayOfFolderIdType. */
export const folderIdList = listOf(itemId, 'FolderId');
