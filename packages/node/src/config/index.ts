export { defaultConfigPath, expandPath, CONFIG_ENV_VAR } from "./default-config-path.js";
export { loadConfigFile, maskSecretValues, parseJson5, readRawConfigFile, secretValueSpans, type LoadedConfigFile, type LoadConfigFileOptions } from "./load-config-file.js";
export { writeConfigFile, updateConfigFile, formatConfig, type ConfigFileUpdate, type ConfigFileWriteOptions } from "./write-config-file.js";
export { writeFileAtomic, type WriteFileAtomicOptions } from "./write-file-atomic.js";
export { CONFIG_LOCK_DEFAULTS, lockFileOf, type ConfigFileLockOptions } from "./config-file-lock.js";
