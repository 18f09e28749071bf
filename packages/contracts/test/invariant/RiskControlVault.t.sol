// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {CertificateId} from "../../src/libraries/CertificateId.sol";
import {DeliveryMath} from "../../src/libraries/DeliveryMath.sol";
import {EscrowMath} from "../../src/libraries/EscrowMath.sol";
import {BridgedToken} from "../../src/mocks/BridgedToken.sol";
import {ApplicationParams, Coin, MinerStatus} from "../../src/types/Miner.sol";
import {CertificateView, Offering, OfferingStatus} from "../../src/types/Offering.sol";
import {VaultBase} from "../VaultBase.t.sol";
import {InvariantTest} from "../utils/InvariantTest.sol";
import {RiskControlVaultHandler} from "./handlers/RiskControlVaultHandler.sol";
import {CertificateGhost, Fate, OfferingGhost, RiskControlVaultStore} from "./stores/RiskControlVaultStore.sol";

/// @notice RiskControlVault invariants; see README.md beside this file for each in prose.
contract RiskControlVault_Invariant_Test is VaultBase, InvariantTest {
    uint256 internal constant MINERS = 3;
    uint256 internal constant BUYERS = 4;
    uint256 internal constant MINER_CAPACITY = 200;
    uint256 internal constant BTC_MARKET_PER_UNIT = 500; // satoshi per TH/s and day

    RiskControlVaultHandler internal handler;
    RiskControlVaultStore internal store;
    BridgedToken internal dai;
    BridgedToken internal wbtc;
    uint256 internal btcCoinId;
    address[] internal paymentTokens;
    address[] internal yieldTokens;
    address[] internal miners;
    address[] internal actors;

    function setUp() public override {
        super.setUp();
        store = new RiskControlVaultStore();
        address daiBridge = makeAddr("daiBridge");
        address wbtcBridge = makeAddr("wbtcBridge");
        dai = new BridgedToken("Dai Stablecoin", "DAI", 18, timelock, daiBridge);
        wbtc = new BridgedToken("Wrapped Bitcoin", "WBTC", 8, timelock, wbtcBridge);
        vm.label(address(dai), "DAI");
        vm.label(address(wbtc), "WBTC");
        vm.startPrank(timelock);
        btcCoinId = registry.registerCoin(
            Coin({name: "Bitcoin", unitName: "TH/s", unitSize: 1, yieldToken: address(wbtc), displayDecimals: 8})
        );
        vault.setPaymentToken(address(dai), true);
        vm.stopPrank();
        vm.prank(seller);
        dai.approve(address(vault), type(uint256).max);
        paymentTokens.push(address(usdc));
        paymentTokens.push(address(dai));
        yieldTokens.push(address(ifil));
        yieldTokens.push(address(wbtc));

        RiskControlVaultHandler.Config memory config;
        config.vault = vault;
        config.store = store;
        config.timelock = timelock;
        config.council = council;
        config.seller = seller;
        config.stranger = stranger;
        config.miners = new address[](MINERS);
        for (uint256 i; i < MINERS; ++i) {
            config.miners[i] = makeAddr(string.concat("miner", vm.toString(i)));
            // Miners 0 and 1 mine Filecoin (IFIL yield), miner 2 Bitcoin (WBTC yield).
            _activate(config.miners[i], i < 2 ? filCoinId : btcCoinId);
        }
        config.buyers = new address[](BUYERS);
        for (uint256 i; i < BUYERS; ++i) {
            config.buyers[i] = makeAddr(string.concat("buyer", vm.toString(i)));
        }
        config.reporters = reporters;
        config.paymentTokens = paymentTokens;
        config.yieldTokens = yieldTokens;
        config.coinIds = new uint256[](2);
        (config.coinIds[0], config.coinIds[1]) = (filCoinId, btcCoinId);
        config.marketPerUnit = new uint256[](2);
        (config.marketPerUnit[0], config.marketPerUnit[1]) = (MARKET_PER_UNIT, BTC_MARKET_PER_UNIT);
        config.bridges = new address[](4);
        (config.bridges[0], config.bridges[1], config.bridges[2], config.bridges[3]) =
        (usdcBridge, daiBridge, ifilBridge, wbtcBridge);

        // Every report of the handler's lies within [market / 2, market]: a lower bound there makes the fallback
        // value of a day the oracle never finalizes at least half the market, as in production, where the DAO
        // sets per-coin bounds (the contracts README says so), and gives invariant (12) a floor for such days.
        for (uint256 i; i < 2; ++i) {
            (, uint256 maxValue) = oracle.valueBounds(config.coinIds[i]);
            vm.prank(timelock);
            oracle.setValueBounds(
                config.coinIds[i], SafeCast.toUint128(config.marketPerUnit[i] / 2), SafeCast.toUint128(maxValue)
            );
        }
        handler = new RiskControlVaultHandler(config);
        miners = config.miners;
        actors = handler.holders();
        vm.label(address(handler), "RiskControlVaultHandler");
        targetContract(address(handler));

        bytes4[] memory selectors = new bytes4[](30);
        selectors[0] = RiskControlVaultHandler.createOffering.selector;
        selectors[1] = RiskControlVaultHandler.closeSale.selector;
        selectors[2] = RiskControlVaultHandler.depositYield.selector;
        selectors[3] = RiskControlVaultHandler.depositYield.selector;
        selectors[4] = RiskControlVaultHandler.depositYield.selector;
        selectors[5] = RiskControlVaultHandler.withdrawEscrow.selector;
        selectors[6] = RiskControlVaultHandler.primarySale.selector;
        selectors[7] = RiskControlVaultHandler.primarySale.selector;
        selectors[8] = RiskControlVaultHandler.transfer.selector;
        selectors[9] = RiskControlVaultHandler.claim.selector;
        selectors[10] = RiskControlVaultHandler.refund.selector;
        selectors[11] = RiskControlVaultHandler.split.selector;
        selectors[12] = RiskControlVaultHandler.merge.selector;
        selectors[13] = RiskControlVaultHandler.burn.selector;
        selectors[14] = RiskControlVaultHandler.flag.selector;
        selectors[15] = RiskControlVaultHandler.finish.selector;
        selectors[16] = RiskControlVaultHandler.finalizeDay.selector;
        selectors[17] = RiskControlVaultHandler.resume.selector;
        selectors[18] = RiskControlVaultHandler.terminate.selector;
        selectors[19] = RiskControlVaultHandler.pause.selector;
        selectors[20] = RiskControlVaultHandler.unpause.selector;
        selectors[21] = RiskControlVaultHandler.setFlagParameters.selector;
        selectors[22] = RiskControlVaultHandler.passTime.selector;
        selectors[23] = RiskControlVaultHandler.passTime.selector;
        selectors[24] = RiskControlVaultHandler.passTime.selector;
        selectors[25] = RiskControlVaultHandler.refusedCall.selector;
        selectors[26] = RiskControlVaultHandler.oracleOutage.selector;
        selectors[27] = RiskControlVaultHandler.reserveLot.selector;
        selectors[28] = RiskControlVaultHandler.sellLot.selector;
        selectors[29] = RiskControlVaultHandler.releaseLot.selector;
        targetSelector(address(handler), selectors);

        _seedWorld();
    }

    /// @dev Every run starts, through the handler so that the store records it, with a two-day flag window
    /// and three offerings (one per miner, both coins, both payment tokens; one starting tomorrow) with
    /// sales, one delivered day and one missed day.
    function _seedWorld() internal {
        handler.setFlagParameters(2, 8000);
        handler.createOffering(0, 0, 10, 3, 0, 5);
        handler.createOffering(1, 1, 7, 4, 1, 6);
        handler.createOffering(2, 0, 3, 3, 0, 4);
        handler.primarySale(0, 0, 3000e6); // offering 1, certificate 1
        handler.primarySale(3, 1, 1234); // offering 1, certificate 2
        handler.primarySale(1, 2, 2500e18); // offering 2, certificate 1 (sold before its start)
        handler.primarySale(2, 3, 777e6); // offering 3, certificate 1
        handler.passTime(1 days);
        handler.finalizeDay(0, 1, type(uint256).max); // day 0 rated at each coin's market value
        handler.finalizeDay(1, 1, type(uint256).max);
        handler.depositYield(0, 1, 0, 0); // offering 1: day 0 in full
        handler.depositYield(2, 1, 0, 0); // offering 3: day 0 in full
        handler.passTime(1 days);
        assertEq(vault.offeringCount(), 3, "seed: three offerings");
        assertEq(vault.offering(1).soldUnits, 20, "seed: offering 1 sold two certificates");
        assertEq(vault.offering(1).nextDay, today + 1, "seed: offering 1 delivered day 0");
        assertEq(vault.offering(2).firstSaleDay, today + 1, "seed: offering 2 sold before its start");
        assertEq(vault.offering(3).nextDay, today + 1, "seed: offering 3 delivered day 0");
    }

    function _activate(address account, uint256 coinId) internal {
        fundMiner(account);
        ApplicationParams memory params = defaultParams();
        params.coinId = coinId;
        vm.prank(account);
        uint256 applicationId = registry.submitApplication(params);
        vm.prank(timelock);
        registry.approveApplication(applicationId, MINER_CAPACITY, REQUIRED_STAKE);
        stakeAs(account, REQUIRED_STAKE);
        assertEq(uint256(registry.statusOf(account)), uint256(MinerStatus.Active), "miner active");
    }

    /// @dev One campaign checks every invariant of this suite after each call: forge 1.7 runs a separate
    /// campaign per `invariant_` function, which multiplied the handler calls (the bulk of the run time) by
    /// the number of invariants without exploring more states for any of them. Each check below still runs
    /// after every call of every run, and its assertion message names the invariant that broke.
    function invariant_AllHold() external view {
        _assertEscrowInEqualsWithdrawnPlusRefundedPlusHeld();
        _assertTerminatedEscrowDustIsBounded();
        _assertYieldInEqualsClaimedPlusClaimablePlusDust();
        _assertHolderLosesAtMostTheEscrowOfDeliveredDays();
        _assertNoEscrowLeavesAFrozenOffering();
        _assertStakeHeldByFrozenAndUndecidedTerminatedOfferings();
        _assertClaimsAndRefundsNeverFail();
        _assertSplitAndMergeConserveUnitsAndEscrow();
        _assertEveryCertificateIsBurnedOrHeldByAnActor();
        _assertReleasedIsTheEscrowOfDeliveredDays();
        _assertReleasedOnlyForDaysDeliveredAtTheThreshold();
        _assertCertificateEscrowIsReleasedRefundableOrRefunded();
        _assertAMinerAFlagWindowBehindIsFlaggable();
    }

    /*//////////////////////////////////////////////////////////////
                      (1) PAYMENT TOKENS: CONSERVATION
    //////////////////////////////////////////////////////////////*/

    /// @dev Per payment token: escrow in == withdrawn + refunded + held, the vault's balance is what its
    /// offerings still owe, and per offering nothing leaves beyond what came in.
    function _assertEscrowInEqualsWithdrawnPlusRefundedPlusHeld() internal view {
        OfferingGhost[] memory ghosts = store.offerings();
        Offering[] memory offerings = _offerings(ghosts.length);
        for (uint256 i; i < offerings.length; ++i) {
            Offering memory o = offerings[i];
            uint256 released = vault.escrowReleased(i + 1);
            _checkLe(o.escrowWithdrawn, released, "withdrawn <= released");
            _checkLe(released + o.escrowRefunded, o.totalEscrow, "released + refunded <= escrow in");
            _checkEq(o.totalEscrow, ghosts[i].escrowIn, "totalEscrow == sales recorded");
            _checkEq(o.escrowWithdrawn, ghosts[i].escrowWithdrawn, "escrowWithdrawn == withdrawals made");
            _checkEq(o.escrowRefunded, ghosts[i].escrowRefunded, "escrowRefunded == refunds paid");
        }
        for (uint256 t; t < paymentTokens.length; ++t) {
            address token = paymentTokens[t];
            uint256 held = IERC20(token).balanceOf(address(vault));
            _checkEq(
                store.escrowIn(token),
                store.escrowWithdrawn(token) + store.escrowRefunded(token) + held,
                "escrow in == withdrawn + refunded + held, per payment token"
            );
            uint256 owed;
            for (uint256 i; i < offerings.length; ++i) {
                Offering memory o = offerings[i];
                if (o.paymentToken == token) owed += o.totalEscrow - o.escrowWithdrawn - o.escrowRefunded;
            }
            _checkEq(held, owed, "vault balance == sum of (totalEscrow - escrowWithdrawn - escrowRefunded)");
        }
    }

    /*//////////////////////////////////////////////////////////////
                 (2) PAYMENT TOKENS: DUST OF TERMINATED OFFERINGS
    //////////////////////////////////////////////////////////////*/

    /// @dev For a terminated offering, dust = totalEscrow − released − (refunded + refundable) of its sold
    /// certificates; 0 <= dust <= sold certificates + 1 (each refund rounds down by less than one unit, the
    /// scaled daily rates and their unscaling by less than one unit in all).
    function _assertTerminatedEscrowDustIsBounded() internal view {
        OfferingGhost[] memory ghosts = store.offerings();
        CertificateGhost[] memory all = store.certificates();
        uint256[] memory refundable = new uint256[](ghosts.length + 1);
        for (uint256 i; i < all.length; ++i) {
            CertificateGhost memory c = all[i];
            if (c.fate != Fate.Live || !c.sold || ghosts[c.offeringId - 1].status != OfferingStatus.Terminated) {
                continue;
            }
            refundable[c.offeringId] += vault.refundable(c.tokenId);
        }
        for (uint256 id = 1; id <= ghosts.length; ++id) {
            if (ghosts[id - 1].status != OfferingStatus.Terminated) continue;
            Offering memory o = vault.offering(id);
            uint256 covered = vault.escrowReleased(id) + o.escrowRefunded + refundable[id];
            _checkLe(covered, o.totalEscrow, "released + refunded + refundable <= escrow in");
            _checkLe(o.totalEscrow - covered, ghosts[id - 1].soldPieces + 1, "escrow dust <= sold certificates + 1");
        }
    }

    /*//////////////////////////////////////////////////////////////
                        (3) YIELD TOKENS: CONSERVATION
    //////////////////////////////////////////////////////////////*/

    /// @dev Per yield token: yield in == claimed + Σ claimable + dust, with 0 <= dust <= deposits +
    /// settlements (claims of a certificate, splits, two per merge) + certificates that ever accrued yield
    /// (sales and splits of sold ones): each deposit's accumulator step and each settled or open stretch of a
    /// certificate's accrual round down by less than one unit.
    function _assertYieldInEqualsClaimedPlusClaimablePlusDust() internal view {
        OfferingGhost[] memory ghosts = store.offerings();
        CertificateGhost[] memory all = store.certificates();
        for (uint256 t; t < yieldTokens.length; ++t) {
            address token = yieldTokens[t];
            uint256 claimable;
            for (uint256 i; i < all.length; ++i) {
                CertificateGhost memory c = all[i];
                if (c.fate == Fate.Live && c.sold && ghosts[c.offeringId - 1].yieldToken == token) {
                    claimable += vault.claimable(c.tokenId);
                }
            }
            uint256 deposited;
            for (uint256 id = 1; id <= ghosts.length; ++id) {
                if (ghosts[id - 1].yieldToken != token) continue;
                uint256 yieldDeposited = vault.offering(id).yieldDeposited;
                _checkEq(yieldDeposited, ghosts[id - 1].yieldIn, "yieldDeposited == deposits made");
                deposited += yieldDeposited;
            }
            uint256 yieldIn = store.yieldIn(token);
            uint256 claimed = store.yieldClaimed(token);
            _checkEq(deposited, yieldIn, "sum of yieldDeposited == yield in");
            _checkLe(claimed + claimable, yieldIn, "claimed + claimable <= yield in");
            _checkEq(IERC20(token).balanceOf(address(vault)), yieldIn - claimed, "vault yield balance == in - claimed");
            _checkLe(
                yieldIn - claimed - claimable,
                store.deposits(token) + store.settlements(token) + store.soldIds(token),
                "yield dust <= deposits + settlements + certificates that accrued yield"
            );
        }
    }

    /*//////////////////////////////////////////////////////////////
                           (4) THE BUYER PROMISE
    //////////////////////////////////////////////////////////////*/

    /// @dev For every sold certificate of a terminated or finished offering: escrow − (refunded or refundable)
    /// <= ceil(escrow × released days of its stream / its stream days), the released days being days delivered
    /// at the threshold (invariant (a) below).
    function _assertHolderLosesAtMostTheEscrowOfDeliveredDays() internal view {
        OfferingGhost[] memory ghosts = store.offerings();
        CertificateGhost[] memory all = store.certificates();
        for (uint256 i; i < all.length; ++i) {
            CertificateGhost memory c = all[i];
            if (!c.sold || c.fate == Fate.Merged) continue;
            OfferingGhost memory g = ghosts[c.offeringId - 1];
            if (g.status != OfferingStatus.Terminated && g.status != OfferingStatus.Finished) continue;
            // A certificate burned without a refund had nothing to refund.
            uint256 back = c.refunded ? c.refundedAmount : c.fate == Fate.Live ? vault.refundable(c.tokenId) : 0;
            uint256 span = g.endDay - c.saleDay;
            uint256 delivered = g.releasedDay <= c.saleDay ? 0 : Math.min(g.releasedDay, g.endDay) - c.saleDay;
            _checkLe(back, c.escrow, "a refund never exceeds the escrow");
            _checkLe(
                c.escrow - back,
                Math.ceilDiv(uint256(c.escrow) * delivered, span),
                "holder's loss <= escrow x delivered days / stream days, rounded up"
            );
        }
    }

    /*//////////////////////////////////////////////////////////////
                     (5) NO ESCROW LEAVES A FROZEN OFFERING
    //////////////////////////////////////////////////////////////*/

    /// @dev While an offering is frozen its escrowWithdrawn stays what it was when flagged and nothing is
    /// withdrawable. Also: every offering's status is the one the handler's calls led to.
    function _assertNoEscrowLeavesAFrozenOffering() internal view {
        OfferingGhost[] memory ghosts = store.offerings();
        for (uint256 id = 1; id <= ghosts.length; ++id) {
            Offering memory o = vault.offering(id);
            _checkEq(uint256(o.status), uint256(ghosts[id - 1].status), "status == the transitions the handler made");
            if (o.status != OfferingStatus.Frozen) continue;
            _checkEq(o.escrowWithdrawn, ghosts[id - 1].withdrawnAtFreeze, "escrowWithdrawn unchanged while frozen");
            _checkEq(vault.withdrawable(id), 0, "nothing withdrawable while frozen");
        }
    }

    /*//////////////////////////////////////////////////////////////
                  (6) CLAIMS AND REFUNDS ALWAYS SUCCEED
    //////////////////////////////////////////////////////////////*/

    /// @dev (6b) Stake holds (issue 15): each miner's stake is held by exactly its frozen offerings plus its
    /// terminated ones (the handler never records a slashing decision), per the ghost offerings.
    function _assertStakeHeldByFrozenAndUndecidedTerminatedOfferings() internal view {
        OfferingGhost[] memory ghosts = store.offerings();
        uint256 minerTotal = handler.minerCount();
        for (uint256 m; m < minerTotal; ++m) {
            address account = handler.minerAt(m);
            uint256 expected;
            for (uint256 id = 1; id <= ghosts.length; ++id) {
                OfferingStatus status = ghosts[id - 1].status;
                bool holds = status == OfferingStatus.Frozen || status == OfferingStatus.Terminated;
                if (holds && ghosts[id - 1].miner == account) ++expected;
            }
            _checkEq(registry.stakeHolds(account), expected, "stake holds == frozen + undecided terminated offerings");
        }
    }

    /// @dev The handler tries every claim of claimable yield and every refund of refundable escrow, paused
    /// or not, and records the failures.
    function _assertClaimsAndRefundsNeverFail() internal view {
        if (store.claimFailures() + store.refundFailures() == 0) return;
        vm.assertEq(store.lastFailure(), bytes(""), "a claim or refund failed (revert data of the last failure)");
        assertEq(store.claimFailures(), 0, "every claim of claimable yield succeeds, paused or not");
        assertEq(store.refundFailures(), 0, "every refund of refundable escrow succeeds, paused or not");
    }

    /*//////////////////////////////////////////////////////////////
                  (7) SPLIT AND MERGE CONSERVE UNITS AND ESCROW
    //////////////////////////////////////////////////////////////*/

    /// @dev Per offering, over its sold certificates (live ones as the vault shows them, burned ones as last
    /// seen): Σ units == soldUnits and Σ escrow == totalEscrow; each live certificate's units, escrow, sale
    /// day and flags are the store's; an open offering reserves its sold and unsold units, and each miner's
    /// used capacity in the registry is what its open offerings reserve.
    function _assertSplitAndMergeConserveUnitsAndEscrow() internal view {
        OfferingGhost[] memory ghosts = store.offerings();
        CertificateGhost[] memory all = store.certificates();
        uint256 size = ghosts.length + 1;
        (uint256[] memory soldUnits, uint256[] memory soldEscrow) = (new uint256[](size), new uint256[](size));
        for (uint256 i; i < all.length; ++i) {
            CertificateGhost memory c = all[i];
            if (c.fate == Fate.Live) {
                CertificateView memory v = vault.certificateView(c.tokenId);
                _checkEq(v.units, c.units, "certificate units == split/merge arithmetic");
                _checkEq(v.escrow, c.escrow, "certificate escrow == sale price, split pro rata, merged by sum");
                _checkEq(v.saleDay, c.saleDay, "certificate sale day");
                _checkEq(v.refunded, c.refunded, "certificate refunded flag");
            }
            // Every certificate is a sold one: minted at its sale (or split off one).
            if (c.fate == Fate.Live || c.fate == Fate.Burned) {
                soldUnits[c.offeringId] += c.units;
                soldEscrow[c.offeringId] += c.escrow;
            }
        }
        uint256[] memory reservedByMiner = new uint256[](MINERS);
        for (uint256 id = 1; id < size; ++id) {
            Offering memory o = vault.offering(id);
            _checkEq(soldUnits[id], o.soldUnits, "sum of sold certificates' units == soldUnits");
            _checkEq(soldEscrow[id], o.totalEscrow, "sum of sold certificates' escrow == totalEscrow");
            _checkEq(o.soldUnits, ghosts[id - 1].soldUnits, "soldUnits == units of the sales recorded");
            _checkEq(
                o.reservedUnits,
                ghosts[id - 1].reservedUnits,
                "reservedUnits == units offered - unsold returned at the close, 0 once closed"
            );
            _checkEq(o.lotUnits, ghosts[id - 1].lotUnits, "lotUnits == lots reserved - sold - released");
            if (o.status == OfferingStatus.Active || o.status == OfferingStatus.Frozen) {
                _check(
                    o.reservedUnits >= o.soldUnits + o.lotUnits,
                    "an open offering reserves at least its sold units and lots"
                );
                if (o.saleClosed) {
                    _checkEq(
                        o.reservedUnits,
                        o.soldUnits + o.lotUnits,
                        "a closed sale reserves exactly the sold units and lots"
                    );
                }
                for (uint256 m; m < MINERS; ++m) {
                    if (miners[m] == o.miner) reservedByMiner[m] += o.reservedUnits;
                }
            }
        }
        for (uint256 m; m < MINERS; ++m) {
            _checkEq(
                MINER_CAPACITY - registry.freeCapacity(miners[m]),
                reservedByMiner[m],
                "registry usedCapacity == units the miner's open offerings reserve"
            );
        }
    }

    /*//////////////////////////////////////////////////////////////
                          (8) THE CERTIFICATE NFT
    //////////////////////////////////////////////////////////////*/

    /// @dev Every certificate id the store knows is burned (no holder) or held by the buyer or miner the
    /// handler last moved it to; balanceOf of every actor counts exactly its certificates and they add up to
    /// the live ones; no id exists at or past an offering's next index.
    function _assertEveryCertificateIsBurnedOrHeldByAnActor() internal view {
        uint256[] memory balances = new uint256[](actors.length);
        CertificateGhost[] memory all = store.certificates();
        for (uint256 i; i < all.length; ++i) {
            CertificateGhost memory c = all[i];
            address holder = certificate.holderOf(c.tokenId);
            if (c.fate != Fate.Live) {
                _checkEq(holder, address(0), "a burned certificate has no holder");
                continue;
            }
            _checkEq(holder, c.owner, "holder == the last owner the handler moved it to");
            bool known;
            for (uint256 h; h < actors.length; ++h) {
                if (actors[h] == holder) (balances[h], known) = (balances[h] + 1, true);
            }
            _check(known, "every live certificate is held by a buyer or a miner");
        }
        uint256 total;
        for (uint256 h; h < actors.length; ++h) {
            _checkEq(certificate.balanceOf(actors[h]), balances[h], "balanceOf == certificates held");
            total += balances[h];
        }
        _checkEq(total, store.liveCertificates(), "sum of balances == live certificates");
        OfferingGhost[] memory ghosts = store.offerings();
        for (uint256 id = 1; id <= ghosts.length; ++id) {
            uint256 nextId = CertificateId.encode(id, ghosts[id - 1].nextIndex);
            _checkEq(certificate.holderOf(nextId), address(0), "no certificate at the offering's next index");
        }
    }

    /*//////////////////////////////////////////////////////////////
                    (9) DELIVERY GATES RELEASE, IN ORDER
    //////////////////////////////////////////////////////////////*/

    /// @dev The escrow released to a miner is exactly the escrow of the days delivered: each sale's daily rate
    /// (amount × RATE_SCALE / its stream days, rounded down) times the days of its stream before the first
    /// undelivered day (counted by the store), summed, unscaled and rounded down; all of it once every day
    /// of the term is delivered.
    function _assertReleasedIsTheEscrowOfDeliveredDays() internal view {
        OfferingGhost[] memory ghosts = store.offerings();
        RiskControlVaultStore.Sale[] memory sales = store.sales();
        uint256[] memory scaled = new uint256[](ghosts.length + 1);
        for (uint256 i; i < sales.length; ++i) {
            RiskControlVaultStore.Sale memory sale = sales[i];
            OfferingGhost memory g = ghosts[sale.offeringId - 1];
            if (g.releasedDay <= sale.saleDay) continue;
            uint256 rate = uint256(sale.amount) * EscrowMath.RATE_SCALE / (g.endDay - sale.saleDay);
            scaled[sale.offeringId] += rate * (g.releasedDay - sale.saleDay);
        }
        for (uint256 id = 1; id <= ghosts.length; ++id) {
            OfferingGhost memory g = ghosts[id - 1];
            uint256 expected = g.sold && g.releasedDay >= g.endDay ? g.escrowIn : scaled[id] / EscrowMath.RATE_SCALE;
            _checkEq(vault.escrowReleased(id), expected, "released == escrow of the delivered days of every sale");
        }
    }

    /*//////////////////////////////////////////////////////////////
            (A) RELEASED ONLY FOR DAYS DELIVERED AT THE THRESHOLD
    //////////////////////////////////////////////////////////////*/

    /// @dev (a) Escrow released to the miner <= the escrow of days delivered at the threshold: escrow is released
    /// only up to `releasedDay` <= `nextDay`, and the days before `nextDay` were paid for: the requirement of every
    /// such day the oracle has finalized (its market value x the units sold by that day, per the store's sales, at
    /// the lowest threshold the vault has had) sums to at most the yield paid into the offering. Dust, one good
    /// day a week, catch-up while frozen and payments ahead cannot move a day the yield did not reach.
    function _assertReleasedOnlyForDaysDeliveredAtTheThreshold() internal view {
        OfferingGhost[] memory ghosts = store.offerings();
        RiskControlVaultStore.Sale[] memory sales = store.sales();
        uint256 threshold = store.minThresholdBps();
        for (uint256 id = 1; id <= ghosts.length; ++id) {
            OfferingGhost memory g = ghosts[id - 1];
            if (!g.sold) continue;
            Offering memory o = vault.offering(id);
            _checkLe(g.releasedDay, o.nextDay, "released only through the delivered days");
            _checkEq(o.nextDay, g.nextDay, "store follows the vault");
            uint256 required;
            for (uint32 day = g.firstSaleDay; day < o.nextDay && day < g.endDay; ++day) {
                (uint256 market, bool isFinal) = oracle.dayValue(g.coinId, day);
                if (!isFinal) continue;
                uint256 units;
                for (uint256 i; i < sales.length; ++i) {
                    if (sales[i].offeringId == id && sales[i].saleDay <= day) units += sales[i].units;
                }
                required += DeliveryMath.requiredDelivery(market, units, threshold);
            }
            _checkLe(required, g.yieldIn, "delivered days were paid at the threshold");
        }
    }

    /*//////////////////////////////////////////////////////////////
              (12) A MINER A FLAG WINDOW BEHIND IS FLAGGABLE
    //////////////////////////////////////////////////////////////*/

    /// @dev (12) An active offering whose miner is a flag window behind can be flagged, however the miner spread its
    /// payments (one good day a week, dust on the others): when the yield paid into it, from the store, cannot
    /// have delivered every day from its first sale through `lastEnded - window` at the threshold, then some day
    /// up to there is undelivered (or still unrated) and, unless a resume came less than a window ago, `flaggable`
    /// must say so. A day's requirement is at least its market value x the units sold by that day (the store's
    /// sales) at the lowest threshold the vault has had; the value is the oracle's final one, or, for a day the
    /// fallback rates, at least the coin's lower bound.
    function _assertAMinerAFlagWindowBehindIsFlaggable() internal view {
        OfferingGhost[] memory ghosts = store.offerings();
        RiskControlVaultStore.Sale[] memory sales = store.sales();
        uint256 threshold = store.minThresholdBps();
        uint32 window = vault.flagWindowDays();
        uint32 today = uint32(block.timestamp / 1 days);
        for (uint256 id = 1; id <= ghosts.length; ++id) {
            OfferingGhost memory g = ghosts[id - 1];
            if (!g.sold) continue;
            Offering memory o = vault.offering(id);
            uint32 lastEnded = today < o.endDay ? today : o.endDay;
            if (o.status != OfferingStatus.Active || lastEnded < window || o.resumedDay > lastEnded - window) continue;
            (uint256 floor,) = oracle.valueBounds(g.coinId);
            uint256 required;
            for (uint32 day = g.firstSaleDay; day <= lastEnded - window && day < o.endDay; ++day) {
                (uint256 market, bool isFinal) = oracle.dayValue(g.coinId, day);
                uint256 units;
                for (uint256 i; i < sales.length; ++i) {
                    if (sales[i].offeringId == id && sales[i].saleDay <= day) units += sales[i].units;
                }
                required += DeliveryMath.requiredDelivery(isFinal ? market : floor, units, threshold);
            }
            if (required <= g.yieldIn) continue;
            (bool canFlag,,) = vault.flaggable(id);
            if (!canFlag) assertTrue(canFlag, "a miner a flag window behind is flaggable");
        }
    }

    /*//////////////////////////////////////////////////////////////
          (B) PER CERTIFICATE: RELEASED + REFUNDABLE + REFUNDED
    //////////////////////////////////////////////////////////////*/

    /// @dev (b) For every live sold certificate of a terminated or finished offering: its share released to the
    /// miner + what it may still refund + what it was refunded = its escrow, to the base unit.
    function _assertCertificateEscrowIsReleasedRefundableOrRefunded() internal view {
        OfferingGhost[] memory ghosts = store.offerings();
        CertificateGhost[] memory all = store.certificates();
        for (uint256 i; i < all.length; ++i) {
            CertificateGhost memory c = all[i];
            if (!c.sold || c.fate != Fate.Live) continue;
            OfferingStatus status = ghosts[c.offeringId - 1].status;
            if (status != OfferingStatus.Terminated && status != OfferingStatus.Finished) continue;
            CertificateView memory v = vault.certificateView(c.tokenId);
            _checkEq(v.escrowReleased + v.refundable + c.refundedAmount, c.escrow, "released + refundable + refunded");
        }
    }

    /*//////////////////////////////////////////////////////////////
                            AT THE END OF A RUN
    //////////////////////////////////////////////////////////////*/

    /// @dev Every actor's payment and yield tokens are exactly what the vault paid it (payers of yield are
    /// minted exactly what they deposit, the seller exactly what a sale costs): no payment reached anyone
    /// else. The handler checks each payment's amount as it happens; this checks, once per run, that nothing
    /// else moved.
    function afterInvariant() public view virtual {
        for (uint256 t; t < 4; ++t) {
            address token = t < 2 ? paymentTokens[t] : yieldTokens[t - 2];
            _checkEq(IERC20(token).balanceOf(seller), 0, "the seller holds nothing: every sale was paid in full");
            for (uint256 h; h < actors.length; ++h) {
                _checkEq(
                    IERC20(token).balanceOf(actors[h]),
                    store.received(actors[h], token),
                    "an actor's tokens are exactly what the vault paid it"
                );
            }
        }
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    /// @dev Assertions that call the cheatcode only when they fail: the invariants run after every call, and
    /// a cheatcode call per comparison would dominate the run time.
    function _checkEq(uint256 left, uint256 right, string memory message) internal pure {
        if (left != right) assertEq(left, right, message);
    }

    function _checkEq(address left, address right, string memory message) internal pure {
        if (left != right) assertEq(left, right, message);
    }

    function _checkEq(bool left, bool right, string memory message) internal pure {
        if (left != right) assertEq(left, right, message);
    }

    function _checkLe(uint256 left, uint256 right, string memory message) internal pure {
        if (left > right) assertLe(left, right, message);
    }

    function _check(bool condition, string memory message) internal pure {
        if (!condition) assertTrue(condition, message);
    }

    function _offerings(uint256 count) internal view returns (Offering[] memory offerings) {
        offerings = new Offering[](count);
        for (uint256 i; i < count; ++i) {
            offerings[i] = vault.offering(i + 1);
        }
    }
}
