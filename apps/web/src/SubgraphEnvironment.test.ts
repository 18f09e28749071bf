import { describe, expect, it } from "vitest";

import { ConfigError, readSubgraphUrl } from "./config";
import { subgraphSettingFrom } from "./SubgraphEnvironment";

describe("VITE_SUBGRAPH_URL", () => {
  it("is optional: unset or blank means no subgraph", () => {
    expect(readSubgraphUrl({})).toBeUndefined();
    expect(readSubgraphUrl({ VITE_SUBGRAPH_URL: "  " })).toBeUndefined();
    expect(subgraphSettingFrom({})).toEqual({ url: undefined });
  });

  it("takes an http(s) URL as it is, trimmed", () => {
    expect(readSubgraphUrl({ VITE_SUBGRAPH_URL: " http://127.0.0.1:8000/subgraphs/name/dmex " })).toBe(
      "http://127.0.0.1:8000/subgraphs/name/dmex",
    );
    expect(
      subgraphSettingFrom({ VITE_SUBGRAPH_URL: "https://gateway.example.org/api/subgraphs/id/Qm1" }),
    ).toEqual({
      url: "https://gateway.example.org/api/subgraphs/id/Qm1",
    });
  });

  it.each(["localhost:8000", "ws://127.0.0.1:8001", "not a url"])(
    "rejects %s, as a setting error",
    (value) => {
      expect(() => readSubgraphUrl({ VITE_SUBGRAPH_URL: value })).toThrow(ConfigError);
      const setting = subgraphSettingFrom({ VITE_SUBGRAPH_URL: value });
      expect(setting.url).toBeUndefined();
      expect("error" in setting && setting.error).toBeInstanceOf(ConfigError);
    },
  );
});
