// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {CertificateRenderer} from "../src/CertificateRenderer.sol";
import {HashrateCertificate} from "../src/HashrateCertificate.sol";
import {RiskControlVault} from "../src/RiskControlVault.sol";
import {YieldOracle} from "../src/YieldOracle.sol";
import {IRiskControlVault} from "../src/interfaces/IRiskControlVault.sol";
import {CertificateId} from "../src/libraries/CertificateId.sol";
import {BridgedToken} from "../src/mocks/BridgedToken.sol";
import {Offering, OfferingParams, OfferingStatus} from "../src/types/Offering.sol";
import {MinerRegistryBase} from "./MinerRegistryBase.t.sol";

/// @notice The risk-control vault wired as in production: the registry names it offering manager, a stand-in
/// timelock administers, a council may pause, a 6-decimals USDC is allowlisted, three oracle reporters (all
/// three report; the quorum is odd) rate days. A test seller holds the marketplace role, as the marketplace will.
/// Time starts on a UTC midnight (foundry.toml): `today` is the first day of the default offering.
abstract contract VaultBase is MinerRegistryBase {
    uint64 internal constant UNITS = 10; // TiB per certificate (the default offering's minimum lot)
    uint32 internal constant COUNT = 20; // certificates of UNITS the default offering can sell
    uint32 internal constant TERM = 30;
    uint256 internal constant PRICE = 3000e6; // USDC per certificate
    uint256 internal constant MARKET_PER_UNIT = 2e15; // IFIL per TiB and day
    uint256 internal constant DAILY_YIELD = MARKET_PER_UNIT * UNITS; // one certificate's full day

    address internal council;
    address internal seller;
    address internal usdcBridge;
    address internal ifilBridge;
    address[] internal reporters;

    YieldOracle internal oracle;
    CertificateRenderer internal renderer;
    RiskControlVault internal vault;
    HashrateCertificate internal certificate;
    BridgedToken internal usdc;
    uint32 internal today;
    /// @dev The market value `deliver` rates an unrated day with (fuzz tests with large units lower it).
    uint256 internal autoMarketPerUnit = MARKET_PER_UNIT;

    function setUp() public virtual override {
        super.setUp();
        council = makeAddr("council");
        seller = makeAddr("seller");
        usdcBridge = makeAddr("usdcBridge");
        ifilBridge = makeAddr("bridge"); // MinerRegistryBase's IFIL bridge
        for (uint256 i; i < 3; ++i) {
            reporters.push(makeAddr(string.concat("reporter", vm.toString(i))));
        }
        oracle = new YieldOracle(timelock, reporters, 3);
        renderer = new CertificateRenderer();
        vault = new RiskControlVault(timelock, council, registry, oracle, renderer);
        certificate = HashrateCertificate(address(vault.certificate()));
        usdc = new BridgedToken("USD Coin", "USDC", 6, timelock, usdcBridge);
        vm.label(address(vault), "RiskControlVault");
        vm.label(address(certificate), "HashrateCertificate");
        vm.label(address(usdc), "USDC");

        vm.startPrank(timelock);
        registry.setOfferingManager(address(vault));
        vault.setPaymentToken(address(usdc), true);
        vault.grantRole(vault.MARKETPLACE_ROLE(), seller);
        vm.stopPrank();

        vm.prank(seller);
        usdc.approve(address(vault), type(uint256).max);
        today = uint32(block.timestamp / 1 days);
    }

    /*//////////////////////////////////////////////////////////////
                                FIXTURES
    //////////////////////////////////////////////////////////////*/

    /// @dev 200 units (COUNT lots of UNITS) at PRICE per lot of UNITS, on sale from now to the end of the term.
    function defaultOffering() internal view returns (OfferingParams memory) {
        uint32 startDay = uint32(block.timestamp / 1 days);
        return OfferingParams({
            coinId: filCoinId,
            paymentToken: address(usdc),
            units: UNITS * COUNT,
            minLot: UNITS,
            // casting to uint96 is safe: 300 USDC
            // forge-lint: disable-next-line(unsafe-typecast)
            pricePerUnit: uint96(PRICE / UNITS),
            saleStart: uint40(block.timestamp),
            saleEnd: uint40((uint256(startDay) + TERM) * 1 days),
            startDay: startDay,
            termDays: TERM
        });
    }

    /// @dev `params` selling `count` lots of `lot` units (the minimum lot, which `sell` sells).
    function withLots(OfferingParams memory params, uint64 lot, uint256 count)
        internal
        pure
        returns (OfferingParams memory)
    {
        params.minLot = lot;
        // casting to uint64 is safe: the tests' offerings stay within 1e18 units
        // forge-lint: disable-next-line(unsafe-typecast)
        params.units = uint64(lot * count);
        return params;
    }

    /// @dev An active miner's offering with the default parameters.
    function createDefaultOffering() internal returns (uint256 offeringId) {
        if (registry.minerOf(miner).stake == 0) activate(miner);
        return createOfferingAs(miner, defaultOffering());
    }

    function createOfferingAs(address account, OfferingParams memory params) internal returns (uint256 offeringId) {
        vm.prank(account);
        offeringId = vault.createOffering(params);
    }

    function tokenOf(uint256 offeringId, uint256 index) internal pure returns (uint256) {
        return CertificateId.encode(offeringId, index);
    }

    /*//////////////////////////////////////////////////////////////
                                 FLOWS
    //////////////////////////////////////////////////////////////*/

    /// @dev The seller (marketplace role) records the primary sale of one minimum lot of `tokenId`'s offering to
    /// `buyer` for `amount`, which mints the offering's next certificate: `tokenId` must be that one.
    function sell(uint256 tokenId, address buyer, uint256 amount) internal {
        uint256 offeringId = CertificateId.offeringOf(tokenId);
        uint256 minted = sellUnits(offeringId, buyer, vault.offering(offeringId).minLot, amount);
        assertEq(minted, tokenId, "sell: the offering's next certificate");
    }

    /// @dev The seller records a primary sale of `units` to `buyer` for `amount`; returns the certificate minted.
    function sellUnits(uint256 offeringId, address buyer, uint256 units, uint256 amount) internal returns (uint256) {
        vm.prank(usdcBridge);
        usdc.mint(seller, amount);
        vm.prank(seller);
        return vault.recordPrimarySale(offeringId, buyer, units, amount, false);
    }

    /// @dev The miner deposits `amount` for `day` (ended) once the oracle has rated it (market
    /// `autoMarketPerUnit`, unless already final), so that the deposit is measured against the threshold at once.
    function deliver(uint256 offeringId, uint32 day, uint256 amount) internal {
        if (!oracle.isFinal(filCoinId, day)) rate(day, autoMarketPerUnit);
        deliverAs(miner, offeringId, day, amount);
    }

    /// @dev `payer` (bridged IFIL minted to it) deposits `amount` for `day`, rated or not.

    function deliverAs(address payer, uint256 offeringId, uint32 day, uint256 amount) internal {
        vm.prank(ifilBridge);
        ifil.mint(payer, amount);
        vm.startPrank(payer);
        ifil.approve(address(vault), amount);
        vault.depositYield(offeringId, day, amount);
        vm.stopPrank();
    }

    /// @dev The three reporters report `value` for the coin-day, which makes it final.
    function rate(uint32 day, uint256 value) internal {
        for (uint256 i; i < 3; ++i) {
            vm.prank(reporters[i]);
            oracle.report(filCoinId, day, value);
        }
    }

    function warpToDay(uint32 day) internal {
        vm.warp(uint256(day) * 1 days);
    }

    function claimAs(address holder, uint256[] memory tokenIds) internal returns (uint256) {
        vm.prank(holder);
        return vault.claim(tokenIds);
    }

    function refundAs(address holder, uint256[] memory tokenIds) internal returns (uint256) {
        vm.prank(holder);
        return vault.refund(tokenIds);
    }

    function ids(uint256 a) internal pure returns (uint256[] memory list) {
        list = new uint256[](1);
        list[0] = a;
    }

    function ids(uint256 a, uint256 b) internal pure returns (uint256[] memory list) {
        list = new uint256[](2);
        (list[0], list[1]) = (a, b);
    }

    function offeringOf(uint256 offeringId) internal view returns (Offering memory) {
        return vault.offering(offeringId);
    }

    /*//////////////////////////////////////////////////////////////
                               ASSERTIONS
    //////////////////////////////////////////////////////////////*/

    function assertOfferingStatus(uint256 offeringId, OfferingStatus expected, string memory message) internal view {
        assertEq(uint256(vault.offering(offeringId).status), uint256(expected), message);
    }

    function vaultError(bytes4 selector) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(selector);
    }

    function balanceOf(IERC20 erc20, address account) internal view returns (uint256) {
        return erc20.balanceOf(account);
    }
}
