/** Headers of an SSE answer (`x-accel-buffering: no`: nginx passes each piece on at once). */
export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  "x-accel-buffering": "no",
} as const;
