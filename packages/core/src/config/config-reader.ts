import { configCredentialSource } from "../credentials/config-credential-source.js";
import { configSecrets } from "../credentials/redact-values.js";
import type { ConfigReader } from "./config-reader-type.js";
import { configuredModelsWith } from "./configured-models.js";

/**
 * The code that reads a config for a client (see {@link ConfigReader}). `parseConfig()` attaches it
 * to the config it returns; the Node `createBedrock` passes it with its config file.
 */
export const configReader: ConfigReader = {
  models: configuredModelsWith,
  secrets: configSecrets,
  apiKeySource: configCredentialSource,
};
