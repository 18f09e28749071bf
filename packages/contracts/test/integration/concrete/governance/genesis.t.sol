// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DmexContracts, DmexDeployment, GenesisCall} from "../../../../script/lib/DmexDeployment.sol";
import {MinerRegistry} from "../../../../src/MinerRegistry.sol";
import {BridgedToken} from "../../../../src/mocks/BridgedToken.sol";
import {Coin} from "../../../../src/types/Miner.sol";
import {GovernanceBase} from "../../../GovernanceBase.t.sol";

/// @notice Launch configuration runs as the timelock (the registry's owner) in one genesis batch, after
/// which the deployer holds nothing and the timelock has its real delay.
contract Genesis_Governance_Concrete_Test is GovernanceBase {
    function test_WhenLaunchedWithGenesisCalls_TheTimelockRunsThemAndTheDeployerLeaves() external {
        DmexContracts memory c = DmexDeployment.deployContracts(config(), address(this));
        BridgedToken ifil = new BridgedToken("Bridged Filecoin", "IFIL", 18, address(c.timelock), address(this));
        GenesisCall[] memory calls = new GenesisCall[](1);
        calls[0] = GenesisCall({
            target: address(c.registry),
            data: abi.encodeCall(
                MinerRegistry.registerCoin,
                (Coin({name: "Filecoin", unitName: "TiB", unitSize: 1, yieldToken: address(ifil), displayDecimals: 4}))
            )
        });

        assertEq(c.timelock.getMinDelay(), 0, "no delay before genesis");
        DmexDeployment.launch(c, TIMELOCK_DELAY, calls, address(this));

        assertEq(c.registry.coinCount(), 1, "coin registered by the timelock");
        assertEq(c.timelock.getMinDelay(), TIMELOCK_DELAY, "real delay after genesis");
        assertFalse(c.timelock.hasRole(c.timelock.PROPOSER_ROLE(), address(this)), "deployer cannot propose");
        assertFalse(c.timelock.hasRole(c.timelock.DEFAULT_ADMIN_ROLE(), address(this)), "deployer is not admin");
    }

    function test_RevertWhen_AGenesisCallFails() external {
        DmexContracts memory c = DmexDeployment.deployContracts(config(), address(this));
        GenesisCall[] memory calls = new GenesisCall[](1);
        // A coin whose yield token has no code: the registry refuses it, and the whole launch reverts.
        calls[0] = GenesisCall({
            target: address(c.registry),
            data: abi.encodeCall(
                MinerRegistry.registerCoin,
                (Coin({name: "Ghost", unitName: "TiB", unitSize: 1, yieldToken: address(0xdead), displayDecimals: 4}))
            )
        });
        vm.expectRevert();
        this.launchExternally(c, calls);
    }

    /// @dev `expectRevert` needs an external call to catch the revert of the inlined library code.
    function launchExternally(DmexContracts memory c, GenesisCall[] memory calls) external {
        DmexDeployment.launch(c, TIMELOCK_DELAY, calls, address(this));
    }
}
