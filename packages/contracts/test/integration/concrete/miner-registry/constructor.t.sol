// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {MinerRegistry} from "../../../../src/MinerRegistry.sol";
import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract Constructor_MinerRegistry_Concrete_Test is MinerRegistryBase {
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    function deploy(address owner_, address dmc_, address reserve, uint64 window, uint64 period)
        internal
        returns (MinerRegistry)
    {
        return new MinerRegistry(owner_, IERC20(dmc_), reserve, window, period);
    }

    function test_WhenParamsAreValid_ItStoresThem() external view {
        assertEq(registry.owner(), timelock, "owner is the timelock");
        assertEq(registry.pendingOwner(), address(0), "no pending owner");
        assertEq(address(registry.dmc()), address(token), "staking token");
        assertEq(registry.insuranceReserve(), insuranceReserve, "insurance reserve");
        assertEq(registry.approvalWindow(), APPROVAL_WINDOW, "approval window");
        assertEq(registry.unbondingPeriod(), UNBONDING_PERIOD, "unbonding period");
        assertEq(registry.applicationCount(), 0, "no application");
        assertEq(registry.totalStaked(), 0, "nothing staked");
        assertEq(registry.totalPendingWithdrawals(), 0, "nothing pending");
    }

    function test_WhenParamsAreValid_ItStartsWithoutOfferingManagerOrCoin() external {
        MinerRegistry fresh = deploy(timelock, address(token), insuranceReserve, APPROVAL_WINDOW, UNBONDING_PERIOD);
        assertEq(fresh.offeringManager(), address(0), "no offering manager");
        assertEq(fresh.coinCount(), 0, "no coin");
    }

    function test_ItExposesTheBounds() external view {
        assertEq(registry.MIN_APPROVAL_WINDOW(), 1 days, "min approval window");
        assertEq(registry.MAX_APPROVAL_WINDOW(), 365 days, "max approval window");
        assertEq(registry.MIN_UNBONDING_PERIOD(), 1 days, "min unbonding period");
        assertEq(registry.MAX_UNBONDING_PERIOD(), 365 days, "max unbonding period");
        assertEq(registry.MAX_TERM_DAYS(), 3650, "max term days");
    }

    function test_WhenParamsAreValid_ItEmitsTheInitialSettings() external {
        address predicted = vm.computeCreateAddress(address(this), vm.getNonce(address(this)));
        vm.expectEmit(predicted);
        emit OwnershipTransferred(address(0), timelock);
        vm.expectEmit(predicted);
        emit IMinerRegistry.InsuranceReserveSet(address(0), insuranceReserve);
        vm.expectEmit(predicted);
        emit IMinerRegistry.ApprovalWindowSet(0, APPROVAL_WINDOW);
        vm.expectEmit(predicted);
        emit IMinerRegistry.UnbondingPeriodSet(0, UNBONDING_PERIOD);
        deploy(timelock, address(token), insuranceReserve, APPROVAL_WINDOW, UNBONDING_PERIOD);
    }

    function test_WhenPeriodsAreAtTheirBounds_ItAcceptsThem() external {
        MinerRegistry shortest = deploy(timelock, address(token), insuranceReserve, 1 days, 1 days);
        assertEq(shortest.approvalWindow(), 1 days, "shortest window");
        assertEq(shortest.unbondingPeriod(), 1 days, "shortest period");
        MinerRegistry longest = deploy(timelock, address(token), insuranceReserve, 365 days, 365 days);
        assertEq(longest.approvalWindow(), 365 days, "longest window");
        assertEq(longest.unbondingPeriod(), 365 days, "longest period");
    }

    function test_RevertWhen_OwnerIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        deploy(address(0), address(token), insuranceReserve, APPROVAL_WINDOW, UNBONDING_PERIOD);
    }

    function test_RevertWhen_DmcIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_InvalidToken.selector, address(0)));
        deploy(timelock, address(0), insuranceReserve, APPROVAL_WINDOW, UNBONDING_PERIOD);
    }

    function test_RevertWhen_DmcHasNoCode() external {
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_InvalidToken.selector, alice));
        deploy(timelock, alice, insuranceReserve, APPROVAL_WINDOW, UNBONDING_PERIOD);
    }

    function test_RevertWhen_InsuranceReserveIsZero() external {
        vm.expectRevert(
            abi.encodeWithSelector(IMinerRegistry.MinerRegistry_InvalidInsuranceReserve.selector, address(0))
        );
        deploy(timelock, address(token), address(0), APPROVAL_WINDOW, UNBONDING_PERIOD);
    }

    function test_RevertWhen_InsuranceReserveIsTheRegistryItself() external {
        address predicted = vm.computeCreateAddress(address(this), vm.getNonce(address(this)));
        vm.expectRevert(
            abi.encodeWithSelector(IMinerRegistry.MinerRegistry_InvalidInsuranceReserve.selector, predicted)
        );
        deploy(timelock, address(token), predicted, APPROVAL_WINDOW, UNBONDING_PERIOD);
    }

    function test_RevertWhen_ApprovalWindowIsBelowOneDay() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMinerRegistry.MinerRegistry_ApprovalWindowOutOfBounds.selector, 1 days - 1, 1 days, 365 days
            )
        );
        deploy(timelock, address(token), insuranceReserve, 1 days - 1, UNBONDING_PERIOD);
    }

    function test_RevertWhen_ApprovalWindowIsAboveOneYear() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMinerRegistry.MinerRegistry_ApprovalWindowOutOfBounds.selector, 365 days + 1, 1 days, 365 days
            )
        );
        deploy(timelock, address(token), insuranceReserve, 365 days + 1, UNBONDING_PERIOD);
    }

    function test_RevertWhen_UnbondingPeriodIsBelowOneDay() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMinerRegistry.MinerRegistry_UnbondingPeriodOutOfBounds.selector, 0, 1 days, 365 days
            )
        );
        deploy(timelock, address(token), insuranceReserve, APPROVAL_WINDOW, 0);
    }

    function test_RevertWhen_UnbondingPeriodIsAboveOneYear() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMinerRegistry.MinerRegistry_UnbondingPeriodOutOfBounds.selector, 365 days + 1, 1 days, 365 days
            )
        );
        deploy(timelock, address(token), insuranceReserve, APPROVAL_WINDOW, 365 days + 1);
    }
}
