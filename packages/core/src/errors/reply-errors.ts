import { InvalidResponseError, type ServiceErrorOptions } from "./service-errors.js";

/**
 * Bedrock answered with success (HTTP 2xx) but its body is Coral's `UnknownOperationException`
 * (`{"Output":{"__type":"com.amazon.coral.service#UnknownOperationException"},"Version":"1.0"}`):
 * the request path did not reach the operation. `operation` names the one that was called
 * (`Converse`, `ConverseStream`), `path` the path sent. Usually a model ARN whose `/` reached
 * Bedrock's router unencoded (vercel/ai #17523), or a proxy that rewrote the path. Not retried.
 */
export class UnknownOperationError extends InvalidResponseError {
  override name = "UnknownOperationError";
  readonly operation: string;
  readonly path: string | undefined;
  constructor(message: string, options: ServiceErrorOptions & { operation: string; path?: string }) {
    super(message, { code: "UnknownOperationException", ...options });
    this.operation = options.operation;
    this.path = options.path;
  }
}

/**
 * A ConverseStream reply with success status whose `content-type` is not
 * `application/vnd.amazon.eventstream`: something other than Bedrock's stream answered (a proxy's
 * page, a JSON body). `contentType` is the type received. Not retried.
 */
export class UnexpectedContentTypeError extends InvalidResponseError {
  override name = "UnexpectedContentTypeError";
  readonly contentType: string;
  readonly expectedContentType: string;
  constructor(message: string, options: ServiceErrorOptions & { contentType: string; expectedContentType: string }) {
    super(message, { code: "UnexpectedContentType", ...options });
    this.contentType = options.contentType;
    this.expectedContentType = options.expectedContentType;
  }
}
