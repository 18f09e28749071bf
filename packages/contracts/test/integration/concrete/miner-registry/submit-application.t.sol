// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {Application, ApplicationParams, ApplicationStatus, Miner, MinerStatus} from "../../../../src/types/Miner.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract SubmitApplication_MinerRegistry_Concrete_Test is MinerRegistryBase {
    function submitExpectingRevert(ApplicationParams memory params, bytes memory revertData) internal {
        vm.expectRevert(revertData);
        vm.prank(miner);
        registry.submitApplication(params);
    }

    /*//////////////////////////////////////////////////////////////
                             MINER STATUS
    //////////////////////////////////////////////////////////////*/

    function test_RevertGiven_MinerHasAPendingApplication() external {
        uint256 id = submit(miner);
        submitExpectingRevert(
            defaultParams(), abi.encodeWithSelector(IMinerRegistry.MinerRegistry_ApplicationPending.selector, miner, id)
        );
    }

    function test_RevertGiven_MinerIsApproved() external {
        approved(miner);
        submitExpectingRevert(defaultParams(), invalidStatusError(miner, MinerStatus.Approved));
    }

    function test_RevertGiven_MinerIsActive() external {
        activate(miner);
        submitExpectingRevert(defaultParams(), invalidStatusError(miner, MinerStatus.Active));
    }

    function test_RevertGiven_MinerIsSuspended() external {
        activate(miner);
        suspendMiner(miner);
        submitExpectingRevert(defaultParams(), invalidStatusError(miner, MinerStatus.Suspended));
    }

    function test_RevertGiven_MinerIsRevoked() external {
        submit(miner);
        revokeMiner(miner);
        submitExpectingRevert(defaultParams(), invalidStatusError(miner, MinerStatus.Revoked));
    }

    function test_RevertGiven_ApprovalIsOneSecondFromLapsing() external {
        approved(miner);
        vm.warp(minerRecord(miner).approvalExpiry - 1);
        submitExpectingRevert(defaultParams(), invalidStatusError(miner, MinerStatus.Approved));
    }

    /*//////////////////////////////////////////////////////////////
                               PARAMETERS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_ProfileURIIsEmpty() external {
        ApplicationParams memory params = defaultParams();
        params.profileURI = "";
        submitExpectingRevert(params, abi.encodeWithSelector(IMinerRegistry.MinerRegistry_EmptyProfileURI.selector));
    }

    function test_RevertWhen_ContentHashIsZero() external {
        ApplicationParams memory params = defaultParams();
        params.contentHash = bytes32(0);
        submitExpectingRevert(params, abi.encodeWithSelector(IMinerRegistry.MinerRegistry_ZeroContentHash.selector));
    }

    function test_RevertWhen_CoinIdIsZero() external {
        ApplicationParams memory params = defaultParams();
        params.coinId = 0;
        submitExpectingRevert(params, abi.encodeWithSelector(IMinerRegistry.MinerRegistry_UnknownCoin.selector, 0));
    }

    function test_RevertWhen_CoinIsNotRegistered() external {
        ApplicationParams memory params = defaultParams();
        params.coinId = 7;
        submitExpectingRevert(params, abi.encodeWithSelector(IMinerRegistry.MinerRegistry_UnknownCoin.selector, 7));
    }

    function test_RevertWhen_CoinIsInactive() external {
        vm.prank(timelock);
        registry.setCoinActive(filCoinId, false);
        submitExpectingRevert(
            defaultParams(), abi.encodeWithSelector(IMinerRegistry.MinerRegistry_CoinInactive.selector, filCoinId)
        );
    }

    function test_RevertWhen_CapacityIsZero() external {
        ApplicationParams memory params = defaultParams();
        params.capacityUnits = 0;
        submitExpectingRevert(params, abi.encodeWithSelector(IMinerRegistry.MinerRegistry_ZeroCapacity.selector));
    }

    function test_RevertWhen_MaxTermIsZero() external {
        ApplicationParams memory params = defaultParams();
        params.maxTermDays = 0;
        submitExpectingRevert(
            params, abi.encodeWithSelector(IMinerRegistry.MinerRegistry_MaxTermOutOfBounds.selector, 0, 3650)
        );
    }

    function test_RevertWhen_MaxTermExceedsTenYears() external {
        ApplicationParams memory params = defaultParams();
        params.maxTermDays = 3651;
        submitExpectingRevert(
            params, abi.encodeWithSelector(IMinerRegistry.MinerRegistry_MaxTermOutOfBounds.selector, 3651, 3650)
        );
    }

    function test_RevertWhen_ExpectedYieldIsZero() external {
        ApplicationParams memory params = defaultParams();
        params.expectedYieldPerUnit = 0;
        submitExpectingRevert(params, abi.encodeWithSelector(IMinerRegistry.MinerRegistry_ZeroExpectedYield.selector));
    }

    /*//////////////////////////////////////////////////////////////
                                SUCCESS
    //////////////////////////////////////////////////////////////*/

    function test_GivenNewMiner_ItStoresTheApplication() external {
        vm.warp(block.timestamp + 1 hours);
        uint256 id = submit(miner);

        assertEq(id, 1, "ids start at 1");
        assertEq(registry.applicationCount(), 1, "application count");
        Application memory app = registry.application(id);
        assertEq(app.applicant, miner, "applicant");
        assertEq(uint256(app.status), uint256(ApplicationStatus.Pending), "pending");
        assertEq(app.profileURI, PROFILE_URI, "profile URI");
        assertEq(app.contentHash, CONTENT_HASH, "content hash");
        assertEq(app.coinId, filCoinId, "coin");
        assertEq(app.capacityUnits, CAPACITY, "capacity");
        assertEq(uint256(app.maxTermDays), MAX_TERM, "max term");
        assertEq(app.expectedYieldPerUnit, YIELD_PER_UNIT, "expected yield");
        assertEq(app.submittedAt, block.timestamp, "submitted at");
        assertEq(app.decidedAt, 0, "not decided");

        assertStatus(miner, MinerStatus.Applied, "miner applied");
        assertEq(minerRecord(miner).applicationId, id, "miner's application");
    }

    function test_GivenNewMiner_ItEmitsApplicationSubmittedAndStatusChange() external {
        vm.expectEmit(address(registry));
        emit IMinerRegistry.ApplicationSubmitted(
            1, miner, filCoinId, PROFILE_URI, CONTENT_HASH, CAPACITY, MAX_TERM, YIELD_PER_UNIT
        );
        vm.expectEmit(address(registry));
        emit IMinerRegistry.MinerStatusChanged(miner, MinerStatus.None, MinerStatus.Applied);
        submit(miner);
    }

    function test_WhenMaxTermIsTenYears_ItAcceptsIt() external {
        ApplicationParams memory params = defaultParams();
        params.maxTermDays = 3650;
        vm.prank(miner);
        uint256 id = registry.submitApplication(params);
        assertEq(uint256(registry.application(id).maxTermDays), 3650, "max term");
    }

    function test_GivenSeveralMiners_IdsIncrease() external {
        assertEq(submit(miner), 1, "first");
        assertEq(submit(alice), 2, "second");
        assertEq(submit(bob), 3, "third");
        assertEq(registry.applicationCount(), 3, "count");
    }

    function test_GivenRejectedApplication_MinerMayApplyAgain() external {
        uint256 first = submit(miner);
        vm.prank(timelock);
        registry.rejectApplication(first, "incomplete");
        uint256 second = submit(miner);
        assertEq(second, 2, "new id");
        assertStatus(miner, MinerStatus.Applied, "applied again");
        assertApplicationStatus(first, ApplicationStatus.Rejected, "first stays rejected");
    }

    function test_GivenWithdrawnApplication_MinerMayApplyAgain() external {
        uint256 first = submit(miner);
        vm.prank(miner);
        registry.withdrawApplication(first);
        submit(miner);
        assertStatus(miner, MinerStatus.Applied, "applied again");
    }

    function test_GivenLapsedApproval_MinerMayApplyAgainAndKeepsItsStake() external {
        approved(miner);
        stakeAs(miner, REQUIRED_STAKE / 2);
        lapse(miner);
        assertStatus(miner, MinerStatus.None, "lapsed");

        uint256 id = submit(miner);

        Miner memory record = minerRecord(miner);
        assertEq(uint256(record.status), uint256(MinerStatus.Applied), "applied again");
        assertEq(record.applicationId, id, "new application");
        assertEq(record.stake, REQUIRED_STAKE / 2, "stake kept");
        assertEq(record.capacityUnits, 0, "lapsed capacity cleared");
        assertEq(record.requiredStake, 0, "lapsed required stake cleared");
        assertEq(record.coinId, 0, "lapsed coin cleared");
        assertEq(uint256(record.maxTermDays), 0, "lapsed term cleared");
        assertEq(record.approvalExpiry, 0, "lapsed expiry cleared");
    }
}
