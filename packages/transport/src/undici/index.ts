export { createUndiciTransport, type UndiciTransportOptions } from "./create-undici-transport.js";
export { proxySettingsFromEnv, type ProxySettings } from "./proxy-env.js";
