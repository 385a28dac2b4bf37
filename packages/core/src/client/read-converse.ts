import { readBody, utf8Decoder, type HttpResponse } from "@streambed/transport";
import { InvalidResponseError } from "../errors/service-errors.js";
import { parseConverseResponse } from "../stream/parse-converse-response.js";
import type { AssistantMessage, Model } from "../types/index.js";
import { tapActivity } from "./body-activity.js";
import type { CallTimeouts } from "./call-timeouts.js";
import { requestIdOf } from "./signed-requests.js";

/** A Converse (non-streaming) reply, read up to `maxResponseBytes` within the idle limit, as the final message. */
export async function* readConverse(
  response: HttpResponse,
  model: Model,
  timeouts: CallTimeouts,
  maxResponseBytes: number,
): AsyncGenerator<AssistantMessage, void, undefined> {
  const bytes = await readBody(
    tapActivity(response.body, timeouts),
    maxResponseBytes,
    `Bedrock's Converse replies are far smaller, so check the endpoint is Bedrock (a proxy or a wrong URL may be answering); if a reply this large is expected, raise createBedrock({ maxResponseBytes }) (now ${maxResponseBytes}).`,
  );
  let json: unknown;
  try {
    json = JSON.parse(utf8Decoder().decode(bytes));
  } catch (cause) {
    throw new InvalidResponseError("Bedrock's Converse response was not valid JSON; this usually means a proxy answered instead of Bedrock. Check the endpoint.", {
      status: response.status,
      cause,
      ...requestIdOf(response),
    });
  }
  yield parseConverseResponse(json, model, { status: response.status, ...requestIdOf(response) });
}
