import { Command, Option } from "commander";
import type { CliIo } from "./io.js";
import { parseInteger, parseReasoning, REASONING_LEVELS } from "./parse-options.js";

/**
 * The command tree. Each action imports its command module when it runs, so `--help` and option
 * errors never load the client, undici or the emulator. An action sets `exitCode` on the holder.
 */
export function buildProgram(io: CliIo, result: { exitCode: number }, version: string): Command {
  const program = new Command("streambed")
    .description("Stream Amazon Bedrock models from the terminal: chat, list models, edit the config, check the setup, run a local emulator.")
    .version(version, "-V, --version")
    // picocolors reads NO_COLOR and --no-color itself; declared so commander accepts it anywhere.
    .option("--no-color", "turn colours off (also NO_COLOR=1)")
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
    })
    .exitOverride()
    .showHelpAfterError("(add --help for usage)")
    .addHelpText(
      "after",
      "\nExit codes: 0 ok, 1 runtime error (Bedrock, network, credentials), 2 usage error.\nSet NO_COLOR=1 to turn colours off. Docs: https://github.com/streambed/streambed/blob/main/docs/cli.md",
    );

  program
    .command("chat")
    .description("Send one prompt and stream the reply as it arrives (prompt from piped stdin when not given); with no prompt on a terminal, an interactive session (/model, /system, /reset, /exit; Ctrl-C cancels an answer).")
    .argument("[prompt...]", "the prompt; read from piped stdin when absent, or a session on a terminal")
    .option("-m, --model <ref>", 'model: "amazon-bedrock/<id>", an id, an inference-profile id or an ARN (default: agents.defaults.model.primary)')
    .option("-s, --system <text>", "system prompt")
    .option("--max-tokens <n>", "maximum output tokens", parseInteger(1, 1_000_000))
    .addOption(new Option("--reasoning <level>", `reasoning effort: ${REASONING_LEVELS.join("|")} or a token budget`).argParser(parseReasoning))
    .option("--json", "write one JSON event per line instead of text")
    .action(async (prompt: string[], options) => {
      const { runChat } = await import("./commands/chat.js");
      result.exitCode = await runChat(io, { ...options, prompt: prompt.length > 0 ? prompt.join(" ") : undefined });
    });

  const models = program.command("models").description("Models you can call: configured and discovered.");
  models
    .command("list")
    .description("List configured and discovered models: model id, context, input, name (--wide: key, max output, reasoning, prices, source, profile).")
    .addOption(new Option("--json", "print {count, models} as JSON (exact prices)").conflicts(["plain", "wide"]))
    .addOption(new Option("--plain", "print one model key per line").conflicts("wide"))
    .option("--wide", "every column: key, name, input, context, max output, reasoning, $/Mtok, source, profile")
    .option("--provider <name>", "only this provider (anthropic, amazon, meta …)")
    .option("--all", "include LEGACY models")
    .option("--refresh", "ignore the discovery cache and list again")
    .action(async (options) => {
      const { runModelsList } = await import("./commands/models-list.js");
      result.exitCode = await runModelsList(io, options);
    });

  const config = program
    .command("config")
    .description("Read and edit the config file (~/.streambed/config.json5, or STREAMBED_CONFIG).")
    .addHelpText(
      "after",
      '\nPaths use dots and brackets: models.bedrockDiscovery.enabled, models.providers["amazon-bedrock"].baseUrl, models.providers["amazon-bedrock"].models[0].id',
    );
  config
    .command("get")
    .description("Print the value at a path (JSON for objects and arrays). Secrets (apiKey, tokens, passwords …) show as <hidden: N characters> unless --reveal.")
    .argument("<path>", 'config path, e.g. models.providers["amazon-bedrock"].region')
    .option("--reveal", "print secret values too (API keys, tokens, passwords): only on your own terminal")
    .action(async (path: string, options: { reveal?: boolean }) => {
      const { runConfigGet } = await import("./commands/config.js");
      result.exitCode = await runConfigGet(io, path, options);
    });
  config
    .command("set")
    .description("Set a value (parsed as JSON5, else kept as a string); the whole config is validated before writing.")
    .argument("<path>", "config path")
    .argument("<value>", 'value: true, 3600, "text", [\"anthropic\"], {…}')
    .option("--strict-json", "the value must be valid JSON (no fallback to a string)")
    .action(async (path: string, value: string, options: { strictJson?: boolean }) => {
      const { runConfigSet } = await import("./commands/config.js");
      result.exitCode = await runConfigSet(io, path, value, options);
    });
  config
    .command("unset")
    .description("Remove the value at a path; the whole config is validated before writing.")
    .argument("<path>", "config path")
    .action(async (path: string) => {
      const { runConfigUnset } = await import("./commands/config.js");
      result.exitCode = await runConfigUnset(io, path);
    });
  config
    .command("path")
    .description("Print the config file's path.")
    .action(async () => {
      const { runConfigPath } = await import("./commands/config.js");
      result.exitCode = await runConfigPath(io);
    });

  program
    .command("doctor")
    .description("Check the setup: Node, config, region, endpoints, credentials, discovery, cache. Never prints a secret.")
    .option("--probe", "also call ListFoundationModels once and report the timing or the error")
    .action(async (options: { probe?: boolean }) => {
      const { runDoctor } = await import("./commands/doctor.js");
      result.exitCode = await runDoctor(io, options);
    });

  program
    .command("emulator")
    .description("Run the local Bedrock emulator on loopback and print the environment variables that point clients at it.")
    .option("-p, --port <n>", "port (0 = any free port)", parseInteger(0, 65535), 4010)
    .option("--tokens-per-second <n>", "pace of generated text", parseInteger(0, 100_000), 40)
    .option("--api-key <key>", "Bedrock API key (bearer token) to accept; default: the printed demo key")
    .addOption(new Option("--strict", "unknown model ids get Bedrock's 400 ValidationException (default)").conflicts("lenient"))
    .addOption(new Option("--lenient", "answer any model id with the built-in behaviours"))
    .action(async (options: { port: number; tokensPerSecond: number; apiKey?: string; strict?: boolean; lenient?: boolean }) => {
      const { runEmulator } = await import("./commands/emulator.js");
      result.exitCode = await runEmulator(io, {
        port: options.port,
        tokensPerSecond: options.tokensPerSecond,
        ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
        lenient: options.lenient === true,
      });
    });

  program
    .command("serve")
    .description("Run the OpenAI-compatible gateway in front of Bedrock (keys from the config's gateway section; docs/gateway.md).")
    .option("-p, --port <n>", "port (0 = any free port)", parseInteger(0, 65535), 8080)
    .option("--host <address>", "address to listen on (0.0.0.0 behind a load balancer)", "127.0.0.1")
    .option("--config <file>", "config file with the gateway section (default: STREAMBED_CONFIG or ~/.streambed/config.json5)")
    .option("--redis <url>", "share per-key limits with every replica through this Redis (redis://host:6379)")
    .action(async (options: { port: number; host: string; config?: string; redis?: string }) => {
      const { runServe } = await import("./commands/serve.js");
      result.exitCode = await runServe(io, options);
    });

  const keys = program.command("gateway").description("Manage the gateway (streambed serve).").command("keys").description("Gateway keys: only their hashes are stored.");
  keys
    .command("create")
    .description("Make a key; print it once (stdout) and store only its hash in the config file.")
    .requiredOption("--name <name>", "who holds the key (unique)")
    .option("--models <patterns...>", "model ids it may call, * as wildcard ('anthropic.*'); default: every model")
    .option("--rpm <n>", "requests per minute", parseInteger(1, 100_000_000))
    .option("--tpm <n>", "tokens per minute", parseInteger(1, 1_000_000_000_000))
    .option("--config <file>", "config file (default: STREAMBED_CONFIG or ~/.streambed/config.json5)")
    .action(async (options: { name: string; models?: string[]; rpm?: number; tpm?: number; config?: string }) => {
      const { runKeysCreate } = await import("./commands/gateway-keys.js");
      result.exitCode = await runKeysCreate(io, options);
    });
  keys
    .command("list")
    .description("List keys: id, name, prefix, models, limits (never the key or its hash).")
    .option("--json", "print {count, keys} as JSON")
    .option("--config <file>", "config file")
    .action(async (options: { json?: boolean; config?: string }) => {
      const { runKeysList } = await import("./commands/gateway-keys.js");
      result.exitCode = await runKeysList(io, options);
    });
  keys
    .command("revoke")
    .description("Remove a key by id or name (a running gateway stops accepting it within 2 s).")
    .argument("<key>", "key id (key_…) or name")
    .option("--config <file>", "config file")
    .action(async (which: string, options: { config?: string }) => {
      const { runKeysRevoke } = await import("./commands/gateway-keys.js");
      result.exitCode = await runKeysRevoke(io, which, options);
    });

  return program;
}
