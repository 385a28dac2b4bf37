import type { FoundationModelSummary, InferenceProfileSummary } from "./discovery-types.js";

/**
 * A realistic slice of a us-east-1 Bedrock catalogue, in ListFoundationModels /
 * ListInferenceProfiles shapes: on-demand and profile-only models, embedding and image models,
 * a model that does not stream, LEGACY models, several providers and an application profile.
 */
const ACCOUNT = "123456789012";
const fm = (region: string, id: string) => `arn:aws:bedrock:${region}::foundation-model/${id}`;

function summary(
  modelId: string,
  providerName: string,
  opts: { input?: string[]; output?: string[]; streaming?: boolean; types?: string[]; status?: string; name?: string },
): FoundationModelSummary {
  return {
    modelArn: fm("us-east-1", modelId),
    modelId,
    modelName: opts.name ?? modelId,
    providerName,
    inputModalities: opts.input ?? ["TEXT"],
    outputModalities: opts.output ?? ["TEXT"],
    responseStreamingSupported: opts.streaming ?? true,
    customizationsSupported: [],
    inferenceTypesSupported: opts.types ?? ["ON_DEMAND"],
    modelLifecycle: { status: opts.status ?? "ACTIVE" },
  };
}

export const SONNET_45 = "anthropic.claude-sonnet-4-5-20250929-v1:0";
export const HAIKU_3 = "anthropic.claude-3-haiku-20240307-v1:0";
export const SONNET_35 = "anthropic.claude-3-5-sonnet-20240620-v1:0";
export const NOVA_PRO = "amazon.nova-pro-v1:0";
export const LLAMA_33 = "meta.llama3-3-70b-instruct-v1:0";
export const LLAMA_4_SCOUT = "meta.llama4-scout-17b-instruct-v1:0";
export const R1 = "deepseek.r1-v1:0";
export const ACME = "acme.widget-chat-v1:0";

export const foundationModels: FoundationModelSummary[] = [
  summary(SONNET_45, "Anthropic", { input: ["TEXT", "IMAGE"], types: ["INFERENCE_PROFILE"], name: "Claude Sonnet 4.5" }),
  summary(HAIKU_3, "Anthropic", { input: ["TEXT", "IMAGE"], types: ["ON_DEMAND", "INFERENCE_PROFILE"], name: "Claude 3 Haiku" }),
  summary(SONNET_35, "Anthropic", { input: ["TEXT", "IMAGE"], types: ["ON_DEMAND", "INFERENCE_PROFILE"], status: "LEGACY", name: "Claude 3.5 Sonnet" }),
  summary(NOVA_PRO, "Amazon", { input: ["TEXT", "IMAGE", "VIDEO"], types: ["ON_DEMAND", "INFERENCE_PROFILE"], name: "Nova Pro" }),
  summary("amazon.titan-text-express-v1", "Amazon", { status: "LEGACY", name: "Titan Text G1 - Express" }),
  summary("amazon.titan-embed-text-v2:0", "Amazon", { output: ["EMBEDDING"], streaming: false, name: "Titan Text Embeddings V2" }),
  summary("amazon.nova-canvas-v1:0", "Amazon", { input: ["TEXT", "IMAGE"], output: ["IMAGE"], streaming: false, name: "Nova Canvas" }),
  summary("stability.sd3-5-large-v1:0", "Stability AI", { output: ["IMAGE"], streaming: false, name: "Stable Diffusion 3.5 Large" }),
  summary("cohere.embed-english-v3", "Cohere", { output: ["EMBEDDING"], streaming: false, name: "Embed English" }),
  summary("ai21.j2-ultra-v1", "AI21 Labs", { streaming: false, name: "Jurassic-2 Ultra" }),
  summary(LLAMA_33, "Meta", { types: ["INFERENCE_PROFILE"], name: "Llama 3.3 70B Instruct" }),
  summary(LLAMA_4_SCOUT, "Meta", { input: ["TEXT", "IMAGE"], types: ["INFERENCE_PROFILE"], name: "Llama 4 Scout 17B Instruct" }),
  summary("mistral.mistral-large-2402-v1:0", "Mistral AI", { name: "Mistral Large (24.02)" }),
  summary(R1, "DeepSeek", { types: ["INFERENCE_PROFILE"], name: "DeepSeek-R1" }),
  summary(ACME, "Acme", { name: "Widget Chat" }),
];

function systemProfile(prefix: string, modelId: string, name: string, regions: string[]): InferenceProfileSummary {
  const id = `${prefix}.${modelId}`;
  return {
    inferenceProfileName: name,
    description: `Routes requests to ${name} in ${regions.join(", ") || "any commercial region"}.`,
    inferenceProfileArn: `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/${id}`,
    inferenceProfileId: id,
    models: regions.length === 0 ? [{ modelArn: fm("", modelId) }] : regions.map((r) => ({ modelArn: fm(r, modelId) })),
    status: "ACTIVE",
    type: "SYSTEM_DEFINED",
  };
}

const US = ["us-east-1", "us-east-2", "us-west-2"];

export const inferenceProfiles: InferenceProfileSummary[] = [
  systemProfile("us", SONNET_45, "US Anthropic Claude Sonnet 4.5", US),
  systemProfile("eu", SONNET_45, "EU Anthropic Claude Sonnet 4.5", ["eu-central-1", "eu-west-1", "eu-west-3"]),
  systemProfile("global", SONNET_45, "Global Anthropic Claude Sonnet 4.5", []),
  systemProfile("us", HAIKU_3, "US Anthropic Claude 3 Haiku", US),
  systemProfile("us", SONNET_35, "US Anthropic Claude 3.5 Sonnet", US),
  systemProfile("us", NOVA_PRO, "US Nova Pro", US),
  systemProfile("us", LLAMA_33, "US Meta Llama 3.3 70B Instruct", US),
  systemProfile("us", R1, "US DeepSeek-R1", US),
  {
    inferenceProfileName: "team-chat",
    inferenceProfileArn: `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/a1b2c3d4e5f6`,
    inferenceProfileId: "a1b2c3d4e5f6",
    models: [{ modelArn: fm("us-east-1", HAIKU_3) }],
    status: "ACTIVE",
    type: "APPLICATION",
  },
];
