// Listening and closing for the HTTP servers (query API, status API): a Node server around a request listener.
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface HttpListener {
  /** Starts listening; resolves to the URL of `path`. Port 0 picks a free port. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export function httpListener(handler: RequestListener, path: string): HttpListener {
  let server: Server | null = null;
  return {
    listen(port, host = "127.0.0.1") {
      const listening = createServer(handler);
      server = listening;
      return new Promise((resolve, reject) => {
        listening.once("error", reject);
        listening.listen(port, host, () => {
          const address = listening.address() as AddressInfo;
          resolve(`http://${host}:${address.port}${path}`);
        });
      });
    },
    close() {
      const running = server;
      server = null;
      if (!running) return Promise.resolve();
      return new Promise((resolve, reject) => {
        running.close((error) => (error ? reject(error) : resolve()));
        running.closeAllConnections();
      });
    },
  };
}
