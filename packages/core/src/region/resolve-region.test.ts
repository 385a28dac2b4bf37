import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors/index.js";
import { regionFromArn } from "./region-from-arn.js";
import { resolveRegion } from "./resolve-region.js";

describe("resolveRegion", () => {
  const all = {
    option: "eu-west-1",
    config: "eu-west-2",
    env: { AWS_REGION: "eu-west-3", AWS_DEFAULT_REGION: "eu-central-1" },
    profileRegion: "ap-northeast-1",
  };

  it("option → config → AWS_REGION → AWS_DEFAULT_REGION → profile → us-east-1, each winning over all lower ones", () => {
    expect(resolveRegion(all)).toEqual({ region: "eu-west-1", source: "option" });
    expect(resolveRegion({ ...all, option: undefined })).toEqual({ region: "eu-west-2", source: "config" });
    expect(resolveRegion({ ...all, option: undefined, config: "" })).toEqual({ region: "eu-west-3", source: "env: AWS_REGION" });
    expect(resolveRegion({ profileRegion: "ap-northeast-1", env: { AWS_DEFAULT_REGION: "eu-central-1" } })).toEqual({
      region: "eu-central-1",
      source: "env: AWS_DEFAULT_REGION",
    });
    expect(resolveRegion({ profileRegion: "ap-northeast-1", env: { AWS_REGION: " " } })).toEqual({ region: "ap-northeast-1", source: "profile" });
    expect(resolveRegion({ env: {} })).toEqual({ region: "us-east-1", source: "default" });
  });

  it("accepts every partition's region names", () => {
    for (const region of ["us-gov-west-1", "cn-north-1", "us-isob-east-1", "eusc-de-east-1", "ap-southeast-7", "mx-central-1"]) {
      expect(resolveRegion({ option: region, env: {} }).region).toBe(region);
    }
  });

  it("a malformed region is a ConfigError naming where it came from", () => {
    const error = (() => {
      try {
        resolveRegion({ env: { AWS_REGION: "US East 1" } });
      } catch (e) {
        return e;
      }
    })() as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.path).toBe("env: AWS_REGION");
    expect(error.message).toContain("AWS_REGION");
  });
});

describe("regionFromArn", () => {
  it("reads the region of Bedrock ARNs only", () => {
    expect(regionFromArn("arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-5-v1:0")).toBe("eu-west-1");
    expect(regionFromArn("arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0")).toBe("us-east-1");
    expect(regionFromArn("arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:application-inference-profile/abc")).toBe("us-gov-west-1");
    expect(regionFromArn("arn:aws-cn:bedrock:cn-north-1:123456789012:provisioned-model/x")).toBe("cn-north-1");
    expect(regionFromArn("us.anthropic.claude-opus-4-6-v1:0")).toBeUndefined();
    expect(regionFromArn("arn:aws:s3:::bucket")).toBeUndefined();
    expect(regionFromArn("arn:aws:bedrock::123456789012:x")).toBeUndefined();
  });
});
