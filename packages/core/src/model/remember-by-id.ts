/**
 * `compute` remembered per model id: a client calls a handful of models, and what is worked out
 * from an id (its table entry, its family, its parsed parts) is asked for on every call. At most
 * `max` ids are kept; when full, the memory is cleared (ids never seen again do not pile up).
 */
export function rememberById<T>(compute: (id: string) => T, max = 64): (id: string) => T {
  const remembered = new Map<string, T>();
  return (id) => {
    if (remembered.has(id)) return remembered.get(id) as T;
    if (remembered.size >= max) remembered.clear();
    const value = compute(id);
    remembered.set(id, value);
    return value;
  };
}
