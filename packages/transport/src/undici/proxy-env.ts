/** Proxy settings read from environment variables, in the shape undici's `EnvHttpProxyAgent` takes. */
export interface ProxySettings {
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
}

function pick(env: Record<string, string | undefined>, name: string): string {
  // Lower case wins, as in curl and undici.
  return env[name.toLowerCase()] || env[name] || "";
}

/**
 * `HTTP_PROXY` / `HTTPS_PROXY` / `NO_PROXY` (either case) from `env`, or `undefined` when neither
 * proxy variable is set. All three fields are always strings, so undici never falls back to
 * `process.env` behind the caller's back.
 */
export function proxySettingsFromEnv(env: Record<string, string | undefined>): ProxySettings | undefined {
  const httpProxy = pick(env, "HTTP_PROXY");
  const httpsProxy = pick(env, "HTTPS_PROXY");
  if (httpProxy === "" && httpsProxy === "") return undefined;
  return { httpProxy, httpsProxy, noProxy: pick(env, "NO_PROXY") };
}
