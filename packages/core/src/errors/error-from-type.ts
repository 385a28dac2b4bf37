import type { BedrockError } from "@streambed/transport";
import { CONFIG_API_KEY_PATH } from "../config/config-api-key-path.js";
import {
  AccessDeniedError,
  AuthenticationError,
  InternalServerError,
  ModelError,
  ModelStreamError,
  QuotaExceededError,
  ResourceNotFoundError,
  ServiceUnavailableError,
  ThrottlingError,
  UnknownServiceError,
  ValidationError,
} from "./service-errors.js";
import { limitHint, ModelLimitExceededError, parseLimitMessage } from "./model-limit-error.js";

/** What Bedrock said about one failure, whatever channel (HTTP response, exception frame) it came through. */
export interface ServiceFailure {
  /** AWS error type, normalised to PascalCase without namespace (`ThrottlingException`); undefined when Bedrock sent none. */
  type: string | undefined;
  /** HTTP status of the response, or the status AWS models for an exception frame. */
  status: number | undefined;
  /** Bedrock's message, secrets already redacted. */
  serviceMessage: string;
  requestId?: string | undefined;
  retryAfterMs?: number | undefined;
  originalStatusCode?: number | undefined;
  originalMessage?: string | undefined;
  resourceName?: string | undefined;
  /** The model id of the call, used to suggest an inference-profile id. */
  modelId?: string | undefined;
  /** Where it came from, for the message: "HTTP 429" or "stream exception frame". */
  channel: string;
  /** The `describe()` label of the credentials the request carried, so a refused key is named where it is set. */
  credentialSource?: string | undefined;
  /** The config file, when `credentialSource` is the config's API key. */
  configFile?: string | undefined;
}

const AUTH_TYPES = new Set([
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
  "IncompleteSignatureException",
  "UnrecognizedClientException",
  "InvalidClientTokenId",
  "ExpiredTokenException",
  "ExpiredToken",
  "TokenRefreshRequired",
  "MissingAuthenticationTokenException",
  "InvalidAccessKeyId",
]);

const EXPIRED = /security token included in the request is expired|expired ?token|token has expired|signature expired/i;
const INFERENCE_PROFILE = /on-demand throughput isn.t supported|doesn.t support on-demand throughput|model identifier is invalid/i;
const MODEL_IN_MESSAGE = /model ID ([A-Za-z0-9.:_/-]+?) with on-demand/;

/** The modeled HTTP status of each exception Bedrock may send as a stream frame. */
export const MODELED_STATUS: Readonly<Record<string, number>> = {
  AccessDeniedException: 403,
  ConflictException: 400,
  InternalServerException: 500,
  ModelErrorException: 424,
  ModelNotReadyException: 429,
  ModelStreamErrorException: 424,
  ModelTimeoutException: 408,
  ResourceNotFoundException: 404,
  ServiceQuotaExceededException: 400,
  ServiceUnavailableException: 503,
  ThrottlingException: 429,
  ValidationException: 400,
};

function describe(f: ServiceFailure, fallback: string): string {
  const said = f.serviceMessage || fallback;
  return `Bedrock ${f.type ?? "error"} (${f.channel}${f.requestId ? `, request ${f.requestId}` : ""}): ${said.replace(/[.\s]+$/, "")}.`;
}

function inferenceProfileHint(f: ServiceFailure): string {
  const id = f.modelId ?? MODEL_IN_MESSAGE.exec(f.serviceMessage)?.[1];
  const example = id && !/^(us|eu|apac|jp|au|ca|us-gov|global)\./.test(id) && !id.startsWith("arn:") ? `"us.${id}"` : `"us.<model id>"`;
  return ` This model must be called through an inference profile: use an inference-profile id such as ${example} (or "eu."/"apac."/"global." for other geographies), or its ARN. \`streambed models list\` shows the ids available in your region.`;
}

/** Where the refused Bedrock API key is set, and what to do there, from the source of the credentials. */
function apiKeyRefusedHint(f: ServiceFailure): string {
  const why = "it may be mistyped, expired or revoked, or issued for another region";
  const source = f.credentialSource;
  if (source === `config: ${CONFIG_API_KEY_PATH}`) {
    const where = `${CONFIG_API_KEY_PATH} of ${f.configFile ?? "the config"}`;
    return ` The Bedrock API key in ${where} was refused: ${why}. Put a valid key there, or remove it (or set auth to "aws-sdk") to use AWS credentials.`;
  }
  if (source === "env: AWS_BEARER_TOKEN_BEDROCK") {
    return ` The Bedrock API key in AWS_BEARER_TOKEN_BEDROCK was refused: ${why}. Set a valid key there, or unset it to use the next credential source.`;
  }
  if (source === "explicit") return ` The Bedrock API key passed as credentials (bearerToken) was refused: ${why}. Pass a valid key.`;
  return ` The Bedrock API key was refused (check AWS_BEARER_TOKEN_BEDROCK, the config's ${CONFIG_API_KEY_PATH} or the bearerToken option): ${why}.`;
}

/** Bedrock's words for a Bedrock API key it refused ("Authentication failed: Please make sure your API Key is valid."). */
export const API_KEY_REFUSED = /api key/i;

function authHint(f: ServiceFailure, type: string): string {
  if (type.startsWith("Expired") || type === "TokenRefreshRequired" || EXPIRED.test(f.serviceMessage)) {
    if (/signature expired/i.test(f.serviceMessage)) {
      return " The request's timestamp is too far from AWS's clock: sync this machine's clock (NTP) and retry.";
    }
    return " The credentials have expired: refresh them (aws sso login, re-assume the role, or a new AWS_SESSION_TOKEN) and retry.";
  }
  if (type === "UnrecognizedClientException" || type === "InvalidClientTokenId" || type === "InvalidAccessKeyId") {
    return " The access key id, session token or Bedrock API key is not recognised: check that they belong together, are active, and are meant for this partition/region.";
  }
  if (type === "MissingAuthenticationTokenException") {
    return " The request was not signed: provide credentials (keys, a profile or AWS_BEARER_TOKEN_BEDROCK).";
  }
  return " Check the secret access key (it must match the access key id) and that this machine's clock is correct (SigV4 allows 5 minutes of skew); a proxy that rewrites the request also breaks the signature.";
}

/**
 * Map one failure Bedrock reported to its typed error. Shared by {@link errorFromResponse} (HTTP)
 * and {@link errorFromFrame} (exception frames) so both channels agree.
 */
export function errorFromType(f: ServiceFailure): BedrockError {
  const type = f.type;
  const status = f.status;
  const base = { status, requestId: f.requestId, serviceMessage: f.serviceMessage || undefined };
  if (type === "ModelNotReadyException" || type === "ModelTimeoutException" || type === "ModelErrorException") {
    const hint =
      type === "ModelNotReadyException"
        ? " The model is not ready to serve requests yet (e.g. a custom model warming up); retry in a little while."
        : type === "ModelTimeoutException"
          ? " The model took too long: shorten the prompt or maxTokens, or use the streaming API."
          : " The model itself failed; retry, and report it to AWS support with the request id if it persists.";
    return new ModelError(describe(f, "the model failed") + hint, {
      ...base,
      code: type,
      retryable: type === "ModelNotReadyException",
      originalStatusCode: f.originalStatusCode,
      resourceName: f.resourceName,
    });
  }
  if (type === "ModelStreamErrorException") {
    const original = f.originalMessage
      ? ` The model said${f.originalStatusCode ? ` (${f.originalStatusCode})` : ""}: ${f.originalMessage.replace(/[.\s]+$/, "")}.`
      : "";
    return new ModelStreamError(
      `${describe(f, "the model failed while streaming")}${original} The events received so far are valid; retry the request to get a complete answer.`,
      { ...base, originalStatusCode: f.originalStatusCode, originalMessage: f.originalMessage },
    );
  }
  if (type === "ServiceQuotaExceededException") {
    return new QuotaExceededError(
      `${describe(f, "a service quota would be exceeded")} Request a quota increase in the Service Quotas console, or reduce the request.`,
      base,
    );
  }
  if (type === "ThrottlingException" || (status === 429 && (type === undefined || MODELED_STATUS[type] === undefined))) {
    return new ThrottlingError(
      `${describe(f, "too many requests or tokens")} Slow down, or raise the tokens-per-minute / requests-per-minute quota; cross-region inference profiles ("us.…", "global.…") have more headroom.`,
      { ...base, code: type ?? "ThrottlingException", retryAfterMs: f.retryAfterMs },
    );
  }
  if (type !== undefined && (AUTH_TYPES.has(type) || (status === 403 && EXPIRED.test(f.serviceMessage)))) {
    return new AuthenticationError(describe(f, "the request's credentials were refused") + authHint(f, type), { ...base, code: type });
  }
  if (type === "AccessDeniedException" || (status === 403 && type === undefined)) {
    if (type === undefined && /signature|security token/i.test(f.serviceMessage)) {
      return new AuthenticationError(describe(f, "the request's credentials were refused") + authHint(f, "InvalidSignatureException"), base);
    }
    if (API_KEY_REFUSED.test(f.serviceMessage)) {
      return new AccessDeniedError(`${describe(f, "access denied")}${apiKeyRefusedHint(f)}`, { ...base, code: type ?? "AccessDeniedException" });
    }
    return new AccessDeniedError(
      `${describe(f, "access denied")} Grant the identity bedrock:InvokeModelWithResponseStream (ConverseStream) / bedrock:InvokeModel (Converse) on the model or inference profile in IAM, and make sure model access is enabled for this model in the Bedrock console (Model access) in this region.`,
      { ...base, code: type ?? "AccessDeniedException" },
    );
  }
  if (type === "ValidationException" || (status === 400 && type === undefined)) {
    const limit = parseLimitMessage(f.serviceMessage);
    if (limit !== undefined) {
      return new ModelLimitExceededError(describe(f, "the request exceeds the model's limit") + limitHint(limit), { ...base, code: type ?? "ValidationException", limit });
    }
    const hint = INFERENCE_PROFILE.test(f.serviceMessage)
      ? inferenceProfileHint(f)
      : " Fix the request (model id, message order, content blocks, parameters) and try again.";
    return new ValidationError(describe(f, "the request is invalid") + hint, { ...base, code: type ?? "ValidationException" });
  }
  if (type === "ResourceNotFoundException" || (status === 404 && (type === undefined || MODELED_STATUS[type] === undefined))) {
    return new ResourceNotFoundError(
      `${describe(f, "resource not found")} Check the model id / inference-profile id and the region (not every model is offered in every region); \`streambed models list\` shows what this region has.`,
      { ...base, code: type ?? "ResourceNotFoundException" },
    );
  }
  if (type === "InternalServerException" || (status === 500 && type === undefined)) {
    return new InternalServerError(`${describe(f, "internal server error")} Retry; it is retried automatically before the first event.`, {
      ...base,
      code: type ?? "InternalServerException",
    });
  }
  if (type === "ServiceUnavailableException" || ((status === 503 || status === 502 || status === 504) && type === undefined)) {
    return new ServiceUnavailableError(
      `${describe(f, "service unavailable")} Bedrock (or a gateway in front of it) is temporarily unavailable; retry with backoff (done automatically before the first event).`,
      { ...base, code: type ?? "ServiceUnavailableException" },
    );
  }
  return new UnknownServiceError(
    `${describe(f, "unknown error")} streambed has no specific advice for this error; the request id helps AWS support.`,
    { ...base, code: type ?? (status !== undefined ? `HTTP${status}` : "UnknownError"), retryable: status !== undefined && status >= 500 },
  );
}
