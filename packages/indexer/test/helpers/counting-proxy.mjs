// A JSON-RPC proxy that records every call it forwards, in its own process: the indexer's synchronous host
// calls (`ethereum.call`, a new data source's logs in its creation block) block the calling thread until the
// answer comes, so a proxy served by that same thread would never answer them.
// Usage: node counting-proxy.mjs <target url>; prints the port; GET /calls answers the recorded calls
// (each with its first parameter when that is a string).
import { createServer } from "node:http";

const target = process.argv[2];
const calls = [];
const server = createServer((req, res) => {
  if (req.method === "GET" && req.url === "/calls") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(calls));
    return;
  }
  let body = "";
  req.on("data", (d) => {
    body += d.toString();
  });
  req.on("end", async () => {
    try {
      const parsed = JSON.parse(body);
      // The first parameter only when it is a block number or hash: a log filter's address lists can be large.
      for (const c of Array.isArray(parsed) ? parsed : [parsed]) {
        const first = Array.isArray(c.params) ? c.params[0] : undefined;
        calls.push({ method: c.method, params: typeof first === "string" ? [first] : [] });
      }
      const upstream = await fetch(target, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      const text = await upstream.text();
      res.writeHead(upstream.status, { "content-type": "application/json" });
      res.end(text);
    } catch (error) {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(String(error));
    }
  });
});
// Longer than the clients' idle connections live, so the proxy does not close one as a request goes out.
server.keepAliveTimeout = 120_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${server.address().port}\n`);
});
