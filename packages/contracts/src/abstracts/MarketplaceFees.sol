// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IMarketplace} from "../interfaces/IMarketplace.sol";
import {AccruedFees, Fees} from "../types/Market.sol";

/// @title MarketplaceFees
/// @notice The marketplace's money module (see {IMarketplace}): the DAO-set fees within their caps and their
/// recipients, fee accrual per payment token and `collectFees`, and the pull-payment credits (a payment pushed
/// within a gas cap, credited when the push fails, withdrawn with `withdrawCredit`).
/// @dev A module in the manner of Sablier's `src/abstracts/`: the marketplace inherits it; the admin entry points
/// that set fees stay in {Marketplace}, which holds the roles.
abstract contract MarketplaceFees is IMarketplace, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMarketplace
    uint16 public constant override MAX_CHANNEL_FEE_BPS = 1000;
    /// @inheritdoc IMarketplace
    uint16 public constant override MAX_TRADING_FEE_BPS = 500;
    /// @inheritdoc IMarketplace
    uint256 public constant override PUSH_GAS = 100_000;

    uint16 internal constant BPS = 10_000;

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMarketplace
    Fees public override fees;
    /// @inheritdoc IMarketplace
    address public override treasury;
    /// @inheritdoc IMarketplace
    address public override insuranceReserve;

    mapping(address account => mapping(address token => uint256 amount)) private _credits;
    mapping(address token => AccruedFees) private _accruedFees;

    /*//////////////////////////////////////////////////////////////
                            CREDITS AND FEES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMarketplace
    function withdrawCredit(address token) external override nonReentrant returns (uint256 amount) {
        amount = _credits[msg.sender][token];
        if (amount == 0) revert Marketplace_NothingToWithdraw(msg.sender, token);
        delete _credits[msg.sender][token];
        emit CreditWithdrawn(msg.sender, token, amount);
        IERC20(token).safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IMarketplace
    function collectFees(address token)
        external
        override
        nonReentrant
        returns (uint256 toTreasury, uint256 toInsurance)
    {
        AccruedFees storage accrued = _accruedFees[token];
        (uint128 treasuryShare, uint128 insuranceShare) = (accrued.treasury, accrued.insurance);
        if (uint256(treasuryShare) + insuranceShare == 0) revert Marketplace_NoFeesAccrued(token);
        (address treasury_, address insurance_) = (treasury, insuranceReserve);
        // Each recipient is paid on its own: one that refuses (a blocklisted address, a reverting hook) keeps
        // its share accrued for a later call instead of blocking the other's.
        delete _accruedFees[token];
        if (treasuryShare != 0) {
            if (IERC20(token).trySafeTransfer(treasury_, treasuryShare)) toTreasury = treasuryShare;
            else accrued.treasury = treasuryShare;
        }
        if (insuranceShare != 0) {
            if (IERC20(token).trySafeTransfer(insurance_, insuranceShare)) toInsurance = insuranceShare;
            else accrued.insurance = insuranceShare;
        }
        if (toTreasury + toInsurance == 0) revert Marketplace_FeesRefused(token);
        emit FeesCollected(token, treasury_, toTreasury, insurance_, toInsurance);
    }

    /// @inheritdoc IMarketplace
    function creditOf(address account, address token) external view override returns (uint256) {
        return _credits[account][token];
    }

    /// @inheritdoc IMarketplace
    function accruedFees(address token) external view override returns (AccruedFees memory) {
        return _accruedFees[token];
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _split(uint256 price, uint16 feeBps) internal pure returns (uint256 fee, uint256 net) {
        fee = price * feeBps / BPS;
        net = price - fee;
    }

    /// @dev Splits `fee` by the insurance share in force and adds it to what `collectFees` sends on: one storage
    /// write instead of two transfers per sale.
    function _accrueFee(address token, uint256 fee) internal {
        if (fee == 0) return;
        uint256 toInsurance = fee * fees.insuranceShareBps / BPS;
        AccruedFees storage accrued = _accruedFees[token];
        // casting to uint128 is safe: a fee is below a uint96 price, and the sums are checked below
        // forge-lint: disable-next-line(unsafe-typecast)
        accrued.insurance += uint128(toInsurance);
        // forge-lint: disable-next-line(unsafe-typecast)
        accrued.treasury += uint128(fee - toInsurance);
    }

    /// @dev Pays `amount` to `to` with at most `PUSH_GAS`; if the transfer fails (a blocklisted or reverting
    /// receiver, a token hook burning gas), credits it for `withdrawCredit` instead, so the caller's action
    /// (a new bid, a settlement) always completes.
    function _pushOrCredit(address token, address to, uint256 amount) internal {
        bool ok;
        bytes memory data = abi.encodeCall(IERC20.transfer, (to, amount));
        uint256 gasCap = PUSH_GAS;
        assembly ("memory-safe") {
            ok := call(gasCap, token, 0, add(data, 0x20), mload(data), 0, 0x20)
            // Accept no return data or a 32-byte true; only the first word is copied (no return bomb).
            if ok { if returndatasize() { ok := and(gt(returndatasize(), 31), eq(mload(0), 1)) } }
        }
        if (!ok) {
            _credits[to][token] += amount;
            emit Credited(to, token, amount);
        }
    }

    function _setFees(Fees memory fees_) internal {
        if (fees_.channelBps > MAX_CHANNEL_FEE_BPS) {
            revert Marketplace_FeeAboveCap(fees_.channelBps, MAX_CHANNEL_FEE_BPS);
        }
        if (fees_.tradingBps > MAX_TRADING_FEE_BPS) {
            revert Marketplace_FeeAboveCap(fees_.tradingBps, MAX_TRADING_FEE_BPS);
        }
        if (fees_.insuranceShareBps > BPS) revert Marketplace_InsuranceShareOutOfBounds(fees_.insuranceShareBps);
        fees = fees_;
        emit FeesSet(fees_.channelBps, fees_.tradingBps, fees_.insuranceShareBps);
    }

    function _setFeeRecipients(address treasury_, address insuranceReserve_) internal {
        if (treasury_ == address(0) || insuranceReserve_ == address(0)) revert Marketplace_ZeroAddress();
        treasury = treasury_;
        insuranceReserve = insuranceReserve_;
        emit FeeRecipientsSet(treasury_, insuranceReserve_);
    }
}
