// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {MinerStatus} from "../../../../src/types/Miner.sol";
import {VaultBase} from "../../../VaultBase.t.sol";

/// @notice A miner the DAO suspends or revokes sells nothing more, while its holders keep every right.
contract SaleMinerStatus_Concrete_Test is VaultBase {
    uint256 internal offeringId;
    address internal buyer;

    function setUp() public override {
        super.setUp();
        buyer = makeAddr("buyer");
        offeringId = createDefaultOffering();
        sell(tokenOf(offeringId, 1), buyer, PRICE);
    }

    function test_RevertGiven_MinerSuspended() external {
        suspendMiner(miner);
        vm.prank(usdcBridge);
        usdc.mint(seller, PRICE);
        vm.prank(seller);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_MinerNotActive.selector, miner, MinerStatus.Suspended
            )
        );
        vault.recordPrimarySale(offeringId, buyer, UNITS, PRICE, false);
    }

    function test_GivenMinerRevoked_HoldersStillClaimAndTheMinerStillDelivers() external {
        revokeMiner(miner);
        vm.prank(usdcBridge);
        usdc.mint(seller, PRICE);
        vm.prank(seller);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_MinerNotActive.selector, miner, MinerStatus.Revoked
            )
        );
        vault.recordPrimarySale(offeringId, buyer, UNITS, PRICE, false);

        warpToDay(today + 1);
        deliver(offeringId, today, DAILY_YIELD);
        assertEq(claimAs(buyer, ids(tokenOf(offeringId, 1))), DAILY_YIELD, "holder claims the day");
    }
}
