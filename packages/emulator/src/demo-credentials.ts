/**
 * Well-known keys for the local emulator only. They are not AWS keys and open nothing outside the
 * emulator; the CLI prints them so that any AWS client can sign requests to it.
 */
export const DEMO_CREDENTIALS: { accessKeyId: string; secretAccessKey: string } = Object.freeze({
  accessKeyId: "AKIASTREAMBEDDEMO001",
  secretAccessKey: "streambed/emulator/demo/secret/key/not/for/aws",
});
