/**
 * @ews/core parses a response once into ordered nodes; @ews/models reads its own object shape.
 * The conversion between the two belongs to @ews/models (`fromCoreNode`), next to the shape it
 * makes and the parser it is tested against; the services call it under this name.
 */
export { fromCoreNode as toModelNode } from '@ews/models';
