// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Ghost state of the YieldOracle invariant run: every coin-day reported, the values reported for
/// each, and for each final day what the handler saw at its finalisation (value, report count, quorum in
/// force, min and max of the reports).
contract YieldOracleStore {
    struct Finalization {
        uint256 value;
        uint256 reportCount;
        uint256 quorum;
        uint256 min;
        uint256 max;
        uint256 honestMin;
        uint256 honestMax;
        uint256 honestCount;
        bool recorded;
    }

    struct Key {
        uint256 coinId;
        uint32 day;
    }

    Key[] internal _keys;
    mapping(uint256 coinId => mapping(uint32 day => uint256[] values)) internal _values;
    mapping(uint256 coinId => mapping(uint32 day => Finalization)) internal _finalizations;
    mapping(uint256 coinId => mapping(uint32 day => bool[] hostile)) internal _hostile;

    uint256 public reports;
    uint256 public finalizations;

    function addReport(uint256 coinId, uint32 day, uint256 value, bool hostile) external {
        if (_values[coinId][day].length == 0) _keys.push(Key(coinId, day));
        _values[coinId][day].push(value);
        _hostile[coinId][day].push(hostile);
        ++reports;
    }

    /// @dev Records the finalisation of a coin-day, with the min and max of the values reported so far.
    function recordFinalization(uint256 coinId, uint32 day, uint256 value, uint256 count, uint256 quorum) external {
        uint256[] storage values = _values[coinId][day];
        bool[] storage hostile = _hostile[coinId][day];
        Finalization memory f = Finalization(value, count, quorum, type(uint256).max, 0, type(uint256).max, 0, 0, true);
        for (uint256 i; i < values.length; ++i) {
            uint256 v = values[i];
            if (v < f.min) f.min = v;
            if (v > f.max) f.max = v;
            if (hostile[i]) continue;
            ++f.honestCount;
            if (v < f.honestMin) f.honestMin = v;
            if (v > f.honestMax) f.honestMax = v;
        }
        _finalizations[coinId][day] = f;
        ++finalizations;
    }

    function keyCount() external view returns (uint256) {
        return _keys.length;
    }

    function key(uint256 index) external view returns (uint256 coinId, uint32 day) {
        Key memory k = _keys[index];
        return (k.coinId, k.day);
    }

    function reportedCount(uint256 coinId, uint32 day) external view returns (uint256) {
        return _values[coinId][day].length;
    }

    function finalization(uint256 coinId, uint32 day) external view returns (Finalization memory) {
        return _finalizations[coinId][day];
    }
}
