/** Shared by loopback-guard.mjs and child-env.mjs (python/sitecustomize.py repeats them). No side effects. */

/** Where credential endpoints point under the guard: a loopback port nothing listens on (discard). */
export const REFUSED_ENDPOINT = "http://127.0.0.1:9";
/** Env variables set to {@link REFUSED_ENDPOINT} when unset: IMDS and the APIs credential providers call. */
export const NEUTRALISED_ENDPOINT_VARS = ["AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_SSO", "AWS_ENDPOINT_URL_SSO_OIDC", "AWS_ENDPOINT_URL_SIGNIN"];

/** Sets the credential endpoints that are not set yet to {@link REFUSED_ENDPOINT} (in `env`, default `process.env`). */
export function neutraliseCredentialEndpoints(env = process.env) {
  for (const name of NEUTRALISED_ENDPOINT_VARS) if (!env[name]?.trim()) env[name] = REFUSED_ENDPOINT;
  return env;
}
