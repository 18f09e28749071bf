// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Ghost state of the DMC invariant run: every account that ever held or received votes, and
/// the votes each delegatee had at recorded timestamps (to check that the past never changes).
contract DmcTokenStore {
    address[] public accounts;
    mapping(address account => bool known) public isKnown;

    struct VoteRecord {
        address delegatee;
        uint48 timepoint;
        uint256 votes;
    }

    VoteRecord[] internal _voteRecords;

    function addAccount(address account) external {
        if (isKnown[account]) return;
        isKnown[account] = true;
        accounts.push(account);
    }

    function accountCount() external view returns (uint256) {
        return accounts.length;
    }

    function recordVotes(address delegatee, uint48 timepoint, uint256 votes) external {
        _voteRecords.push(VoteRecord({delegatee: delegatee, timepoint: timepoint, votes: votes}));
    }

    function voteRecordCount() external view returns (uint256) {
        return _voteRecords.length;
    }

    function voteRecord(uint256 index) external view returns (VoteRecord memory) {
        return _voteRecords[index];
    }
}
