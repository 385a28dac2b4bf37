import { readBody, utf8Decoder, type HttpResponse } from "@streambed/transport";
import { InvalidResponseError } from "../errors/service-errors.js";

/** A CountTokens result: the input tokens the same request would be charged for. */
export interface TokenCount {
  inputTokens: number;
}

/** Reads a CountTokens reply (`{ "inputTokens": n }`, at most 64 KiB) as a {@link TokenCount}. */
export async function* readCountTokens(response: HttpResponse, requestId: { requestId?: string }): AsyncGenerator<TokenCount, void, undefined> {
  const bytes = await readBody(response.body, 64 * 1024, "Bedrock's CountTokens replies are a few bytes; check the endpoint is Bedrock.");
  let json: unknown;
  try {
    json = JSON.parse(utf8Decoder().decode(bytes));
  } catch (cause) {
    throw new InvalidResponseError("Bedrock's CountTokens response was not valid JSON; a proxy may have answered instead of Bedrock. Check the endpoint.", { status: response.status, cause, ...requestId });
  }
  const inputTokens = (json as { inputTokens?: unknown } | null)?.inputTokens;
  if (typeof inputTokens !== "number" || !Number.isInteger(inputTokens) || inputTokens < 0) {
    throw new InvalidResponseError("Bedrock's CountTokens response has no inputTokens count. Check the endpoint is Bedrock.", { status: response.status, ...requestId });
  }
  yield { inputTokens };
}
