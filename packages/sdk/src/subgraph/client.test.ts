import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { afterEach, describe, expect, it } from "vitest";

import { SubgraphQueryError, SubgraphUnavailableError } from "../errors.js";
import { DmcHolderCountDocument, DmcHoldersDocument } from "../generated/subgraph/graphql.js";
import { createSubgraphClient } from "./client.js";
import { readDmcHolderCount } from "./protocol.js";

type Handler = (body: { query: string; variables: unknown }, res: ServerResponse) => void;

const servers: Server[] = [];

/** A real HTTP server on a free local port answering with `handler`; returns its URL. */
async function serve(handler: Handler): Promise<string> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => handler(JSON.parse(raw), res));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/subgraphs/name/dmex`;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe("createSubgraphClient", () => {
  it("posts the document's text with its variables and returns the data", async () => {
    const seen: { query: string; variables: unknown }[] = [];
    const url = await serve((body, res) => {
      seen.push(body);
      json(res, 200, { data: { accounts: [] } });
    });
    const data = await createSubgraphClient(url).request(DmcHoldersDocument, { first: 5, skip: 10 });
    expect(data).toEqual({ accounts: [] });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.query).toBe(DmcHoldersDocument.toString());
    expect(seen[0]?.query).toContain("query DmcHolders");
    expect(seen[0]?.variables).toEqual({ first: 5, skip: 10 });
  });

  it("throws SubgraphQueryError with every GraphQL error and the partial data", async () => {
    const url = await serve((_body, res) =>
      json(res, 200, {
        data: { tokens: null },
        errors: [{ message: "first must be at most 1000" }, { message: "another", path: ["tokens"] }],
      }),
    );
    const error = await createSubgraphClient(url)
      .request(DmcHolderCountDocument)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubgraphQueryError);
    const queryError = error as SubgraphQueryError;
    expect(queryError.code).toBe("SUBGRAPH_QUERY");
    expect(queryError.errors.map((e) => e.message)).toEqual(["first must be at most 1000", "another"]);
    expect(queryError.data).toEqual({ tokens: null });
    expect(queryError.message).toBe(
      `The subgraph at ${url} refused the query: first must be at most 1000 (and 1 more)`,
    );
  });

  it("treats a 400 with GraphQL errors (GraphQL over HTTP's validation answer) as a query error", async () => {
    const url = await serve((_body, res) =>
      json(res, 400, { errors: [{ message: 'Cannot query field "nope" on type "Query".' }] }),
    );
    await expect(createSubgraphClient(url).request(DmcHolderCountDocument)).rejects.toBeInstanceOf(
      SubgraphQueryError,
    );
  });

  it("throws SubgraphUnavailableError with the status on an HTTP error without GraphQL", async () => {
    const url = await serve((_body, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html>Bad gateway</html>");
    });
    const error = (await createSubgraphClient(url)
      .request(DmcHolderCountDocument)
      .catch((e: unknown) => e)) as SubgraphUnavailableError;
    expect(error).toBeInstanceOf(SubgraphUnavailableError);
    expect(error.code).toBe("SUBGRAPH_UNAVAILABLE");
    expect(error.status).toBe(502);
    expect(error.message).toBe(
      `The subgraph at ${url} is not reachable (HTTP 502 Bad Gateway). Is the indexer running?`,
    );
  });

  it("throws SubgraphUnavailableError when a 200 answer is not GraphQL", async () => {
    const url = await serve((_body, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>a web page</html>");
    });
    await expect(createSubgraphClient(url).request(DmcHolderCountDocument)).rejects.toThrow(
      "the answer is not a GraphQL response",
    );
  });

  it("throws SubgraphUnavailableError when nothing listens at the URL", async () => {
    const url = await serve((_body, res) => json(res, 200, { data: {} }));
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
    const error = await createSubgraphClient(url)
      .request(DmcHolderCountDocument)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubgraphUnavailableError);
    expect((error as SubgraphUnavailableError).message).toContain("(connection refused)");
    expect((error as SubgraphUnavailableError).status).toBeUndefined();
  });

  it("gives up after timeoutMs when the server never answers", async () => {
    const url = await serve(() => {
      // never answers
    });
    const started = Date.now();
    const error = await createSubgraphClient(url, { timeoutMs: 200 })
      .request(DmcHolderCountDocument)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubgraphUnavailableError);
    expect((error as Error).message).toContain("no answer within 0.2 s");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("reads the DMC holder count with its block, and nothing before the token is indexed", async () => {
    let tokens: { holderCount: number }[] = [];
    const url = await serve((_body, res) =>
      json(res, 200, { data: { tokens, _meta: { block: { number: 7 } } } }),
    );
    const client = createSubgraphClient(url);
    expect(await readDmcHolderCount(client)).toBeUndefined();
    tokens = [{ holderCount: 42 }];
    expect(await readDmcHolderCount(client)).toEqual({ holders: 42, block: 7 });
  });

  it("reads no DMC holder count, not an error, from a subgraph that has not indexed a block yet", async () => {
    // What the indexer answers then: `_meta` fails, the collections are empty.
    const url = await serve((_body, res) =>
      json(res, 200, {
        errors: [{ message: "subgraph dmex has not indexed any block yet", path: ["_meta"] }],
        data: { tokens: [], _meta: null },
      }),
    );
    expect(await readDmcHolderCount(createSubgraphClient(url))).toBeUndefined();
  });
});
