import { createBedrock, type ModelListing } from "streambed";
import { EXIT_FAILURE, EXIT_OK } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { formatModelsTable, learnedNotes } from "../models-table.js";
import { configFileSecrets } from "../config-file-secrets.js";
import { redactForOutput, reportCommandError } from "../report-error.js";
import { withSpinner } from "../spinner.js";

export interface ModelsListOptions {
  json?: boolean;
  plain?: boolean;
  wide?: boolean;
  provider?: string;
  all?: boolean;
  refresh?: boolean;
}

/** The columns the table must fit: the terminal's, else COLUMNS, else none (a pipe gets whole names). */
function tableWidth(io: CliIo): number | undefined {
  const stdout = io.stdout as NodeJS.WriteStream;
  if (stdout.isTTY && stdout.columns > 0) return stdout.columns;
  const columns = Number(io.env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}

/** Discovery failed (as opposed to being off, or finding nothing). */
function discoveryFailed(listing: ModelListing): boolean {
  return listing.discovery.source === "network" && listing.discovery.reason !== undefined;
}

/**
 * `streambed models list`: configured + discovered models as a table (fitting the terminal;
 * `--wide` every column), `--json` as
 * `{count, models}`, `--plain` one key per line. Empty → "No models found." and the reason;
 * exit 1 when that is because discovery failed.
 */
export async function runModelsList(io: CliIo, options: ModelsListOptions): Promise<number> {
  const bedrock = createBedrock({ env: io.env });
  try {
    const listing = await withSpinner(io, "Listing Bedrock models…", () =>
      bedrock.models.listing({
        ...(options.all ? { includeLegacy: true } : {}),
        ...(options.refresh ? { refresh: true } : {}),
        ...(options.provider ? { provider: options.provider } : {}),
      }),
    );
    const { models, discovery } = listing;
    const reasons = [discovery.reason, discovery.profilesReason].filter((r): r is string => !!r);
    const secrets = reasons.length > 0 ? await configFileSecrets(io.env) : [];
    const notes = reasons.map((r) => redactForOutput(r, io.env, secrets));
    if (options.json) {
      io.stdout.write(`${JSON.stringify({ count: models.length, models }, null, 2)}\n`);
    } else if (options.plain) {
      for (const m of models) io.stdout.write(`${m.key}\n`);
    } else if (models.length > 0) {
      io.stdout.write(formatModelsTable(models, { wide: !!options.wide, width: tableWidth(io) }));
      for (const line of learnedNotes(models)) io.stdout.write(`${line}\n`);
    }
    if (models.length === 0) {
      const why = notes.length > 0 ? notes.join(" ") : options.provider ? `No model matches --provider ${options.provider}.` : "Discovery returned no streaming text models and none are configured.";
      // The table's place on stdout; stderr when stdout is JSON or a key list meant for scripts.
      (options.json || options.plain ? io.stderr : io.stdout).write(`No models found.\n${why}\n`);
      return discoveryFailed(listing) ? EXIT_FAILURE : EXIT_OK;
    }
    for (const note of notes) io.stderr.write(`Note: ${note}\n`);
    return EXIT_OK;
  } catch (error) {
    return reportCommandError(io, error);
  } finally {
    await bedrock.close();
  }
}
