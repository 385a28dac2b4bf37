/**
 * The public surface of this package, one report per entry of its `exports` map, against the
 * committed `api/*.api.md`. After an intended change: build, then `npx vitest run test/api-report.test.ts -u`.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defineApiReportTests } from "../../../scripts/api-report.js";

defineApiReportTests(fileURLToPath(new URL("../", import.meta.url)), { describe, it, expect });
