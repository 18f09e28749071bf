import { connect } from "node:net";

/**
 * Port 1 (TCP port service multiplexer) is below the ephemeral range and unused on any machine that runs
 * these tests. A port borrowed from the OS and closed again would not do: other suites running at the same
 * time (anvil nodes, indexers) get their ports from the same range, and one of them can start answering on
 * it mid-test.
 */
const CLOSED_PORT = 1;

/**
 * The URL of a local port nothing listens on: a real refused connection, which is what the page meets
 * when the local stack is not started. Checks that the connection is refused indeed.
 */
export async function closedPortUrl(): Promise<string> {
  const refused = await new Promise<boolean>((resolve) => {
    const socket = connect(CLOSED_PORT, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
  });
  if (!refused) throw new Error(`something answers on 127.0.0.1:${CLOSED_PORT}; the tests need it closed`);
  return `http://127.0.0.1:${CLOSED_PORT}`;
}
