/** Exit codes of every streambed command. */
export const EXIT_OK = 0;
/** A runtime failure: Bedrock, the network, credentials, a failed probe. */
export const EXIT_FAILURE = 1;
/** A usage error: unknown option, bad option value, invalid config value. Nothing was changed. */
export const EXIT_USAGE = 2;
/** Interrupted by SIGINT (128 + 2), as shells report it. */
export const EXIT_INTERRUPTED = 130;
