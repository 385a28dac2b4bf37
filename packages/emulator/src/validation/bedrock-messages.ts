/**
 * The texts of Bedrock's Converse `ValidationException`s, in one place so that the rules, their
 * tests and docs/emulator.md say the same thing. Texts marked "Bedrock's" were seen verbatim in
 * real Bedrock replies; the others ("ours") follow Bedrock's style where no real text is known.
 * Custom messages use 0-based paths (`messages.2.content.0`); the generic constraint messages
 * (see `constraints.ts`) use Coral's 1-based `messages.3.member.role` paths, as Bedrock does.
 */

/** The members of Bedrock's `ContentBlock` union, in the order Bedrock lists them. */
export const CONTENT_BLOCK_KEYS = [
  "text",
  "image",
  "toolUse",
  "toolResult",
  "document",
  "video",
  "cachePoint",
  "reasoningContent",
  "citationsContent",
  "searchResult",
] as const;

/** Image limit (decoded bytes): 3.75 MB as Bedrock counts it (3.75 × 1024 × 1024). */
export const MAX_IMAGE_BYTES = 3_932_160;
/** Document limit (decoded bytes): 4.5 MB (4.5 × 1024 × 1024). */
export const MAX_DOCUMENT_BYTES = 4_718_592;
/** Images per request (documented on `Message.content`; counted over the whole request). */
/** Documents per request (Bedrock's own message says "in a request"). */
export const MAX_DOCUMENTS = 5;

export const MESSAGES = {
  /** Bedrock's. */
  firstUser: "A conversation must start with a user message. Try again with a conversation that starts with a user message.",
  /** Bedrock's. */
  alternate: "A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.",
  /** Bedrock's. */
  emptyContent: (m: number) => `The content field in the Message object at messages.${m} is empty. Add a ContentBlock object to the content field and try again.`,
  /** Bedrock's. */
  noMember: (path: string) => `ContentBlock object at ${path} must set one of the following keys: ${CONTENT_BLOCK_KEYS.join(", ")}.`,
  /** Ours (Bedrock's wording for this case is not known). */
  manyMembers: (path: string, keys: string[]) =>
    `ContentBlock object at ${path} must set only one of the following keys: ${CONTENT_BLOCK_KEYS.join(", ")}. It sets ${keys.join(", ")}.`,
  /** Bedrock's. */
  blankText: (path: string) => `The text field in the ContentBlock object at ${path} is blank. Add text to the text field, and try again.`,
  /** Ours. */
  mediaRole: (path: string, kind: "image" | "document") =>
    `The ContentBlock object at ${path} contains ${kind === "image" ? "an image" : "a document"}, which only a user message can include. Move it to a user message and try again.`,
  /** Ours. */
  imageTooLarge: (path: string, bytes: number) =>
    `The image at ${path} is ${bytes} bytes, more than the 3.75 MB (${MAX_IMAGE_BYTES} bytes) an image can have. Reduce the image size and try again.`,
  /** Ours. */
  documentTooLarge: (path: string, bytes: number) =>
    `The document at ${path} is ${bytes} bytes, more than the 4.5 MB (${MAX_DOCUMENT_BYTES} bytes) a document can have. Reduce the document size and try again.`,
  /** Bedrock's. */
  documentNeedsText: "A text block must be included when using documents. Add a text block and retry your request.",
  /** Bedrock's. */
  tooManyDocuments: `You can't include more than ${MAX_DOCUMENTS} documents in a request.`,
  /** Ours, by analogy with the documents message. */
  /** Bedrock's. */
  duplicateDocumentNames: "Messages can't contain duplicate document names. Rename the document and retry your request.",
  /** Bedrock's. */
  toolConfigMissing: "The toolConfig field must be defined when using toolUse and toolResult content blocks.",
  /** Bedrock's. */
  missingToolResults: (m: number, ids: string[]) => `Expected toolResult blocks at messages.${m}.content for the following Ids: ${ids.join(", ")}`,
  /** Bedrock's. */
  tooManyToolResults: (m: number) => `The number of toolResult blocks at messages.${m}.content exceeds the number of toolUse blocks of previous turn.`,
  /** Bedrock's. */
  emptyErrorToolResult: (path: string) => `The content field at ${path}.toolResult cannot be empty when status value is error.`,
} as const;
