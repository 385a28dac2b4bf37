import { AwsErrorReply } from "../http/aws-error.js";
import type { FoundationModelSummary, InferenceProfileSummary } from "./types.js";

/** What a Converse model id names. */
export interface ResolvedModel {
  /** `emulator` for `emulator.*` ids, `unknown` for ids outside the catalogue (accepted unless strict). */
  kind: "foundation-model" | "inference-profile" | "application-profile" | "emulator" | "unknown";
  /** The foundation model behind it, when known. */
  model?: FoundationModelSummary;
}

const ARN = /^arn:aws(?:-[a-z]+)*:bedrock:[a-z0-9-]*:\d*:([a-z-]+)\/(.+)$/;

function modelIdOfArn(modelArn: string): string {
  return modelArn.slice(modelArn.indexOf("/") + 1);
}

/**
 * Resolve a Converse model id (id, profile id or ARN) against the catalogue and apply Bedrock's
 * rules: profile-only models refuse on-demand invocation, embedding and image models refuse
 * Converse, non-streaming models refuse ConverseStream.
 */
export function resolveModel(
  modelId: string,
  catalogue: { models: FoundationModelSummary[]; profiles: InferenceProfileSummary[] },
  options: { streaming: boolean; strict: boolean },
): ResolvedModel | AwsErrorReply {
  let id = modelId;
  let arnKind: string | undefined;
  const arn = ARN.exec(modelId);
  if (arn) {
    arnKind = arn[1];
    id = arn[2]!;
  }
  if (id.startsWith("emulator.")) return { kind: "emulator" };
  let resolved: ResolvedModel | undefined;
  if (arnKind === "application-inference-profile") resolved = { kind: "application-profile" };
  const profile = catalogue.profiles.find((p) => p.inferenceProfileId === id || p.inferenceProfileArn === modelId);
  if (!resolved && profile) {
    const first = profile.models[0];
    const model = first ? catalogue.models.find((m) => m.modelId === modelIdOfArn(first.modelArn)) : undefined;
    resolved = model ? { kind: "inference-profile", model } : { kind: "inference-profile" };
  }
  if (!resolved) {
    const model = catalogue.models.find((m) => m.modelId === id);
    if (model) {
      const types = model.inferenceTypesSupported ?? ["ON_DEMAND"];
      if (!types.includes("ON_DEMAND") && (arnKind === undefined || arnKind === "foundation-model")) {
        return new AwsErrorReply(
          400,
          "ValidationException",
          `Invocation of model ID ${model.modelId} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
        );
      }
      resolved = { kind: "foundation-model", model };
    }
  }
  if (!resolved) {
    if (options.strict) return new AwsErrorReply(400, "ValidationException", "The provided model identifier is invalid.");
    return { kind: "unknown" };
  }
  const model = resolved.model;
  if (model && !(model.outputModalities ?? ["TEXT"]).includes("TEXT")) {
    return new AwsErrorReply(
      400,
      "ValidationException",
      "This action doesn't support the model that you provided. Try again with a supported text or chat model.",
    );
  }
  if (model && options.streaming && model.responseStreamingSupported === false) {
    return new AwsErrorReply(400, "ValidationException", "The model is unsupported for streaming.");
  }
  return resolved;
}
