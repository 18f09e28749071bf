// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MinerStatus} from "../../../src/types/Miner.sol";

/// @notice Ghost state of the MinerRegistry invariant run: DMC flows, the status edges observed for every
/// miner, the offerings the offering manager holds open, and the admin state as the owner last set it.
contract MinerRegistryStore {
    /*//////////////////////////////////////////////////////////////
                               DMC FLOWS
    //////////////////////////////////////////////////////////////*/

    uint256 public totalDeposited;
    uint256 public totalWithdrawn;
    uint256 public totalSlashed;

    function addDeposit(uint256 amount) external {
        totalDeposited += amount;
    }

    function addWithdrawal(uint256 amount) external {
        totalWithdrawn += amount;
    }

    function addSlash(uint256 amount) external {
        totalSlashed += amount;
    }

    /*//////////////////////////////////////////////////////////////
                              STATUS EDGES
    //////////////////////////////////////////////////////////////*/

    struct Edge {
        MinerStatus from;
        MinerStatus to;
    }

    mapping(address miner => MinerStatus) public lastStatus;
    mapping(MinerStatus from => mapping(MinerStatus to => uint256 count)) public edgeCount;
    Edge[] internal _edges;

    /// @dev Records the change from the last status seen for `miner` to `status`, if any.
    function observeStatus(address miner, MinerStatus status) external {
        MinerStatus previous = lastStatus[miner];
        if (previous == status) return;
        if (edgeCount[previous][status]++ == 0) _edges.push(Edge(previous, status));
        lastStatus[miner] = status;
    }

    function edgeKinds() external view returns (uint256) {
        return _edges.length;
    }

    function edge(uint256 index) external view returns (Edge memory) {
        return _edges[index];
    }

    /*//////////////////////////////////////////////////////////////
                               OFFERINGS
    //////////////////////////////////////////////////////////////*/

    /// @dev Units each live offering of a miner still reserves, as the offering manager sees them.
    mapping(address miner => uint256[] units) internal _offerings;
    mapping(address miner => uint256) public reservedUnits;
    uint256 public offeringsOpened;
    uint256 public offeringsClosed;

    function openOffering(address miner, uint256 units) external {
        _offerings[miner].push(units);
        reservedUnits[miner] += units;
        ++offeringsOpened;
    }

    function release(address miner, uint256 index, uint256 units) external {
        _offerings[miner][index] -= units;
        reservedUnits[miner] -= units;
    }

    /// @dev Removes the offering at `index` (swap and pop) and returns the units it still reserved.
    function closeOffering(address miner, uint256 index) external returns (uint256 units) {
        uint256[] storage offerings = _offerings[miner];
        units = offerings[index];
        offerings[index] = offerings[offerings.length - 1];
        offerings.pop();
        reservedUnits[miner] -= units;
        ++offeringsClosed;
    }

    function offeringCount(address miner) external view returns (uint256) {
        return _offerings[miner].length;
    }

    function offeringUnits(address miner, uint256 index) external view returns (uint256) {
        return _offerings[miner][index];
    }

    /*//////////////////////////////////////////////////////////////
                              ADMIN STATE
    //////////////////////////////////////////////////////////////*/

    address public owner;
    address public insuranceReserve;
    address public offeringManager;
    uint64 public approvalWindow;
    uint64 public unbondingPeriod;
    uint256 public coinCount;
    uint256 public unauthorizedCalls;

    function setOwner(address owner_) external {
        owner = owner_;
    }

    function setInsuranceReserve(address reserve) external {
        insuranceReserve = reserve;
    }

    function setOfferingManager(address manager) external {
        offeringManager = manager;
    }

    function setApprovalWindow(uint64 window) external {
        approvalWindow = window;
    }

    function setUnbondingPeriod(uint64 period) external {
        unbondingPeriod = period;
    }

    function setCoinCount(uint256 count) external {
        coinCount = count;
    }

    function countUnauthorizedCall() external {
        ++unauthorizedCalls;
    }
}
