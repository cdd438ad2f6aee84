// Types of board.mjs for the services tests (the bench itself is plain JavaScript run by node).
export interface BoardWindows {
  readonly now: Date;
  readonly hourEnd: Date;
  readonly dayStart: Date;
  readonly dayEnd: Date;
}
export interface BoardRoom {
  readonly address: string;
  readonly free: boolean;
  readonly spans: readonly (readonly [number, number])[];
}
export interface BoardSummary {
  readonly rooms: number;
  readonly free: number;
  readonly events: number;
  readonly schedules: string;
  readonly freeRooms: string;
}
export function boardWindows(now: Date): BoardWindows;
export function roomFromEvents(
  address: string,
  events: readonly { readonly start: Date; readonly end: Date; readonly busyType: string }[],
  windows: BoardWindows,
): BoardRoom;
export function freeBusyOf(entry: object): {
  readonly address: string;
  readonly events: readonly { readonly start: Date; readonly end: Date; readonly busyType: string }[];
};
export function summarize(rooms: readonly BoardRoom[]): BoardSummary;
