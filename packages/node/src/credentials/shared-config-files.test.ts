import { describe, expect, it } from "vitest";
import { parseIni, profileKind, sharedConfigPaths } from "./shared-config-files.js";

describe("shared config files", () => {
  it("parses sections, comments and indented sub-keys", () => {
    const ini = parseIni(
      "# comment\n[default]\nregion = us-west-2 \n; other\n[profile dev] # trailing\naws_access_key_id=AKIADEVEXAMPLE000001\ns3 =\n  max_concurrent_requests = 10\nregion = eu-west-1\n",
    );
    expect(ini.get("default")).toEqual({ region: "us-west-2" });
    expect(ini.get("profile dev")).toEqual({
      aws_access_key_id: "AKIADEVEXAMPLE000001",
      s3: "",
      "s3.max_concurrent_requests": "10",
      region: "eu-west-1",
    });
  });

  it("tells SSO, credential and settings-only profiles apart", () => {
    expect(profileKind({ sso_session: "corp", sso_account_id: "1", sso_role_name: "r" })).toBe("sso");
    expect(profileKind({ sso_start_url: "https://x.awsapps.com/start" })).toBe("sso");
    expect(profileKind({ role_arn: "arn:aws:iam::1:role/r", source_profile: "sso-base", sso_session: "corp" })).toBe("credentials");
    expect(profileKind({ credential_process: "/bin/creds" })).toBe("credentials");
    expect(profileKind({ region: "us-east-1", output: "json" })).toBe("settings-only");
  });

  it("finds the files from AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE (with ~), else HOME/.aws", () => {
    expect(sharedConfigPaths({ HOME: "/home/u" })).toEqual({ configFile: "/home/u/.aws/config", credentialsFile: "/home/u/.aws/credentials" });
    expect(sharedConfigPaths({ HOME: "/home/u", AWS_CONFIG_FILE: "~/cfg", AWS_SHARED_CREDENTIALS_FILE: "/etc/aws/creds" })).toEqual({
      configFile: "/home/u/cfg",
      credentialsFile: "/etc/aws/creds",
    });
  });
});
