// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IDmcToken
/// @notice DMC ("DMEX Coin"), the governance token of the DMEX DAO: 18 decimals, a fixed supply of
/// 100,000,000 DMC minted once at deployment, ERC-2612 permits and ERC-5805 votes whose EIP-6372 clock
/// is the block timestamp (seconds), so proposals and vesting speak the same unit on every chain.
/// @dev This interface holds DMEX's own surface; the token also implements IERC20Metadata, IERC20Permit
/// and IERC5805 (OpenZeppelin). Nothing can mint after the constructor. Voting power counts only delegated balances: a
/// holder must delegate (to itself or another account) before its DMC votes.
interface IDmcToken {
    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Emitted once per genesis recipient, in the constructor.
    /// @param recipient The rewards reserve, the insurance reserve, the treasury or a vesting wallet.
    /// @param amount DMC in wei.
    /// @param kind What the allocation is for.
    event GenesisAllocation(address indexed recipient, uint256 amount, AllocationKind kind);

    /// @notice Emitted for each vesting tranche, with the wallet the token deployed for it.
    /// @param wallet The vesting wallet (OpenZeppelin VestingWalletCliff) holding the tranche.
    /// @param beneficiary The wallet's owner, who receives the DMC as it vests.
    /// @param amount DMC in wei.
    /// @param start Unix timestamp, seconds.
    /// @param duration Seconds.
    /// @param cliff Seconds after `start`.
    event VestingTrancheCreated(
        address indexed wallet, address indexed beneficiary, uint256 amount, uint64 start, uint64 duration, uint64 cliff
    );

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice A genesis recipient is the zero address.
    /// @param kind Which recipient.
    error DmcToken_ZeroRecipient(AllocationKind kind);

    /// @notice A vesting tranche has a zero beneficiary, a zero amount, a zero duration, or a cliff
    /// longer than its duration.
    /// @param index Position of the tranche in the allocation.
    error DmcToken_InvalidTranche(uint256 index);

    /// @notice The vesting tranches add up to more than the treasury's 40%.
    /// @param vested Sum of the tranches, DMC in wei.
    /// @param treasuryShare The treasury's share, DMC in wei.
    error DmcToken_TranchesExceedTreasury(uint256 vested, uint256 treasuryShare);

    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    enum AllocationKind {
        Rewards,
        Insurance,
        Treasury,
        Vesting
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The fixed total supply: 100,000,000 DMC in wei.
    function MAX_SUPPLY() external view returns (uint256);

    /// @notice Share of the supply for mining rewards, in basis points (5,000 = 50%).
    function REWARDS_SHARE_BPS() external view returns (uint256);

    /// @notice Share of the supply for the insurance pool, in basis points (1,000 = 10%).
    function INSURANCE_SHARE_BPS() external view returns (uint256);

    /// @notice Share of the supply for the DAO treasury, vesting tranches included, in basis points
    /// (4,000 = 40%).
    function TREASURY_SHARE_BPS() external view returns (uint256);

    /// @notice The vesting wallets created at deployment, in tranche order.
    function vestingWallets() external view returns (address[] memory);
}
