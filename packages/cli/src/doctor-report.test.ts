import { describe, expect, it } from "vitest";
import { atLeastVersion, formatDoctorReport, withoutUserInfo } from "./doctor-report.js";

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
});
