import { InvalidRequestError } from "streambed";

/**
 * A pi-ai option, or a value of one, that streambed cannot honour on Bedrock. `option` names it
 * (`transport`, `metadata.user_id`, …) and the message says what to use instead. The provider
 * reports it as pi-ai reports every failure: an `error` event whose message carries this text;
 * {@link toStreambedRequest} throws it.
 */
export class PiAiOptionError extends InvalidRequestError {
  override name = "PiAiOptionError";
  /** The pi-ai option refused. */
  readonly option: string;
  constructor(option: string, message: string) {
    super(`pi-ai option \`${option}\`: ${message}`, { path: option });
    this.option = option;
  }
}
