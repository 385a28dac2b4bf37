import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, it } from "vitest";
import { canonicalPath } from "./canonical-path.js";

/** smithy's own canonical path (a protected method), for the differential check. */
const smithy = new SignatureV4({ service: "bedrock", region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" }, sha256: class {} as never });
const smithyPath = (path: string): string => (smithy as unknown as { getCanonicalPath(r: { path: string }): string }).getCanonicalPath({ path });

describe("canonicalPath", () => {
  it("double-encodes a Bedrock model path as smithy does", () => {
    const path = "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123%3Ainference-profile%2Fus.anthropic.claude-sonnet-4-6/converse-stream";
    expect(canonicalPath(path)).toBe(smithyPath(path));
    expect(canonicalPath(path)).toContain("arn%253Aaws%253Abedrock");
  });

  it("normalises and escapes every kind of path exactly as smithy's getCanonicalPath", () => {
    const paths = [
      "/",
      "",
      "//",
      "/a/./b/../c/",
      "/../x",
      "/model/us.anthropic.claude-3-5-sonnet-20240620-v1:0/converse",
      "/model/a b/converse",
      "/foundation-models",
      "/x/!'()*~-_./y",
      "/%E2%82%AC/%20/",
      "/a//b///c",
      "/é/ü",
      "relative/path/",
    ];
    for (const path of paths) expect(canonicalPath(path), path).toBe(smithyPath(path));
  });
});
