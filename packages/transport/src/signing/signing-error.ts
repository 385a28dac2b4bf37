import { BedrockError, type BedrockErrorOptions } from "../errors/bedrock-error.js";

/**
 * A request could not be signed: missing or malformed credentials, region or URL. The message
 * names the field that was wrong, never its value (no key, token or signature ever appears).
 */
export class SigningError extends BedrockError {
  override name = "SigningError";
  constructor(message: string, options: BedrockErrorOptions = {}) {
    super(message, { code: "SigningError", retryable: false, ...options });
  }
}
