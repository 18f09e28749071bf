import type { Eip6963ProviderInfo } from "ethers";

import { isDisplayableIcon } from "../lib/eip6963";

/** The wallet's announced icon, or its initial when the icon is not a data URI we may show. */
export function WalletIcon({ info }: { readonly info: Eip6963ProviderInfo }) {
  if (!isDisplayableIcon(info.icon)) {
    return (
      <span className="wallet-icon wallet-icon-fallback" aria-hidden="true">
        {info.name.slice(0, 1).toUpperCase()}
      </span>
    );
  }
  // alt is empty because the name is printed next to the icon; an <img> cannot run an SVG's scripts.
  return <img className="wallet-icon" src={info.icon} alt="" width={32} height={32} />;
}
