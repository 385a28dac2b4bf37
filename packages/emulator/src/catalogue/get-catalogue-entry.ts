import { AwsErrorReply } from "../http/aws-error.js";
import type { FoundationModelSummary, InferenceProfileSummary } from "./types.js";

/** `arn:…:foundation-model/<id>` or `arn:…:inference-profile/<id>` → `<id>`; anything else as is. */
function idOf(identifier: string): string {
  return /^arn:aws(?:-[a-z]+)*:bedrock:/.test(identifier) ? identifier.slice(identifier.indexOf("/") + 1) : identifier;
}

/** GetFoundationModel: `{ modelDetails }` for an id or ARN in the catalogue, else Bedrock's 400 "The provided model identifier is invalid.". */
export function getFoundationModel(models: FoundationModelSummary[], identifier: string): { modelDetails: FoundationModelSummary } | AwsErrorReply {
  const model = models.find((m) => m.modelId === idOf(identifier) || m.modelArn === identifier);
  return model ? { modelDetails: model } : new AwsErrorReply(400, "ValidationException", "The provided model identifier is invalid.");
}

/** GetInferenceProfile: the profile (id or ARN) the caller's region sees, else 404 `ResourceNotFoundException`. */
export function getInferenceProfile(profiles: InferenceProfileSummary[], identifier: string): InferenceProfileSummary | AwsErrorReply {
  const profile = profiles.find((p) => p.inferenceProfileId === idOf(identifier) || p.inferenceProfileArn === identifier);
  return profile ?? new AwsErrorReply(404, "ResourceNotFoundException", `The inference profile ${identifier} does not exist in this region.`);
}
