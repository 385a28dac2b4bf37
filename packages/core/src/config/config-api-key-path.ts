/** Where the config's Bedrock API key lives: the `describe()` label is `config: ` + this. */
export const CONFIG_API_KEY_PATH = 'models.providers["amazon-bedrock"].apiKey';
