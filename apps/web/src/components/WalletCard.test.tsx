import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";

import type { FakeChain } from "../test/fakeChain";
import { createFakeChain, FakeChainProvider } from "../test/fakeChain";
import type { AnnouncedInfo } from "../test/fakeWallet";
import { announceWallet, createFakeWallet, FAKE_ICON, installWallet } from "../test/fakeWallet";
import { card, factValue, renderWithDmex } from "../test/renderWithDmex";
import { WalletCard } from "./WalletCard";

const ALICE = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
const ALICE_CHECKSUMMED = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const BOB = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

const FAKE_WALLET: AnnouncedInfo = {
  uuid: "350670db-19fa-4704-a166-e52e178b59d2",
  name: "Fake Wallet",
  icon: FAKE_ICON,
  rdns: "test.fake.wallet",
};

const uninstalls: (() => void)[] = [];
afterEach(() => {
  for (const uninstall of uninstalls.splice(0)) uninstall();
});

function install(info: AnnouncedInfo, provider: unknown) {
  uninstalls.push(installWallet(info, provider));
}

function renderCard(chain: FakeChain = createFakeChain()) {
  return renderWithDmex(<WalletCard />, { readProvider: new FakeChainProvider(chain) });
}

describe("WalletCard discovery (EIP-6963)", () => {
  it("looks for wallets, then says the page is read-only, and why, when none answers", async () => {
    renderCard();

    expect(screen.getByRole("status")).toHaveTextContent("Looking for browser wallets");
    const note = await screen.findByRole("note");
    expect(note).toHaveTextContent("No browser wallet found, so this page is read-only");
    expect(note).toHaveTextContent("reads the chain through http://fake-node.test:8545");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(within(card("Wallet")).getByText("read-only")).toBeInTheDocument();
  });

  it("lists a wallet that answers the discovery request, with its icon and name", async () => {
    const chain = createFakeChain();
    install(FAKE_WALLET, createFakeWallet(chain, [ALICE]));
    renderCard(chain);

    const list = await screen.findByRole("list", { name: "Browser wallets" });
    const item = within(list).getByRole("listitem");
    expect(item).toHaveTextContent("Fake Wallet");
    expect(item).toHaveTextContent("test.fake.wallet");
    expect(item.querySelector("img")?.getAttribute("src")).toBe(FAKE_ICON);
    expect(within(item).getByRole("button", { name: "Connect Fake Wallet" })).toBeEnabled();
    expect(screen.queryByRole("note")).not.toBeInTheDocument();
  });

  it("adds a wallet announced later through window.dispatchEvent, once however often it announces", async () => {
    const chain = createFakeChain();
    renderCard(chain);
    await screen.findByRole("note");

    const provider = createFakeWallet(chain, [ALICE]);
    act(() => {
      window.dispatchEvent(
        new CustomEvent("eip6963:announceProvider", { detail: { info: FAKE_WALLET, provider } }),
      );
    });
    act(() => announceWallet(FAKE_WALLET, provider));
    act(() => announceWallet({ ...FAKE_WALLET, uuid: "second", name: "Other Wallet" }, provider));

    // react-query delivers cache updates on the next tick, hence waitFor.
    await waitFor(() => {
      const items = within(screen.getByRole("list", { name: "Browser wallets" })).getAllByRole("listitem");
      expect(items.map((item) => item.querySelector(".wallet-name")?.textContent)).toEqual([
        "Fake Wallet",
        "Other Wallet",
      ]);
    });
    expect(screen.queryByRole("note")).not.toBeInTheDocument();
  });

  it("ignores announcements without a usable provider and icons that are not data URIs", async () => {
    const chain = createFakeChain();
    install({ ...FAKE_WALLET, uuid: "broken", name: "Broken" }, { notRequest: true });
    install(
      { ...FAKE_WALLET, name: "Remote Icon", icon: "https://tracker.example/icon.svg" },
      createFakeWallet(chain, [ALICE]),
    );
    renderCard(chain);

    const item = within(await screen.findByRole("list", { name: "Browser wallets" })).getByRole("listitem");
    expect(item).toHaveTextContent("Remote Icon");
    expect(item.querySelector("img")).toBeNull();
    expect(screen.queryByText("Broken")).not.toBeInTheDocument();
  });
});

describe("WalletCard connection", () => {
  async function connectAlice(options: { approve?: boolean; walletChainId?: number } = {}) {
    const chain = createFakeChain();
    chain.balances.set(ALICE_CHECKSUMMED, 1_500_250_000n);
    chain.votes.set(ALICE_CHECKSUMMED, 1_000_000n);
    chain.delegates.set(ALICE_CHECKSUMMED, ALICE_CHECKSUMMED);
    chain.balances.set(BOB, 3_000_000n);
    const wallet = createFakeWallet(chain, [ALICE]);
    wallet.approve = options.approve ?? true;
    wallet.chainId = options.walletChainId ?? chain.chainId;
    install(FAKE_WALLET, wallet);
    renderCard(chain);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Connect Fake Wallet" }));
    return { chain, wallet, user };
  }

  it("asks the wallet for accounts, then shows the account and its balance in the token's unit", async () => {
    const { wallet } = await connectAlice();

    await waitFor(() => expect(factValue("Account")).toBe(ALICE_CHECKSUMMED));
    expect(wallet.requests).toContain("eth_requestAccounts");
    expect(factValue("Wallet")).toBe("Fake Wallet");
    expect(factValue("Wallet chain id")).toBe("31337");
    await waitFor(() => expect(factValue("Balance")).toBe("1,500.25 FDMC"));
    expect(factValue("Voting power")).toBe("1 FDMC");
    expect(factValue("Delegate")).toBe(ALICE_CHECKSUMMED);
    expect(within(card("Wallet")).getByText("connected")).toBeInTheDocument();
    expect(screen.queryByRole("list", { name: "Browser wallets" })).not.toBeInTheDocument();
  });

  it("says the request was declined when the user rejects it, and lets them try again", async () => {
    const { wallet, user } = await connectAlice({ approve: false });

    expect(await screen.findByRole("alert")).toHaveTextContent("Request declined");
    expect(screen.queryByText("Account")).not.toBeInTheDocument();

    wallet.approve = true;
    await user.click(screen.getByRole("button", { name: "Connect Fake Wallet" }));
    await waitFor(() => expect(factValue("Account")).toBe(ALICE_CHECKSUMMED));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("warns when the wallet is on another chain than the page reads", async () => {
    await connectAlice({ walletChainId: 1 });

    await waitFor(() => expect(factValue("Wallet chain id")).toContain("1 (this page reads chain 31337"));
    // The balance still comes from the page's chain, so it is shown regardless.
    await waitFor(() => expect(factValue("Balance")).toBe("1,500.25 FDMC"));
  });

  it("follows account and chain switches made in the wallet", async () => {
    const { wallet } = await connectAlice();
    await waitFor(() => expect(factValue("Balance")).toBe("1,500.25 FDMC"));

    act(() => wallet.emit("accountsChanged", [BOB.toLowerCase()]));
    expect(factValue("Account")).toBe(BOB);
    await waitFor(() => expect(factValue("Balance")).toBe("3 FDMC"));
    expect(factValue("Delegate")).toBe("none (votes count once delegated)");

    act(() => wallet.emit("chainChanged", "0x1"));
    expect(factValue("Wallet chain id")).toContain("this page reads chain 31337");

    act(() => wallet.emit("accountsChanged", []));
    expect(screen.queryByText("Account")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Connect Fake Wallet" })).toBeEnabled();
    expect(wallet.listenerCount("accountsChanged")).toBe(0);
  });

  it("forgets the account on Disconnect and stops listening to the wallet", async () => {
    const { wallet, user } = await connectAlice();
    await waitFor(() => expect(factValue("Account")).toBe(ALICE_CHECKSUMMED));
    expect(wallet.listenerCount("accountsChanged")).toBe(1);

    await user.click(screen.getByRole("button", { name: "Disconnect" }));
    expect(screen.queryByText("Account")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Connect Fake Wallet" })).toBeInTheDocument();
    expect(wallet.listenerCount("accountsChanged")).toBe(0);
    expect(wallet.listenerCount("chainChanged")).toBe(0);
  });
});
