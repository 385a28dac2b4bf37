import type { StreamEvent } from "streambed";

/**
 * One stream event as a JSON line for `chat --json`: everything but `partial` (the message being
 * assembled, repeated in every event; `done` carries the final one).
 */
export function eventJsonLine(event: StreamEvent): string {
  const { partial: _partial, ...rest } = event as StreamEvent & { partial?: unknown };
  return `${JSON.stringify(rest)}\n`;
}
