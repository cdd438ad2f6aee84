import type { CalendarItemModel } from '../generated/calendar-item-model.js';
import type { ContactModel } from '../generated/contact-model.js';
import type { DistributionListModel } from '../generated/distribution-list-model.js';
import type { ItemModel } from '../generated/item-model.js';
import type { MeetingCancellationModel } from '../generated/meeting-cancellation-model.js';
import type { MeetingMessageModel } from '../generated/meeting-message-model.js';
import type { MeetingRequestModel } from '../generated/meeting-request-model.js';
import type { MeetingResponseModel } from '../generated/meeting-response-model.js';
import type { MessageModel } from '../generated/message-model.js';
import type { PersonaModel } from '../generated/persona-model.js';
import type { PostItemModel } from '../generated/post-item-model.js';
import type { TaskModel } from '../generated/task-model.js';
import type { InferModel } from '../schema/define-model.js';

/** The value types of the generated item tables. */
export type Item = InferModel<typeof ItemModel>;
export type Message = InferModel<typeof MessageModel>;
export type CalendarItem = InferModel<typeof CalendarItemModel>;
export type Contact = InferModel<typeof ContactModel>;
export type Task = InferModel<typeof TaskModel>;
export type PostItem = InferModel<typeof PostItemModel>;
export type DistributionList = InferModel<typeof DistributionListModel>;
export type MeetingMessage = InferModel<typeof MeetingMessageModel>;
export type MeetingRequest = InferModel<typeof MeetingRequestModel>;
export type MeetingResponse = InferModel<typeof MeetingResponseModel>;
export type MeetingCancellation = InferModel<typeof MeetingCancellationModel>;
export type Persona = InferModel<typeof PersonaModel>;
