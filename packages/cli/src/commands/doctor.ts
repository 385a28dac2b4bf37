import { homedir } from "node:os";
import { configSecrets, redactValues, substituteEnv } from "@streambed/core";
import { defaultCacheDir } from "@streambed/node/internal";
import {
  configApiKeyState,
  createBedrock,
  defaultConfigPath,
  discoverySettings,
  loadConfigFile,
  type CredentialDescription,
  type ResolvedSettings,
  type StreambedConfig,
} from "streambed";
import { configFileSecrets } from "../config-file-secrets.js";
import { readCacheFiles } from "../discovery-cache-files.js";
import { atLeastVersion, formatDoctorReport, learnedCheck, withoutUserInfo, type DoctorCheck } from "../doctor-report.js";
import { EXIT_FAILURE, EXIT_OK } from "../exit-codes.js";
import { formatAge } from "../format-age.js";
import type { CliIo } from "../io.js";
import { probeErrorName } from "../probe-error-name.js";
import { formatError, redactForOutput } from "../report-error.js";

const MIN_NODE = "20.19";

interface ConfigState {
  check: DoctorCheck;
  /** The validated config; `false` when missing or invalid (the other checks run without it). */
  config: StreambedConfig | false;
  /** The file exists but cannot be read as a config: the client runs without it. */
  invalid?: boolean;
}

async function checkConfig(io: CliIo): Promise<ConfigState> {
  const file = defaultConfigPath(io.env);
  const via = io.env.STREAMBED_CONFIG?.trim() ? " (STREAMBED_CONFIG)" : "";
  try {
    const loaded = await loadConfigFile({ env: io.env });
    if (!loaded.exists) return { check: { status: "info", label: "config", detail: `${file}${via}: not found (optional; defaults apply)` }, config: false };
    const key = configApiKeyState(loaded.config);
    // A Bedrock API key written but not used, or required but unusable: valid JSON5, still worth a warning.
    if (key.state === "invalid" || key.state === "ignored") {
      const why = key.state === "invalid" ? key.problem : `models.providers["amazon-bedrock"].apiKey is ${key.reason}.`;
      return { check: { status: "warn", label: "config", detail: `${file}${via}: valid, but the Bedrock API key cannot be used`, more: [why] }, config: loaded.config ?? false };
    }
    // `${NAME}` references whose variable is unset stay as written (OpenClaw's rule): worth a warning.
    const unresolved = substituteEnv(loaded.raw, io.env).unresolved;
    if (unresolved.length > 0) {
      const more = unresolved.map((u) => `${u.path}: \${${u.name}} is left as written: ${u.name} is not set (or empty)`);
      return { check: { status: "warn", label: "config", detail: `${file}${via}: valid, with unset environment variables`, more }, config: loaded.config ?? false };
    }
    return { check: { status: "ok", label: "config", detail: `${file}${via}: valid` }, config: loaded.config ?? false };
  } catch (error) {
    return { check: { status: "fail", label: "config", detail: `${file}${via}: invalid`, more: [formatError(error, io.env)] }, config: false, invalid: true };
  }
}

function endpointSource(source: string): string {
  // The CLI passes no endpoint option: "option" means the config's baseUrl.
  return source === "option" ? 'config: models.providers["amazon-bedrock"].baseUrl' : source;
}

function settingsChecks(s: ResolvedSettings): DoctorCheck[] {
  return [
    { status: "info", label: "region", detail: `${s.region} (${s.regionSource})` },
    { status: "info", label: "runtime", detail: `${withoutUserInfo(s.runtimeEndpoint)} (${endpointSource(s.runtimeEndpointSource)})` },
    { status: "info", label: "control plane", detail: `${withoutUserInfo(s.controlPlaneEndpoint)} (${s.controlPlaneEndpointSource})` },
  ];
}

const CONFIG_KEY_PATH = 'models.providers["amazon-bedrock"].apiKey';
const CONFIG_KEY_STEP = `config: ${CONFIG_KEY_PATH}`;

/** `tried` as chat's error lists it; a config that could not be read still has its step (after AWS_BEARER_TOKEN_BEDROCK). */
function triedSteps(tried: string[], configInvalid: boolean): string[] {
  if (!configInvalid || tried.some((t) => t.startsWith(`${CONFIG_KEY_STEP} — `))) return tried;
  const at = tried.findIndex((t) => t.startsWith("env: AWS_BEARER_TOKEN_BEDROCK — ")) + 1;
  return [...tried.slice(0, at), `${CONFIG_KEY_STEP} — not read: the config is invalid (see config)`, ...tried.slice(at)];
}

function credentialsCheck(d: CredentialDescription, configInvalid: boolean): DoctorCheck {
  if (d.kind === "none" || d.source === "none") {
    const advice =
      'Set a Bedrock API key in AWS_BEARER_TOKEN_BEDROCK or in models.providers["amazon-bedrock"].apiKey, or set AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY, or AWS_PROFILE.';
    return { status: "fail", label: "credentials", detail: "none found", more: [...triedSteps(d.tried ?? [], configInvalid).map((t) => `tried: ${t}`), advice] };
  }
  const parts = [d.kind === "bearer" ? "Bedrock API key (bearer)" : "SigV4"];
  if (d.accessKeyId) parts.push(`key ${d.accessKeyId}`);
  if (d.hasSessionToken) parts.push("with session token");
  if (d.expiration) parts.push(`expires ${d.expiration}`);
  return { status: "ok", label: "credentials", detail: `${d.source} (${parts.join(", ")})` };
}

function discoveryCheck(config: StreambedConfig | false, haveCredentials: boolean, region: string): { check: DoctorCheck; region: string } {
  const d = discoverySettings(config || undefined);
  const discoveryRegion = d.region ?? region;
  const extras = [`region ${discoveryRegion}${d.region ? " (models.bedrockDiscovery.region)" : ""}`, `refresh every ${d.refreshInterval} s`];
  if (d.providerFilter.length > 0) extras.push(`providers ${d.providerFilter.join(", ")}`);
  if (d.includeLegacy) extras.push("legacy included");
  const why =
    d.enabled === true
      ? "on (models.bedrockDiscovery.enabled is true)"
      : d.enabled === false
        ? "off (models.bedrockDiscovery.enabled is false)"
        : haveCredentials
          ? "on (automatic: credentials were found)"
          : "off (automatic: no credentials; set models.bedrockDiscovery.enabled to true to try anyway)";
  const status = d.enabled === false || (d.enabled === undefined && !haveCredentials) ? "warn" : "ok";
  return { check: { status, label: "discovery", detail: `${why}; ${extras.join(", ")}` }, region: discoveryRegion };
}

async function cacheCheck(now: number, refreshSeconds: number, region: string, endpoint: string | undefined): Promise<DoctorCheck> {
  const dir = defaultCacheDir(homedir());
  const files = (await readCacheFiles(dir)).filter((f) => f.learned === undefined);
  if (files.length === 0) return { status: "info", label: "cache", detail: `${dir}: empty (the first model listing fills it)` };
  const dated = files.filter((f) => f.fetchedAt !== undefined).sort((a, b) => b.fetchedAt! - a.fetchedAt!);
  const same = dated.find((f) => f.region === region && (endpoint === undefined || f.endpoint === endpoint.replace(/\/+$/, "")));
  const pick = same ?? dated[0];
  if (!pick) return { status: "warn", label: "cache", detail: `${dir}: ${files.length} unreadable file(s) (they are replaced on the next listing)` };
  const age = now - pick.fetchedAt!;
  const fresh = age < refreshSeconds * 1000;
  // Entries that fail the model schema are dropped by the client and fetched again: say so.
  const invalid = files.filter((f) => f.problem !== undefined && f.fetchedAt !== undefined);
  const more = [`${dir} (${files.length} file(s))`, ...invalid.filter((f) => f !== pick).map((f) => `${f.file}: invalid (${f.problem}); dropped and fetched again when listed`)];
  if (same && pick.problem !== undefined) {
    return {
      status: "warn",
      label: "cache",
      detail: `the cached list for ${region} (fetched ${formatAge(age)} ago) is invalid: ${pick.problem}; it is dropped and fetched again on the next listing`,
      more: [`${pick.file}`, ...more],
    };
  }
  const what = same ? `${pick.models ?? "?"} models for ${region}` : `nothing for ${region} yet; newest is for ${pick.region ?? "?"}`;
  return {
    status: invalid.length > 0 ? "warn" : "info",
    label: "cache",
    detail: `${what}, fetched ${formatAge(age)} ago${same ? (fresh ? " (fresh)" : " (expired; refreshed on the next listing)") : ""}${invalid.length > 0 ? `; ${invalid.length} invalid file(s)` : ""}`,
    more,
  };
}

async function probe(io: CliIo, config: StreambedConfig | false): Promise<DoctorCheck> {
  // The probe's client gets the config as an object (discovery forced on), so core says "the config"
  // where a refused API key is set: name the file, as chat's error does.
  const file = defaultConfigPath(io.env);
  const inFile = (text: string) => text.replaceAll(`${CONFIG_KEY_PATH} of the config `, `${CONFIG_KEY_PATH} of ${file} `);
  // Discovery forced on and an in-memory cache: exactly one fresh listing, nothing written.
  const raw = (config || {}) as StreambedConfig & { models?: Record<string, unknown> };
  const forced = { ...raw, models: { ...raw.models, bedrockDiscovery: { ...raw.models?.bedrockDiscovery, enabled: true } } } as StreambedConfig;
  const client = createBedrock({ env: io.env, config: forced, discoveryCache: "memory" });
  try {
    const started = performance.now();
    const { models, discovery } = await client.models.listing({ refresh: true });
    const ms = Math.round(performance.now() - started);
    if (discovery.reason && models.length === 0 && discovery.source !== "disabled") {
      let reason = redactForOutput(discovery.reason.replace(/^Model discovery failed:\s*/, ""), io.env);
      const name = discovery.error?.name ?? probeErrorName(reason);
      if (name === "CredentialsNotFoundError") reason = "No AWS credentials found (what was tried is listed under credentials).";
      return { status: "fail", label: "probe", detail: `ListFoundationModels failed after ${ms} ms`, more: [`${name}: ${inFile(reason)}`] };
    }
    const more = discovery.profilesReason ? [redactForOutput(discovery.profilesReason, io.env)] : [];
    return { status: more.length > 0 ? "warn" : "ok", label: "probe", detail: `ListFoundationModels answered in ${ms} ms: ${models.length} streaming text models`, more };
  } finally {
    await client.close();
  }
}

/**
 * `streambed doctor [--probe]`: Node, config, region, endpoints, credential source, discovery,
 * cache; with `--probe` one ListFoundationModels call. Exit 1 when a check fails. The report is
 * passed through the secret redaction before it is printed.
 */
export async function runDoctor(io: CliIo, options: { probe?: boolean }): Promise<number> {
  const checks: DoctorCheck[] = [];
  const node = process.versions.node;
  checks.push({ status: atLeastVersion(node, MIN_NODE) ? "ok" : "fail", label: "node", detail: `v${node} (needs ≥ ${MIN_NODE})` });
  const { check, config, invalid } = await checkConfig(io);
  checks.push(check);
  // The client reads the config file itself, as `chat` does (so the credential chain has its config
  // step, and errors name the file); only a config that cannot be read is left out.
  const client = createBedrock({ env: io.env, ...(invalid ? { config: false as const } : {}), discoveryCache: "memory" });
  try {
    let settings: ResolvedSettings | undefined;
    try {
      settings = await client.settings();
      checks.push(...settingsChecks(settings));
    } catch (error) {
      checks.push({ status: "fail", label: "region", detail: "cannot resolve the region or endpoints", more: [formatError(error, io.env)] });
    }
    let haveCredentials = false;
    try {
      const described = await client.credentials.describe();
      haveCredentials = described.kind !== "none" && described.source !== "none";
      checks.push(credentialsCheck(described, invalid === true));
    } catch (error) {
      checks.push({ status: "fail", label: "credentials", detail: "the credential source failed", more: [formatError(error, io.env)] });
    }
    if (settings) {
      const d = discoveryCheck(config, haveCredentials, settings.region);
      checks.push(d.check);
      const endpoint = d.region === settings.region ? settings.controlPlaneEndpoint : undefined;
      checks.push(await cacheCheck(Date.now(), discoverySettings(config || undefined).refreshInterval, d.region, endpoint));
      const runtime = settings.runtimeEndpoint.replace(/\/+$/, "");
      const learned = learnedCheck((await readCacheFiles(defaultCacheDir(homedir()))).find((f) => f.learned && f.endpoint === runtime)?.learned, runtime);
      if (learned) checks.push(learned);
    }
    if (options.probe) {
      try {
        checks.push(await probe(io, config));
      } catch (error) {
        checks.push({ status: "fail", label: "probe", detail: "ListFoundationModels could not be sent", more: [formatError(error, io.env)] });
      }
    }
  } finally {
    await client.close();
  }
  // The file's secrets as written, not only the parsed config's: an unparsable file is quoted in its error.
  io.stdout.write(redactValues(redactForOutput(formatDoctorReport(checks), io.env), [...configSecrets(config || undefined), ...(await configFileSecrets(io.env))]));
  return checks.some((c) => c.status === "fail") ? EXIT_FAILURE : EXIT_OK;
}
