export { foundryBinary, runFoundry } from "../bin/foundry.mjs";
export { freePort, rpc, startAnvil } from "./anvil.mjs";
export {
  CONTRACTS_ROOT,
  DEPLOYMENTS_DIR,
  deploy,
  LOCAL_CHAIN_ID,
  NETWORK_NAMES,
  roleTable,
  toDeployment,
  writeDeployment,
} from "./deploy.mjs";
