export * from "./service-errors.js";
export * from "./client-errors.js";
export * from "./credentials-expired-error.js";
export * from "./config-file-errors.js";
export { errorFromResponse, parseRetryAfter, sanitizeErrorType, type ErrorResponse } from "./error-from-response.js";
export { errorFromFrame } from "./error-from-frame.js";
export { errorFromType, type ServiceFailure } from "./error-from-type.js";
export { redactSecrets } from "./redact-secrets.js";
