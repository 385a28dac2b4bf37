export { defaultConfigPath, expandPath, CONFIG_ENV_VAR } from "./default-config-path.js";
export { loadConfigFile, maskSecretValues, parseJson5, secretValueSpans, type LoadedConfigFile, type LoadConfigFileOptions } from "./load-config-file.js";
export { writeConfigFile, writeFileAtomic, formatConfig } from "./write-config-file.js";
