import { getApiProvider, registerApiProvider, unregisterApiProviders } from "@mariozechner/pi-ai";
import { createStreambedBedrock, type StreambedBedrockProvider, type StreambedPiAiOptions } from "./provider.js";

/** The source id streambed registers under: `unregisterApiProviders(STREAMBED_SOURCE_ID)` removes it. */
export const STREAMBED_SOURCE_ID = "streambed";

type RegisteredProvider = NonNullable<ReturnType<typeof getApiProvider>>;

/** The provider that served Bedrock before streambed (pi-ai's own), to put back. */
let previous: RegisteredProvider | undefined;
let current: StreambedBedrockProvider | undefined;
/** streambed's entry in pi-ai's registry (to tell it from the one before). */
let registered: RegisteredProvider | undefined;

/**
 * Route pi-ai's Bedrock models through streambed: registers `{ api: "bedrock-converse-stream",
 * stream, streamSimple }` under the source id `"streambed"`, so pi-ai's own `stream()`,
 * `complete()`, `streamSimple()` and `completeSimple()` use it. Calling it again replaces the
 * previous registration (streams still running on it finish; its idle connections close by
 * themselves). Returns the provider (its `close()` releases connections).
 *
 * @example
 * import { registerStreambedBedrock } from "@streambed/pi-ai";
 * registerStreambedBedrock();
 */
export function registerStreambedBedrock(options: StreambedPiAiOptions = {}): StreambedBedrockProvider {
  const existing = getApiProvider("bedrock-converse-stream");
  if (existing !== undefined && existing !== registered) previous = existing;
  const provider = createStreambedBedrock(options);
  current = provider;
  registerApiProvider({ api: provider.api, stream: provider.stream, streamSimple: provider.streamSimple }, STREAMBED_SOURCE_ID);
  registered = getApiProvider("bedrock-converse-stream");
  return provider;
}

/**
 * Undo {@link registerStreambedBedrock}: `unregisterApiProviders("streambed")`, then put back the
 * provider that served Bedrock before (pi-ai's own). pi-ai's registry holds one provider per API,
 * so `unregisterApiProviders("streambed")` alone leaves Bedrock with none until pi-ai's
 * `resetApiProviders()` or this. Closes streambed's clients.
 */
export async function unregisterStreambedBedrock(): Promise<void> {
  unregisterApiProviders(STREAMBED_SOURCE_ID);
  if (previous !== undefined && getApiProvider("bedrock-converse-stream") === undefined) registerApiProvider(previous);
  previous = undefined;
  registered = undefined;
  const closing = current;
  current = undefined;
  await closing?.close();
}
