import type { FoundationModelSummary, InferenceProfileSummary } from "./types.js";

/** Account id used in the emulator's inference-profile ARNs (AWS's documentation example). */
export const EMULATOR_ACCOUNT_ID = "123456789012";

type Geo = "us" | "eu" | "apac" | "global";

interface ModelSeed {
  id: string;
  name: string;
  provider: string;
  input?: string[];
  output?: string[];
  streaming?: boolean;
  inference: string[];
  customizations?: string[];
  legacy?: boolean;
  /** Geographies with a system-defined inference profile. */
  geos?: Geo[];
}

const TEXT_IMAGE = ["TEXT", "IMAGE"];
const CLAUDE4: Geo[] = ["us", "eu", "apac", "global"];

/** The default catalogue, one row per model: realistic ids, providers, modalities and lifecycles. */
const SEEDS: ModelSeed[] = [
  { id: "anthropic.claude-opus-4-6-v1", name: "Claude Opus 4.6", provider: "Anthropic", input: TEXT_IMAGE, inference: ["INFERENCE_PROFILE"], geos: CLAUDE4 },
  { id: "anthropic.claude-sonnet-4-6", name: "Claude Sonnet 4.6", provider: "Anthropic", input: TEXT_IMAGE, inference: ["INFERENCE_PROFILE"], geos: CLAUDE4 },
  { id: "anthropic.claude-opus-4-5-20251101-v1:0", name: "Claude Opus 4.5", provider: "Anthropic", input: TEXT_IMAGE, inference: ["INFERENCE_PROFILE"], geos: CLAUDE4 },
  { id: "anthropic.claude-sonnet-4-5-20250929-v1:0", name: "Claude Sonnet 4.5", provider: "Anthropic", input: TEXT_IMAGE, inference: ["INFERENCE_PROFILE"], geos: CLAUDE4 },
  { id: "anthropic.claude-haiku-4-5-20251001-v1:0", name: "Claude Haiku 4.5", provider: "Anthropic", input: TEXT_IMAGE, inference: ["INFERENCE_PROFILE"], geos: CLAUDE4 },
  { id: "anthropic.claude-3-5-sonnet-20240620-v1:0", name: "Claude 3.5 Sonnet", provider: "Anthropic", input: TEXT_IMAGE, inference: ["ON_DEMAND", "INFERENCE_PROFILE"], legacy: true, geos: ["us", "eu", "apac"] },
  { id: "anthropic.claude-3-haiku-20240307-v1:0", name: "Claude 3 Haiku", provider: "Anthropic", input: TEXT_IMAGE, inference: ["ON_DEMAND", "INFERENCE_PROFILE"], customizations: ["FINE_TUNING"], geos: ["us", "eu", "apac"] },
  { id: "amazon.nova-premier-v1:0", name: "Nova Premier", provider: "Amazon", input: TEXT_IMAGE, inference: ["INFERENCE_PROFILE"], customizations: ["DISTILLATION"], geos: ["us"] },
  { id: "amazon.nova-pro-v1:0", name: "Nova Pro", provider: "Amazon", input: TEXT_IMAGE, inference: ["ON_DEMAND", "INFERENCE_PROFILE"], customizations: ["FINE_TUNING", "DISTILLATION"], geos: ["us", "eu", "apac"] },
  { id: "amazon.nova-lite-v1:0", name: "Nova Lite", provider: "Amazon", input: TEXT_IMAGE, inference: ["ON_DEMAND", "INFERENCE_PROFILE"], customizations: ["FINE_TUNING", "DISTILLATION"], geos: ["us", "eu", "apac"] },
  { id: "amazon.nova-micro-v1:0", name: "Nova Micro", provider: "Amazon", inference: ["ON_DEMAND", "INFERENCE_PROFILE"], customizations: ["FINE_TUNING", "DISTILLATION"], geos: ["us", "eu", "apac"] },
  { id: "amazon.nova-2-lite-v1:0", name: "Nova 2 Lite", provider: "Amazon", input: TEXT_IMAGE, inference: ["INFERENCE_PROFILE"], geos: ["us", "eu", "global"] },
  { id: "amazon.titan-embed-text-v2:0", name: "Titan Text Embeddings V2", provider: "Amazon", output: ["EMBEDDING"], streaming: false, inference: ["ON_DEMAND"] },
  { id: "amazon.titan-image-generator-v2:0", name: "Titan Image Generator G1 v2", provider: "Amazon", input: TEXT_IMAGE, output: ["IMAGE"], streaming: false, inference: ["ON_DEMAND", "PROVISIONED"], customizations: ["FINE_TUNING"] },
  { id: "meta.llama4-maverick-17b-instruct-v1:0", name: "Llama 4 Maverick 17B Instruct", provider: "Meta", input: TEXT_IMAGE, inference: ["INFERENCE_PROFILE"], geos: ["us"] },
  { id: "meta.llama3-3-70b-instruct-v1:0", name: "Llama 3.3 70B Instruct", provider: "Meta", inference: ["INFERENCE_PROFILE"], geos: ["us"] },
  { id: "meta.llama3-8b-instruct-v1:0", name: "Llama 3 8B Instruct", provider: "Meta", inference: ["ON_DEMAND"], legacy: true },
  { id: "mistral.mistral-large-2402-v1:0", name: "Mistral Large (24.02)", provider: "Mistral AI", inference: ["ON_DEMAND"] },
  { id: "mistral.pixtral-large-2502-v1:0", name: "Pixtral Large (25.02)", provider: "Mistral AI", input: TEXT_IMAGE, inference: ["INFERENCE_PROFILE"], geos: ["us", "eu"] },
  { id: "deepseek.r1-v1:0", name: "DeepSeek-R1", provider: "DeepSeek", inference: ["INFERENCE_PROFILE"], geos: ["us"] },
  { id: "deepseek.v3-v1:0", name: "DeepSeek-V3.1", provider: "DeepSeek", inference: ["ON_DEMAND"] },
  { id: "cohere.command-r-plus-v1:0", name: "Command R+", provider: "Cohere", inference: ["ON_DEMAND"] },
  { id: "cohere.embed-english-v3", name: "Embed English", provider: "Cohere", output: ["EMBEDDING"], streaming: false, inference: ["ON_DEMAND", "PROVISIONED"] },
  { id: "ai21.j2-ultra-v1", name: "Jurassic-2 Ultra", provider: "AI21 Labs", streaming: false, inference: ["ON_DEMAND"], legacy: true },
];

const GEO_REGIONS: Record<Exclude<Geo, "global">, string[]> = {
  us: ["us-east-1", "us-east-2", "us-west-2"],
  eu: ["eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1"],
  apac: ["ap-northeast-1", "ap-southeast-1", "ap-southeast-2", "ap-south-1"],
};
const GEO_LABEL: Record<Geo, string> = { us: "US", eu: "EU", apac: "APAC", global: "Global" };

/** The geography whose inference profiles a region lists. */
export function geoOfRegion(region: string): Exclude<Geo, "global"> {
  if (region.startsWith("eu-")) return "eu";
  if (region.startsWith("ap-")) return "apac";
  return "us";
}

/** Foundation-model ARN in `region` (an empty region for global profiles, like Bedrock). */
export function foundationModelArn(region: string, modelId: string): string {
  return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}

/** The default models, with ARNs in `region`. */
export function defaultModels(region: string): FoundationModelSummary[] {
  return SEEDS.map((s) => ({
    modelArn: foundationModelArn(region, s.id),
    modelId: s.id,
    modelName: s.name,
    providerName: s.provider,
    inputModalities: s.input ?? ["TEXT"],
    outputModalities: s.output ?? ["TEXT"],
    responseStreamingSupported: s.streaming ?? true,
    customizationsSupported: s.customizations ?? [],
    inferenceTypesSupported: s.inference,
    modelLifecycle: s.legacy
      ? {
          status: "LEGACY",
          startOfLifeTime: "2024-03-01T00:00:00Z",
          legacyTime: "2025-08-01T00:00:00Z",
          publicExtendedAccessTime: "2025-11-01T00:00:00Z",
          endOfLifeTime: "2026-08-01T00:00:00Z",
        }
      : { status: "ACTIVE", startOfLifeTime: "2025-01-01T00:00:00Z" },
  }));
}

/** The default system-defined inference profiles a caller in `region` sees: its geography's and the global ones. */
export function defaultProfiles(region: string): InferenceProfileSummary[] {
  const geo = geoOfRegion(region);
  const out: InferenceProfileSummary[] = [];
  for (const s of SEEDS) {
    for (const g of s.geos ?? []) {
      if (g !== geo && g !== "global") continue;
      const id = `${g}.${s.id}`;
      const regions = g === "global" ? [""] : GEO_REGIONS[g];
      out.push({
        inferenceProfileName: `${GEO_LABEL[g]} ${s.provider} ${s.name}`,
        description: g === "global"
          ? `Routes requests to ${s.name} in all commercial AWS regions.`
          : `Routes requests to ${s.name} in ${regions.join(", ")}.`,
        createdAt: "2025-01-01T00:00:00Z",
        updatedAt: "2025-06-01T00:00:00Z",
        inferenceProfileArn: `arn:aws:bedrock:${region}:${EMULATOR_ACCOUNT_ID}:inference-profile/${id}`,
        models: regions.map((r) => ({ modelArn: foundationModelArn(r, s.id) })),
        inferenceProfileId: id,
        status: "ACTIVE",
        type: "SYSTEM_DEFINED",
      });
    }
  }
  return out;
}
