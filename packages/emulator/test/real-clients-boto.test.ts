// boto3 / botocore (Python's AWS SDK) against the loopback emulator, request verification on.
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardedChildEnv } from "../../../scripts/test-guard/child-env.mjs";
import { startEmulator, type RunningEmulator } from "../src/server.js";
import { TEST_KEYS } from "./helpers.js";

const SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
const SESSION = { accessKeyId: "ASIAREALCLIENTS00002", secretAccessKey: "real-clients-secret-2", sessionToken: "real-clients-session-token" };
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ credentials: [TEST_KEYS, SESSION] });
});
afterAll(() => emulator.close());

function python(script: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "python3",
      ["-c", script],
      {
        // The Python loopback guard (sitecustomize via PYTHONPATH), IMDS off and the credential endpoints refused.
        env: guardedChildEnv(
          {
            PATH: process.env["PATH"] ?? "/usr/bin:/bin",
            HOME: "/nonexistent",
            AWS_CONFIG_FILE: "/dev/null",
            AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
            AWS_EC2_METADATA_DISABLED: "true",
            ...env,
          },
          { python: true },
        ),
        timeout: 60_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Run a boto3 script against the emulator with {@link TEST_KEYS} (env: EMULATOR_URL, KEY_ID, SECRET, MODEL). */
const pythonWithTestKeys = (script: string) =>
  python(script, { EMULATOR_URL: emulator.url, KEY_ID: TEST_KEYS.accessKeyId, SECRET: TEST_KEYS.secretAccessKey, MODEL: SONNET });

const BOTO_PROBE = "import boto3, botocore; print(boto3.__version__)";
const hasBoto = await python(BOTO_PROBE, {}).then((r) => r.code === 0).catch(() => false);
if (!hasBoto) console.warn("[emulator] python3 with boto3 not found: skipping the boto3 real-client tests (pip install boto3 to run them).");

const BOTO_SCRIPT = String.raw`
import json, os, boto3
from botocore.config import Config
from botocore.exceptions import ClientError, EventStreamError
cfg = Config(retries={"max_attempts": 1, "mode": "standard"})
url = os.environ["EMULATOR_URL"]
kw = dict(region_name="us-east-1", endpoint_url=url, config=cfg,
          aws_access_key_id=os.environ["KEY_ID"], aws_secret_access_key=os.environ["SECRET"],
          aws_session_token=os.environ.get("TOKEN") or None)
rt = boto3.client("bedrock-runtime", **kw)
br = boto3.client("bedrock", **kw)
out = {}
msgs = [{"role": "user", "content": [{"text": "hello from boto3"}]}]
try:
    r = rt.converse_stream(modelId=os.environ["MODEL"], messages=msgs)
    events = list(r["stream"])
    out["stream_types"] = [list(e.keys())[0] for e in events]
    out["stream_text"] = "".join(e["contentBlockDelta"]["delta"].get("text", "") for e in events if "contentBlockDelta" in e)
    out["usage"] = [e["metadata"]["usage"] for e in events if "metadata" in e][0]
    c = rt.converse(modelId=os.environ["MODEL"], messages=msgs)
    out["converse_text"] = c["output"]["message"]["content"][0]["text"]
    out["stop"] = c["stopReason"]
    m = br.list_foundation_models(byOutputModality="TEXT")
    out["models"] = len(m["modelSummaries"])
    out["lifecycle"] = m["modelSummaries"][0]["modelLifecycle"]["status"]
    p = br.list_inference_profiles(maxResults=3)
    out["profiles_page"] = len(p["inferenceProfileSummaries"])
    out["profiles_next"] = bool(p.get("nextToken"))
    out["created_type"] = type(p["inferenceProfileSummaries"][0]["createdAt"]).__name__
    try:
        r = rt.converse_stream(modelId=os.environ["MODEL"], messages=msgs)
        list(r["stream"])
    except EventStreamError as e:
        out["stream_error"] = e.response["Error"]["Code"]
except ClientError as e:
    out["error"] = e.response["Error"]["Code"]
    out["status"] = e.response["ResponseMetadata"]["HTTPStatusCode"]
print(json.dumps(out))
`;

describe.skipIf(!hasBoto)("boto3 / botocore against the loopback emulator (verification on)", () => {
  it("converse_stream, converse, list_foundation_models, list_inference_profiles", async () => {
    const { stdout, stderr, code } = await python(BOTO_SCRIPT, {
      EMULATOR_URL: emulator.url,
      KEY_ID: SESSION.accessKeyId,
      SECRET: SESSION.secretAccessKey,
      TOKEN: SESSION.sessionToken,
      MODEL: SONNET,
    });
    expect(code, stderr).toBe(0);
    const out = JSON.parse(stdout) as Record<string, any>;
    expect(out["error"]).toBeUndefined();
    expect(out["stream_types"][0]).toBe("messageStart");
    expect(out["stream_types"].slice(-2)).toEqual(["messageStop", "metadata"]);
    expect(out["stream_text"]).toBe("hello from boto3");
    expect(out["usage"].totalTokens).toBeGreaterThan(0);
    expect(out["converse_text"]).toBe("hello from boto3");
    expect(out["stop"]).toBe("end_turn");
    expect(out["models"]).toBeGreaterThan(10);
    expect(out["profiles_page"]).toBe(3);
    expect(out["profiles_next"]).toBe(true);
    expect(out["created_type"]).toBe("datetime");
    const fromBoto = emulator.requests.filter((r) => r.auth.accessKeyId === "****0002");
    expect(fromBoto.length).toBeGreaterThanOrEqual(5);
    expect(fromBoto.every((r) => r.auth.verified)).toBe(true);
  });

  it("gets 403 InvalidSignatureException with a wrong secret", async () => {
    const { stdout, stderr } = await python(BOTO_SCRIPT, {
      EMULATOR_URL: emulator.url,
      KEY_ID: TEST_KEYS.accessKeyId,
      SECRET: "not-the-secret",
      MODEL: SONNET,
    });
    const out = JSON.parse(stdout) as Record<string, any>;
    expect(out, stderr).toMatchObject({ error: "InvalidSignatureException", status: 403 });
  });

  it("surfaces a mid-stream exception frame as botocore's EventStreamError", async () => {
    const script = String.raw`
import json, os, boto3
from botocore.config import Config
from botocore.exceptions import EventStreamError
rt = boto3.client("bedrock-runtime", region_name="us-east-1", endpoint_url=os.environ["EMULATOR_URL"],
                  config=Config(retries={"max_attempts": 1}),
                  aws_access_key_id=os.environ["KEY_ID"], aws_secret_access_key=os.environ["SECRET"])
def add_fault(request, **kwargs):
    request.headers["x-streambed-emulator-fault"] = "throttlingException"
rt.meta.events.register("before-sign.bedrock-runtime.ConverseStream", add_fault)
out = {"text": ""}
try:
    r = rt.converse_stream(modelId=os.environ["MODEL"], messages=[{"role": "user", "content": [{"text": "some words first"}]}])
    for e in r["stream"]:
        out["text"] += e.get("contentBlockDelta", {}).get("delta", {}).get("text", "")
except EventStreamError as e:
    out["code"] = e.response["Error"]["Code"]
print(json.dumps(out))
`;
    const { stdout, stderr } = await pythonWithTestKeys(script);
    expect(stdout, stderr).not.toBe("");
    const out = JSON.parse(stdout) as { text: string; code?: string };
    expect(out.code).toBe("throttlingException");
    expect(out.text.length).toBeGreaterThan(0);
  });

  it("raises botocore's ValidationException with Bedrock's message for a request Bedrock would reject", async () => {
    const script = String.raw`
import json, os, boto3
from botocore.config import Config
rt = boto3.client("bedrock-runtime", region_name="us-east-1", endpoint_url=os.environ["EMULATOR_URL"],
                  config=Config(retries={"max_attempts": 1}),
                  aws_access_key_id=os.environ["KEY_ID"], aws_secret_access_key=os.environ["SECRET"])
tools = {"tools": [{"toolSpec": {"name": "get_weather", "inputSchema": {"json": {"type": "object"}}}}]}
msgs = [
    {"role": "user", "content": [{"text": "weather in Paris?"}]},
    {"role": "assistant", "content": [{"toolUse": {"toolUseId": "tooluse_boto3", "name": "get_weather", "input": {}}}]},
    {"role": "user", "content": [{"text": "forget the tool"}]},
]
out = {}
try:
    rt.converse(modelId=os.environ["MODEL"], messages=msgs, toolConfig=tools)
except rt.exceptions.ValidationException as e:
    out = {"class": type(e).__name__, "code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"],
           "status": e.response["ResponseMetadata"]["HTTPStatusCode"], "text": str(e)}
print(json.dumps(out))
`;
    const { stdout, stderr } = await pythonWithTestKeys(script);
    const out = JSON.parse(stdout) as Record<string, unknown>;
    expect(out, stderr).toEqual({
      class: "ValidationException",
      code: "ValidationException",
      message: "Expected toolResult blocks at messages.2.content for the following Ids: tooluse_boto3",
      status: 400,
      text: "An error occurred (ValidationException) when calling the Converse operation: Expected toolResult blocks at messages.2.content for the following Ids: tooluse_boto3",
    });
  });

  it("refuses unknown model ids and the :0 form of ids without one (400 ValidationException, as Bedrock)", async () => {
    const script = String.raw`
import json, os, boto3
from botocore.config import Config
rt = boto3.client("bedrock-runtime", region_name="us-east-1", endpoint_url=os.environ["EMULATOR_URL"],
                  config=Config(retries={"max_attempts": 1}),
                  aws_access_key_id=os.environ["KEY_ID"], aws_secret_access_key=os.environ["SECRET"])
msgs = [{"role": "user", "content": [{"text": "hi"}]}]
out = {}
for model in ["acme.no-such-model-v1:0", "anthropic.claude-sonnet-4-6:0", "us.anthropic.claude-sonnet-4-6:0", "us.anthropic.claude-sonnet-4-6"]:
    for op in ["converse", "converse_stream"]:
        try:
            r = getattr(rt, op)(modelId=model, messages=msgs)
            if op == "converse_stream": list(r["stream"])
            out[model + " " + op] = "ok"
        except rt.exceptions.ValidationException as e:
            out[model + " " + op] = [e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Message"]]
print(json.dumps(out))
`;
    const { stdout, stderr } = await pythonWithTestKeys(script);
    const out = JSON.parse(stdout) as Record<string, unknown>;
    const invalid = [400, "The provided model identifier is invalid."];
    expect(out, stderr).toEqual({
      "acme.no-such-model-v1:0 converse": invalid,
      "acme.no-such-model-v1:0 converse_stream": invalid,
      "anthropic.claude-sonnet-4-6:0 converse": invalid,
      "anthropic.claude-sonnet-4-6:0 converse_stream": invalid,
      "us.anthropic.claude-sonnet-4-6:0 converse": invalid,
      "us.anthropic.claude-sonnet-4-6:0 converse_stream": invalid,
      "us.anthropic.claude-sonnet-4-6 converse": "ok",
      "us.anthropic.claude-sonnet-4-6 converse_stream": "ok",
    });
  });

  it("get_foundation_model, get_inference_profile; an operation the emulator lacks gets UnknownOperationException; a us. profile from eu-west-1 is refused", async () => {
    const script = String.raw`
import json, os, boto3
from botocore.config import Config
from botocore.exceptions import ClientError
def client(service, region):
    return boto3.client(service, region_name=region, endpoint_url=os.environ["EMULATOR_URL"], config=Config(retries={"max_attempts": 1}),
                        aws_access_key_id=os.environ["KEY_ID"], aws_secret_access_key=os.environ["SECRET"])
br = client("bedrock", "us-east-1")
out = {}
def err(e): return [e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Code"], e.response["Error"].get("Message")]
m = br.get_foundation_model(modelIdentifier="amazon.nova-pro-v1:0")["modelDetails"]
out["model"] = [m["modelId"], m["providerName"], m["responseStreamingSupported"]]
m = br.get_foundation_model(modelIdentifier="arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0")["modelDetails"]
out["model_by_arn"] = m["modelId"]
p = br.get_inference_profile(inferenceProfileIdentifier="us.anthropic.claude-sonnet-4-6")
out["profile"] = [p["inferenceProfileId"], p["type"], len(p["models"]), type(p["createdAt"]).__name__]
for name, call in [("no_model", lambda: br.get_foundation_model(modelIdentifier="acme.nothing-v1:0")),
                   ("no_profile", lambda: br.get_inference_profile(inferenceProfileIdentifier="eu.anthropic.claude-sonnet-4-6")),
                   ("unknown_op", lambda: br.get_custom_model(modelIdentifier="my-model"))]:
    try:
        call(); out[name] = "ok"
    except ClientError as e:
        out[name] = err(e)
eu = client("bedrock-runtime", "eu-west-1")
msgs = [{"role": "user", "content": [{"text": "hi"}]}]
for model in ["us.anthropic.claude-sonnet-4-6", "eu.anthropic.claude-sonnet-4-6", "global.anthropic.claude-sonnet-4-6"]:
    try:
        eu.converse(modelId=model, messages=msgs); out[model] = "ok"
    except ClientError as e:
        out[model] = err(e)
print(json.dumps(out))
`;
    const { stdout, stderr } = await pythonWithTestKeys(script);
    const out = JSON.parse(stdout) as Record<string, unknown>;
    expect(out, stderr).toEqual({
      model: ["amazon.nova-pro-v1:0", "Amazon", true],
      model_by_arn: "amazon.nova-pro-v1:0",
      profile: ["us.anthropic.claude-sonnet-4-6", "SYSTEM_DEFINED", 3, "datetime"],
      no_model: [400, "ValidationException", "The provided model identifier is invalid."],
      no_profile: [404, "ResourceNotFoundException", "The inference profile eu.anthropic.claude-sonnet-4-6 does not exist in this region."],
      unknown_op: [404, "UnknownOperationException", ""],
      "us.anthropic.claude-sonnet-4-6": [400, "ValidationException", "The provided model identifier is invalid."],
      "eu.anthropic.claude-sonnet-4-6": "ok",
      "global.anthropic.claude-sonnet-4-6": "ok",
    });
    const unknown = emulator.requests.filter((r) => r.operation === "unknown").at(-1)!;
    expect(unknown.url).toContain("/custom-models/my-model");
  });

  it("cache points: the first call writes the prefix (cacheWriteInputTokens, cacheDetails), the next reads it", async () => {
    const script = String.raw`
import json, os, boto3
from botocore.config import Config
rt = boto3.client("bedrock-runtime", region_name="us-east-1", endpoint_url=os.environ["EMULATOR_URL"],
                  config=Config(retries={"max_attempts": 1}),
                  aws_access_key_id=os.environ["KEY_ID"], aws_secret_access_key=os.environ["SECRET"])
system = [{"text": "You are a careful assistant. " * 40}, {"cachePoint": {"type": "default"}}]
msgs = [{"role": "user", "content": [{"text": "hello cache"}]}]
first = rt.converse(modelId=os.environ["MODEL"], system=system, messages=msgs)["usage"]
second = [e["metadata"]["usage"] for e in rt.converse_stream(modelId=os.environ["MODEL"], system=system, messages=msgs)["stream"] if "metadata" in e][0]
plain = rt.converse(modelId=os.environ["MODEL"], messages=msgs)["usage"]
print(json.dumps({"first": first, "second": second, "plain": plain}))
`;
    const { stdout, stderr } = await pythonWithTestKeys(script);
    const { first, second, plain } = JSON.parse(stdout) as Record<string, Record<string, unknown>>;
    const prefix = Math.ceil(("You are a careful assistant. ".repeat(40)).length / 4);
    expect(first, stderr).toEqual({
      inputTokens: 3,
      outputTokens: 3,
      totalTokens: 6 + prefix,
      cacheReadInputTokens: 0,
      cacheWriteInputTokens: prefix,
      cacheDetails: [{ ttl: "5m", inputTokens: prefix }],
    });
    expect(second).toEqual({ inputTokens: 3, outputTokens: 3, totalTokens: 6 + prefix, cacheReadInputTokens: prefix, cacheWriteInputTokens: 0 });
    expect(plain).toEqual({ inputTokens: 3, outputTokens: 3, totalTokens: 6 });
  });

  it("guardrailConfig: an unknown guardrail gets Bedrock's 400; the test guardrail intervenes with guardrail_intervened and a trace", async () => {
    const script = String.raw`
import json, os, boto3
from botocore.config import Config
rt = boto3.client("bedrock-runtime", region_name="us-east-1", endpoint_url=os.environ["EMULATOR_URL"],
                  config=Config(retries={"max_attempts": 1}),
                  aws_access_key_id=os.environ["KEY_ID"], aws_secret_access_key=os.environ["SECRET"])
def msgs(text): return [{"role": "user", "content": [{"text": text}]}]
known = {"guardrailIdentifier": "streambed-test-guardrail", "guardrailVersion": "DRAFT", "trace": "enabled"}
out = {}
for name, cfg in [("unknown_id", {"guardrailIdentifier": "gr-nothing", "guardrailVersion": "1"}),
                  ("unknown_version", {"guardrailIdentifier": "streambed-test-guardrail", "guardrailVersion": "7"})]:
    try:
        rt.converse(modelId=os.environ["MODEL"], messages=msgs("hi"), guardrailConfig=cfg); out[name] = "ok"
    except rt.exceptions.ValidationException as e:
        out[name] = [e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Message"]]
c = rt.converse(modelId=os.environ["MODEL"], messages=msgs("tell me about the blocked-topic"), guardrailConfig=known)
out["blocked"] = [c["stopReason"], c["output"]["message"]["content"][0]["text"], c["trace"]["guardrail"]["inputAssessment"]]
events = list(rt.converse_stream(modelId=os.environ["MODEL"], messages=msgs("blocked-topic again"),
                                 guardrailConfig=dict(known, streamProcessingMode="sync"))["stream"])
out["stream_stop"] = [e["messageStop"]["stopReason"] for e in events if "messageStop" in e][0]
out["stream_trace"] = "guardrail" in [e["metadata"] for e in events if "metadata" in e][0]["trace"]
ok = rt.converse(modelId=os.environ["MODEL"], messages=msgs("a fine question"), guardrailConfig=known)
out["passed"] = [ok["stopReason"], ok["output"]["message"]["content"][0]["text"]]
print(json.dumps(out))
`;
    const { stdout, stderr } = await pythonWithTestKeys(script);
    const out = JSON.parse(stdout) as Record<string, unknown>;
    const missing = [400, "The guardrail identifier or version provided in the request does not exist."];
    expect(out, stderr).toEqual({
      unknown_id: missing,
      unknown_version: missing,
      blocked: [
        "guardrail_intervened",
        "Sorry, the model cannot answer this question.",
        { "streambed-test-guardrail": { wordPolicy: { customWords: [{ match: "blocked-topic", action: "BLOCKED", detected: true }] } } },
      ],
      stream_stop: "guardrail_intervened",
      stream_trace: true,
      passed: ["end_turn", "a fine question"],
    });
  });

  it("stopSequences stop the answer with stop_sequence; Claude's additionalModelResponseFieldPaths name the sequence in messageStop", async () => {
    const script = String.raw`
import json, os, boto3
from botocore.config import Config
rt = boto3.client("bedrock-runtime", region_name="us-east-1", endpoint_url=os.environ["EMULATOR_URL"],
                  config=Config(retries={"max_attempts": 1}),
                  aws_access_key_id=os.environ["KEY_ID"], aws_secret_access_key=os.environ["SECRET"])
msgs = [{"role": "user", "content": [{"text": "alpha beta END gamma"}]}]
inf = {"stopSequences": ["END"]}
c = rt.converse(modelId=os.environ["MODEL"], messages=msgs, inferenceConfig=inf, additionalModelResponseFieldPaths=["/stop_sequence"])
out = {"converse": [c["output"]["message"]["content"][0]["text"], c["stopReason"], c.get("additionalModelResponseFields")]}
events = list(rt.converse_stream(modelId=os.environ["MODEL"], messages=msgs, inferenceConfig=inf, additionalModelResponseFieldPaths=["/delta/stop_sequence"])["stream"])
out["stream"] = [e["messageStop"] for e in events if "messageStop" in e][0]
plain = rt.converse(modelId=os.environ["MODEL"], messages=msgs, inferenceConfig=inf)
out["plain"] = [plain["stopReason"], "additionalModelResponseFields" in plain]
nova = rt.converse(modelId="amazon.nova-pro-v1:0", messages=msgs, inferenceConfig=inf, additionalModelResponseFieldPaths=["/stop_sequence"])
out["nova"] = [nova["stopReason"], "additionalModelResponseFields" in nova]
cut = rt.converse(modelId=os.environ["MODEL"], messages=msgs, inferenceConfig={"maxTokens": 1})
out["max_tokens"] = [cut["output"]["message"]["content"][0]["text"], cut["stopReason"], cut["usage"]["outputTokens"]]
print(json.dumps(out))
`;
    const { stdout, stderr } = await pythonWithTestKeys(script);
    const out = JSON.parse(stdout) as Record<string, unknown>;
    expect(out, stderr).toEqual({
      converse: ["alpha beta ", "stop_sequence", { stop_sequence: "END" }],
      stream: { stopReason: "stop_sequence", additionalModelResponseFields: { delta: { stop_sequence: "END" } } },
      plain: ["stop_sequence", false],
      nova: ["stop_sequence", false],
      max_tokens: ["alph", "max_tokens", 1],
    });
  });
});
