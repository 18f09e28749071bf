// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {HashrateCertificate} from "../../../src/HashrateCertificate.sol";
import {MinerRegistry} from "../../../src/MinerRegistry.sol";
import {RiskControlVault} from "../../../src/RiskControlVault.sol";
import {YieldOracle} from "../../../src/YieldOracle.sol";
import {IRiskControlVault} from "../../../src/interfaces/IRiskControlVault.sol";
import {CertificateId} from "../../../src/libraries/CertificateId.sol";
import {BridgedToken} from "../../../src/mocks/BridgedToken.sol";
import {MinerStatus} from "../../../src/types/Miner.sol";
import {Offering, OfferingParams, OfferingStatus} from "../../../src/types/Offering.sol";
import {Test} from "../../utils/Test.sol";
import {CertificateGhost, Fate, OfferingGhost, RiskControlVaultStore} from "../stores/RiskControlVaultStore.sol";

/// @notice The fuzzer's way into the RiskControlVault. It plays three miners on two coins (create offerings
/// within their capacity, cancel unsold certificates, deposit yield — full, short, late in order, top-ups of
/// delivered days, or nothing, so days go missing — and withdraw escrow), the marketplace's seller (primary
/// sales in two payment tokens), four buyers (transfer certificates between holders, claim, refund, split,
/// merge, burn), anyone (flag, finish), the oracle reporters (finalise day values), the DAO timelock and the
/// council (resume, terminate, pause, unpause, flag parameters) and time (0–3 days per call). Every call it
/// makes is valid for the state it finds (inputs bounded, calls that cannot succeed skipped), so
/// `fail_on_revert` catches any unexpected revert of the vault; the exceptions are claims and refunds, whose
/// failures it records in the store (they must never fail, paused or not), and calls the vault must refuse,
/// whose exact revert data it checks itself.
contract RiskControlVaultHandler is Test {
    uint256 internal constant MAX_OFFERINGS = 10;
    uint256 internal constant MAX_CERTIFICATE_IDS = 40;
    uint256 internal constant MAX_COUNT = 4;
    uint256 internal constant MAX_UNITS = 20;
    uint256 internal constant MAX_TERM_DAYS = 8;
    uint256 internal constant MAX_START_DELAY_DAYS = 2;
    uint256 internal constant MAX_FLAG_WINDOW_DAYS = 3;
    uint256 internal constant MAX_IDS_PER_CALL = 6;
    uint256 internal constant MAX_CATCH_UP_DAYS = 5;

    /// @dev Everything the handler needs, in one argument. `bridges` lists the minters of the payment
    /// tokens, then of the yield tokens.
    struct Config {
        RiskControlVault vault;
        RiskControlVaultStore store;
        address timelock;
        address council;
        address seller;
        address stranger;
        address[] miners;
        address[] buyers;
        address[] reporters;
        address[] paymentTokens;
        address[] yieldTokens;
        uint256[] coinIds;
        uint256[] marketPerUnit;
        address[] bridges;
    }

    /// @dev What a handler needs a certificate to be.
    enum Need {
        Live,
        Sellable,
        Splittable,
        Mergeable,
        Burnable,
        UnsoldOfClosedSales
    }

    RiskControlVault public immutable vault;
    HashrateCertificate public immutable certificate;
    MinerRegistry public immutable registry;
    YieldOracle public immutable oracle;
    RiskControlVaultStore public immutable store;
    address public immutable timelock;
    address public immutable council;
    address public immutable seller;
    address public immutable stranger;

    address[] internal _miners;
    address[] internal _buyers;
    address[] internal _holders;
    address[] internal _reporters;
    address[] internal _paymentTokens;
    address[] internal _yieldTokens;
    uint256[] internal _coinIds;
    mapping(uint256 coinId => uint256) internal _marketPerUnit;
    mapping(address token => address) internal _bridgeOf;

    mapping(string action => uint256 count) public callCount;

    constructor(Config memory config) {
        vault = config.vault;
        certificate = HashrateCertificate(address(config.vault.certificate()));
        registry = MinerRegistry(address(config.vault.registry()));
        oracle = YieldOracle(address(config.vault.oracle()));
        store = config.store;
        timelock = config.timelock;
        council = config.council;
        seller = config.seller;
        stranger = config.stranger;
        _miners = config.miners;
        _buyers = config.buyers;
        _reporters = config.reporters;
        _paymentTokens = config.paymentTokens;
        _yieldTokens = config.yieldTokens;
        _coinIds = config.coinIds;
        for (uint256 i; i < config.buyers.length; ++i) {
            _holders.push(config.buyers[i]);
        }
        for (uint256 i; i < config.miners.length; ++i) {
            _holders.push(config.miners[i]);
        }
        for (uint256 i; i < config.coinIds.length; ++i) {
            _marketPerUnit[config.coinIds[i]] = config.marketPerUnit[i];
        }
        for (uint256 i; i < config.paymentTokens.length; ++i) {
            _bridgeOf[config.paymentTokens[i]] = config.bridges[i];
        }
        for (uint256 i; i < config.yieldTokens.length; ++i) {
            _bridgeOf[config.yieldTokens[i]] = config.bridges[config.paymentTokens.length + i];
        }
    }

    /*//////////////////////////////////////////////////////////////
                                 MINERS
    //////////////////////////////////////////////////////////////*/

    /// @dev An offering of 1–4 certificates of 1–20 units, starting within 2 days, for 1–8 days, by a miner
    /// with free capacity and no frozen offering, in either payment token.
    function createOffering(
        uint256 minerSeed,
        uint256 tokenSeed,
        uint256 unitsSeed,
        uint256 countSeed,
        uint256 delaySeed,
        uint256 termSeed
    ) external {
        if (vault.paused() || store.offeringCount() >= MAX_OFFERINGS) return;
        (address miner, bool found) = _pickMiner(minerSeed);
        if (!found) return;
        uint256 free = registry.freeCapacity(miner);
        uint256 count = bound(countSeed, 1, free < MAX_COUNT ? free : MAX_COUNT);
        uint256 maxUnits = free / count < MAX_UNITS ? free / count : MAX_UNITS;
        OfferingParams memory params = _offeringParams(miner, tokenSeed, uint64(bound(unitsSeed, 1, maxUnits)), count);
        params.startDay = uint32(_today() + bound(delaySeed, 0, MAX_START_DELAY_DAYS));
        params.termDays = uint32(bound(termSeed, 1, MAX_TERM_DAYS));
        params.saleEnd = uint40((uint256(params.startDay) + params.termDays) * 1 days);

        vm.prank(miner);
        uint256 offeringId = vault.createOffering(params);
        _recordOffering(offeringId, miner, params);
        ++callCount["createOffering"];
    }

    /// @dev `count` lots of the minimum lot `lot`, sold one lot per sale (the price is the marketplace's; the vault
    /// takes the amount it is given), on sale from now (the caller sets the term and the end of the window).
    function _offeringParams(address miner, uint256 tokenSeed, uint64 lot, uint256 count)
        internal
        view
        returns (OfferingParams memory params)
    {
        params.coinId = registry.minerOf(miner).coinId;
        params.paymentToken = _paymentTokens[tokenSeed % _paymentTokens.length];
        params.units = SafeCast.toUint64(lot * count);
        params.minLot = lot;
        params.pricePerUnit = 1;
        params.saleStart = uint40(block.timestamp);
    }

    /// @dev The miner of an active or frozen offering ends its sale (any time; anyone could after the window): the
    /// units not sold go back to its capacity in one call, whatever their number.
    function closeSale(uint256 offeringSeed) external {
        OfferingGhost[] memory offerings = store.offerings();
        uint256 n = offerings.length;
        for (uint256 i; i < n; ++i) {
            uint256 offeringId = (offeringSeed % n + i) % n + 1;
            OfferingGhost memory o = offerings[offeringId - 1];
            if (o.status != OfferingStatus.Active && o.status != OfferingStatus.Frozen) continue;
            if (vault.offering(offeringId).saleClosed) continue;
            uint256 usedBefore = registry.minerOf(o.miner).usedCapacity;
            vm.prank(o.miner);
            uint256 unsold = vault.closeSale(offeringId);
            assertEq(
                unsold, o.reservedUnits - o.soldUnits - o.lotUnits, "closeSale: the units neither sold nor in a lot"
            );
            assertEq(usedBefore - registry.minerOf(o.miner).usedCapacity, unsold, "closeSale: back to capacity");
            o.reservedUnits -= SafeCast.toUint64(unsold);
            // Nothing sold: the offering finished.
            if (o.reservedUnits == 0) o.status = OfferingStatus.Finished;
            store.setOffering(offeringId, o);
            ++callCount["closeSale"];
            return;
        }
    }

    /// @dev The adversarial miner (or a third party, one call in four) deposits for a sold offering that takes
    /// deposits (frozen ones too): kind 0 a good day, 1 a short one, 2 a late top-up of any ended day, 3 five
    /// full days in a row (catch-up), 4 dust, 5 one good day a week and dust on the others, 6 five days'
    /// worth at once (ahead of what is due), 7 dust for each of the last days (catch-up while frozen). Days
    /// the oracle never finalizes are rated by the fallback.
    function depositYield(uint256 offeringSeed, uint256 payerSeed, uint256 kind, uint256 amountSeed) external {
        kind %= 8;
        OfferingGhost[] memory offerings = store.offerings();
        uint256 n = offerings.length;
        uint32 today = _today();
        for (uint256 i; i < n; ++i) {
            uint256 offeringId = (offeringSeed % n + i) % n + 1;
            OfferingGhost memory o = offerings[offeringId - 1];
            // Terminated and finished offerings refuse deposits (a finished one's certificates may be burned).
            // Frozen ones take them: the adversarial miner catches up while the DAO votes.
            if (!o.sold || o.status == OfferingStatus.Terminated || o.status == OfferingStatus.Finished) continue;
            address payer = payerSeed % 4 == 0 ? _buyers[payerSeed / 4 % _buyers.length] : o.miner;
            uint32 lastEnded = today < o.endDay ? today : o.endDay;
            if (lastEnded <= o.firstSaleDay) continue;
            _depositAs(offeringId, o, payer, kind, amountSeed, lastEnded);
            ++callCount[
                [
                    "depositFull", "depositShort", "topUp", "catchUp", "dust", "goodDayAWeek", "payAhead", "dustCatchUp"
                ][kind]
            ];
            return;
        }
    }

    /// @dev The deposit of `kind` (see `depositYield`) for an offering whose days before `lastEnded` have ended.
    function _depositAs(
        uint256 offeringId,
        OfferingGhost memory o,
        address payer,
        uint256 kind,
        uint256 amountSeed,
        uint32 lastEnded
    ) internal {
        uint256 full = _marketPerUnit[o.coinId] * o.soldUnits;
        // Any ended day of the term may be named: the vault fills from its oldest day below the threshold.
        uint32 latest = lastEnded - 1;
        if (kind == 0) {
            _deposit(offeringId, o, payer, latest, full); // a good day
        } else if (kind == 1) {
            _deposit(offeringId, o, payer, latest, bound(amountSeed, 1, full)); // a short day
        } else if (kind == 2) {
            // A late top-up of any ended day.
            uint32 named = SafeCast.toUint32(o.firstSaleDay + amountSeed % (lastEnded - o.firstSaleDay));
            _deposit(offeringId, o, payer, named, bound(amountSeed, 1, full));
        } else if (kind == 3) {
            // Catching up: a full day for each ended day, in one deposit each (up to five).
            for (uint256 k; k < MAX_CATCH_UP_DAYS; ++k) {
                _deposit(offeringId, o, payer, latest, full);
            }
        } else if (kind == 4) {
            _deposit(offeringId, o, payer, latest, 1); // dust
        } else if (kind == 5) {
            // One good day a week, dust on the others (by the day named).
            _deposit(offeringId, o, payer, latest, (latest - o.firstSaleDay) % 7 == 0 ? full : 1);
        } else if (kind == 6) {
            _deposit(offeringId, o, payer, latest, full * 5); // a large payment ahead of what is due
        } else {
            // Dust for every day behind, as a flagged miner would while the DAO votes.
            for (uint32 day = o.firstSaleDay; day < lastEnded && day < o.firstSaleDay + 10; ++day) {
                _deposit(offeringId, o, payer, day, 1);
            }
        }
    }

    /// @dev The miner of an offering that is not frozen withdraws what was released (not while paused).
    function withdrawEscrow(uint256 offeringSeed) external {
        if (vault.paused()) return;
        OfferingGhost[] memory offerings = store.offerings();
        uint256 n = offerings.length;
        for (uint256 i; i < n; ++i) {
            uint256 offeringId = (offeringSeed % n + i) % n + 1;
            OfferingGhost memory o = offerings[offeringId - 1];
            if (o.status == OfferingStatus.Frozen) continue;
            uint256 expected = vault.withdrawable(offeringId);
            if (expected == 0) continue;
            uint256 before = IERC20Metadata(o.paymentToken).balanceOf(o.miner);
            vm.prank(o.miner);
            uint256 amount = vault.withdrawEscrow(offeringId);
            assertEq(amount, expected, "withdrawEscrow pays what withdrawable() showed");
            assertEq(
                IERC20Metadata(o.paymentToken).balanceOf(o.miner) - before, amount, "the miner received the amount"
            );
            o.escrowWithdrawn += SafeCast.toUint128(amount);
            store.setOffering(offeringId, o);
            store.addWithdrawal(o.paymentToken, o.miner, amount);
            ++callCount["withdrawEscrow"];
            return;
        }
    }

    /*//////////////////////////////////////////////////////////////
                              MARKETPLACE
    //////////////////////////////////////////////////////////////*/

    /// @dev The seller records the primary sale of one minimum lot of an active offering whose term is not over and
    /// whose sale is open, to a holder (a buyer or a miner), at any price from one token unit to a million tokens:
    /// the vault mints the offering's next certificate of those units to the holder.
    function primarySale(uint256 offeringSeed, uint256 buyerSeed, uint256 priceSeed) external {
        if (vault.paused() || store.certificateCount() >= MAX_CERTIFICATE_IDS) return;
        (uint256 offeringId, bool found) = _pickOffering(offeringSeed, OfferingStatus.Active);
        if (!found) return;
        Offering memory live = vault.offering(offeringId);
        // On sale: the window open and not closed, the term running, the miner Active, a lot's worth not sold and
        // not reserved for an auction.
        if (vault.unitsOnSale(offeringId) < live.minLot) return;
        OfferingGhost memory o = store.offering(offeringId);
        address buyer = _holders[buyerSeed % _holders.length];
        uint256 price = bound(priceSeed, 1, 1e6 * 10 ** IERC20Metadata(o.paymentToken).decimals());
        vm.prank(_bridgeOf[o.paymentToken]);
        BridgedToken(o.paymentToken).mint(seller, price);
        uint256 balanceBefore = certificate.balanceOf(buyer);
        vm.prank(seller);
        uint256 tokenId = vault.recordPrimarySale(offeringId, buyer, live.minLot, price, false);
        assertEq(tokenId, CertificateId.encode(offeringId, o.nextIndex), "primarySale: the next index");
        assertEq(certificate.ownerOf(tokenId), buyer, "primarySale: minted to the buyer");
        assertEq(certificate.balanceOf(buyer), balanceBefore + 1, "primarySale: one certificate");

        uint32 today = _today();
        CertificateGhost memory c;
        (c.tokenId, c.offeringId, c.owner, c.units, c.fate) =
        (SafeCast.toUint64(tokenId), SafeCast.toUint32(offeringId), buyer, live.minLot, Fate.Live);
        c.sold = true;
        c.escrow = SafeCast.toUint128(price);
        c.saleDay = today > o.startDay ? today : o.startDay;
        store.addCertificate(c);
        ++o.nextIndex;
        if (!o.sold) (o.sold, o.firstSaleDay, o.nextDay, o.releasedDay) = (true, c.saleDay, c.saleDay, c.saleDay);
        o.soldUnits += c.units;
        o.escrowIn += SafeCast.toUint128(price);
        ++o.soldPieces;
        store.setOffering(c.offeringId, o);
        store.addEscrowIn(o.paymentToken, price);
        store.addSale(c.offeringId, c.saleDay, price, c.units);
        store.addSoldId(o.yieldToken);
        ++callCount["primarySale"];
    }

    /// @dev The marketplace reserves 1–2 minimum lots of an active offering's units on sale for a primary auction
    /// of its miner: they leave the units on sale, and the sale's close does not return them.
    function reserveLot(uint256 offeringSeed, uint256 lotsSeed) external {
        if (vault.paused()) return;
        (uint256 offeringId, bool found) = _pickOffering(offeringSeed, OfferingStatus.Active);
        if (!found) return;
        Offering memory live = vault.offering(offeringId);
        uint256 onSale = vault.unitsOnSale(offeringId);
        if (onSale < live.minLot) return;
        uint256 lots = onSale / live.minLot;
        uint64 units = SafeCast.toUint64(live.minLot * bound(lotsSeed, 1, lots < 2 ? lots : 2));
        vm.prank(seller);
        vault.reserveLot(offeringId, live.miner, units);
        assertEq(vault.unitsOnSale(offeringId), onSale - units, "reserveLot: off sale");
        OfferingGhost memory o = store.offering(offeringId);
        o.lotUnits += units;
        store.setOffering(offeringId, o);
        ++callCount["reserveLot"];
    }

    /// @dev A reserved lot's auction settles: the seller records the sale of one minimum lot of it (the window may
    /// have ended; the term must run), minting one certificate to a holder.
    function sellLot(uint256 offeringSeed, uint256 buyerSeed, uint256 priceSeed) external {
        if (vault.paused() || store.certificateCount() >= MAX_CERTIFICATE_IDS) return;
        (uint256 offeringId, bool found) = _pickOffering(offeringSeed, OfferingStatus.Active);
        if (!found) return;
        Offering memory live = vault.offering(offeringId);
        if (live.lotUnits < live.minLot || _today() >= live.endDay) return;
        if (registry.statusOf(live.miner) != MinerStatus.Active) return;
        OfferingGhost memory o = store.offering(offeringId);
        address buyer = _holders[buyerSeed % _holders.length];
        uint256 price = bound(priceSeed, 1, 1e6 * 10 ** IERC20Metadata(o.paymentToken).decimals());
        vm.prank(_bridgeOf[o.paymentToken]);
        BridgedToken(o.paymentToken).mint(seller, price);
        vm.prank(seller);
        uint256 tokenId = vault.recordPrimarySale(offeringId, buyer, live.minLot, price, true);
        assertEq(tokenId, CertificateId.encode(offeringId, o.nextIndex), "sellLot: the next index");
        assertEq(certificate.ownerOf(tokenId), buyer, "sellLot: minted to the winner");

        uint32 today = _today();
        CertificateGhost memory c;
        (c.tokenId, c.offeringId, c.owner, c.units, c.fate) =
        (SafeCast.toUint64(tokenId), SafeCast.toUint32(offeringId), buyer, live.minLot, Fate.Live);
        c.sold = true;
        c.escrow = SafeCast.toUint128(price);
        c.saleDay = today > o.startDay ? today : o.startDay;
        store.addCertificate(c);
        ++o.nextIndex;
        o.lotUnits -= live.minLot;
        if (!o.sold) (o.sold, o.firstSaleDay, o.nextDay, o.releasedDay) = (true, c.saleDay, c.saleDay, c.saleDay);
        o.soldUnits += c.units;
        o.escrowIn += SafeCast.toUint128(price);
        ++o.soldPieces;
        store.setOffering(offeringId, o);
        store.addEscrowIn(o.paymentToken, price);
        store.addSale(offeringId, c.saleDay, price, c.units);
        store.addSoldId(o.yieldToken);
        ++callCount["sellLot"];
    }

    /// @dev A lot's auction ended unsold (cancelled or voided): the marketplace releases it. Its units are on sale
    /// again, or back to the miner's capacity once the sale closed, or nowhere once the offering is over (its
    /// reservation went back already).
    function releaseLot(uint256 offeringSeed) external {
        OfferingGhost[] memory offerings = store.offerings();
        uint256 n = offerings.length;
        for (uint256 i; i < n; ++i) {
            uint256 offeringId = (offeringSeed % n + i) % n + 1;
            OfferingGhost memory o = offerings[offeringId - 1];
            if (o.lotUnits == 0) continue;
            uint256 usedBefore = registry.minerOf(o.miner).usedCapacity;
            bool open = o.status == OfferingStatus.Active || o.status == OfferingStatus.Frozen;
            bool returns_ = open && vault.offering(offeringId).saleClosed;
            uint64 units = o.lotUnits;
            vm.prank(seller);
            vault.releaseLot(offeringId, units);
            o.lotUnits = 0;
            if (returns_) {
                o.reservedUnits -= units;
                if (o.reservedUnits == 0) o.status = OfferingStatus.Finished;
                assertEq(usedBefore - registry.minerOf(o.miner).usedCapacity, units, "releaseLot: back to capacity");
            } else {
                assertEq(registry.minerOf(o.miner).usedCapacity, usedBefore, "releaseLot: capacity unchanged");
            }
            store.setOffering(offeringId, o);
            ++callCount["releaseLot"];
            return;
        }
    }

    /*//////////////////////////////////////////////////////////////
                                HOLDERS
    //////////////////////////////////////////////////////////////*/

    /// @dev A certificate moves from its holder to another holder (buyers and miners), sold or not, in any
    /// state of its offering, paused or not; its unclaimed yield and its refund travel with it.
    function transfer(uint256 certificateSeed, uint256 toSeed) external {
        (CertificateGhost memory c, bool found) = _pickCertificate(certificateSeed, Need.Live);
        if (!found) return;
        uint256 h = _holders.length;
        address to = _holders[toSeed % h];
        if (to == c.owner) to = _holders[(toSeed % h + 1) % h];
        uint256 claimableBefore = vault.claimable(c.tokenId);
        uint256 refundableBefore = vault.refundable(c.tokenId);
        _transfer(c.tokenId, c.owner, to);
        assertEq(vault.claimable(c.tokenId), claimableBefore, "unclaimed yield travels with the certificate");
        assertEq(vault.refundable(c.tokenId), refundableBefore, "the refund travels with the certificate");
        ++callCount["transfer"];
    }

    /// @dev A holder with claimable yield claims some of its certificates (up to six, in store order from
    /// the seed, mixing offerings and yield tokens; certificates with nothing to claim may be among them),
    /// paused or not. The claim must succeed and pay exactly what `claimable` showed, per yield token; a
    /// failure is recorded, not raised, so that the invariant names it.
    function claim(uint256 holderSeed, uint256 startSeed, uint256 mask) external {
        CertificateGhost[] memory all = store.certificates();
        uint256 h = _holders.length;
        for (uint256 i; i < h; ++i) {
            address holder = _holders[(holderSeed % h + i) % h];
            (uint256[] memory ids, uint256[] memory amounts) = _heldBy(all, holder, startSeed, mask, false);
            if (ids.length == 0) continue;
            _claim(holder, ids, amounts);
            ++callCount["claim"];
            return;
        }
    }

    /// @dev A holder with refundable escrow (terminated offerings) refunds some of its certificates, paused or
    /// not; as for claims, the refund must pay exactly what `refundable` showed, and a failure is recorded.
    function refund(uint256 holderSeed, uint256 startSeed, uint256 mask) external {
        CertificateGhost[] memory all = store.certificates();
        uint256 h = _holders.length;
        for (uint256 i; i < h; ++i) {
            address holder = _holders[(holderSeed % h + i) % h];
            (uint256[] memory ids, uint256[] memory amounts) = _heldBy(all, holder, startSeed, mask, true);
            if (ids.length == 0) continue;
            _refund(holder, ids, amounts);
            ++callCount["refund"];
            return;
        }
    }

    /// @dev A holder splits off part of a certificate of two units or more (offering not terminated, not
    /// paused); the part takes whole daily amounts of the escrow (escrow / stream days, pro rata to its units,
    /// rounded down) so that refunds add up exactly, the kept part the rest.
    function split(uint256 certificateSeed, uint256 unitsSeed) external {
        if (vault.paused() || store.certificateCount() >= MAX_CERTIFICATE_IDS) return;
        (CertificateGhost memory c, bool found) = _pickCertificate(certificateSeed, Need.Splittable);
        if (!found) return;
        OfferingGhost memory o = store.offering(c.offeringId);
        uint64 splitUnits = uint64(bound(unitsSeed, 1, c.units - 1));
        uint256 streamDays = c.sold ? o.endDay - c.saleDay : 1;
        // casting to 'uint128' is safe because the part is at most the certificate's escrow, a uint128
        // forge-lint: disable-next-line(unsafe-typecast)
        uint128 newEscrow = uint128(uint256(c.escrow) / streamDays * splitUnits / c.units * streamDays);

        vm.prank(c.owner);
        uint256 newTokenId = vault.split(c.tokenId, splitUnits);
        assertEq(newTokenId, CertificateId.encode(c.offeringId, o.nextIndex), "split: the next index");

        CertificateGhost memory part = CertificateGhost({
            tokenId: SafeCast.toUint64(newTokenId),
            offeringId: c.offeringId,
            owner: c.owner,
            units: splitUnits,
            escrow: newEscrow,
            saleDay: c.saleDay,
            sold: c.sold,
            refunded: false,
            refundedAmount: 0,
            fate: Fate.Live
        });
        store.addCertificate(part);
        c.units -= splitUnits;
        c.escrow -= newEscrow;
        store.setCertificate(c);
        ++o.nextIndex;
        if (c.sold) {
            ++o.soldPieces;
            // The split settles the yield accrued so far (one rounding), and the new certificate accrues.
            store.addSettlements(o.yieldToken, 1);
            store.addSoldId(o.yieldToken);
        }
        store.setOffering(c.offeringId, o);
        ++callCount["split"];
    }

    /// @dev A holder merges two of its certificates of one offering (not terminated, not paused), both unsold
    /// or sold on the same day.
    function merge(uint256 certificateSeed, uint256 otherSeed) external {
        if (vault.paused()) return;
        CertificateGhost[] memory all = store.certificates();
        OfferingGhost[] memory offerings = store.offerings();
        uint256 n = all.length;
        for (uint256 i; i < n; ++i) {
            CertificateGhost memory c = all[(certificateSeed % n + i) % n];
            if (!_meets(c, offerings[c.offeringId - 1], Need.Mergeable)) continue;
            (CertificateGhost memory other, bool found) = _mergePartner(all, c, otherSeed);
            if (!found) continue;
            vm.prank(c.owner);
            vault.merge(c.tokenId, other.tokenId);

            c.units += other.units;
            c.escrow += other.escrow;
            store.setCertificate(c);
            (other.fate, other.owner) = (Fate.Merged, address(0));
            store.setCertificate(other);
            if (c.sold) {
                OfferingGhost memory o = offerings[c.offeringId - 1];
                --o.soldPieces;
                store.setOffering(c.offeringId, o);
                // Both certificates' accrued yield is settled (two roundings).
                store.addSettlements(o.yieldToken, 2);
            }
            ++callCount["merge"];
            return;
        }
    }

    /// @dev A holder burns a certificate of a finished or terminated offering with nothing left on it.
    function burn(uint256 certificateSeed) external {
        (CertificateGhost memory c, bool found) = _pickCertificate(certificateSeed, Need.Burnable);
        if (!found) return;
        vm.prank(c.owner);
        vault.burn(c.tokenId);
        (c.fate, c.owner) = (Fate.Burned, address(0));
        store.setCertificate(c);
        if (c.sold) {
            OfferingGhost memory o = store.offering(c.offeringId);
            ++o.burnedSold;
            store.setOffering(c.offeringId, o);
        }
        ++callCount["burn"];
    }

    /*//////////////////////////////////////////////////////////////
                                 ANYONE
    //////////////////////////////////////////////////////////////*/

    /// @dev Anyone (a buyer, a miner or a stranger) flags an offering that `flaggable` says may be flagged.
    function flag(uint256 offeringSeed, uint256 callerSeed) external {
        uint256 n = store.offeringCount();
        for (uint256 i; i < n; ++i) {
            uint256 offeringId = (offeringSeed % n + i) % n + 1;
            (bool canFlag,,) = vault.flaggable(offeringId);
            if (!canFlag) continue;
            vm.prank(callerSeed % 8 == 7 ? stranger : _holders[callerSeed % _holders.length]);
            vault.flag(offeringId);
            OfferingGhost memory o = store.offering(offeringId);
            _syncDays(offeringId, o);
            o.status = OfferingStatus.Frozen;
            o.withdrawnAtFreeze = o.escrowWithdrawn;
            store.setOffering(offeringId, o);
            ++callCount["flag"];
            return;
        }
    }

    /// @dev Anyone finishes an active offering whose term is over and fully delivered (or that sold nothing).
    function finish(uint256 offeringSeed) external {
        OfferingGhost[] memory offerings = store.offerings();
        uint256 n = offerings.length;
        uint32 today = _today();
        for (uint256 i; i < n; ++i) {
            uint256 offeringId = (offeringSeed % n + i) % n + 1;
            OfferingGhost memory o = offerings[offeringId - 1];
            if (o.status != OfferingStatus.Active || today < o.endDay) continue;
            // Settled: every day delivered at the threshold, or a flag window after the term (undelivered days
            // then refundable). Days waiting for the oracle may still be moved over by the call itself.
            vm.prank(stranger);
            try vault.finish(offeringId) {}
            catch (bytes memory reason) {
                // casting to bytes4 is safe: the selector is the revert data's first four bytes
                // forge-lint: disable-next-line(unsafe-typecast)
                bytes4 selector = bytes4(reason);
                assertEq(selector, IRiskControlVault.RiskControlVault_NotSettled.selector, "finish refused");
                continue;
            }
            (o.status, o.reservedUnits) = (OfferingStatus.Finished, 0);
            _syncDays(offeringId, o);
            store.setOffering(offeringId, o);
            ++callCount["finish"];
            return;
        }
    }

    /*//////////////////////////////////////////////////////////////
                            ORACLE REPORTERS
    //////////////////////////////////////////////////////////////*/

    /// @dev The reporters finalise a coin's value for one of the last ten ended days, between half and twice
    /// the market average the handler's full deliveries pay (so deliveries rate Ok or Short).
    function finalizeDay(uint256 coinSeed, uint256 ageSeed, uint256 valueSeed) external {
        uint256 coinId = _coinIds[coinSeed % _coinIds.length];
        uint32 day = uint32(_today() - bound(ageSeed, 1, 10));
        if (oracle.isFinal(coinId, day)) return;
        // Only days younger than the flag window: an older one may already be rated by the fallback, and a
        // final value arriving after that would rate it differently from when the vault moved over it. Some
        // days are never finalized (the fallback rates them).
        if (bound(ageSeed, 1, 10) >= vault.flagWindowDays()) return;
        uint256 market = _marketPerUnit[coinId];
        _finalize(coinId, day, bound(valueSeed, market / 2, market));
        ++callCount["finalizeDay"];
    }

    /// @dev The oracle is out while an honest miner pays: for an active offering whose first undelivered day has
    /// no final value, the miner pays every ended day from there in full (the market value the handler's full
    /// deliveries pay, at or above any value finalized here), one deposit naming each day, all waiting on that
    /// first day. Then the reporters finalize the days still younger than the flag window (the fallback rates
    /// the older ones) and a third party's 1-wei deposit moves the delivery on: the miner paid once, so every one
    /// of those days is delivered (the carry-forward rule).
    function oracleOutage(uint256 offeringSeed, uint256 valueSeed) external {
        (uint256 offeringId, bool found) = _pickOffering(offeringSeed, OfferingStatus.Active);
        if (!found) return;
        OfferingGhost memory o = store.offering(offeringId);
        uint32 today = _today();
        uint32 lastEnded = today < o.endDay ? today : o.endDay;
        uint32 from = vault.offering(offeringId).nextDay;
        if (!o.sold || from >= lastEnded || oracle.isFinal(o.coinId, from)) return;
        uint256 market = _marketPerUnit[o.coinId];
        for (uint32 day = from; day < lastEnded; ++day) {
            _deposit(offeringId, o, o.miner, day, market * o.soldUnits);
        }
        uint32 window = vault.flagWindowDays();
        for (uint32 day = from; day < lastEnded; ++day) {
            if (today - day < window && !oracle.isFinal(o.coinId, day)) {
                _finalize(o.coinId, day, bound(valueSeed, market / 2, market));
            }
        }
        _deposit(offeringId, o, _buyers[valueSeed % _buyers.length], lastEnded - 1, 1);
        assertEq(vault.offering(offeringId).nextDay, lastEnded, "an honest miner pays an oracle outage once");
        ++callCount["oracleOutage"];
    }

    /// @dev The reporters report `value` for the coin-day until it is final.
    function _finalize(uint256 coinId, uint32 day, uint256 value) internal {
        for (uint256 i; i < _reporters.length && !oracle.isFinal(coinId, day); ++i) {
            if (oracle.hasReported(coinId, day, _reporters[i])) continue;
            vm.prank(_reporters[i]);
            oracle.report(coinId, day, value);
        }
    }

    /*//////////////////////////////////////////////////////////////
                             DAO AND COUNCIL
    //////////////////////////////////////////////////////////////*/

    function resume(uint256 offeringSeed) external {
        (uint256 offeringId, bool found) = _pickOffering(offeringSeed, OfferingStatus.Frozen);
        if (!found) return;
        vm.prank(timelock);
        vault.resume(offeringId);
        OfferingGhost memory o = store.offering(offeringId);
        o.status = OfferingStatus.Active;
        _syncDays(offeringId, o);
        store.setOffering(offeringId, o);
        ++callCount["resume"];
    }

    /// @dev Terminates a frozen offering, or (one call in three) an active one.
    function terminate(uint256 offeringSeed, uint256 gate) external {
        (uint256 offeringId, bool found) = _pickOffering(offeringSeed, OfferingStatus.Frozen);
        if (!found && gate % 3 == 0) (offeringId, found) = _pickOffering(offeringSeed, OfferingStatus.Active);
        if (!found) return;
        vm.prank(timelock);
        vault.terminate(offeringId);
        OfferingGhost memory o = store.offering(offeringId);
        (o.status, o.reservedUnits) = (OfferingStatus.Terminated, 0);
        store.setOffering(offeringId, o);
        ++callCount["terminate"];
    }

    /// @dev The council or the timelock pauses (one call in two, so that the vault is not paused most of the
    /// time; claims and refunds are tried whether paused or not).
    function pause(uint256 seed) external {
        if (vault.paused() || seed % 2 != 0) return;
        vm.prank(seed % 4 == 0 ? council : timelock);
        vault.pause();
        ++callCount["pause"];
    }

    function unpause() external {
        if (!vault.paused()) return;
        vm.prank(timelock);
        vault.unpause();
        ++callCount["unpause"];
    }

    /// @dev A flag window of 1–3 days (so that flags happen within a run) and any short threshold.
    function setFlagParameters(uint256 windowSeed, uint256 thresholdSeed) external {
        vm.prank(timelock);
        uint16 threshold = uint16(bound(thresholdSeed, 1, 10_000));
        vault.setFlagParameters(uint16(bound(windowSeed, 1, MAX_FLAG_WINDOW_DAYS)), threshold);
        store.noteThreshold(threshold);
        ++callCount["setFlagParameters"];
    }

    /*//////////////////////////////////////////////////////////////
                                  TIME
    //////////////////////////////////////////////////////////////*/

    function passTime(uint256 secondsSeed) external {
        vm.warp(block.timestamp + bound(secondsSeed, 0, 3 days));
        ++callCount["passTime"];
    }

    /*//////////////////////////////////////////////////////////////
                             REFUSED CALLS
    //////////////////////////////////////////////////////////////*/

    /// @dev A call the vault must refuse, with its exact custom error: a withdrawal from a frozen offering (no
    /// escrow leaves it) or while paused, a split or merge while paused, a sale of a certificate of an
    /// offering that is not active, a deposit for a day after the first undelivered one (delivery is in
    /// order), and a deposit of nothing (a day is delivered by paying for it).
    function refusedCall(uint256 kind, uint256 seed) external {
        kind %= 5;
        address caller;
        bytes memory call;
        bytes memory expected;
        bool paused = vault.paused();
        bytes memory enforcedPause = abi.encodeWithSelector(Pausable.EnforcedPause.selector);
        if (kind == 0) {
            (uint256 offeringId, bool found) = _pickOffering(seed, OfferingStatus.Frozen);
            if (!found && (!paused || store.offeringCount() == 0)) return;
            if (!found) offeringId = seed % store.offeringCount() + 1;
            caller = store.offering(offeringId).miner;
            call = abi.encodeCall(IRiskControlVault.withdrawEscrow, (offeringId));
            expected = paused
                ? enforcedPause
                : abi.encodeWithSelector(
                    IRiskControlVault.RiskControlVault_InvalidStatus.selector, offeringId, OfferingStatus.Frozen
                );
        } else if (kind == 1) {
            if (!paused) return;
            (CertificateGhost memory c, bool found) = _pickCertificate(seed, Need.Live);
            if (!found) return;
            caller = c.owner;
            call = seed % 2 == 0
                ? abi.encodeCall(IRiskControlVault.split, (c.tokenId, 1))
                : abi.encodeCall(IRiskControlVault.merge, (c.tokenId, c.tokenId + 1));
            expected = enforcedPause;
        } else if (kind == 2) {
            // A sale of an offering that is not active (frozen, terminated or finished).
            if (store.offeringCount() == 0) return;
            uint256 offeringId = seed % store.offeringCount() + 1;
            OfferingStatus status = store.offering(offeringId).status;
            if (status == OfferingStatus.Active) return;
            caller = seller;
            call = abi.encodeCall(IRiskControlVault.recordPrimarySale, (offeringId, stranger, 1, 1, false));
            expected = paused
                ? enforcedPause
                : abi.encodeWithSelector(IRiskControlVault.RiskControlVault_InvalidStatus.selector, offeringId, status);
        } else if (kind == 3) {
            (uint256 offeringId, bool found) = _pickOffering(seed, OfferingStatus.Active);
            if (!found || !store.offering(offeringId).sold) return;
            caller = store.offering(offeringId).miner;
            uint32 today = _today();
            call = abi.encodeCall(IRiskControlVault.depositYield, (offeringId, today, 1));
            expected = abi.encodeWithSelector(IRiskControlVault.RiskControlVault_DayNotEnded.selector, today, today);
        } else {
            (uint256 offeringId, bool found) = _pickOffering(seed, OfferingStatus.Active);
            if (!found) return;
            OfferingGhost memory o = store.offering(offeringId);
            caller = o.miner;
            call = abi.encodeCall(IRiskControlVault.depositYield, (offeringId, o.nextDay, 0));
            expected = abi.encodeWithSelector(IRiskControlVault.RiskControlVault_ZeroAmount.selector);
        }

        vm.prank(caller);
        (bool success, bytes memory returnData) = address(vault).call(call);
        assertFalse(success, "a call the vault must refuse succeeded");
        assertEq(keccak256(returnData), keccak256(expected), "refused with the wrong error");
        ++callCount["refusedCall"];
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    function minerCount() external view returns (uint256) {
        return _miners.length;
    }

    function minerAt(uint256 index) external view returns (address) {
        return _miners[index];
    }

    function holders() external view returns (address[] memory) {
        return _holders;
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _today() internal view returns (uint32) {
        return uint32(block.timestamp / 1 days);
    }

    function _recordOffering(uint256 offeringId, address miner, OfferingParams memory params) internal {
        OfferingGhost memory o;
        o.miner = miner;
        o.paymentToken = params.paymentToken;
        o.yieldToken = registry.coin(params.coinId).yieldToken;
        o.coinId = SafeCast.toUint96(params.coinId);
        o.status = OfferingStatus.Active;
        o.startDay = params.startDay;
        o.endDay = params.startDay + params.termDays;
        // No certificate before a sale: the first one sold or split off gets index 1.
        o.nextIndex = 1;
        o.reservedUnits = params.units;
        store.addOffering(offeringId, o);
    }

    /// @dev Mints the yield to the payer, which deposits it; the store's first undelivered day moves on when
    /// the deposit was for it. Updates `o` in place.
    function _deposit(uint256 offeringId, OfferingGhost memory o, address payer, uint32 day, uint256 amount) internal {
        vm.prank(_bridgeOf[o.yieldToken]);
        BridgedToken(o.yieldToken).mint(payer, amount);
        vm.startPrank(payer);
        BridgedToken(o.yieldToken).approve(address(vault), amount);
        vault.depositYield(offeringId, day, amount);
        vm.stopPrank();
        o.yieldIn += SafeCast.toUint128(amount);
        _syncDays(offeringId, o);
        store.setOffering(offeringId, o);
        store.addYieldIn(o.yieldToken, amount);
    }

    /// @dev The delivery and release days as the vault moved them (the invariants check them against the
    /// yield paid, the oracle and the sales independently).
    function _syncDays(uint256 offeringId, OfferingGhost memory o) internal view {
        Offering memory v = vault.offering(offeringId);
        (o.nextDay, o.releasedDay) = (v.nextDay, v.releasedDay != 0 ? v.releasedDay : v.nextDay);
    }

    function _transfer(uint256 tokenId, address from, address to) internal {
        vm.prank(from);
        certificate.transferFrom(from, to, tokenId);
        CertificateGhost memory c = store.certificate(tokenId);
        c.owner = to;
        store.setCertificate(c);
    }

    function _claim(address holder, uint256[] memory ids, uint256[] memory amounts) internal {
        uint256 tokens = _yieldTokens.length;
        uint256[] memory expected = new uint256[](tokens);
        uint256[] memory settled = new uint256[](tokens);
        uint256[] memory before = new uint256[](tokens);
        uint256 total;
        for (uint256 k; k < ids.length; ++k) {
            uint256 t = _indexOf(_yieldTokens, store.offering(CertificateId.offeringOf(ids[k])).yieldToken);
            expected[t] += amounts[k];
            if (amounts[k] != 0) ++settled[t];
            total += amounts[k];
        }
        for (uint256 t; t < tokens; ++t) {
            before[t] = IERC20Metadata(_yieldTokens[t]).balanceOf(holder);
        }
        bool paused = vault.paused();
        vm.prank(holder);
        try vault.claim(ids) returns (uint256 paid) {
            assertEq(paid, total, "claim pays the sum of claimable()");
            for (uint256 t; t < tokens; ++t) {
                uint256 received = IERC20Metadata(_yieldTokens[t]).balanceOf(holder) - before[t];
                assertEq(received, expected[t], "claim pays each yield token its own sum");
                if (expected[t] != 0) store.addClaim(_yieldTokens[t], holder, expected[t], settled[t]);
            }
            for (uint256 k; k < ids.length; ++k) {
                assertEq(vault.claimable(ids[k]), 0, "nothing left to claim");
            }
            store.recordClaim(true, paused, "");
        } catch (bytes memory reason) {
            store.recordClaim(false, paused, reason);
        }
    }

    function _refund(address holder, uint256[] memory ids, uint256[] memory amounts) internal {
        uint256 tokens = _paymentTokens.length;
        uint256[] memory expected = new uint256[](tokens);
        uint256[] memory before = new uint256[](tokens);
        uint256 total;
        for (uint256 k; k < ids.length; ++k) {
            expected[
                _indexOf(_paymentTokens, store.offering(CertificateId.offeringOf(ids[k])).paymentToken)
            ] += amounts[k];
            total += amounts[k];
        }
        for (uint256 t; t < tokens; ++t) {
            before[t] = IERC20Metadata(_paymentTokens[t]).balanceOf(holder);
        }
        bool paused = vault.paused();
        vm.prank(holder);
        try vault.refund(ids) returns (uint256 paid) {
            assertEq(paid, total, "refund pays the sum of refundable()");
            for (uint256 t; t < tokens; ++t) {
                uint256 received = IERC20Metadata(_paymentTokens[t]).balanceOf(holder) - before[t];
                assertEq(received, expected[t], "refund pays each payment token its own sum");
            }
            for (uint256 k; k < ids.length; ++k) {
                _recordRefund(holder, ids[k], amounts[k]);
            }
            store.recordRefund(true, paused, "");
        } catch (bytes memory reason) {
            store.recordRefund(false, paused, reason);
        }
    }

    function _recordRefund(address holder, uint256 tokenId, uint256 amount) internal {
        assertEq(vault.refundable(tokenId), 0, "nothing left to refund");
        CertificateGhost memory c = store.certificate(tokenId);
        (c.refunded, c.refundedAmount) = (true, SafeCast.toUint128(amount));
        store.setCertificate(c);
        OfferingGhost memory o = store.offering(c.offeringId);
        o.escrowRefunded += SafeCast.toUint128(amount);
        store.setOffering(c.offeringId, o);
        store.addRefund(o.paymentToken, holder, amount);
    }

    /// @dev Up to six live certificates of `holder`, in store order from `start`, with what each can claim
    /// (refund). Claims take the certificates the mask picks, whatever they can claim; refunds only those with
    /// something to refund (the vault refuses the others). Empty when nothing is claimable (refundable).
    function _heldBy(CertificateGhost[] memory all, address holder, uint256 start, uint256 mask, bool refunds)
        internal
        view
        returns (uint256[] memory ids, uint256[] memory amounts)
    {
        ids = new uint256[](MAX_IDS_PER_CALL);
        amounts = new uint256[](MAX_IDS_PER_CALL);
        uint256 found;
        uint256 total;
        uint256 n = all.length;
        for (uint256 i; i < n && found < MAX_IDS_PER_CALL; ++i) {
            CertificateGhost memory c = all[(start % n + i) % n];
            if (c.fate != Fate.Live || c.owner != holder) continue;
            // The mask may leave a certificate out once one with something on it was taken.
            if ((mask >> i) & 1 == 0 && total != 0) continue;
            uint256 amount = refunds ? vault.refundable(c.tokenId) : vault.claimable(c.tokenId);
            if (refunds && amount == 0) continue;
            (ids[found], amounts[found]) = (c.tokenId, amount);
            ++found;
            total += amount;
        }
        if (total == 0) found = 0;
        assembly ("memory-safe") {
            mstore(ids, found)
            mstore(amounts, found)
        }
    }

    /// @dev Positions in `all` of unsold certificates of the offering that `miner` holds: the first one, and
    /// the others the mask picks.
    function _unsoldHeldBy(CertificateGhost[] memory all, uint256 offeringId, address miner, uint256 mask)
        internal
        pure
        returns (uint256[] memory positions)
    {
        positions = new uint256[](MAX_IDS_PER_CALL);
        uint256 found;
        for (uint256 i; i < all.length && found < MAX_IDS_PER_CALL; ++i) {
            CertificateGhost memory c = all[i];
            if (c.offeringId != offeringId || c.fate != Fate.Live || c.sold || c.owner != miner) continue;
            if (found != 0 && (mask >> i) & 1 == 0) continue;
            positions[found++] = i;
        }
        assembly ("memory-safe") {
            mstore(positions, found)
        }
    }

    /// @dev Another live certificate of the same offering and owner, sold on the same day or both unsold.
    function _mergePartner(CertificateGhost[] memory all, CertificateGhost memory c, uint256 seed)
        internal
        pure
        returns (CertificateGhost memory other, bool found)
    {
        uint256 n = all.length;
        for (uint256 i; i < n; ++i) {
            other = all[(seed % n + i) % n];
            if (other.tokenId == c.tokenId || other.fate != Fate.Live || other.offeringId != c.offeringId) continue;
            if (other.owner == c.owner && other.sold == c.sold && other.saleDay == c.saleDay) return (other, true);
        }
        found = false;
    }

    function _pickCertificate(uint256 seed, Need need) internal view returns (CertificateGhost memory c, bool found) {
        CertificateGhost[] memory all = store.certificates();
        OfferingGhost[] memory offerings = store.offerings();
        uint256 n = all.length;
        for (uint256 i; i < n; ++i) {
            c = all[(seed % n + i) % n];
            if (_meets(c, offerings[c.offeringId - 1], need)) return (c, true);
        }
        found = false;
    }

    function _meets(CertificateGhost memory c, OfferingGhost memory o, Need need) internal view returns (bool) {
        if (c.fate != Fate.Live) return false;
        if (need == Need.Live) return true;
        if (need == Need.Sellable) return !c.sold && o.status == OfferingStatus.Active && _today() < o.endDay;
        if (need == Need.UnsoldOfClosedSales) return !c.sold && o.status != OfferingStatus.Active;
        // Refund accounting is fixed once refunds are open: terminated, or finished with days undelivered.
        bool refundsOpen = o.status == OfferingStatus.Terminated
            || (o.status == OfferingStatus.Finished && o.sold && o.releasedDay < o.endDay);
        if (need == Need.Splittable) return c.units >= 2 && !refundsOpen;
        if (need == Need.Mergeable) return !refundsOpen;
        // Burnable: settled offering, nothing left to claim or refund.
        return (o.status == OfferingStatus.Finished || o.status == OfferingStatus.Terminated)
            && vault.claimable(c.tokenId) == 0 && vault.refundable(c.tokenId) == 0;
    }

    function _pickOffering(uint256 seed, OfferingStatus status) internal view returns (uint256 offeringId, bool found) {
        OfferingGhost[] memory offerings = store.offerings();
        uint256 n = offerings.length;
        for (uint256 i; i < n; ++i) {
            offeringId = (seed % n + i) % n + 1;
            if (offerings[offeringId - 1].status == status) return (offeringId, true);
        }
        return (0, false);
    }

    /// @dev The first miner from the seed on that may create an offering: no frozen offering, free capacity.
    function _pickMiner(uint256 seed) internal view returns (address miner, bool found) {
        uint256 n = _miners.length;
        for (uint256 i; i < n; ++i) {
            miner = _miners[(seed % n + i) % n];
            if (vault.frozenOfferingsOf(miner) == 0 && registry.freeCapacity(miner) != 0) return (miner, true);
        }
        return (address(0), false);
    }

    function _indexOf(address[] storage list, address item) internal view returns (uint256 index) {
        while (list[index] != item) ++index;
    }
}
