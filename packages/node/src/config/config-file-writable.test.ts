import { describe, expect, it } from "vitest";
import { ConfigFileNotWritableError } from "@streambed/core";
import { assertConfigFileWritable, formatMode, whyNotWritable } from "./config-file-writable.js";

const ALICE = { uid: 1000, gids: [1000, 27] };
const ROOT = { uid: 0, gids: [0] };

describe("whyNotWritable", () => {
  it("an ordinary user: the write bit of their class decides; another owner or a foreign group is refused", () => {
    expect(whyNotWritable({ mode: 0o600, uid: 1000, gid: 1000 }, ALICE)).toBeUndefined();
    expect(whyNotWritable({ mode: 0o644, uid: 1000, gid: 27 }, ALICE)).toBeUndefined(); // a group of theirs
    expect(whyNotWritable({ mode: 0o444, uid: 1000, gid: 1000 }, ALICE)).toBe("it is read-only for you (owner permissions)");
    expect(whyNotWritable({ mode: 0o466, uid: 1000, gid: 1000 }, ALICE)).toBe("it is read-only for you (owner permissions)");
    expect(whyNotWritable({ mode: 0o644, uid: 2000, gid: 27 }, ALICE)).toBe("it is read-only for you (group permissions)");
    expect(whyNotWritable({ mode: 0o664, uid: 2000, gid: 2000 }, ALICE)).toBe("it is read-only for you (other permissions)");
    expect(whyNotWritable({ mode: 0o664, uid: 2000, gid: 27 }, ALICE)).toMatch(/^it belongs to another user \(uid 2000\): replacing it would make you its owner$/);
    expect(whyNotWritable({ mode: 0o666, uid: 1000, gid: 50 }, ALICE)).toMatch(/^its group \(gid 50\) is not one of yours/);
  });

  it("root: refused only when no one may write the file (root's own bypass is not used); owner kept by the writer", () => {
    expect(whyNotWritable({ mode: 0o444, uid: 0, gid: 0 }, ROOT)).toBe("it is read-only (no write permission for anyone)");
    expect(whyNotWritable({ mode: 0o400, uid: 1000, gid: 1000 }, ROOT)).toBe("it is read-only (no write permission for anyone)");
    expect(whyNotWritable({ mode: 0o644, uid: 1000, gid: 1000 }, ROOT)).toBeUndefined();
    expect(whyNotWritable({ mode: 0o200, uid: 0, gid: 0 }, ROOT)).toBeUndefined();
  });

  it("no user ids (Windows): the read-only attribute (owner write bit)", () => {
    expect(whyNotWritable({ mode: 0o444, uid: 0, gid: 0 }, undefined)).toBe("it is read-only");
    expect(whyNotWritable({ mode: 0o666, uid: 0, gid: 0 }, undefined)).toBeUndefined();
  });
});

describe("assertConfigFileWritable", () => {
  it("throws ConfigFileNotWritableError with the file, its mode and what to do", () => {
    let error: unknown;
    try {
      assertConfigFileWritable("/etc/streambed.json5", { mode: 0o100444, uid: 0, gid: 0 }, "/etc/streambed.json5", ALICE);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigFileNotWritableError);
    expect(error).toMatchObject({ file: "/etc/streambed.json5", mode: 0o444, retryable: false });
    expect((error as Error).message).toBe(
      "Not writing the config file /etc/streambed.json5: it is read-only for you (other permissions) (mode 0444 (r--r--r--), owner uid 0, gid 0). Nothing was written. If you mean to change it, make it writable first (chmod u+w /etc/streambed.json5); or set STREAMBED_CONFIG to another file.",
    );
    expect(() => assertConfigFileWritable("/x", { mode: 0o664, uid: 2000, gid: 27 }, "/x", ALICE)).toThrow(/Run the command as the file's owner/);
    expect(() => assertConfigFileWritable("/x", { mode: 0o600, uid: 1000, gid: 1000 }, "/x", ALICE)).not.toThrow();
  });

  it("formatMode", () => {
    expect(formatMode(0o100644)).toBe("0644 (rw-r--r--)");
    expect(formatMode(0o751)).toBe("0751 (rwxr-x--x)");
  });
});
