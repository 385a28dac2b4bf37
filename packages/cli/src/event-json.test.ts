import { describe, expect, it } from "vitest";
import type { AssistantMessage, StreamEvent } from "streambed";
import { eventJsonLine } from "./event-json.js";

const partial = { role: "assistant", content: [{ type: "text", text: "a long message being assembled" }] } as unknown as AssistantMessage;

describe("eventJsonLine", () => {
  it("drops partial and ends with a newline", () => {
    const line = eventJsonLine({ type: "text_delta", contentIndex: 0, delta: "hi", partial });
    expect(line).toBe('{"type":"text_delta","contentIndex":0,"delta":"hi"}\n');
  });
  it("keeps the final message of done", () => {
    const event: StreamEvent = { type: "done", reason: "stop", message: partial };
    expect(JSON.parse(eventJsonLine(event))).toEqual({ type: "done", reason: "stop", message: partial });
  });
});
