// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Where a miner stands in the MinerRegistry (DESIGN §3.3).
/// @dev `None`: no record, a rejected or withdrawn application, or an approval that lapsed unstaked.
/// `Applied`: one application is pending. `Approved`: the DAO approved it; not (or no longer) staked enough
/// to sell. `Active`: staked at least the required stake; may open offerings. `Suspended`: frozen by the DAO.
/// `Revoked`: terminal; the miner may only take back what is left of its stake.
enum MinerStatus {
    None,
    Applied,
    Approved,
    Active,
    Suspended,
    Revoked
}

/// @notice Where an application stands. Applications are numbered from 1; an id that was never issued has
/// no status (the views revert for it).
enum ApplicationStatus {
    Pending,
    Approved,
    Rejected,
    Withdrawn
}

/// @notice A mined coin the DAO allows offerings for (DESIGN §3.1).
/// @param name Display name, e.g. "Filecoin".
/// @param unitName The unit hashrate or storage power is sold in, e.g. "TiB" or "TH/s".
/// @param unitSize How many `unitName` one unit is, e.g. 1.
/// @param yieldToken The ERC-20 the coin's yield is paid in (the coin bridged 1:1, e.g. IFIL).
/// @param displayDecimals Decimals the UI shows the yield with.
struct Coin {
    string name;
    string unitName;
    uint256 unitSize;
    address yieldToken;
    uint8 displayDecimals;
}

/// @notice What a miner submits to apply (`submitApplication`; `apply` is a reserved word).
/// @param profileURI Where the miner's profile lives (company, location, pool account, proof documents),
/// e.g. an `ipfs://` URI.
/// @param contentHash Hash of the profile document, so that the DAO votes on fixed content.
/// @param coinId The coin the miner mines; registered and active.
/// @param capacityUnits Effective capacity the miner asks to sell, in the coin's units.
/// @param maxTermDays Longest offering term the miner asks for, in days (1..3650).
/// @param expectedYieldPerUnit Expected yield per unit per day, in the yield token's smallest unit.
struct ApplicationParams {
    string profileURI;
    bytes32 contentHash;
    uint256 coinId;
    uint256 capacityUnits;
    uint16 maxTermDays;
    uint256 expectedYieldPerUnit;
}

/// @notice An application as stored: the submitted parameters, who submitted it and what became of it.
/// @param applicant The miner.
/// @param status Pending until approved, rejected (also when the miner is revoked) or withdrawn.
/// @param maxTermDays As submitted.
/// @param submittedAt Unix timestamp, seconds.
/// @param decidedAt Unix timestamp of the approval, rejection or withdrawal; 0 while pending.
/// @param coinId As submitted.
/// @param capacityUnits As submitted (the DAO may approve a different capacity; see the miner record).
/// @param expectedYieldPerUnit As submitted.
/// @param contentHash As submitted.
/// @param profileURI As submitted.
struct Application {
    address applicant;
    ApplicationStatus status;
    uint16 maxTermDays;
    uint64 submittedAt;
    uint64 decidedAt;
    uint256 coinId;
    uint256 capacityUnits;
    uint256 expectedYieldPerUnit;
    bytes32 contentHash;
    string profileURI;
}

/// @notice A miner's record. The storage layout packs the small fields into the first slot.
/// @param status Stored status; `statusOf` and `minerOf` report `None` for an approval that lapsed.
/// @param maxTermDays Longest offering term, days, from the approved application.
/// @param approvalExpiry Unix timestamp at which an approval not yet staked lapses; 0 once the miner has
/// been active (an approval, once staked, never lapses).
/// @param unlockAt Unix timestamp from which `pendingWithdrawal` can be withdrawn; 0 when nothing is pending.
/// @param liveOfferings Offerings opened and not yet closed, counted by the offering manager's hooks.
/// @param coinId The coin of the approved application.
/// @param capacityUnits Approved capacity, in the coin's units.
/// @param usedCapacity Units reserved by live offerings.
/// @param requiredStake DMC (wei) the miner must keep staked to be active.
/// @param stake DMC (wei) staked and slashable.
/// @param pendingWithdrawal DMC (wei) requested for withdrawal; still slashable until withdrawn.
/// @param applicationId The miner's latest application; 0 if it never applied.
struct Miner {
    MinerStatus status;
    uint16 maxTermDays;
    uint64 approvalExpiry;
    uint64 unlockAt;
    uint64 liveOfferings;
    uint256 coinId;
    uint256 capacityUnits;
    uint256 usedCapacity;
    uint256 requiredStake;
    uint256 stake;
    uint256 pendingWithdrawal;
    uint256 applicationId;
}

/// @notice Why an offering holds its miner's stake: `Flagged` until the DAO resumes it, `Terminated` until
/// the DAO records its slashing decision (`decideSlash`).
enum StakeHoldState {
    None,
    Flagged,
    Terminated
}

/// @notice One offering's hold on its miner's stake, per offering manager and offering id.
/// @param miner The miner whose stake is held.
/// @param state None once released.
struct StakeHold {
    address miner;
    StakeHoldState state;
}
