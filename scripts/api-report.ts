/**
 * API reports: the public surface of a package as a stable, reviewable text, one per types file its
 * package.json `exports` map names (`packages/X/api/<file>.api.md`). Read from the built
 * `dist/*.d.ts` with the TypeScript compiler, so it is what users get, not what the sources say.
 *
 * A report lists every exported name, sorted, with its kind and its declaration as it appears in the
 * types (comments dropped), then every declaration the exports reach that is not exported itself
 * (an option type, a base interface…): a change there changes the public surface too.
 *
 * Checked by `test/api-report.test.ts` in each package ({@link defineApiReportTests}:
 * `toMatchFileSnapshot`; a difference fails, with `CI=true` a missing report too;
 * `npx vitest run test/api-report.test.ts -u` rewrites the reports on purpose).
 * By hand: `npx tsx scripts/api-report.ts packages/node` prints a package's reports.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

/** One types file of a package and the export subpaths/conditions that resolve to it. */
export interface ApiEntry {
  /** Report name: the types file's name without `.d.ts` (`index`, `edge`, `undici`). */
  name: string;
  /** Absolute path of the ESM types file. */
  typesFile: string;
  /** `"." (node)`, `"./fetch"`, …: how users reach it. */
  reachedBy: string[];
}

interface Manifest {
  name: string;
  exports?: Record<string, unknown>;
  types?: string;
}

function readManifest(packageDir: string): Manifest {
  return JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as Manifest;
}

/** Every ESM types file the package's `exports` map names (the `types` beside each `import`/default). */
export function apiEntries(packageDir: string): ApiEntry[] {
  const manifest = readManifest(packageDir);
  const entries = new Map<string, ApiEntry>();
  const add = (types: string, reachedBy: string) => {
    if (types.endsWith(".d.cts")) return; // the CJS types mirror the ESM ones (built from the same source)
    const file = resolve(packageDir, types);
    const entry = entries.get(file) ?? { name: basename(types).replace(/\.d\.[cm]?ts$/, ""), typesFile: file, reachedBy: [] };
    if (!entry.reachedBy.includes(reachedBy)) entry.reachedBy.push(reachedBy);
    entries.set(file, entry);
  };
  const walk = (target: unknown, subpath: string, conditions: string[]) => {
    if (typeof target === "string") return;
    if (target === null || typeof target !== "object") return;
    for (const [key, value] of Object.entries(target as Record<string, unknown>)) {
      if (key === "types" && typeof value === "string") {
        const runtime = conditions.filter((c) => !["import", "require", "default"].includes(c));
        add(value, runtime.length > 0 ? `"${subpath}" (${runtime.join(", ")})` : `"${subpath}"`);
      } else walk(value, subpath, [...conditions, key]);
    }
  };
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (subpath === "./package.json") continue;
    walk(target, subpath, []);
  }
  if (entries.size === 0 && manifest.types) add(manifest.types, ".");
  return [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

function kindOf(node: ts.Node): string {
  if (ts.isFunctionDeclaration(node)) return "function";
  if (ts.isClassDeclaration(node)) return "class";
  if (ts.isInterfaceDeclaration(node)) return "interface";
  if (ts.isTypeAliasDeclaration(node)) return "type";
  if (ts.isEnumDeclaration(node)) return "enum";
  if (ts.isModuleDeclaration(node)) return "namespace";
  if (ts.isVariableDeclaration(node)) return ts.getCombinedNodeFlags(node) & ts.NodeFlags.Const ? "const" : "let";
  return ts.SyntaxKind[node.kind];
}

function printDeclaration(node: ts.Node): string {
  if (ts.isVariableDeclaration(node)) return `declare ${kindOf(node)} ${printer.printNode(ts.EmitHint.Unspecified, node, node.getSourceFile())};`;
  return printer.printNode(ts.EmitHint.Unspecified, node, node.getSourceFile());
}

/** Which package a declaration comes from (`@streambed/core`), or its path when it is in none. */
function originOf(file: string, root: string): string {
  let dir = dirname(file);
  while (dir !== dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return readManifest(dir).name;
    dir = dirname(dir);
  }
  return relative(root, file);
}

/**
 * The bundled types rename clashing local names (`Env$1`, `Env$2`) in an order that depends on
 * unrelated code; the report uses the names as written in the sources.
 */
function withoutBundlerSuffixes(text: string): string {
  return text.replace(/\b([A-Za-z_][\w]*)\$\d+\b/g, "$1");
}

function declarationsOf(symbol: ts.Symbol): ts.Declaration[] {
  return (symbol.declarations ?? []).filter((d) => !ts.isSourceFile(d));
}

function section(title: string, declarations: ts.Declaration[]): string {
  const kinds = [...new Set(declarations.map(kindOf))].join(", ");
  const body = withoutBundlerSuffixes(declarations.map(printDeclaration).join("\n\n"));
  return `### ${title} (${kinds})\n\n\`\`\`ts\n${body}\n\`\`\`\n`;
}

/** The report of one types file: a Markdown document, byte-stable for the same declarations. */
export function apiReport(packageDir: string, entry: ApiEntry): string {
  const root = resolve(packageDir, "../..");
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    // No checking happens, only reading declarations: the standard library is not needed.
    noLib: true,
  };
  // Types of third-party packages (undici, the AWS SDK) are printed as written, never followed:
  // reading them would only make the report slow. Workspace packages resolve to packages/*.
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, ...rest) =>
    file.includes("/node_modules/")
      ? ts.createSourceFile(file, "export {};", language)
      : getSourceFile(file, language, ...rest);
  const program = ts.createProgram([entry.typesFile], options, host);
  // A workspace package whose types are missing (not built yet, or being rebuilt) would silently
  // shrink the report: refuse instead.
  for (const file of program.getSourceFiles()) {
    if (file.fileName.includes("/node_modules/")) continue;
    for (const statement of file.statements) {
      const specifier = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier;
      if (!specifier || !ts.isStringLiteral(specifier) || !/^(\.|streambed$|streambed\/|@streambed\/)/.test(specifier.text)) continue;
      const mode = program.getModeForUsageLocation(file, specifier);
      const resolved = ts.resolveModuleName(specifier.text, file.fileName, options, host, undefined, undefined, mode).resolvedModule;
      if (!resolved || resolved.extension !== (mode === ts.ModuleKind.CommonJS ? ".d.cts" : ".d.ts")) {
        throw new Error(`api-report: "${specifier.text}" (imported by ${relative(root, file.fileName)}) does not resolve; build it first`);
      }
    }
  }
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry.typesFile);
  if (!source) throw new Error(`api-report: ${entry.typesFile} not found; build the package first`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`api-report: ${entry.typesFile} is not a module`);

  const resolveAlias = (symbol: ts.Symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  const exports = checker.getExportsOfModule(moduleSymbol).map((symbol) => ({ name: symbol.name, target: resolveAlias(symbol) }));
  exports.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const exported = new Set(exports.map((e) => e.target));

  // Declarations reached from the exported ones through type references, not exported themselves.
  const reached = new Map<ts.Symbol, string>();
  const queue = exports.flatMap((e) => declarationsOf(e.target));
  const visit = (node: ts.Node): void => {
    let name: ts.Node | undefined;
    if (ts.isTypeReferenceNode(node)) name = node.typeName;
    else if (ts.isExpressionWithTypeArguments(node)) name = node.expression;
    else if (ts.isTypeQueryNode(node)) name = node.exprName;
    if (name) {
      const symbol = checker.getSymbolAtLocation(ts.isQualifiedName(name) ? name.left : name);
      const target = symbol && resolveAlias(symbol);
      if (target && !(target.flags & ts.SymbolFlags.TypeParameter) && !exported.has(target) && !reached.has(target)) {
        const declarations = declarationsOf(target);
        const file = declarations[0]?.getSourceFile().fileName;
        if (file && !file.includes("/node_modules/")) {
          reached.set(target, originOf(file, root));
          queue.push(...declarations);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  for (let i = 0; i < queue.length; i++) visit(queue[i]!);

  const manifest = readManifest(packageDir);
  const lines = [
    `# API report: ${manifest.name} — ${entry.name}`,
    "",
    `Reached by: ${entry.reachedBy.join(", ")}. Types: \`${relative(packageDir, entry.typesFile)}\`.`,
    "Generated by `scripts/api-report.ts` from the built types; do not edit. After an intended change of",
    "the public surface: build the package, then `npx vitest run test/api-report.test.ts -u` in it.",
    "",
    `## Exports (${exports.length})`,
    "",
  ];
  for (const { name, target } of exports) {
    const declarations = declarationsOf(target);
    const declared = withoutBundlerSuffixes(target.name);
    const declaredAs = declared !== name && declared !== "default" ? ` as ${declared}` : "";
    lines.push(declarations.length > 0 ? section(`${name}${declaredAs}`, declarations) : `### ${name}\n\n(no declaration found)\n`);
  }
  const rest = [...reached].map(([symbol, origin]) => section(`${withoutBundlerSuffixes(symbol.name)} — ${origin}`, declarationsOf(symbol))).sort();
  lines.push(`## Not exported, reached from the exports (${rest.length})`, "");
  lines.push(...rest);
  return `${lines.join("\n").trimEnd()}\n`;
}

/** The part of vitest the report tests use (passed in, so this file does not import a vitest of its own). */
export interface ReportTestApi {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: () => Promise<void> | void): void;
  expect(actual: unknown): { toMatchFileSnapshot(file: string): Promise<void>; toEqual(expected: unknown): void };
}

/**
 * The API report tests of one package: each entry's report equals its committed `api/<name>.api.md`,
 * and `api/` holds no report of an entry that is gone.
 */
export function defineApiReportTests(packageDir: string, { describe, it, expect }: ReportTestApi): void {
  const entries = apiEntries(packageDir);
  const dir = join(packageDir, "api");
  describe("API report (scripts/api-report.ts)", () => {
    for (const entry of entries) {
      it(`api/${entry.name}.api.md is the public surface of ${entry.reachedBy.join(", ")}`, async () => {
        await expect(apiReport(packageDir, entry)).toMatchFileSnapshot(join(dir, `${entry.name}.api.md`));
      });
    }
    it("api/ holds a report for each entry and no other", () => {
      const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".api.md")) : [];
      const expected = entries.map((e) => `${e.name}.api.md`);
      expect(files.filter((f) => !expected.includes(f))).toEqual([]);
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const packageDir = resolve(process.argv[2] ?? ".");
  for (const entry of apiEntries(packageDir)) process.stdout.write(`${apiReport(packageDir, entry)}\n`);
}
