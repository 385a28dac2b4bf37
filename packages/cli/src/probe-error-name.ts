import { errorFromType } from "@streambed/core";

const SERVICE = /\bBedrock (\w+) \(HTTP (\d{3})\b/;
const DENIED = /\(AccessDeniedException, HTTP 403\)/;
const LOCAL: Array<[RegExp, string]> = [
  [/No AWS credentials found/, "CredentialsNotFoundError"],
  [/Network error talking to/, "NetworkError"],
  [/Could not connect to .* within \d+ ms|\btimeout: no\b/, "TimeoutError"],
  [/aborted by the caller/, "AbortError"],
];

/**
 * The typed error's name behind a discovery failure reason. Discovery reports failures as text
 * (`DiscoveryResult.reason`), so `doctor --probe` recovers the class the same way the client
 * would have classified the response: `Bedrock <Type> (HTTP <status>` → errorFromType.
 */
export function probeErrorName(reason: string): string {
  const service = SERVICE.exec(reason);
  if (service) {
    const type = service[1] === "error" ? undefined : service[1];
    return errorFromType({ type, status: Number(service[2]), serviceMessage: reason, channel: `HTTP ${service[2]}` }).name;
  }
  if (DENIED.test(reason)) return "AccessDeniedError";
  for (const [pattern, name] of LOCAL) if (pattern.test(reason)) return name;
  return "BedrockError";
}
