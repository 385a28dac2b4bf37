/**
 * Run `fn` while recording the size of every Uint8Array / ArrayBuffer constructed with a length.
 * The decoder runs synchronously inside `fn`, so nothing else allocates through the spy.
 */
export function largestAllocation(fn: () => void): number {
  const g = globalThis as unknown as { Uint8Array: typeof Uint8Array; ArrayBuffer: typeof ArrayBuffer };
  const original = { Uint8Array: g.Uint8Array, ArrayBuffer: g.ArrayBuffer };
  let largest = 0;
  const spy = <T extends object>(ctor: T): T =>
    new Proxy(ctor as unknown as new (...args: unknown[]) => object, {
      construct(target, args, newTarget) {
        if (typeof args[0] === "number") largest = Math.max(largest, args[0]);
        return Reflect.construct(target, args, newTarget === spied.Uint8Array || newTarget === spied.ArrayBuffer ? target : newTarget);
      },
    }) as unknown as T;
  const spied = { Uint8Array: spy(original.Uint8Array), ArrayBuffer: spy(original.ArrayBuffer) };
  g.Uint8Array = spied.Uint8Array;
  g.ArrayBuffer = spied.ArrayBuffer;
  try {
    fn();
  } finally {
    g.Uint8Array = original.Uint8Array;
    g.ArrayBuffer = original.ArrayBuffer;
  }
  return largest;
}
