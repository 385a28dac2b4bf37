/**
 * The SigV4 canonical URI of a request path, exactly as `@smithy/signature-v4` computes it with
 * `uriEscapePath: true` (its `getCanonicalPath`): empty and `.` segments dropped, `..` going up one,
 * a leading and trailing `/` kept, then every segment percent-encoded once more (the path already
 * travels encoded, so the canonical form is its double encoding, as Bedrock's verifier expects).
 *
 * signRequest computes it once per distinct URL (see parse-request-url.ts) and hands it to a signer
 * made with `uriEscapePath: false`, which takes the path as given: the same canonical request,
 * without splitting and escaping the same path again on every call.
 */
export function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment.length === 0 || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const normalized = `${path.startsWith("/") ? "/" : ""}${segments.join("/")}${segments.length > 0 && path.endsWith("/") ? "/" : ""}`;
  return escapeUri(normalized).replace(/%2F/g, "/");
}

/** RFC 3986 escaping of everything but unreserved characters (smithy's `escapeUri`). */
function escapeUri(uri: string): string {
  return encodeURIComponent(uri).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
