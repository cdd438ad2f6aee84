// Types of the contender for the services tests (the bench itself is plain JavaScript run by node).
import type { Account } from '../../src/index.js';
import type { BoardRoom, BoardWindows } from './board.mjs';

export function roomBoard(account: Account, windows: BoardWindows): Promise<BoardRoom[]>;
