/**
 * The environment variables that point AWS clients (streambed, boto3, the AWS CLI and SDKs) at a
 * local emulator. The keys are the emulator's public demo keys, not AWS keys.
 */
export function emulatorEnv(url: string, credentials: { accessKeyId: string; secretAccessKey: string }, region = "us-east-1"): Array<[string, string]> {
  return [
    ["AWS_ENDPOINT_URL_BEDROCK_RUNTIME", url],
    ["AWS_ENDPOINT_URL_BEDROCK", url],
    ["AWS_ACCESS_KEY_ID", credentials.accessKeyId],
    ["AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey],
    ["AWS_REGION", region],
  ];
}

/** `export NAME=value` lines (values are URL- and key-safe, no quoting needed). */
export function exportLines(vars: ReadonlyArray<readonly [string, string]>): string {
  return vars.map(([name, value]) => `export ${name}=${value}\n`).join("");
}
