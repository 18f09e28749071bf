import { afterEach, describe, expect, it } from "vitest";

import type { WalletDetail } from "./eip6963";
import { addWallet, discoverWallets, isDisplayableIcon, toWalletDetail, watchWallets } from "./eip6963";

const info = { uuid: "u-1", name: "Wallet One", icon: "data:image/png;base64,AAAA", rdns: "one.wallet" };
const provider = { request: async () => null };

function announce(target: EventTarget, detail: unknown) {
  target.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail }));
}

describe("toWalletDetail", () => {
  it("accepts a complete announcement", () => {
    expect(toWalletDetail({ info, provider })).toEqual({ info, provider });
  });

  it.each([
    ["no detail", null],
    ["no provider", { info }],
    ["a provider without request", { info, provider: { send: () => null } }],
    ["no uuid", { info: { ...info, uuid: "" }, provider }],
    ["no name", { info: { ...info, name: 3 }, provider }],
    ["no rdns", { info: { ...info, rdns: undefined }, provider }],
    ["no icon", { info: { ...info, icon: null }, provider }],
  ])("rejects %s", (_, detail) => {
    expect(toWalletDetail(detail)).toBeNull();
  });
});

describe("isDisplayableIcon", () => {
  it("allows image data URIs only", () => {
    expect(isDisplayableIcon("data:image/svg+xml;base64,PHN2Zy8+")).toBe(true);
    expect(isDisplayableIcon("data:image/png,abc")).toBe(true);
    expect(isDisplayableIcon("https://example.org/icon.png")).toBe(false);
    expect(isDisplayableIcon("data:text/html,<script>")).toBe(false);
    expect(isDisplayableIcon("javascript:alert(1)")).toBe(false);
    expect(isDisplayableIcon("")).toBe(false);
  });
});

describe("addWallet", () => {
  it("appends new uuids and replaces known ones in place", () => {
    const one: WalletDetail = { info, provider };
    const two: WalletDetail = { info: { ...info, uuid: "u-2", name: "Two" }, provider };
    const oneAgain: WalletDetail = { info: { ...info, name: "One, renamed" }, provider };

    const list = addWallet(addWallet(addWallet([], one), two), oneAgain);
    expect(list.map((w) => w.info.name)).toEqual(["One, renamed", "Two"]);
  });
});

describe("watchWallets / discoverWallets", () => {
  const target = new EventTarget();
  const stops: (() => void)[] = [];
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
  });

  it("reports valid announcements until stopped", () => {
    const seen: string[] = [];
    const stop = watchWallets(target, (wallet) => seen.push(wallet.info.uuid));
    announce(target, { info, provider });
    announce(target, { info: { ...info, uuid: "bad" } });
    stop();
    announce(target, { info: { ...info, uuid: "late" }, provider });
    expect(seen).toEqual(["u-1"]);
  });

  it("dispatches the request and collects the answers given within the window", async () => {
    let requests = 0;
    const onRequest = () => {
      requests += 1;
      announce(target, { info, provider });
    };
    target.addEventListener("eip6963:requestProvider", onRequest);
    stops.push(() => target.removeEventListener("eip6963:requestProvider", onRequest));

    const pending = discoverWallets(target, 30);
    setTimeout(() => announce(target, { info: { ...info, uuid: "u-2" }, provider }), 5);
    const found = await pending;

    expect(requests).toBe(1);
    expect(found.map((w) => w.info.uuid)).toEqual(["u-1", "u-2"]);
  });
});
