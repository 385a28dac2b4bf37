/** AWS access keys (SigV4). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** When temporary credentials stop working. */
  expiration?: Date;
}

/** A Bedrock API key (sent as `Authorization: Bearer`). */
export interface BearerCredentials {
  bearerToken: string;
  expiration?: Date;
}

export type Credentials = AwsCredentials | BearerCredentials;

/**
 * Where credentials came from, in streambed's words: "explicit", "env: AWS_BEARER_TOKEN_BEDROCK",
 * "env: AWS_ACCESS_KEY_ID", "profile: <name>", "sso: <name>", "web identity", "container",
 * "instance role (IMDS)", or "none".
 */
export type CredentialSource = string;

/** Credentials plus the label of their source. */
export interface ResolvedCredentials {
  credentials: Credentials;
  source: CredentialSource;
}

/** Finds credentials: returns them plain (labelled "explicit") or with their source label. Called lazily and again when they expire. */
export type CredentialProvider = () => Promise<ResolvedCredentials | Credentials>;

/** What `bedrock.credentials.describe()` returns: never a secret. */
export interface CredentialDescription {
  source: CredentialSource;
  kind: "sigv4" | "bearer" | "none";
  /** The access key id with all but the last 4 characters masked, for sigv4. */
  accessKeyId?: string;
  hasSessionToken?: boolean;
  expiration?: string;
  /** When `source` is "none": what was tried, in order, and why each failed. */
  tried?: string[];
}
