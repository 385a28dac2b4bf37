/** Namespace suffix Bedrock puts after the error type in `x-amzn-errortype`. */
const BEDROCK_NS = "http://internal.amazon.com/coral/com.amazon.bedrock/";
/** Namespace suffix of the authentication layer's errors. */
const CORAL_NS = "http://internal.amazon.com/coral/com.amazon.coral.service/";
const AUTH_TYPES = new Set([
  "InvalidSignatureException",
  "UnrecognizedClientException",
  "IncompleteSignatureException",
  "MissingAuthenticationTokenException",
]);

/** An AWS-style error the handlers turn into a JSON reply. */
export class AwsErrorReply {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly message: string,
    readonly extra: Record<string, unknown> = {},
  ) {}
}

/**
 * A REST-JSON error response like Bedrock's: status, `x-amzn-errortype: <Type>:<namespace>`,
 * `x-amzn-requestid`, and a JSON body `{ "message": … }`.
 */
export function awsErrorResponse(error: AwsErrorReply, requestId: string): Response {
  const ns = AUTH_TYPES.has(error.type) ? CORAL_NS : BEDROCK_NS;
  return new Response(JSON.stringify({ message: error.message, ...error.extra }), {
    status: error.status,
    headers: {
      "content-type": "application/json",
      "x-amzn-requestid": requestId,
      "x-amzn-errortype": `${error.type}:${ns}`,
    },
  });
}

/** A JSON 200 reply with Bedrock's headers. */
export function jsonResponse(body: unknown, requestId: string): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { "content-type": "application/json", "x-amzn-requestid": requestId },
  });
}

/** `1 validation error detected: …` as Bedrock phrases enum/range violations. */
export function validationError(message: string): AwsErrorReply {
  return new AwsErrorReply(400, "ValidationException", message);
}

/**
 * What AWS's front end (Coral) answers for a path no operation has: 404, `x-amzn-errortype:
 * UnknownOperationException`, and Coral's own body rather than `{ message }`.
 */
export function unknownOperationResponse(requestId: string): Response {
  return new Response(JSON.stringify({ Output: { __type: "com.amazon.coral.service#UnknownOperationException", message: null }, Version: "1.0" }), {
    status: 404,
    headers: {
      "content-type": "application/json",
      "x-amzn-requestid": requestId,
      "x-amzn-errortype": `UnknownOperationException:${CORAL_NS}`,
    },
  });
}

/**
 * What Bedrock answered for a Converse / ConverseStream path whose model ARN kept a literal `/`
 * (recorded for vercel/ai #17523, both operations): HTTP **200** with Coral's body
 * `{"Output":{"__type":"com.amazon.coral.service#UnknownOperationException"},"Version":"1.0"}`.
 */
export function coralUnknownOperation200(requestId: string): Response {
  return new Response(`${JSON.stringify({ Output: { __type: "com.amazon.coral.service#UnknownOperationException" }, Version: "1.0" })}\n`, {
    status: 200,
    headers: { "content-type": "application/json", "x-amzn-requestid": requestId },
  });
}
