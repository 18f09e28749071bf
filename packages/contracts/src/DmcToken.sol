// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {DmcVestingWallet} from "./DmcVestingWallet.sol";
import {IDmcToken} from "./interfaces/IDmcToken.sol";
import {Allocation, VestingTranche} from "./types/Allocation.sol";

/// @title DmcToken
/// @notice See {IDmcToken}.
contract DmcToken is ERC20, ERC20Permit, ERC20Votes, IDmcToken {
    /// @inheritdoc IDmcToken
    uint256 public constant override MAX_SUPPLY = 100_000_000e18;
    /// @inheritdoc IDmcToken
    uint256 public constant override REWARDS_SHARE_BPS = 5000;
    /// @inheritdoc IDmcToken
    uint256 public constant override INSURANCE_SHARE_BPS = 1000;
    /// @inheritdoc IDmcToken
    uint256 public constant override TREASURY_SHARE_BPS = 4000;

    uint256 private constant _BPS = 10_000;

    address[] private _vestingWallets;

    /// @param allocation Genesis recipients; see {Allocation}. Vesting wallets are deployed here so that
    /// the tranches are locked in the same transaction that creates the supply.
    constructor(Allocation memory allocation) ERC20("DMEX Coin", "DMC") ERC20Permit("DMEX Coin") {
        if (allocation.rewardsReserve == address(0)) revert DmcToken_ZeroRecipient(AllocationKind.Rewards);
        if (allocation.insuranceReserve == address(0)) revert DmcToken_ZeroRecipient(AllocationKind.Insurance);
        if (allocation.treasury == address(0)) revert DmcToken_ZeroRecipient(AllocationKind.Treasury);

        uint256 rewardsShare = MAX_SUPPLY * REWARDS_SHARE_BPS / _BPS;
        uint256 insuranceShare = MAX_SUPPLY * INSURANCE_SHARE_BPS / _BPS;
        // The treasury takes the remainder so that the three shares always add up to MAX_SUPPLY exactly.
        uint256 treasuryShare = MAX_SUPPLY - rewardsShare - insuranceShare;

        _allocate(allocation.rewardsReserve, rewardsShare, AllocationKind.Rewards);
        _allocate(allocation.insuranceReserve, insuranceShare, AllocationKind.Insurance);

        uint256 vested;
        uint256 trancheCount = allocation.tranches.length;
        for (uint256 i; i < trancheCount; ++i) {
            VestingTranche memory tranche = allocation.tranches[i];
            if (
                tranche.beneficiary == address(0) || tranche.amount == 0 || tranche.duration == 0
                    || tranche.cliff > tranche.duration
            ) revert DmcToken_InvalidTranche(i);
            vested += tranche.amount;
            if (vested > treasuryShare) revert DmcToken_TranchesExceedTreasury(vested, treasuryShare);

            address wallet =
                address(new DmcVestingWallet(tranche.beneficiary, tranche.start, tranche.duration, tranche.cliff));
            _vestingWallets.push(wallet);
            emit VestingTrancheCreated(
                wallet, tranche.beneficiary, tranche.amount, tranche.start, tranche.duration, tranche.cliff
            );
            _allocate(wallet, tranche.amount, AllocationKind.Vesting);
        }

        if (treasuryShare > vested) _allocate(allocation.treasury, treasuryShare - vested, AllocationKind.Treasury);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IDmcToken
    function vestingWallets() external view override returns (address[] memory) {
        return _vestingWallets;
    }

    /// @notice The EIP-6372 clock: the block timestamp, in seconds.
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    /// @notice EIP-6372 clock description: timestamps.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _allocate(address recipient, uint256 amount, AllocationKind kind) private {
        _mint(recipient, amount);
        emit GenesisAllocation(recipient, amount, kind);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
