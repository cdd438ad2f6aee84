import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** A token endpoint answer: status and JSON body. */
export type Answer = { status: number; body: Record<string, unknown> };

export function escapeHtml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function oidOf(user: string): string {
  const hex = createHash('sha256').update(user).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function failure(status: number, error: string, description: string): Answer {
  return {
    status,
    body: { error, error_description: description, error_codes: [Number(/\d+/.exec(description)?.[0] ?? 0)] },
  };
}

export function json(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
