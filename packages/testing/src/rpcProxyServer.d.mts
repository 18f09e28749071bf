// The untyped implementation's signature; its types and documentation are rpcProxy.ts's.
export function startRpcProxy(
  upstream: string,
  intercept?: (request: never) => object | undefined,
): Promise<unknown>;
