import { AwsErrorReply, validationError } from "../http/aws-error.js";
import type { FoundationModelSummary } from "./types.js";

const ENUMS: Record<string, string[]> = {
  byCustomizationType: ["FINE_TUNING", "CONTINUED_PRE_TRAINING", "DISTILLATION"],
  byOutputModality: ["TEXT", "IMAGE", "EMBEDDING"],
  byInferenceType: ["ON_DEMAND", "PROVISIONED"],
};

/**
 * ListFoundationModels: filter `models` by the query like Bedrock (`byProvider` case-insensitive,
 * the enum filters exact; a bad enum value is a ValidationException). Returns the JSON body.
 */
export function listFoundationModels(
  models: FoundationModelSummary[],
  query: URLSearchParams,
): { modelSummaries: FoundationModelSummary[] } | AwsErrorReply {
  for (const [name, allowed] of Object.entries(ENUMS)) {
    const value = query.get(name);
    if (value !== null && !allowed.includes(value)) {
      return validationError(
        `1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(", ")}]`,
      );
    }
  }
  const provider = query.get("byProvider");
  if (provider !== null && !/^[A-Za-z0-9- ]{1,63}$/.test(provider)) {
    return validationError(
      `1 validation error detected: Value '${provider}' at 'byProvider' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9- ]{1,63}`,
    );
  }
  const customization = query.get("byCustomizationType");
  const modality = query.get("byOutputModality");
  const inference = query.get("byInferenceType");
  const modelSummaries = models.filter(
    (m) =>
      (provider === null || (m.providerName ?? "").toLowerCase() === provider.toLowerCase()) &&
      (customization === null || (m.customizationsSupported ?? []).includes(customization)) &&
      (modality === null || (m.outputModalities ?? []).includes(modality)) &&
      (inference === null || (m.inferenceTypesSupported ?? []).includes(inference)),
  );
  return { modelSummaries };
}
