// The chaos run (docs/faults.md, "Chaos"): random faults from the whole catalogue against the
// emulator and loopback servers, checked after every iteration. Exit 1 on any violation, with the
// seed and iteration to replay it.
//   npx tsx scripts/chaos.ts [--seed N] [--iterations N] [--budget-seconds S] [--iteration I]
//                            [--transports undici,fetch] [--kind TEXT]… [--slack-ms MS] [--grace-ms MS]
//   env: CHAOS_SEED, CHAOS_ITERATIONS, CHAOS_BUDGET_SECONDS
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const HELP = `Usage: tsx scripts/chaos.ts [options]
  --seed N             the run's seed (default: random, printed; env CHAOS_SEED)
  --iterations N       how many iterations (default 300; env CHAOS_ITERATIONS)
  --budget-seconds S   stop starting iterations after S seconds and report what ran (env CHAOS_BUDGET_SECONDS)
  --iteration I        run only iteration I of the seed (a replay); --from I runs I, I+1, … instead
  --transports LIST    undici,fetch (default both)
  --kind TEXT          only fault kinds whose name contains TEXT (repeatable; changes the draw)
  --slack-ms MS        added to every deadline before a call counts as hung (default 8000)
  --grace-ms MS        time for handles, processes and requests to go away after an iteration (default 3000)`;

const { values } = parseArgs({
  // `pnpm test:chaos -- --seed 1` passes the `--` on.
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    seed: { type: "string" },
    iterations: { type: "string" },
    "budget-seconds": { type: "string" },
    iteration: { type: "string" },
    from: { type: "string" },
    transports: { type: "string" },
    kind: { type: "string", multiple: true },
    "slack-ms": { type: "string" },
    "grace-ms": { type: "string" },
    help: { type: "boolean" },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const number = (name: string, text: string | undefined): number | undefined => {
  if (text === undefined || text === "") return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`chaos: --${name} must be a whole number ≥ 0, got ${JSON.stringify(text)}\n${HELP}`);
    process.exit(2);
  }
  return n;
};

// Tests never leave loopback: load the guard when this checkout has it (docs/contributing.md).
const guardFile = fileURLToPath(new URL("./test-guard/loopback-guard.mjs", import.meta.url));
const guard = existsSync(guardFile) ? ((await import(guardFile)) as { loopbackGuardAttempts?: () => unknown[] }) : undefined;
// Nothing from this machine's environment reaches a credential source (the AWS SDK also reads process.env).
for (const name of Object.keys(process.env)) if (name.startsWith("AWS_") || name.startsWith("STREAMBED_")) delete process.env[name];

const { runChaos } = await import("../packages/node/test/chaos/run-chaos.ts");
const { printReport } = await import("../packages/node/test/chaos/print-report.ts");

const seed = number("seed", values.seed ?? process.env.CHAOS_SEED) ?? Math.floor(Math.random() * 2 ** 31);
const single = number("iteration", values.iteration);
const from = single ?? number("from", values.from) ?? 0;
const iterations = single !== undefined ? 1 : (number("iterations", values.iterations ?? process.env.CHAOS_ITERATIONS) ?? 300);
const budgetSeconds = number("budget-seconds", values["budget-seconds"] ?? process.env.CHAOS_BUDGET_SECONDS);
const transports = (values.transports ?? "undici,fetch").split(",").map((t) => t.trim()) as Array<"undici" | "fetch">;
if (transports.some((t) => t !== "undici" && t !== "fetch")) {
  console.error(`chaos: --transports takes undici and/or fetch, got ${values.transports}`);
  process.exit(2);
}
const slackMs = number("slack-ms", values["slack-ms"]);
const graceMs = number("grace-ms", values["grace-ms"]);

const replayFlags = [
  ...(values.transports ? [`--transports ${values.transports}`] : []),
  ...(values.kind ?? []).map((k) => `--kind ${JSON.stringify(k)}`),
].join(" ");
console.log(
  `chaos: seed ${seed}, iterations ${from}–${from + iterations - 1}${budgetSeconds === undefined ? "" : `, budget ${budgetSeconds} s`}, transports ${transports.join(", ")}` +
    `${values.kind ? `, kinds matching ${values.kind.join(" | ")}` : ""}${guard ? ", loopback guard on" : ""}`,
);
console.log(`  replay this run: npx tsx scripts/chaos.ts --seed ${seed} --iterations ${iterations}${from ? ` --from ${from}` : ""} ${replayFlags}`.trimEnd());

const report = await runChaos({
  seed,
  iterations,
  from,
  ...(budgetSeconds === undefined ? {} : { budgetSeconds }),
  transports,
  ...(values.kind ? { kinds: values.kind } : {}),
  ...(slackMs === undefined ? {} : { slackMs }),
  ...(graceMs === undefined ? {} : { graceMs }),
  ...(guard?.loopbackGuardAttempts ? { guardAttempts: () => guard.loopbackGuardAttempts!().length } : {}),
  log: (line) => console.log(line),
});
printReport(report, (line) => console.log(line), replayFlags);
// Ends even if something the run could not close still holds the event loop (reported above as a leak).
process.exit(report.violations.length > 0 || report.ran === 0 ? 1 : 0);
