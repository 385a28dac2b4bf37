import { describe, expect, it } from "vitest";
import { atLeastVersion, formatDoctorReport, learnedCheck, withoutUserInfo } from "./doctor-report.js";

// Colours depend on the terminal vitest runs in; the layout must not.
const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, "");

describe("doctor report", () => {
  it("aligns labels, indents details and counts problems", () => {
    const out = stripAnsi(formatDoctorReport([
      { status: "ok", label: "node", detail: "v20.19.0" },
      { status: "fail", label: "credentials", detail: "none found", more: ["tried: env"] },
      { status: "warn", label: "discovery", detail: "off" },
    ]));
    expect(out).toBe("✓ node         v20.19.0\n✗ credentials  none found\n               tried: env\n! discovery    off\n\n1 problem(s) found.\n");
    expect(formatDoctorReport([{ status: "info", label: "x", detail: "y" }])).toContain("No problems found.");
  });
  it("strips user:password from URLs", () => {
    expect(withoutUserInfo("http://user:pa55@proxy.local:3128/")).toBe("http://proxy.local:3128/");
    expect(withoutUserInfo("https://bedrock-runtime.us-east-1.amazonaws.com")).toBe("https://bedrock-runtime.us-east-1.amazonaws.com");
    expect(withoutUserInfo("not a url")).toBe("(not a URL)");
  });
  it("compares Node versions", () => {
    expect(atLeastVersion("20.19.0", "20.19")).toBe(true);
    expect(atLeastVersion("v22.1.0", "20.19")).toBe(true);
    expect(atLeastVersion("20.18.3", "20.19")).toBe(false);
  });

  it("lists what was learned from Bedrock's errors, with the source of each", () => {
    const at = Date.UTC(2026, 11, 4, 14, 30);
    const check = learnedCheck(
      {
        "anthropic.claude-3-5-sonnet-20240620-v1:0": { maxTokens: { tokens: 4096, learnedAt: at, source: "Bedrock ValidationException (request r-1)" } },
        "amazon.nova-pro-v1:0": { refusedFields: { cachePoint: { learnedAt: at, source: "Bedrock ValidationException at #/toolConfig/tools/1" } } },
      },
      "https://bedrock-runtime.us-east-1.amazonaws.com",
    );
    expect(check).toEqual({
      status: "info",
      label: "learned",
      detail: "2 model(s) with limits or refused fields learned from Bedrock's errors at https://bedrock-runtime.us-east-1.amazonaws.com",
      more: [
        "anthropic.claude-3-5-sonnet-20240620-v1:0: maxTokens 4096 (learned 2026-12-04T14:30:00Z from Bedrock ValidationException (request r-1))",
        "amazon.nova-pro-v1:0: cachePoint not sent (refused 2026-12-04T14:30:00Z: Bedrock ValidationException at #/toolConfig/tools/1)",
      ],
    });
    expect(learnedCheck({}, "x")).toBeUndefined();
    expect(learnedCheck(undefined, "x")).toBeUndefined();
  });
});
