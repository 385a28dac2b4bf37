import JSON5 from "json5";
import { UsageError } from "./usage-error.js";

/**
 * A `config set` value from the command line: JSON5 when it parses (`true`, `3600`,
 * `["anthropic"]`, `{enabled: true}`, `"quoted"`), else the text as a string
 * (`us-east-1`, `amazon-bedrock/us.anthropic.claude-…`). With `strictJson` the value must be JSON;
 * with `secret` (the key holds an API key, token …) its error quotes neither the value nor the
 * parser's message (which quotes the value).
 */
export function parseConfigValue(text: string, options: { strictJson?: boolean; secret?: boolean } = {}): unknown {
  if (options.strictJson) {
    try {
      return JSON.parse(text);
    } catch (error) {
      if (options.secret) throw new UsageError(`--strict-json: the value (not shown: this key holds a secret) is not valid JSON. Quote strings: '"…"'.`);
      throw new UsageError(`--strict-json: ${JSON.stringify(text)} is not valid JSON (${(error as Error).message}). Quote strings: '"us-east-1"'.`, { cause: error });
    }
  }
  try {
    return JSON5.parse(text);
  } catch {
    return text;
  }
}
