/** `AKIAIOSFODNN7EXAMPLE` → `****MPLE`: the only form in which an access key id is ever shown. */
export function maskAccessKeyId(accessKeyId: string): string {
  return `****${accessKeyId.length > 8 ? accessKeyId.slice(-4) : ""}`;
}
