import { connect, createServer, type AddressInfo, type Socket } from "node:net";

/**
 * A loopback TCP forwarder in front of the emulator that sees every connection the client opens
 * and when the client closes it: the "server side" of the socket-freed checks.
 *
 * `open` counts connections that carried a request and are still open. A connection that never
 * sent a byte is counted apart (`openIdle`): Node's fetch (undici) opens a spare connection right
 * after a request on it is aborted and lets it idle out after its keep-alive time (3 s).
 */
export interface TcpCounter {
  url: string;
  /** Connections that carried a request and are open right now. */
  readonly open: number;
  /** Connections open right now that never sent a byte. */
  readonly openIdle: number;
  /** Client connections accepted so far. */
  readonly accepted: number;
  /** Resolves once at most `n` request-carrying connections are open (at once if already so). */
  waitForOpenAtMost(n: number): Promise<void>;
  /** Resolves once no connection at all is open, idle ones included. */
  waitForNoneOpen(): Promise<void>;
  /** Stop accepting (the port then refuses) and drop open connections. */
  close(): Promise<void>;
}

export async function startTcpCounter(targetPort: number): Promise<TcpCounter> {
  const clients = new Set<Socket>();
  const used = new Set<Socket>();
  let accepted = 0;
  const waiters: Array<() => boolean> = [];
  const check = () => {
    for (let i = waiters.length - 1; i >= 0; i--) if (waiters[i]!()) waiters.splice(i, 1);
  };
  const server = createServer((client) => {
    accepted++;
    clients.add(client);
    client.once("data", () => used.add(client));
    const upstream = connect(targetPort, "127.0.0.1");
    client.pipe(upstream);
    upstream.pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", drop);
    upstream.on("error", drop);
    client.on("close", () => {
      upstream.destroy();
      clients.delete(client);
      used.delete(client);
      check();
    });
    upstream.on("close", () => client.destroy());
    check();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const waitFor = (ok: () => boolean) =>
    new Promise<void>((resolve) => {
      if (ok()) return resolve();
      waiters.push(() => (ok() ? (resolve(), true) : false));
    });
  return {
    url: `http://127.0.0.1:${port}`,
    get open() {
      return used.size;
    },
    get openIdle() {
      return clients.size - used.size;
    },
    get accepted() {
      return accepted;
    },
    waitForOpenAtMost: (n) => waitFor(() => used.size <= n),
    waitForNoneOpen: () => waitFor(() => clients.size === 0),
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.destroy();
        server.close(() => resolve());
      }),
  };
}
