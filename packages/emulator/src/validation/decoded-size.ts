/**
 * The number of bytes a base64 string decodes to, without decoding it (whitespace ignored,
 * `=` padding subtracted). Blobs travel base64-encoded in Converse's JSON; Bedrock's size limits
 * apply to the decoded bytes.
 */
export function decodedSize(base64: string): number {
  let length = 0;
  let padding = 0;
  for (let i = 0; i < base64.length; i++) {
    const c = base64.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    length++;
    padding = c === 0x3d ? padding + 1 : 0;
  }
  return Math.floor((length * 3) / 4) - padding;
}
