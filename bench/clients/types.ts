/** What every benchmarked client exposes to the workers: one ConverseStream call, counted. */
export interface BenchClient {
  /**
   * Stream `bench-<deltas>` from the replay server and return the number of text deltas the
   * client delivered (the raw-undici floor returns `deltas` after reading every byte).
   * `onFirst` is called once, when the first event (first body chunk for the floor) arrives.
   */
  stream(deltas: number, onFirst?: () => void): Promise<number>;
  close(): Promise<void>;
}

/** A client module: `bench/clients/<name>.ts`, loaded with a dynamic import so that a cold-start child imports only its own library. */
export interface ClientModule {
  open(url: string, options: { sockets: number }): Promise<BenchClient>;
}

/** Fake keys: the replay server does not verify signatures, but every client still signs. */
export const CREDENTIALS = { accessKeyId: "AKIDBENCHMARK000000", secretAccessKey: "bench/secret/not/a/real/key/0000000000" };
export const REGION = "us-east-1";
export const PROMPT = "Write a long story.";
export const modelId = (deltas: number): string => `bench-${deltas}`;
