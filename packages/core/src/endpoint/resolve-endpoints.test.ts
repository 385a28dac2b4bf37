import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors/index.js";
import { resolveEndpoints } from "./resolve-endpoints.js";

describe("resolveEndpoints", () => {
  it("defaults to the regional hosts", () => {
    expect(resolveEndpoints({ region: "us-west-2", env: {} })).toEqual({
      runtime: "https://bedrock-runtime.us-west-2.amazonaws.com",
      controlPlane: "https://bedrock.us-west-2.amazonaws.com",
      runtimeSource: "default",
      controlPlaneSource: "default",
      signingRegion: "us-west-2",
    });
  });

  it("option → service variable → AWS_ENDPOINT_URL → default, each winning over all lower ones", () => {
    const env = {
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: "https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com/",
      AWS_ENDPOINT_URL_BEDROCK: "https://vpce-2.bedrock.us-east-1.vpce.amazonaws.com",
      AWS_ENDPOINT_URL: "http://127.0.0.1:4010",
    };
    const all = resolveEndpoints({ region: "us-east-1", env, runtime: "https://proxy.example.com/bedrock/", controlPlane: "https://cp.example.com" });
    expect([all.runtime, all.runtimeSource, all.controlPlane, all.controlPlaneSource]).toEqual([
      "https://proxy.example.com/bedrock",
      "option",
      "https://cp.example.com",
      "option",
    ]);
    const fromService = resolveEndpoints({ region: "us-east-1", env });
    expect(fromService.runtime).toBe("https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com");
    expect(fromService.runtimeSource).toBe("env: AWS_ENDPOINT_URL_BEDROCK_RUNTIME");
    expect(fromService.controlPlane).toBe("https://vpce-2.bedrock.us-east-1.vpce.amazonaws.com");
    expect(fromService.controlPlaneSource).toBe("env: AWS_ENDPOINT_URL_BEDROCK");
    const generic = resolveEndpoints({ region: "eu-west-1", env: { AWS_ENDPOINT_URL: "http://127.0.0.1:4010" } });
    expect(generic).toEqual({
      runtime: "http://127.0.0.1:4010",
      controlPlane: "http://127.0.0.1:4010",
      runtimeSource: "env: AWS_ENDPOINT_URL",
      controlPlaneSource: "env: AWS_ENDPOINT_URL",
      signingRegion: "eu-west-1",
    });
    const ignored = resolveEndpoints({ region: "eu-west-1", env: { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" } });
    expect(ignored.runtimeSource).toBe("default");
  });

  it("China, GovCloud, FIPS and dual-stack hosts", () => {
    const host = (region: string, env: Record<string, string> = {}) => {
      const r = resolveEndpoints({ region, env });
      return [r.runtime, r.controlPlane];
    };
    expect(host("cn-north-1")).toEqual(["https://bedrock-runtime.cn-north-1.amazonaws.com.cn", "https://bedrock.cn-north-1.amazonaws.com.cn"]);
    expect(host("us-east-1", { AWS_USE_FIPS_ENDPOINT: "true" })).toEqual([
      "https://bedrock-runtime-fips.us-east-1.amazonaws.com",
      "https://bedrock-fips.us-east-1.amazonaws.com",
    ]);
    expect(host("us-gov-west-1", { AWS_USE_FIPS_ENDPOINT: "TRUE" })[0]).toBe("https://bedrock-runtime-fips.us-gov-west-1.amazonaws.com");
    expect(host("us-west-2", { AWS_USE_DUALSTACK_ENDPOINT: "true" })[0]).toBe("https://bedrock-runtime.us-west-2.api.aws");
    expect(host("us-west-2", { AWS_USE_DUALSTACK_ENDPOINT: "true", AWS_USE_FIPS_ENDPOINT: "true" })[0]).toBe(
      "https://bedrock-runtime-fips.us-west-2.api.aws",
    );
    expect(host("cn-northwest-1", { AWS_USE_DUALSTACK_ENDPOINT: "true" })[0]).toBe(
      "https://bedrock-runtime.cn-northwest-1.api.amazonwebservices.com.cn",
    );
    expect(host("eu-west-1", { AWS_USE_FIPS_ENDPOINT: "false" })[0]).toBe("https://bedrock-runtime.eu-west-1.amazonaws.com");
  });

  it("custom hosts still sign for the resolved region", () => {
    const r = resolveEndpoints({ region: "ap-south-1", env: { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: "https://bedrock.internal.example" } });
    expect(r.signingRegion).toBe("ap-south-1");
  });

  it("invalid URLs and flags are ConfigErrors naming the variable, without echoing the value", () => {
    const cases: Array<[Parameters<typeof resolveEndpoints>[0], string]> = [
      [{ region: "us-east-1", env: { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: "not a url" } }, "AWS_ENDPOINT_URL_BEDROCK_RUNTIME"],
      [{ region: "us-east-1", env: { AWS_ENDPOINT_URL_BEDROCK: "ftp://x.example" } }, "AWS_ENDPOINT_URL_BEDROCK"],
      [{ region: "us-east-1", env: { AWS_ENDPOINT_URL: "https://user:hunter2secret@proxy.example" } }, "AWS_ENDPOINT_URL"],
      [{ region: "us-east-1", env: {}, runtime: "https://x.example/?a=1" }, "endpoint"],
      [{ region: "us-east-1", env: { AWS_USE_FIPS_ENDPOINT: "yes" } }, "AWS_USE_FIPS_ENDPOINT"],
    ];
    for (const [input, name] of cases) {
      let error: unknown;
      try {
        resolveEndpoints(input);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).path).toBe(name);
      expect((error as ConfigError).message).toContain(name);
      expect((error as ConfigError).message).not.toContain("hunter2secret");
    }
  });
});
