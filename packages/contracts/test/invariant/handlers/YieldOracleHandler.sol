// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {YieldOracle} from "../../../src/YieldOracle.sol";
import {Test} from "../../utils/Test.sol";
import {YieldOracleStore} from "../stores/YieldOracleStore.sol";

/// @notice The fuzzer's way into the YieldOracle. It plays a pool of accounts that the DAO (the owner) appoints
/// and removes as reporters, the reporters themselves (reporting two coins over the last 30 days), the DAO
/// setting the quorum, and time. Every call it makes is valid for the state it finds (inputs bounded, calls
/// that cannot succeed skipped), so `fail_on_revert` catches any unexpected revert of the oracle.
contract YieldOracleHandler is Test {
    uint256 internal constant COINS = 2;
    uint8 internal constant MAX_QUORUM = 15;

    YieldOracle public immutable oracle;
    YieldOracleStore public immutable store;
    address public immutable owner;

    address[] internal _actors;

    mapping(string action => uint256 count) public callCount;

    constructor(YieldOracle oracle_, YieldOracleStore store_, address owner_, address[] memory actors_) {
        oracle = oracle_;
        store = store_;
        owner = owner_;
        _actors = actors_;
    }

    /*//////////////////////////////////////////////////////////////
                               REPORTERS
    //////////////////////////////////////////////////////////////*/

    function report(uint256 actorSeed, uint256 coinSeed, uint256 ageSeed, uint256 value) external {
        uint256 coinId = bound(coinSeed, 1, COINS);
        uint32 day = uint32(block.timestamp / 1 days - bound(ageSeed, 1, oracle.MAX_REPORT_AGE()));
        if (oracle.isFinal(coinId, day)) return;
        (address reporter, bool found) = _pickReporterFor(actorSeed, coinId, day);
        if (!found) return;
        // The first actor is hostile: it reports anywhere in the accepted range (up to 2^128 - 1), the others
        // honestly within [1, 1e30].
        bool hostile = reporter == _actors[0];
        value = bound(value, 1, hostile ? oracle.DEFAULT_MAX_VALUE() : 1e30);

        uint8 quorumInForce = oracle.quorum();
        vm.prank(reporter);
        oracle.report(coinId, day, value);
        store.addReport(coinId, day, value, hostile);
        ++callCount["report"];

        (uint256 finalValue, bool isFinal) = oracle.dayValue(coinId, day);
        if (isFinal) {
            store.recordFinalization(coinId, day, finalValue, oracle.reportCount(coinId, day), quorumInForce);
            ++callCount["finalize"];
        }
    }

    /*//////////////////////////////////////////////////////////////
                                  DAO
    //////////////////////////////////////////////////////////////*/

    function addReporter(uint256 actorSeed) external {
        (address account, bool found) = _pick(actorSeed, false);
        if (!found) return;
        vm.prank(owner);
        oracle.addReporter(account);
        ++callCount["addReporter"];
    }

    function removeReporter(uint256 actorSeed) external {
        if (oracle.reporterCount() <= oracle.quorum()) return;
        (address account, bool found) = _pick(actorSeed, true);
        if (!found) return;
        vm.prank(owner);
        oracle.removeReporter(account);
        ++callCount["removeReporter"];
    }

    function setQuorum(uint256 quorumSeed) external {
        uint256 count = oracle.reporterCount();
        uint256 max = count < MAX_QUORUM ? count : MAX_QUORUM;
        vm.prank(owner);
        // Only odd quorums are accepted.
        oracle.setQuorum(uint8(bound(quorumSeed, 0, (max - 1) / 2) * 2 + 1));
        ++callCount["setQuorum"];
    }

    /*//////////////////////////////////////////////////////////////
                                  TIME
    //////////////////////////////////////////////////////////////*/

    function passTime(uint256 secondsSeed) external {
        vm.warp(block.timestamp + bound(secondsSeed, 1 hours, 3 days));
        ++callCount["passTime"];
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev The first actor from `seed` on (cyclically) whose reporter status is `reporter`.
    function _pick(uint256 seed, bool reporter) internal view returns (address account, bool found) {
        uint256 n = _actors.length;
        for (uint256 i; i < n; ++i) {
            account = _actors[(seed % n + i) % n];
            if (oracle.isReporter(account) == reporter) return (account, true);
        }
    }

    /// @dev The first current reporter from `seed` on that has not reported the coin-day.
    function _pickReporterFor(uint256 seed, uint256 coinId, uint32 day)
        internal
        view
        returns (address account, bool found)
    {
        uint256 n = _actors.length;
        for (uint256 i; i < n; ++i) {
            account = _actors[(seed % n + i) % n];
            if (oracle.isReporter(account) && !oracle.hasReported(coinId, day, account)) return (account, true);
        }
    }
}
