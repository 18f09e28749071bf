import type { Socket } from "node:net";
import { createServer } from "node:net";

export interface SilentServer {
  /** An http URL on a local port that accepts connections and never answers. */
  readonly url: string;
  /** Drops the connections it holds and stops listening. */
  close(): Promise<void>;
}

/**
 * A host that takes the request and then says nothing, like a node behind a firewall that drops packets:
 * only a request timeout gets the page out of waiting. Unlike a closed port, nothing is refused.
 */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
