// Ownable, Pausable and AccessControl events are the same on every DMEX contract: each mapping's handler
// for them calls these with its data source name.
import { Address, Bytes, ethereum } from "@graphprotocol/graph-ts";

import { ProtocolContract, Role, RoleMember } from "../../generated/schema";
import { getOrCreateAccount } from "./entities";

const DEFAULT_ADMIN_ROLE = Bytes.fromHexString(
  "0x0000000000000000000000000000000000000000000000000000000000000000",
);

export function getOrCreateProtocolContract(address: Address, name: string): ProtocolContract {
  let contract = ProtocolContract.load(address);
  if (contract == null) {
    contract = new ProtocolContract(address);
    contract.name = name;
    contract.paused = false;
    contract.save();
  }
  return contract as ProtocolContract;
}

function getOrCreateRole(contract: ProtocolContract, role: Bytes): Role {
  const id = contract.id.concat(role);
  let entity = Role.load(id);
  if (entity == null) {
    entity = new Role(id);
    entity.contract = contract.id;
    entity.role = role;
    entity.adminRole = DEFAULT_ADMIN_ROLE;
    entity.save();
  }
  return entity as Role;
}

/** RoleGranted (`active` true) and RoleRevoked (false). */
export function recordRoleChange(
  event: ethereum.Event,
  name: string,
  role: Bytes,
  account: Address,
  sender: Address,
  active: boolean,
): void {
  const contract = getOrCreateProtocolContract(event.address, name);
  const roleEntity = getOrCreateRole(contract, role);
  const id = roleEntity.id.concat(account);
  let member = RoleMember.load(id);
  if (member == null) {
    member = new RoleMember(id);
    member.role = roleEntity.id;
    member.account = getOrCreateAccount(account).id;
  }
  member.active = active;
  member.changedBy = sender;
  member.changedAt = event.block.timestamp;
  member.save();
}

export function recordRoleAdminChange(
  event: ethereum.Event,
  name: string,
  role: Bytes,
  newAdminRole: Bytes,
): void {
  const roleEntity = getOrCreateRole(getOrCreateProtocolContract(event.address, name), role);
  roleEntity.adminRole = newAdminRole;
  roleEntity.save();
}

/** OwnershipTransferred: the new owner, and no pending owner any more. */
export function recordOwner(event: ethereum.Event, name: string, owner: Address): void {
  const contract = getOrCreateProtocolContract(event.address, name);
  contract.owner = owner;
  contract.pendingOwner = null;
  contract.save();
}

/** OwnershipTransferStarted (Ownable2Step). */
export function recordPendingOwner(event: ethereum.Event, name: string, pendingOwner: Address): void {
  const contract = getOrCreateProtocolContract(event.address, name);
  contract.pendingOwner = pendingOwner;
  contract.save();
}

/** Paused (true) and Unpaused (false). */
export function recordPaused(event: ethereum.Event, name: string, paused: boolean): void {
  const contract = getOrCreateProtocolContract(event.address, name);
  contract.paused = paused;
  contract.save();
}
