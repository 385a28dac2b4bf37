import type { CliIo } from "./io.js";

/**
 * Starts a spinner on stderr when it is a terminal (yocto-spinner, imported only then) and returns
 * the function that stops it (idempotent); on a pipe nothing is drawn.
 */
export async function startSpinner(io: CliIo, text: string): Promise<() => void> {
  if (!io.stderr.isTTY) return () => {};
  const { default: yoctoSpinner } = await import("yocto-spinner");
  const spinner = yoctoSpinner({ text, stream: io.stderr as NodeJS.WriteStream }).start();
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    spinner.stop();
  };
}

/** Runs `work` with a spinner on a terminal stderr. */
export async function withSpinner<T>(io: CliIo, text: string, work: () => Promise<T>): Promise<T> {
  const stop = await startSpinner(io, text);
  try {
    return await work();
  } finally {
    stop();
  }
}
