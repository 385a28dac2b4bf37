/** Bedrock's `FoundationModelSummary` as it travels in JSON (timestamps as ISO-8601 strings). */
export interface FoundationModelSummary {
  modelArn: string;
  modelId: string;
  modelName?: string;
  providerName?: string;
  inputModalities?: string[];
  outputModalities?: string[];
  responseStreamingSupported?: boolean;
  customizationsSupported?: string[];
  /** `ON_DEMAND`, `PROVISIONED`, `INFERENCE_PROFILE`. */
  inferenceTypesSupported?: string[];
  modelLifecycle?: {
    status: "ACTIVE" | "LEGACY";
    startOfLifeTime?: string;
    endOfLifeTime?: string;
    legacyTime?: string;
    publicExtendedAccessTime?: string;
  };
}

/** Bedrock's `InferenceProfileSummary` as it travels in JSON. */
export interface InferenceProfileSummary {
  inferenceProfileName: string;
  description?: string;
  createdAt?: string;
  updatedAt?: string;
  inferenceProfileArn: string;
  models: Array<{ modelArn: string }>;
  inferenceProfileId: string;
  status: "ACTIVE";
  type: "SYSTEM_DEFINED" | "APPLICATION";
}
