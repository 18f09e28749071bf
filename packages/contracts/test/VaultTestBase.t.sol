// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskControlVault} from "../src/interfaces/IRiskControlVault.sol";
import {CertificateId} from "../src/libraries/CertificateId.sol";
import {BridgedToken} from "../src/mocks/BridgedToken.sol";
import {ApplicationParams, Coin} from "../src/types/Miner.sol";
import {DayRecord, DeliveryStatus, OfferingParams, OfferingStatus} from "../src/types/Offering.sol";
import {VaultBase} from "./VaultBase.t.sol";
import {VM} from "./utils/Vm.sol";

/// @notice Cheatcodes the shared `Vm` interface does not declare (signatures as in Foundry 1.x).
interface VmExtra {
    function store(address target, bytes32 slot, bytes32 value) external;
    function load(address target, bytes32 slot) external view returns (bytes32 data);
    function parseJsonString(string calldata json, string calldata key) external pure returns (string memory);
    function indexOf(string calldata input, string calldata key) external pure returns (uint256);
}

/// @notice {VaultBase} plus what the vault's concrete, fuzz and certificate tests share: a second coin (another
/// yield token) with its own active miner, revert data builders, day-by-day delivery loops and a base64 decoder
/// for on-chain metadata.
abstract contract VaultTestBase is VaultBase {
    VmExtra internal constant vmx = VmExtra(address(VM));

    uint256 internal constant BTC_UNIT_SIZE = 1;

    BridgedToken internal wbtc;
    address internal wbtcBridge;
    uint256 internal btcCoinId;
    address internal buyer;
    address internal buyer2;

    function setUp() public virtual override {
        super.setUp();
        buyer = makeAddr("buyer");
        buyer2 = makeAddr("buyer2");
        wbtcBridge = makeAddr("wbtcBridge");
        wbtc = new BridgedToken("Wrapped Bitcoin", "WBTC", 8, timelock, wbtcBridge);
        vm.label(address(wbtc), "WBTC");
        vm.prank(timelock);
        btcCoinId = registry.registerCoin(
            Coin({
                name: "Bitcoin",
                unitName: "TH/s",
                unitSize: BTC_UNIT_SIZE,
                yieldToken: address(wbtc),
                displayDecimals: 8
            })
        );
    }

    /*//////////////////////////////////////////////////////////////
                                FIXTURES
    //////////////////////////////////////////////////////////////*/

    /// @dev `account` becomes an Active Bitcoin miner (approved capacity and stake as the default miner).
    function activateBtcMiner(address account) internal {
        ApplicationParams memory params = defaultParams();
        params.coinId = btcCoinId;
        vm.prank(account);
        uint256 applicationId = registry.submitApplication(params);
        approve(applicationId);
        stakeAs(account, REQUIRED_STAKE);
    }

    function btcOffering() internal view returns (OfferingParams memory params) {
        params = defaultOffering();
        params.coinId = btcCoinId;
    }

    /// @dev The primary sale of `tokenId` (the offering's next certificate) to the offering's miner itself, as the
    /// holder in tests of split and merge.
    function recordSale(uint256 tokenId, uint256 amount) internal {
        sell(tokenId, vault.offering(CertificateId.offeringOf(tokenId)).miner, amount);
    }

    /// @dev `payer` deposits `amount` of WBTC for `day` of a Bitcoin offering.
    function deliverBtc(uint256 offeringId, uint32 day, uint256 amount) internal {
        vm.prank(wbtcBridge);
        wbtc.mint(alice, amount);
        vm.startPrank(alice);
        wbtc.approve(address(vault), amount);
        vault.depositYield(offeringId, day, amount);
        vm.stopPrank();
    }

    /// @dev Delivers `amount` for every day in [fromDay, toDay), each once it has ended and the oracle has rated
    /// it (market `MARKET_PER_UNIT`, unless already final), ending on `toDay`.
    function deliverDays(uint256 offeringId, uint32 fromDay, uint32 toDay, uint256 amount) internal {
        for (uint32 day = fromDay; day < toDay; ++day) {
            warpToDay(day + 1);
            deliver(offeringId, day, amount);
        }
    }

    /// @dev Rates (market `MARKET_PER_UNIT`) and delivers every day in [fromDay, toDay), each on the day after.
    function deliverAndRateDays(uint256 offeringId, uint32 fromDay, uint32 toDay, uint256 amount) internal {
        deliverDays(offeringId, fromDay, toDay, amount);
    }

    function pauseVault() internal {
        vm.prank(council);
        vault.pause();
    }

    function flagAs(address account, uint256 offeringId) internal {
        vm.prank(account);
        vault.flag(offeringId);
    }

    function terminateOffering(uint256 offeringId) internal {
        vm.prank(timelock);
        vault.terminate(offeringId);
    }

    function resumeOffering(uint256 offeringId) internal {
        vm.prank(timelock);
        vault.resume(offeringId);
    }

    function withdrawAs(address account, uint256 offeringId) internal returns (uint256) {
        vm.prank(account);
        return vault.withdrawEscrow(offeringId);
    }

    function splitAs(address account, uint256 tokenId, uint256 units) internal returns (uint256) {
        vm.prank(account);
        return vault.split(tokenId, units);
    }

    function mergeAs(address account, uint256 tokenId, uint256 otherTokenId) internal {
        vm.prank(account);
        vault.merge(tokenId, otherTokenId);
    }

    function transferCert(address from, address to, uint256 tokenId) internal {
        vm.prank(from);
        certificate.transferFrom(from, to, tokenId);
    }

    /// @dev A default offering whose first certificate is sold to `buyer` for `PRICE` on day 0, then flagged for
    /// seven missed days (the default window) on day 7.
    function frozenOffering() internal returns (uint256 offeringId) {
        offeringId = createDefaultOffering();
        sell(tokenOf(offeringId, 1), buyer, PRICE);
        warpToDay(today + 7);
        flagAs(stranger, offeringId);
    }

    /*//////////////////////////////////////////////////////////////
                             REVERT DATA
    //////////////////////////////////////////////////////////////*/

    function statusError(uint256 offeringId, OfferingStatus status) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IRiskControlVault.RiskControlVault_InvalidStatus.selector, offeringId, status);
    }

    function unknownOfferingError(uint256 offeringId) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IRiskControlVault.RiskControlVault_UnknownOffering.selector, offeringId);
    }

    function unknownCertificateError(uint256 tokenId) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IRiskControlVault.RiskControlVault_UnknownCertificate.selector, tokenId);
    }

    function notOwnerError(uint256 tokenId, address caller) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IRiskControlVault.RiskControlVault_NotOwner.selector, tokenId, caller);
    }

    function notMinerError(uint256 offeringId, address caller) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IRiskControlVault.RiskControlVault_NotMiner.selector, offeringId, caller);
    }

    /// @dev OpenZeppelin AccessControl's `AccessControlUnauthorizedAccount(account, role)`.
    function unauthorizedError(address account, bytes32 role) internal pure returns (bytes memory) {
        return abi.encodeWithSignature("AccessControlUnauthorizedAccount(address,bytes32)", account, role);
    }

    /// @dev OpenZeppelin Pausable's `EnforcedPause()`.
    function enforcedPauseError() internal pure returns (bytes memory) {
        return abi.encodeWithSignature("EnforcedPause()");
    }

    /*//////////////////////////////////////////////////////////////
                               ASSERTIONS
    //////////////////////////////////////////////////////////////*/

    function assertDayStatus(uint256 offeringId, uint32 day, DeliveryStatus expected, string memory message)
        internal
        view
    {
        assertEq(uint256(vault.dayRecord(offeringId, day).status), uint256(expected), message);
    }

    function assertDayRecord(DayRecord memory r, DayRecord memory expected, string memory message) internal pure {
        assertEq(r.day, expected.day, string.concat(message, ": day"));
        assertEq(r.delivered, expected.delivered, string.concat(message, ": delivered"));
        assertEq(r.soldUnits, expected.soldUnits, string.concat(message, ": soldUnits"));
        assertEq(r.deliveredPerUnit, expected.deliveredPerUnit, string.concat(message, ": deliveredPerUnit"));
        assertEq(r.marketPerUnit, expected.marketPerUnit, string.concat(message, ": marketPerUnit"));
        assertEq(uint256(r.status), uint256(expected.status), string.concat(message, ": status"));
    }

    function assertContains(string memory haystack, string memory needle, string memory message) internal pure {
        assertTrue(vmx.indexOf(haystack, needle) != type(uint256).max, string.concat(message, ": ", needle));
    }

    function assertNotContains(string memory haystack, string memory needle, string memory message) internal pure {
        assertEq(vmx.indexOf(haystack, needle), type(uint256).max, string.concat(message, ": not ", needle));
    }

    /*//////////////////////////////////////////////////////////////
                                 BASE64
    //////////////////////////////////////////////////////////////*/

    /// @dev Strips `prefix` from `text` (which must start with it).
    function stripPrefix(string memory text, string memory prefix) internal pure returns (string memory) {
        bytes memory t = bytes(text);
        bytes memory p = bytes(prefix);
        require(t.length >= p.length, "stripPrefix: too short");
        for (uint256 i; i < p.length; ++i) {
            require(t[i] == p[i], "stripPrefix: prefix mismatch");
        }
        bytes memory rest = new bytes(t.length - p.length);
        for (uint256 i; i < rest.length; ++i) {
            rest[i] = t[i + p.length];
        }
        return string(rest);
    }

    /// @dev Standard (RFC 4648) base64 with padding; an independent decoder, not OpenZeppelin's encoder run
    /// backwards.
    function decodeBase64(string memory data) internal pure returns (bytes memory out) {
        bytes memory input = bytes(data);
        require(input.length % 4 == 0, "base64: length");
        if (input.length == 0) return out;
        uint256 padding = input[input.length - 1] == "=" ? (input[input.length - 2] == "=" ? 2 : 1) : 0;
        out = new bytes(input.length / 4 * 3 - padding);
        uint256 o;
        for (uint256 i; i < input.length; i += 4) {
            uint256 n = (_sextet(input[i]) << 18) | (_sextet(input[i + 1]) << 12) | (_sextet(input[i + 2]) << 6)
                | _sextet(input[i + 3]);
            for (uint256 k; k < 3 && o < out.length; ++k) {
                // casting to 'uint8' keeps the byte wanted: the low 8 bits of the shifted 24-bit group
                // forge-lint: disable-next-line(unsafe-typecast)
                out[o++] = bytes1(uint8(n >> (16 - 8 * k)));
            }
        }
    }

    function _sextet(bytes1 c) private pure returns (uint256) {
        uint8 x = uint8(c);
        if (x >= 0x41 && x <= 0x5a) return x - 0x41; // A-Z
        if (x >= 0x61 && x <= 0x7a) return x - 0x61 + 26; // a-z
        if (x >= 0x30 && x <= 0x39) return x - 0x30 + 52; // 0-9
        if (c == "+") return 62;
        if (c == "/") return 63;
        require(c == "=", "base64: character");
        return 0;
    }
}
