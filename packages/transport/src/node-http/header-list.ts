/**
 * A signed request's headers as the flat `[name, value, …]` list `http.request({ headers })` also
 * takes, with `content-length` added for a body: Node then writes them as given (validating each
 * name and value once), instead of storing each through `setHeader` and looking up `host` and
 * `expect` afterwards. The same bytes on the wire, so only for the headers where the two forms
 * agree: lower-case names (no two spellings of one header, which `setHeader` would merge), a `host`
 * (Node adds one to the object form only), no `expect` (the object form's 100-continue handling).
 * Otherwise `undefined`: the caller passes the object.
 */
export function headerList(headers: Readonly<Record<string, string>>, body: Uint8Array | undefined): string[] | undefined {
  const list: string[] = [];
  let host = false;
  let length = false;
  for (const name in headers) {
    if (name !== name.toLowerCase() || name === "expect") return undefined;
    if (name === "host") host = true;
    else if (name === "content-length") length = true;
    list.push(name, headers[name]!);
  }
  if (!host) return undefined;
  if (body !== undefined && !length) list.push("content-length", String(body.byteLength));
  return list;
}
