// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {Offering, OfferingParams} from "../../../../src/types/Offering.sol";
import {VaultTestBase} from "../../../VaultTestBase.t.sol";

/// @notice Yield through the vault with random sale days, units, deposit amounts (on-time, late, top-ups) and
/// transfers between holders. Rounding goes to the vault: what holders claim never exceeds what was
/// deposited, and the remainder is below one token unit per deposit plus one per certificate (plus one per
/// extra claim when holders claim along the way).
contract Yield_RiskControlVault_Fuzz_Test is VaultTestBase {
    uint256 internal constant MAX_CERTIFICATES = 6;
    uint256 internal constant HOLDERS = 3;

    uint256 internal offeringId;
    uint256 internal count;
    uint256 internal deposits;
    uint256 internal claims;
    uint256 internal claimed;
    /// @dev The certificate minted for the i-th planned sale (0 until sold): minted at sale, in sale order.
    mapping(uint256 i => uint256 tokenId) internal minted;

    function setUp() public override {
        super.setUp();
        activate(miner);
        vm.prank(timelock);
        registry.setCapacity(miner, 1e18);
    }

    function randomIn(uint256 seed, uint256 salt, uint256 min, uint256 max) internal pure returns (uint256) {
        return bound(uint256(keccak256(abi.encode(seed, salt))), min, max);
    }

    function holder(uint256 i) internal pure returns (address) {
        return address(SafeCast.toUint160(0xC0000 + i));
    }

    function depositRandom(uint256 seed, uint256 salt, uint32 day) internal {
        // Random magnitude: 1 to 10^24 token units.
        uint256 amount = randomIn(seed, salt, 1, 10 ** randomIn(seed, salt + 1, 0, 24));
        deliver(offeringId, day, amount);
        ++deposits;
    }

    function claimAll(uint256 i) internal {
        uint256 tokenId = minted[i];
        if (tokenId == 0) return;
        address owner = certificate.ownerOf(tokenId);
        if (vault.claimable(tokenId) == 0) return;
        claimed += claimAs(owner, ids(tokenId));
        ++claims;
    }

    /// @dev Days from creation to the end of the term: sales, transfers, deposits (the next undelivered day,
    /// sometimes skipped and paid late, sometimes a top-up of a delivered day) and, if `claimAlong`, claims.
    function simulate(uint256 seed, uint256 termDays, uint256 unitsPerCertificate, bool claimAlong) internal {
        count = randomIn(seed, 1, 1, MAX_CERTIFICATES);
        OfferingParams memory params = defaultOffering();
        params.termDays = SafeCast.toUint32(termDays);
        params = withLots(params, SafeCast.toUint64(unitsPerCertificate), count);
        params.saleEnd = SafeCast.toUint40((uint256(params.startDay) + termDays) * 1 days);
        offeringId = createOfferingAs(miner, params);
        uint32 endDay = today + SafeCast.toUint32(termDays);

        uint32[] memory sellOn = new uint32[](count);
        for (uint256 i; i < count; ++i) {
            sellOn[i] = today + SafeCast.toUint32(randomIn(seed, 100 + i, 0, termDays - 1));
        }
        for (uint32 day = today; day <= endDay; ++day) {
            warpToDay(day);
            uint256 daySeed = uint256(keccak256(abi.encode(seed, day)));
            Offering memory o = offeringOf(offeringId);
            if (o.checkpointCount != 0) {
                // Pay the undelivered days up to yesterday, each with probability 3/4 (else paid late).
                for (uint32 next = o.nextDay; next < day && next < endDay; ++next) {
                    if (randomIn(daySeed, next, 0, 3) == 0) break;
                    depositRandom(daySeed, 1000 + next, next);
                }
                o = offeringOf(offeringId);
                // Sometimes top up a delivered day.
                if (o.nextDay > o.firstSaleDay && randomIn(daySeed, 2, 0, 2) == 0) {
                    depositRandom(daySeed, 3, SafeCast.toUint32(randomIn(daySeed, 4, o.firstSaleDay, o.nextDay - 1)));
                }
            }
            if (day == endDay) break;
            for (uint256 i; i < count; ++i) {
                if (sellOn[i] == day) {
                    minted[i] = sellUnits(offeringId, holder(randomIn(seed, 200 + i, 0, 2)), unitsPerCertificate, PRICE);
                }
            }
            // A random certificate changes hands (unsold units have none).
            uint256 j = randomIn(daySeed, 5, 0, count - 1);
            if (sellOn[j] <= day && randomIn(daySeed, 6, 0, 3) == 0) {
                uint256 tokenId = minted[j];
                transferCert(certificate.ownerOf(tokenId), holder(randomIn(daySeed, 7, 0, HOLDERS - 1)), tokenId);
            }
            if (claimAlong && sellOn[j] <= day && randomIn(daySeed, 8, 0, 2) == 0) claimAll(j);
        }
        warpToDay(endDay + 1);
        for (uint256 i; i < count; ++i) {
            claimAll(i);
        }
    }

    function assertConserved(uint256 extraRounding) internal view {
        uint256 deposited = offeringOf(offeringId).yieldDeposited;
        assertLe(claimed, deposited, "claimed <= deposited");
        uint256 dust = deposited - claimed;
        assertLe(dust, deposits + count + extraRounding, "dust <= deposits + certificates (+ extra claims)");
        assertEq(ifil.balanceOf(address(vault)), dust, "the vault keeps exactly the dust");
        uint256 held;
        for (uint256 i; i < HOLDERS; ++i) {
            held += ifil.balanceOf(holder(i));
        }
        assertEq(held, claimed, "holders hold what they claimed");
    }

    function testFuzz_YieldClaimedNeverExceedsDeposited(uint256 seed, uint256 termDays, uint256 units) external {
        termDays = bound(termDays, 1, 25);
        units = bound(units, 1, 1e17);
        simulate(seed, termDays, units, false);
        assertConserved(0);
    }

    function testFuzz_YieldClaimedAlongTheWayNeverExceedsDeposited(uint256 seed, uint256 termDays, uint256 units)
        external
    {
        termDays = bound(termDays, 1, 25);
        units = bound(units, 1, 1e17);
        simulate(seed, termDays, units, true);
        assertConserved(claims);
    }

    /// @dev Every certificate sold on day 0 with the same units: each day's deposit splits evenly, so holders
    /// get exactly their share (to the unit) whatever the holder changes.
    function testFuzz_EqualCertificatesGetEqualShares(uint256 seed, uint256 amount, uint256 n) external {
        n = bound(n, 1, MAX_CERTIFICATES);
        amount = bound(amount, 1, type(uint128).max / 1e9);
        offeringId = createOfferingAs(miner, withLots(defaultOffering(), UNITS, n));
        for (uint256 i; i < n; ++i) {
            sell(tokenOf(offeringId, i + 1), holder(randomIn(seed, i, 0, HOLDERS - 1)), PRICE);
        }
        warpToDay(today + 1);
        deliver(offeringId, today, amount);
        uint256 total;
        for (uint256 i; i < n; ++i) {
            uint256 share = vault.claimable(tokenOf(offeringId, i + 1));
            assertLe(share * n, amount, "share <= amount / n");
            assertLe(amount - share * n, n, "share is amount / n, rounded down");
            total += share;
        }
        assertLe(total, amount, "total <= deposit");
    }
}
