/** A full tool loop: the model calls a tool, we run it, send the result back, the model answers. Run: npx tsx examples/tools.ts */
import type { Message, Tool } from "streambed";
import { withBedrock } from "./with-bedrock.js";

const tools: Tool[] = [
  {
    name: "get_weather",
    description: "Current weather for a city.",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
];

function getWeather(args: Record<string, unknown>): string {
  return JSON.stringify({ city: String(args.city ?? "unknown"), temperatureC: 18, sky: "clear" });
}

const { bedrock, model, close } = await withBedrock();
try {
  const messages: Message[] = [{ role: "user", content: "What is the weather in Lisbon? Use the get_weather tool." }];
  for (let turn = 0; turn < 4; turn++) {
    const reply = await bedrock.complete({ model, messages, tools, toolChoice: turn === 0 ? "any" : "auto", maxTokens: 400 });
    messages.push(reply);
    const calls = reply.content.filter((b) => b.type === "toolCall");
    for (const b of reply.content) if (b.type === "text" && b.text) console.log(`assistant: ${b.text}`);
    if (reply.stopReason !== "toolUse" || calls.length === 0) break;
    for (const call of calls) {
      const result = getWeather(call.arguments);
      console.log(`tool ${call.name}(${JSON.stringify(call.arguments)}) → ${result}`);
      messages.push({ role: "toolResult", toolCallId: call.id, toolName: call.name, content: result });
    }
  }
  console.log(`turns: ${messages.length} messages`);
} finally {
  await close();
}
