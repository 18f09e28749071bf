/** What the index needs of a data source. */
export interface IndexedHost {
  readonly address: string | null;
  readonly mapping: { readonly blockHandlers: readonly unknown[] };
}

/**
 * Data sources in creation order, indexed by address: with thousands of template instances, matching a
 * log must not look at every one of them.
 */
export class HostIndex<H extends IndexedHost> {
  private readonly all: H[] = [];
  private readonly order = new Map<H, number>();
  private readonly byAddress = new Map<string, H[]>();
  private readonly wildcard: H[] = [];
  private readonly blockHosts: H[] = [];

  constructor(hosts: readonly H[] = []) {
    for (const h of hosts) this.add(h);
  }

  add(host: H): void {
    this.order.set(host, this.all.length);
    this.all.push(host);
    if (host.address === null) this.wildcard.push(host);
    else {
      const list = this.byAddress.get(host.address);
      if (list === undefined) this.byAddress.set(host.address, [host]);
      else list.push(host);
    }
    if (host.mapping.blockHandlers.length > 0) this.blockHosts.push(host);
  }

  get hosts(): readonly H[] {
    return this.all;
  }

  /** Data sources with block handlers, in creation order. */
  get withBlockHandlers(): readonly H[] {
    return this.blockHosts;
  }

  /** Data sources a log from `address` can match, in creation order. */
  forAddress(address: string): readonly H[] {
    const own = this.byAddress.get(address) ?? [];
    if (this.wildcard.length === 0) return own;
    if (own.length === 0) return this.wildcard;
    return [...own, ...this.wildcard].sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0));
  }
}
