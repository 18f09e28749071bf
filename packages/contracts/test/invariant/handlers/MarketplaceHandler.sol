// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {HashrateCertificate} from "../../../src/HashrateCertificate.sol";
import {Marketplace} from "../../../src/Marketplace.sol";
import {MinerRegistry} from "../../../src/MinerRegistry.sol";
import {RiskControlVault} from "../../../src/RiskControlVault.sol";
import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {IRiskControlVault} from "../../../src/interfaces/IRiskControlVault.sol";
import {CertificateId} from "../../../src/libraries/CertificateId.sol";
import {BridgedToken} from "../../../src/mocks/BridgedToken.sol";
import {AccruedFees, Auction, Fees, SaleChannel} from "../../../src/types/Market.sol";
import {MinerStatus} from "../../../src/types/Miner.sol";
import {CertificateView, Offering, OfferingStatus} from "../../../src/types/Offering.sol";
import {HookReceiver} from "../../mocks/HookReceivers.sol";
import {Test} from "../../utils/Test.sol";
import {Vm} from "../../utils/Vm.sol";
import {
    AuctionGhost,
    CertificateGhost,
    DeliveryGhost,
    ListingGhost,
    MarketplaceStore,
    OfferGhost,
    SaleGhost
} from "../stores/MarketplaceStore.sol";

/// @notice The fuzzer's way into the Marketplace. It plays two miners (list unsold certificates, auction them,
/// update and cancel listings, accept offers on them, hand one to a holder), five holders — three accounts and the
/// two {HookToken} receivers that refuse payment while `refusing` (list and auction what they hold, buy one, many
/// or whatever is still available, bid, make offers on a certificate or on any certificate of an offering, accept
/// and cancel offers, withdraw credits, transfer certificates, revoke and restore the marketplace's approval so
/// listings go stale, switch refusing on and off), anyone (settle ended auctions, cancel unbid ones as their
/// seller), the DAO timelock and the council (fees within the caps, the minimum bid increment, pause and unpause
/// the marketplace and the vault, suspend and reinstate a miner, terminate an offering) and time (0–2 days per
/// call). Every call it makes is valid for the state it finds, predicted from the marketplace's rules (inputs
/// bounded, calls that cannot succeed skipped), so `fail_on_revert` catches any unexpected revert. Three exceptions:
/// credit withdrawals are tried and their failures recorded in the store; `refusedCall` makes calls the
/// marketplace must refuse (self-dealing above all) and checks their exact revert data; and settling a primary
/// auction while the vault is paused must revert with the vault's `EnforcedPause`. Each trading call is
/// checked as it happens: every balance of every payment token of every account moves by exactly what the rules
/// say, and the `Sale` events are the sales predicted, with the fee the DAO set.
contract MarketplaceHandler is Test {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant MAX_PRICE_TOKENS = 5000;
    uint256 internal constant MAX_EXPIRY = 3 days;
    uint32 internal constant MAX_DURATION = 2 days;
    uint256 internal constant MAX_BATCH = 4;
    /// @dev Certificates the handler lets primary purchases mint (so that the invariants' sums stay cheap).
    uint256 internal constant MAX_CERTIFICATES = 40;
    uint256 internal constant MAX_PASS_TIME = 2 days;
    /// @dev A refused call cannot reach a payment, but a cap keeps a wrong prediction from letting the gas-burning
    /// receiver spin through the test's whole gas limit.
    uint256 internal constant REFUSED_CALL_GAS = 5_000_000;

    /// @dev Everything the handler needs, in one argument.
    struct Config {
        Marketplace market;
        MarketplaceStore store;
        address hook;
        address unlisted;
        address timelock;
        address council;
        address stranger;
        address[] miners;
        address[] holders;
        address[] receivers;
        address[] paymentTokens;
        uint256[] offeringIds;
        uint256 certificatesPerOffering;
    }

    /// @dev Listings a batch buys (`buys`) and those it should skip, in call order.
    struct Batch {
        uint256[] ids;
        uint256[] maxPrices;
        bool[] buys;
        uint256 size;
        uint256 bought;
    }

    Marketplace public immutable market;
    RiskControlVault public immutable vault;
    HashrateCertificate public immutable certificate;
    MinerRegistry public immutable registry;
    MarketplaceStore public immutable store;
    address public immutable hook;
    address public immutable unlisted;
    address public immutable timelock;
    address public immutable council;
    address public immutable stranger;
    address public immutable treasury;
    address public immutable insurance;

    address[] internal _miners;
    address[] internal _holders;
    address[] internal _receivers;
    address[] internal _actors;
    address[] internal _tokens;
    uint256[] internal _offeringIds;
    /// @dev Accounts whose payment-token balances each trading call checks: the marketplace, the vault, the
    /// treasury, the insurance reserve, then the actors.
    address[] internal _accounts;
    mapping(address token => uint256) internal _unit;
    uint16 internal _incrementBps;

    mapping(string action => uint256 count) public callCount;

    /// @dev The yield token of every offering here (all on Filecoin), and the bridge that mints it.
    IERC20 internal immutable _yieldToken;
    address internal immutable _yieldBridge;

    /// @dev The yield of the certificates a call sells, as it stood before the call (the sellers').
    struct YieldWatch {
        uint256 tokenId;
        address seller;
        uint256 owed;
        uint256 before;
    }

    YieldWatch[] internal _watched;

    constructor(Config memory config) {
        market = config.market;
        vault = RiskControlVault(address(config.market.vault()));
        certificate = HashrateCertificate(address(config.market.certificate()));
        registry = MinerRegistry(address(vault.registry()));
        store = config.store;
        hook = config.hook;
        unlisted = config.unlisted;
        timelock = config.timelock;
        council = config.council;
        stranger = config.stranger;
        treasury = config.market.treasury();
        insurance = config.market.insuranceReserve();
        _miners = config.miners;
        _holders = config.holders;
        _receivers = config.receivers;
        _tokens = config.paymentTokens;
        _offeringIds = config.offeringIds;
        _accounts.push(address(config.market));
        _accounts.push(address(vault));
        _accounts.push(treasury);
        _accounts.push(insurance);
        for (uint256 i; i < config.miners.length; ++i) {
            _actors.push(config.miners[i]);
            _accounts.push(config.miners[i]);
        }
        for (uint256 i; i < config.holders.length; ++i) {
            _actors.push(config.holders[i]);
            _accounts.push(config.holders[i]);
        }
        for (uint256 i; i < config.paymentTokens.length; ++i) {
            _unit[config.paymentTokens[i]] = 10 ** IERC20Metadata(config.paymentTokens[i]).decimals();
        }
        (uint16 channel, uint16 trading, uint16 share) = config.market.fees();
        config.store.setFees(channel, trading, share);
        _incrementBps = config.market.minBidIncrementBps();
        // No certificate exists before its sale: `buyPrimary` adds each one to the store as it is minted.
        _yieldToken = IERC20(vault.offering(config.offeringIds[0]).yieldToken);
        _yieldBridge = makeAddr("bridge");
    }

    /*//////////////////////////////////////////////////////////////
                                 MINERS
    //////////////////////////////////////////////////////////////*/

    /// @dev A miner lists an unsold certificate it holds, in its offering's payment token, while it is on sale.
    function minerList(uint256 certificateSeed, uint256 priceSeed, uint256 expirySeed) external {
        (CertificateGhost memory c, bool found) = _pickSellable(certificateSeed, true);
        if (!found) return;
        _list(c, c.offeringToken, priceSeed, expirySeed);
        ++callCount["minerList"];
    }

    /// @dev A miner auctions an unsold certificate it holds (a primary auction), for 1 hour to 2 days from the
    /// first bid.
    /// @dev A miner auctions a minimum lot of its offering (`createPrimaryAuction`): the units are reserved in the
    /// vault now (no longer on sale) and minted to the winner at settlement.
    function minerCreateAuction(uint256 offeringSeed, uint256 reserveSeed, uint256 durationSeed) external {
        if (market.paused()) return;
        uint256 offeringId = _offeringIds[offeringSeed % _offeringIds.length];
        Offering memory o = vault.offering(offeringId);
        uint256 onSale = vault.unitsOnSale(offeringId);
        if (onSale < o.minLot) return;
        uint256 reserve = _price(o.paymentToken, reserveSeed);
        uint32 duration = uint32(bound(durationSeed, market.MIN_AUCTION_DURATION(), MAX_DURATION));
        vm.prank(o.miner);
        uint256 id = market.createPrimaryAuction(offeringId, o.minLot, reserve, duration);
        store.addAuction(
            id,
            AuctionGhost({
                seller: o.miner,
                endTime: 0,
                duration: duration,
                token: o.paymentToken,
                reserve: SafeCast.toUint96(reserve),
                highestBidder: address(0),
                highestBid: 0,
                tokenId: CertificateId.encode(offeringId, 0),
                primaryMiner: o.miner,
                live: true,
                units: o.minLot,
                refunded: false,
                // no certificate yet: the lot's id carries its offering's nonce alone
                nonce: certificate.saleNonce(CertificateId.encode(offeringId, 0))
            })
        );
        assertEq(vault.unitsOnSale(offeringId), onSale - o.minLot, "createPrimaryAuction: the lot is reserved");
        ++callCount["minerCreateAuction"];
    }

    /// @dev A miner accepts an open offer on its offering as a primary sale (`acceptPrimaryOffer`): a new certificate
    /// of the offer's units, from the units on sale, is minted to the bidder, paid from the offer's funds (the
    /// channel fee accrued, the rest into the vault). The bidder receives exactly the units it named.
    function minerAcceptOffer(uint256 offerSeed, uint256) external {
        if (market.paused() || store.certificates().length >= MAX_CERTIFICATES) return;
        OfferGhost[] memory offers = store.offers();
        uint256 n = offers.length;
        for (uint256 i; i < n; ++i) {
            uint256 id = (offerSeed % n + i) % n + 1;
            OfferGhost memory o = offers[id - 1];
            if (!o.open || !o.anyOfOffering || o.expiry <= block.timestamp) continue;
            Offering memory off = vault.offering(o.target);
            if (o.token != off.paymentToken || o.bidder == off.miner) continue;
            if (o.units < off.minLot || vault.unitsOnSale(o.target) < o.units) continue;
            _acceptPrimary(id, o, off);
            ++callCount["minerAcceptOffer"];
            return;
        }
    }

    function _acceptPrimary(uint256 id, OfferGhost memory o, Offering memory off) internal {
        uint256 tokenId = CertificateId.encode(o.target, off.lastIndex + 1);
        uint256[] memory before = _balances();
        int256[] memory d = _noMoves();
        SaleGhost[] memory expected = new SaleGhost[](1);
        expected[0] = _expectSale(
            d,
            SaleGhost({
                tokenId: tokenId,
                seller: off.miner,
                buyer: o.bidder,
                token: o.token,
                price: o.amount,
                fee: 0,
                primary: true,
                miner: off.miner
            }),
            address(market)
        );
        vm.recordLogs();
        vm.prank(off.miner);
        uint256 minted = market.acceptPrimaryOffer(id);
        assertEq(minted, tokenId, "acceptPrimaryOffer: the offering's next certificate");
        _expectMoves(before, d, "acceptPrimaryOffer");
        _checkEvents(expected, 0, "");
        o.open = false;
        store.setOffer(id, o);
        store.addCertificate(
            CertificateGhost({
                tokenId: tokenId,
                offeringId: o.target,
                miner: off.miner,
                offeringToken: off.paymentToken,
                owner: o.bidder,
                auctionId: 0,
                sold: true
            })
        );
        _deliveredMint(tokenId, o.bidder, o.units);
    }

    /// @dev A miner hands an unsold certificate to a holder, whose sale of it is then the primary one.
    function minerTransfer(uint256 certificateSeed, uint256 toSeed) external {
        CertificateGhost[] memory all = store.certificates();
        uint256 n = all.length;
        for (uint256 i; i < n; ++i) {
            CertificateGhost memory c = all[(certificateSeed % n + i) % n];
            if (c.sold || c.auctionId != 0 || c.owner != c.miner) continue;
            _transfer(c, _holders[toSeed % _holders.length]);
            ++callCount["minerTransfer"];
            return;
        }
    }

    /*//////////////////////////////////////////////////////////////
                          SELLERS (ANY ACTOR)
    //////////////////////////////////////////////////////////////*/

    /// @dev The seller of an open listing (stale or expired ones too) changes its price and expiry.
    function updateListing(uint256 listingSeed, uint256 priceSeed, uint256 expirySeed) external {
        if (market.paused()) return;
        (uint256 id, ListingGhost memory l, bool found) = _pickOpenListing(listingSeed);
        if (!found) return;
        uint256 price = _price(l.token, priceSeed);
        uint64 expiry = _expiry(expirySeed);
        vm.prank(l.seller);
        market.updateListing(id, price, expiry);
        (l.price, l.expiry) = (SafeCast.toUint96(price), expiry);
        store.setListing(id, l);
        ++callCount["updateListing"];
    }

    /// @dev The seller of an open listing cancels it (also while paused).
    function cancelListing(uint256 listingSeed) external {
        (uint256 id, ListingGhost memory l, bool found) = _pickOpenListing(listingSeed);
        if (!found) return;
        vm.prank(l.seller);
        market.cancelListing(id);
        l.open = false;
        store.setListing(id, l);
        ++callCount["cancelListing"];
    }

    /// @dev The seller of a live auction nobody bid on cancels it (also while paused): the certificate goes back.
    function cancelAuction(uint256 auctionSeed) external {
        AuctionGhost[] memory all = store.auctions();
        uint256 n = all.length;
        for (uint256 i; i < n; ++i) {
            uint256 id = (auctionSeed % n + i) % n + 1;
            AuctionGhost memory a = all[id - 1];
            if (!a.live || a.highestBidder != address(0)) continue;
            vm.prank(a.seller);
            market.cancelAuction(id);
            a.live = false;
            store.setAuction(id, a);
            if (CertificateId.indexOf(a.tokenId) == 0) {
                // A primary lot: released in the vault, nothing to give back.
                ++callCount["cancelPrimaryAuction"];
                return;
            }
            CertificateGhost memory c = store.certificate(a.tokenId);
            (c.owner, c.auctionId) = (a.seller, 0);
            store.setCertificate(c);
            assertEq(certificate.holderOf(a.tokenId), a.seller, "cancelAuction: the certificate went back");
            ++callCount["cancelAuction"];
            return;
        }
    }

    /*//////////////////////////////////////////////////////////////
                                HOLDERS
    //////////////////////////////////////////////////////////////*/

    /// @dev A holder lists a certificate it holds: a resale in any allowlisted token, or (a certificate a miner
    /// handed over) a primary sale in the offering's token.
    function holderList(uint256 certificateSeed, uint256 tokenSeed, uint256 priceSeed, uint256 expirySeed) external {
        (CertificateGhost memory c, bool found) = _pickSellable(certificateSeed, false);
        if (!found) return;
        _list(c, _saleToken(c, tokenSeed), priceSeed, expirySeed);
        ++callCount["holderList"];
    }

    /// @dev A holder auctions a certificate it holds.
    function holderCreateAuction(uint256 certificateSeed, uint256 tokenSeed, uint256 reserveSeed, uint256 durationSeed)
        external
    {
        (CertificateGhost memory c, bool found) = _pickSellable(certificateSeed, false);
        if (!found) return;
        _createAuction(c, _saleToken(c, tokenSeed), reserveSeed, durationSeed);
        ++callCount["holderCreateAuction"];
    }

    /// @dev A holder buys a valid listing, naming a limit at or above its price.
    function buy(uint256 listingSeed, uint256 buyerSeed, uint256 extraSeed) external {
        if (market.paused()) return;
        ListingGhost[] memory all = store.listings();
        uint256 n = all.length;
        for (uint256 i; i < n; ++i) {
            uint256 id = (listingSeed % n + i) % n + 1;
            ListingGhost memory l = all[id - 1];
            if (!l.open) continue;
            (address buyer, bool found) = _pickBuyer(id, l, buyerSeed);
            if (!found) continue;
            Batch memory b = _newBatch(1);
            _addToBatch(b, id, l.price + bound(extraSeed, 0, l.price), true);
            _executeBuys(buyer, b, 0);
            ++callCount["buy"];
            return;
        }
    }

    /// @dev A holder buys two to four valid listings of different certificates at once (all or nothing).
    function buyMany(uint256 listingSeed, uint256 buyerSeed, uint256 countSeed) external {
        if (market.paused()) return;
        address buyer = _holders[buyerSeed % _holders.length];
        ListingGhost[] memory all = store.listings();
        uint256 n = all.length;
        Batch memory b = _newBatch(bound(countSeed, 2, MAX_BATCH));
        uint256[] memory spent = new uint256[](_tokens.length);
        for (uint256 i; i < n && b.size < b.ids.length; ++i) {
            uint256 id = (listingSeed % n + i) % n + 1;
            ListingGhost memory l = all[id - 1];
            if (!l.open || _inBatch(b, all, l.tokenId)) continue;
            if (_buyError(id, buyer, l.price).length != 0 || !_canPay(buyer, l, spent)) continue;
            _addToBatch(b, id, l.price, true);
        }
        if (b.size == 0) return;
        _executeBuys(buyer, b, 1);
        ++callCount["buyMany"];
    }

    /// @dev A holder sweeps up to four listings — one in two the first it can buy from a random id on, the others
    /// picked at random: open or not, its own, stale, expired, over its limit (one in four), repeated, one past
    /// the last id — and buys those still valid, skipping the others. A valid listing the holder cannot pay for,
    /// or whose seller refuses its payment, is left out of the sweep.
    function buyAvailable(uint256 seed, uint256 buyerSeed) external {
        if (market.paused()) return;
        address buyer = _holders[buyerSeed % _holders.length];
        ListingGhost[] memory all = store.listings();
        uint256 n = all.length;
        if (n == 0) return;
        Batch memory b = _newBatch(MAX_BATCH);
        uint256[] memory spent = new uint256[](_tokens.length);
        for (uint256 k; k < MAX_BATCH; ++k) {
            uint256 r = uint256(keccak256(abi.encode(seed, k)));
            if ((r >> 192) % 2 == 0 && _sweepValid(b, all, buyer, r % n + 1, spent)) continue;
            uint256 id = r % (n + 1) + 1;
            if (id > n) {
                _addToBatch(b, id, 1, false); // never listed
                continue;
            }
            ListingGhost memory l = all[id - 1];
            uint256 maxPrice = (r >> 128) % 4 == 0 ? l.price - 1 : l.price + (r >> 64) % (uint256(l.price) + 1);
            bool valid = _validInSweep(b, all, buyer, id, maxPrice);
            if (valid && !_canPay(buyer, l, spent)) continue;
            _addToBatch(b, id, maxPrice, valid);
        }
        if (b.size == 0) return;
        _executeBuys(buyer, b, 2);
        ++callCount[b.bought == 0 ? "buyAvailableNone" : "buyAvailable"];
    }

    /// @dev Adds to the sweep the first listing from `start` on that the buyer can buy and pay for at its price.
    function _sweepValid(
        Batch memory b,
        ListingGhost[] memory all,
        address buyer,
        uint256 start,
        uint256[] memory spent
    ) internal view returns (bool) {
        uint256 n = all.length;
        for (uint256 i; i < n; ++i) {
            uint256 id = (start - 1 + i) % n + 1;
            if (!_validInSweep(b, all, buyer, id, all[id - 1].price) || !_canPay(buyer, all[id - 1], spent)) continue;
            _addToBatch(b, id, all[id - 1].price, true);
            return true;
        }
        return false;
    }

    /// @dev Whether `buyAvailable` buys listing `id` after the listings of the sweep before it.
    function _validInSweep(Batch memory b, ListingGhost[] memory all, address buyer, uint256 id, uint256 maxPrice)
        internal
        view
        returns (bool)
    {
        ListingGhost memory l = all[id - 1];
        return
            l.open && !_batchBought(b, id) && !_inBatch(b, all, l.tokenId) && _buyError(id, buyer, maxPrice).length == 0;
    }

    /// @dev A holder (not the seller, not the miner of a primary auction's certificate) bids at least the minimum
    /// on a live auction that has not ended: the previous bidder is repaid, or credited when it refuses.
    function bid(uint256 auctionSeed, uint256 bidderSeed, uint256 extraSeed) external {
        if (market.paused()) return;
        AuctionGhost[] memory all = store.auctions();
        uint256 n = all.length;
        for (uint256 i; i < n; ++i) {
            uint256 id = (auctionSeed % n + i) % n + 1;
            AuctionGhost memory a = all[id - 1];
            if (!a.live || (a.endTime != 0 && block.timestamp >= a.endTime)) continue;
            if (_auctionVoidError(id, a).length != 0) continue;
            uint256 minimum = _minimumBid(a);
            assertEq(market.minimumBid(id), minimum, "minimumBid: reserve, then highest + increment rounded up");
            uint256 amount = minimum + bound(extraSeed, 0, minimum / 4);
            (address bidder, bool found) = _pickBidder(a, bidderSeed, amount);
            if (!found) continue;
            _bid(id, a, bidder, amount);
            ++callCount["bid"];
            return;
        }
    }

    /// @dev A holder offers for one certificate (any live one, its own included), in the certificate's
    /// offering's token one time in two, otherwise in any allowlisted token.
    function makeOffer(
        uint256 certificateSeed,
        uint256 bidderSeed,
        uint256 tokenSeed,
        uint256 amountSeed,
        uint256 expirySeed
    ) external {
        if (market.paused()) return;
        CertificateGhost[] memory all = store.certificates();
        uint256 n = all.length;
        CertificateGhost memory c = all[certificateSeed % n];
        // One time in two, a certificate a holder holds (so that holders have offers to accept).
        for (uint256 i; i < n && certificateSeed % 4 < 2 && !_isHolder(c.owner); ++i) {
            c = all[(certificateSeed % n + i) % n];
        }
        if (c.owner == address(0)) return; // merged away
        address token = tokenSeed % 2 == 0 ? c.offeringToken : _tokens[tokenSeed / 2 % _tokens.length];
        if (_makeOffer(c.tokenId, false, token, bidderSeed, amountSeed, expirySeed)) ++callCount["makeOffer"];
    }

    /// @dev A holder offers for any certificate of an offering.
    function makeOfferingOffer(
        uint256 offeringSeed,
        uint256 bidderSeed,
        uint256 tokenSeed,
        uint256 amountSeed,
        uint256 expirySeed
    ) external {
        if (market.paused()) return;
        uint256 offeringId = _offeringIds[offeringSeed % _offeringIds.length];
        address offeringToken = vault.offering(offeringId).paymentToken;
        address token = tokenSeed % 2 == 0 ? offeringToken : _tokens[tokenSeed / 2 % _tokens.length];
        if (_makeOffer(offeringId, true, token, bidderSeed, amountSeed, expirySeed)) {
            ++callCount["makeOfferingOffer"];
        }
    }

    /// @dev A holder accepts an offer with a certificate it holds (a resale, or a primary sale of one handed over).
    function holderAcceptOffer(uint256 offerSeed, uint256 certificateSeed) external {
        if (_acceptOffer(offerSeed, certificateSeed, false)) ++callCount["holderAcceptOffer"];
    }

    /// @dev The bidder of an open offer (expired ones too) cancels it and is repaid (also while paused).
    function cancelOffer(uint256 offerSeed) external {
        OfferGhost[] memory all = store.offers();
        uint256 n = all.length;
        for (uint256 i; i < n; ++i) {
            uint256 id = (offerSeed % n + i) % n + 1;
            OfferGhost memory o = all[id - 1];
            // The refund is a plain transfer: a bidder refusing its payment cannot cancel until it accepts.
            if (!o.open || _refuses(o.token, o.bidder)) continue;
            uint256[] memory before = _balances();
            int256[] memory d = _noMoves();
            _receives(d, o.token, o.bidder, o.amount);
            _pays(d, o.token, address(market), o.amount);
            vm.prank(o.bidder);
            market.cancelOffer(id);
            _expectMoves(before, d, "cancelOffer");
            o.open = false;
            store.setOffer(id, o);
            ++callCount["cancelOffer"];
            return;
        }
    }

    /// @dev Anyone collects a token's accrued fees (also while paused): the treasury and the insurance reserve get
    /// exactly what accrued for them, and nothing is left accrued. Refusing fee recipients are not among the
    /// actors here (the concrete tests cover them), so collection must succeed whenever fees accrued.
    function collectFees(uint256 tokenSeed, uint256 callerSeed) external {
        address token = _tokens[tokenSeed % _tokens.length];
        AccruedFees memory accrued = market.accruedFees(token);
        if (accrued.treasury + accrued.insurance == 0) return;
        uint256[] memory before = _balances();
        int256[] memory d = _noMoves();
        _pays(d, token, address(market), accrued.treasury + accrued.insurance);
        _receives(d, token, treasury, accrued.treasury);
        _receives(d, token, insurance, accrued.insurance);
        vm.prank(_actors[callerSeed % _actors.length]);
        (uint256 toTreasury, uint256 toInsurance) = market.collectFees(token);
        assertEq(toTreasury, accrued.treasury, "collectFees: the treasury's accrual");
        assertEq(toInsurance, accrued.insurance, "collectFees: the insurance reserve's accrual");
        _expectMoves(before, d, "collectFees");
        accrued = market.accruedFees(token);
        assertEq(accrued.treasury + accrued.insurance, 0, "collectFees: nothing left accrued");
        ++callCount["collectFees"];
    }

    /// @dev An account with a credit withdraws it (also while paused). A receiver that refuses payment first
    /// starts accepting it one time in two (otherwise nothing happens: it does not accept payment). The
    /// withdrawal must succeed and pay exactly the credit; a failure is recorded, not raised.
    function withdrawCredit(uint256 accountSeed, uint256 tokenSeed, uint256 acceptSeed) external {
        uint256 a = _actors.length;
        uint256 t = _tokens.length;
        for (uint256 i; i < a * t; ++i) {
            address account = _actors[(accountSeed % a + i % a) % a];
            address token = _tokens[(tokenSeed % t + i / a) % t];
            uint256 amount = store.credit(account, token);
            if (amount == 0) continue;
            if (_refuses(token, account)) {
                if (acceptSeed % 2 == 1) return;
                HookReceiver(account).setRefusing(false);
            }
            assertEq(market.creditOf(account, token), amount, "creditOf == the payments credited");
            uint256[] memory before = _balances();
            int256[] memory d = _noMoves();
            _receives(d, token, account, amount);
            _pays(d, token, address(market), amount);
            vm.prank(account);
            try market.withdrawCredit(token) returns (uint256 paid) {
                assertEq(paid, amount, "withdrawCredit pays the whole credit");
                _expectMoves(before, d, "withdrawCredit");
                assertEq(market.creditOf(account, token), 0, "nothing left to withdraw");
                store.recordWithdrawal(account, token, true, "");
            } catch (bytes memory reason) {
                store.recordWithdrawal(account, token, false, reason);
            }
            ++callCount["withdrawCredit"];
            return;
        }
    }

    /// @dev A holder gives a certificate it holds (not one in an auction) to another holder: listings of it go
    /// stale.
    function transfer(uint256 certificateSeed, uint256 toSeed) external {
        CertificateGhost[] memory all = store.certificates();
        uint256 n = all.length;
        uint256 h = _holders.length;
        for (uint256 i; i < n; ++i) {
            CertificateGhost memory c = all[(certificateSeed % n + i) % n];
            if (c.auctionId != 0 || !_isHolder(c.owner)) continue;
            address to = _holders[toSeed % h];
            if (to == c.owner) to = _holders[(toSeed % h + 1) % h];
            _transfer(c, to);
            ++callCount["transfer"];
            return;
        }
    }

    /*//////////////////////////////////////////////////////////////
                          ADVERSARIAL HOLDERS
    //////////////////////////////////////////////////////////////*/

    // Whoever holds a certificate (a holder, or a miner with an unsold one) changes it while it may be listed or
    // under offer: it splits it, merges another into it, claims its yield or takes its refund. (Auctioned ones are
    // with the marketplace: nobody can.) Pending sales of it must then deliver what they showed or fail.

    /// @dev The holder splits off between 1 and all but one of its units (the vault not paused, the offering not
    /// terminated); the new part is tracked too.
    function holderSplit(uint256 certificateSeed, uint256 unitsSeed) external {
        if (vault.paused()) return;
        (bool found, CertificateGhost memory c) = _pickHeld(certificateSeed, _canSplit);
        if (!found) return;
        uint256 units = vault.certificateView(c.tokenId).units;
        vm.prank(c.owner);
        uint256 part = vault.split(c.tokenId, bound(unitsSeed, 1, units - 1));
        CertificateGhost memory p = c;
        p.tokenId = part;
        store.addCertificate(p);
        store.recordChange("split");
        ++callCount["holderSplit"];
    }

    /// @dev An adversarial holder: it holds a certificate of the units an open offer on its offering names, splits
    /// it, and accepts the offer with the smaller part, which must be refused with `Marketplace_CertificateMismatch`
    /// (an offer on an offering buys exactly the units it named).
    function holderSplitsUnderOfferingOffer(uint256 offerSeed, uint256 certificateSeed, uint256 unitsSeed) external {
        if (vault.paused() || market.paused()) return;
        OfferGhost[] memory offers = store.offers();
        CertificateGhost[] memory all = store.certificates();
        for (uint256 i; i < offers.length; ++i) {
            uint256 id = (offerSeed % offers.length + i) % offers.length + 1;
            OfferGhost memory o = offers[id - 1];
            if (!o.open || !o.anyOfOffering || o.expiry <= block.timestamp || o.units < 2) continue;
            for (uint256 j; j < all.length; ++j) {
                CertificateGhost memory c = all[(certificateSeed % all.length + j) % all.length];
                if (c.offeringId != o.target || c.owner == o.bidder || !_canSplit(c)) continue;
                // An approval for the token alone may not survive the split; one for all does.
                if (!certificate.isApprovedForAll(c.owner, address(market))) continue;
                if (_viewOf(c.tokenId).units != o.units || _acceptError(id, c.owner, c.tokenId).length != 0) continue;
                vm.prank(c.owner);
                uint256 part = vault.split(c.tokenId, bound(unitsSeed, 1, o.units - 1));
                CertificateGhost memory p = c;
                p.tokenId = part;
                store.addCertificate(p);
                store.recordChange("split");
                bytes memory expected = _acceptError(id, c.owner, c.tokenId);
                assertEq(
                    _selectorOf(expected),
                    IMarketplace.Marketplace_CertificateMismatch.selector,
                    "handler: the split part no longer fits"
                );
                _refuse(c.owner, abi.encodeCall(IMarketplace.acceptOffer, (id, c.tokenId)), expected);
                ++callCount["holderSplitsUnderOfferingOffer"];
                return;
            }
        }
    }

    function _canSplit(CertificateGhost memory c) internal view returns (bool) {
        return _canChange(c) && vault.certificateView(c.tokenId).units >= 2;
    }

    /// @dev The holder merges another certificate of the same offering and sale day it holds into this one; the
    /// other one is burned (its listings and offers die with it).
    function holderMerge(uint256 certificateSeed, uint256 otherSeed) external {
        if (vault.paused()) return;
        CertificateGhost[] memory all = store.certificates();
        uint256 n = all.length;
        certificateSeed = _preferListed(certificateSeed, all);
        for (uint256 i; i < n; ++i) {
            CertificateGhost memory c = all[(certificateSeed % n + i) % n];
            if (!_canChange(c)) continue;
            CertificateView memory v = vault.certificateView(c.tokenId);
            for (uint256 j; j < n; ++j) {
                CertificateGhost memory o = all[(otherSeed % n + j) % n];
                if (o.tokenId == c.tokenId || o.owner != c.owner || o.offeringId != c.offeringId) continue;
                CertificateView memory w = vault.certificateView(o.tokenId);
                if (w.saleDay != v.saleDay) continue;
                vm.prank(c.owner);
                vault.merge(c.tokenId, o.tokenId);
                o.owner = address(0);
                store.setCertificate(o);
                store.recordChange("merge");
                ++callCount["holderMerge"];
                return;
            }
        }
    }

    /// @dev The holder claims a certificate's yield (paused or not), listed or not.
    function holderClaim(uint256 certificateSeed) external {
        (bool found, CertificateGhost memory c) = _pickHeld(certificateSeed, _hasClaimable);
        if (!found) return;
        uint256[] memory list = new uint256[](1);
        list[0] = c.tokenId;
        vm.prank(c.owner);
        vault.claim(list);
        store.recordChange("claim");
        ++callCount["holderClaim"];
    }

    /// @dev The holder of a certificate of a terminated offering takes its refund, listed or not.
    function holderRefund(uint256 certificateSeed) external {
        (bool found, CertificateGhost memory c) = _pickHeld(certificateSeed, _canTakeRefund);
        if (!found) return;
        uint256[] memory list = new uint256[](1);
        list[0] = c.tokenId;
        address token = vault.offering(c.offeringId).paymentToken;
        uint256[] memory before = _balances();
        int256[] memory d = _noMoves();
        uint256 amount = vault.refundable(c.tokenId);
        _receives(d, token, c.owner, amount);
        _pays(d, token, address(vault), amount);
        vm.prank(c.owner);
        vault.refund(list);
        _expectMoves(before, d, "refund");
        store.addRefund(token, amount);
        store.recordChange("refund");
        ++callCount["holderRefund"];
    }

    /// @dev The first certificate from the seed (listed ones preferred) that a holder other than the marketplace
    /// holds and `wanted` accepts.
    function _pickHeld(uint256 seed, function(CertificateGhost memory) internal view returns (bool) wanted)
        internal
        view
        returns (bool found, CertificateGhost memory c)
    {
        CertificateGhost[] memory all = store.certificates();
        uint256 n = all.length;
        seed = _preferListed(seed, all);
        for (uint256 i; i < n; ++i) {
            c = all[(seed % n + i) % n];
            if (c.owner != address(0) && c.owner != address(market) && wanted(c)) return (true, c);
        }
    }

    function _hasClaimable(CertificateGhost memory c) internal view returns (bool) {
        return vault.claimable(c.tokenId) > 0;
    }

    /// @dev The vault pays refunds directly: a refusing holder waits.
    function _canTakeRefund(CertificateGhost memory c) internal view returns (bool) {
        return vault.refundable(c.tokenId) > 0 && !_refuses(vault.offering(c.offeringId).paymentToken, c.owner);
    }

    /// @dev The miner of an offering with sales delivers yield for its next undelivered ended day (or tops up a
    /// delivered one), so that certificates accrue yield while listed, auctioned or under offer.
    function minerDepositYield(uint256 offeringSeed, uint256 amountSeed) external {
        uint256 offeringId = _offeringIds[offeringSeed % _offeringIds.length];
        Offering memory o = vault.offering(offeringId);
        if (o.status != OfferingStatus.Active && o.status != OfferingStatus.Frozen) return;
        if (o.checkpointCount == 0) return;
        uint32 today = uint32(block.timestamp / 1 days);
        uint32 day = o.nextDay;
        if (day >= today || day >= o.endDay) {
            if (day == o.firstSaleDay) return; // nothing delivered yet and the next day has not ended
            day = o.nextDay - 1; // a top-up of the last delivered day
        }
        uint256 amount = bound(amountSeed, 1, 1e18);
        vm.prank(_yieldBridge);
        BridgedToken(address(_yieldToken)).mint(o.miner, amount);
        vm.startPrank(o.miner);
        _yieldToken.approve(address(vault), amount);
        vault.depositYield(offeringId, day, amount);
        vm.stopPrank();
        ++callCount["minerDepositYield"];
    }

    /// @dev Three times in four, the position of a certificate that an open listing or offer names and that its
    /// seller (or, for an offer, anyone) still holds, so that the changes hit pending sales; otherwise the seed.
    function _preferListed(uint256 seed, CertificateGhost[] memory all) internal view returns (uint256) {
        if (seed % 4 == 3) return seed;
        uint256 target;
        uint256 listings = store.listingCount();
        for (uint256 i; i < listings && target == 0; ++i) {
            ListingGhost memory l = store.listing((seed % listings + i) % listings + 1);
            if (l.open && certificate.holderOf(l.tokenId) == l.seller) target = l.tokenId;
        }
        uint256 offers = store.offerCount();
        for (uint256 i; i < offers && target == 0 && seed % 2 == 0; ++i) {
            OfferGhost memory o = store.offer((seed % offers + i) % offers + 1);
            if (o.open && !o.anyOfOffering && certificate.holderOf(o.target) != address(0)) target = o.target;
        }
        if (target == 0) return seed;
        for (uint256 i; i < all.length; ++i) {
            if (all[i].tokenId == target) return i;
        }
        return seed;
    }

    /// @dev A buyer tries an open listing whose certificate changed since it was listed (the seller still holds it
    /// and approved the marketplace: the listing looks alive), or an offer on a certificate that changed: both must
    /// be refused with `Marketplace_ListingVoid` / `Marketplace_OfferVoid` (or the earlier refusal the rules give).
    function buyChanged(uint256 seed, uint256 buyerSeed) external {
        uint256 listings = store.listingCount();
        for (uint256 i; i < listings; ++i) {
            uint256 id = (seed % listings + i) % listings + 1;
            ListingGhost memory l = store.listing(id);
            if (!l.open || certificate.saleNonce(l.tokenId) == l.nonce) continue;
            address buyer = _holders[buyerSeed % _holders.length];
            bytes memory expected = _buyError(id, buyer, l.price);
            if (expected.length == 0) return;
            _refuse(buyer, abi.encodeCall(IMarketplace.buy, (id, l.price)), expected);
            ++callCount["buyChanged"];
            return;
        }
        uint256 offers = store.offerCount();
        for (uint256 i; i < offers; ++i) {
            uint256 id = (seed % offers + i) % offers + 1;
            OfferGhost memory o = store.offer(id);
            if (!o.open || o.anyOfOffering || certificate.saleNonce(o.target) == o.nonce) continue;
            address holder = certificate.holderOf(o.target);
            if (holder == address(0) || holder == address(market)) continue;
            bytes memory expected = _acceptError(id, holder, o.target);
            if (expected.length == 0) return;
            _refuse(holder, abi.encodeCall(IMarketplace.acceptOffer, (id, o.target)), expected);
            ++callCount["acceptChanged"];
            return;
        }
    }

    /// @dev Whether `c`'s holder may split or merge it now: held by an actor (not auctioned, not merged away), its
    /// offering not terminated.
    function _canChange(CertificateGhost memory c) internal view returns (bool) {
        if (c.owner == address(0) || c.owner == address(market)) return false;
        return vault.offering(c.offeringId).status != OfferingStatus.Terminated;
    }

    /// @dev A holder revokes the marketplace's approval (its listings go stale), restores it (three times in
    /// five), or keeps it revoked but approves the marketplace for one certificate it holds.
    function setApproval(uint256 holderSeed, uint256 mode, uint256 certificateSeed) external {
        address holder = _holders[holderSeed % _holders.length];
        mode %= 5;
        vm.prank(holder);
        certificate.setApprovalForAll(address(market), mode != 0 && mode != 4);
        if (mode == 4) {
            CertificateGhost[] memory all = store.certificates();
            uint256 n = all.length;
            for (uint256 i; i < n; ++i) {
                CertificateGhost memory c = all[(certificateSeed % n + i) % n];
                if (c.owner != holder) continue;
                vm.prank(holder);
                certificate.approve(address(market), c.tokenId);
                break;
            }
        }
        ++callCount[mode == 0 ? "revokeApproval" : mode == 4 ? "approveOne" : "restoreApproval"];
    }

    /// @dev A {HookToken} receiver starts or stops refusing payment.
    function setRefusing(uint256 receiverSeed, bool on) external {
        HookReceiver(_receivers[receiverSeed % _receivers.length]).setRefusing(on);
        ++callCount["setRefusing"];
    }

    /*//////////////////////////////////////////////////////////////
                                 ANYONE
    //////////////////////////////////////////////////////////////*/

    /// @dev Anyone settles an ended auction with a bid (not while paused), or, at any time, voids an auction whose
    /// certificate's offering changed since its creation (flag, resume, terminate, finish). A primary auction the
    /// vault can no longer record is voided exactly when the vault's refusal is a lasting one; while the vault is
    /// paused (a refusal that does not last), settling one must revert with the vault's `EnforcedPause`.
    function settle(uint256 auctionSeed, uint256 callerSeed) external {
        if (market.paused()) return;
        AuctionGhost[] memory all = store.auctions();
        uint256 n = all.length;
        for (uint256 i; i < n; ++i) {
            uint256 id = (auctionSeed % n + i) % n + 1;
            AuctionGhost memory a = all[id - 1];
            if (!a.live) continue;
            bool stale = _auctionVoidError(id, a).length != 0;
            if (!stale && (a.highestBidder == address(0) || block.timestamp < a.endTime)) continue;
            address caller = callerSeed % 8 == 7 ? stranger : _actors[callerSeed % _actors.length];
            if (CertificateId.indexOf(a.tokenId) == 0) {
                if (!stale && vault.paused()) {
                    // The vault's pause is no lasting refusal: the settlement must wait, not void the auction.
                    _refuse(caller, abi.encodeCall(IMarketplace.settle, (id)), _settleError(id));
                    ++callCount["settleWhileVaultPaused"];
                    return;
                }
                bool lotVoided = _settleLot(id, a, caller);
                ++callCount[stale ? "settleLotVoidedByChange" : lotVoided ? "settleLotVoided" : "settleLot"];
                return;
            }
            CertificateGhost memory c = store.certificate(a.tokenId);
            if (!stale && !c.sold && vault.paused()) {
                // The vault's pause is no lasting refusal: the settlement must wait, not void the auction.
                _refuse(caller, abi.encodeCall(IMarketplace.settle, (id)), _settleError(id));
                ++callCount["settleWhileVaultPaused"];
                return;
            }
            bool voided = _settle(id, a, c, caller);
            ++callCount[stale ? "settleVoidedByChange" : voided ? "settleVoided" : "settle"];
            return;
        }
    }

    /*//////////////////////////////////////////////////////////////
                             DAO AND COUNCIL
    //////////////////////////////////////////////////////////////*/

    /// @dev Fees anywhere within the caps (a zero fee included), any insurance share.
    function setFees(uint256 channelSeed, uint256 tradingSeed, uint256 shareSeed) external {
        Fees memory fees = Fees({
            channelBps: uint16(bound(channelSeed, 0, market.MAX_CHANNEL_FEE_BPS())),
            tradingBps: uint16(bound(tradingSeed, 0, market.MAX_TRADING_FEE_BPS())),
            insuranceShareBps: uint16(bound(shareSeed, 0, BPS))
        });
        vm.prank(timelock);
        market.setFees(fees);
        store.setFees(fees.channelBps, fees.tradingBps, fees.insuranceShareBps);
        ++callCount["setFees"];
    }

    function setMinBidIncrement(uint256 seed) external {
        _incrementBps = uint16(bound(seed, 1, 5000));
        vm.prank(timelock);
        market.setMinBidIncrement(_incrementBps);
        ++callCount["setMinBidIncrement"];
    }

    /// @dev The council or the timelock pauses the marketplace (one call in four, so that it is mostly open).
    function pauseMarket(uint256 seed) external {
        if (market.paused() || !_oneIn(seed, 4)) return;
        vm.prank(seed % 8 == 0 ? council : timelock);
        market.pause();
        ++callCount["pauseMarket"];
    }

    function unpauseMarket() external {
        if (!market.paused()) return;
        vm.prank(timelock);
        market.unpause();
        ++callCount["unpauseMarket"];
    }

    /// @dev The council or the timelock pauses the vault (one call in four): primary sales stop, resales go on.
    function pauseVault(uint256 seed) external {
        if (vault.paused() || !_oneIn(seed, 4)) return;
        vm.prank(seed % 8 == 0 ? council : timelock);
        vault.pause();
        ++callCount["pauseVault"];
    }

    function unpauseVault() external {
        if (!vault.paused()) return;
        vm.prank(timelock);
        vault.unpause();
        ++callCount["unpauseVault"];
    }

    /// @dev Suspends an active miner (one call in two): its primary sales stop until it is reinstated.
    function suspendMiner(uint256 seed) external {
        address miner = _miners[seed % _miners.length];
        if (registry.statusOf(miner) != MinerStatus.Active || !_oneIn(seed, 2)) return;
        vm.prank(timelock);
        registry.suspend(miner, "under review");
        ++callCount["suspendMiner"];
    }

    function reinstateMiner(uint256 seed) external {
        address miner = _miners[seed % _miners.length];
        if (registry.statusOf(miner) != MinerStatus.Suspended) return;
        vm.prank(timelock);
        registry.reinstate(miner);
        ++callCount["reinstateMiner"];
    }

    /// @dev Terminates an active offering (one call in four), while another one stays active (so primary sales go
    /// on).
    function terminate(uint256 seed) external {
        if (!_oneIn(seed, 4)) return;
        uint256 n = _offeringIds.length;
        uint256 active;
        for (uint256 i; i < n; ++i) {
            if (vault.offering(_offeringIds[i]).status == OfferingStatus.Active) ++active;
        }
        if (active < 2) return;
        for (uint256 i; i < n; ++i) {
            uint256 offeringId = _offeringIds[(seed % n + i) % n];
            if (vault.offering(offeringId).status != OfferingStatus.Active) continue;
            vm.prank(timelock);
            vault.terminate(offeringId);
            ++callCount["terminate"];
            return;
        }
    }

    /*//////////////////////////////////////////////////////////////
                                  TIME
    //////////////////////////////////////////////////////////////*/

    function passTime(uint256 secondsSeed) external {
        vm.warp(block.timestamp + bound(secondsSeed, 0, MAX_PASS_TIME));
        ++callCount["passTime"];
    }

    /*//////////////////////////////////////////////////////////////
                             REFUSED CALLS
    //////////////////////////////////////////////////////////////*/

    /// @dev A call the marketplace must refuse, with the exact revert data its rules predict (skipped when the
    /// call would succeed). Half of them try self-dealing: a seller buying its own listing, a miner buying its own
    /// certificate's primary listing, a seller or the primary miner bidding on an auction, a bidder accepting its
    /// own offer. The others try any actor on any listing (limit below the price one time in two), auction (bid
    /// below the minimum one time in two), settlement, offer, listing or auction of any certificate in any token
    /// (one the DAO never allowlisted included).
    function refusedCall(uint256 kind, uint256 actorSeed, uint256 idSeed, uint256 amountSeed) external {
        kind %= 12;
        address caller;
        bytes memory data;
        bytes memory expected;
        if (kind == 1 && _listHandedOver(idSeed)) (caller, data, expected) = _minerBuysLastListing();
        else if (kind < 6) (caller, data, expected) = _selfDealingCall(kind % 4, actorSeed, idSeed);
        else (caller, data, expected) = _randomCall(kind - 2, actorSeed, idSeed, amountSeed);
        if (expected.length == 0) return;
        bool selfDealing = _refuse(caller, data, expected);
        ++callCount[selfDealing ? "refusedSelfDealing" : "refused"];
    }

    /// @dev Makes the call as `caller` and checks that the marketplace refuses it with exactly `expected`.
    /// @return selfDealing Whether the refusal was `Marketplace_SelfDealing`.
    function _refuse(address caller, bytes memory data, bytes memory expected) internal returns (bool selfDealing) {
        assertGt(expected.length, 0, "handler: a refusal needs its revert data");
        vm.prank(caller);
        (bool success, bytes memory returnData) = address(market).call{gas: REFUSED_CALL_GAS}(data);
        assertFalse(success, "a call the marketplace must refuse succeeded");
        vm.assertEq(returnData, expected, "refused with the wrong error");
        selfDealing = _selectorOf(expected) == IMarketplace.Marketplace_SelfDealing.selector;
        store.recordRefusal(selfDealing);
    }

    /// @dev A holder holding an unsold certificate a miner handed over, on sale, lists it (a primary listing that
    /// is not the miner's), so that its miner can try to buy it: the check that only `_trade` makes.
    function _listHandedOver(uint256 seed) internal returns (bool) {
        if (market.paused()) return false;
        CertificateGhost[] memory all = store.certificates();
        uint256 n = all.length;
        for (uint256 i; i < n; ++i) {
            CertificateGhost memory c = all[(seed % n + i) % n];
            if (c.sold || c.auctionId != 0 || !_isHolder(c.owner) || !_approved(c.owner, c.tokenId)) continue;
            if (!_onSale(c)) continue;
            _list(c, c.offeringToken, c.tokenId, seed);
            ++callCount["holderListHandedOver"];
            return true;
        }
        return false;
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function paymentTokens() external view returns (address[] memory) {
        return _tokens;
    }

    /*//////////////////////////////////////////////////////////////
                            INTERNAL: ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev A holder buys 1–3 minimum lots of an offering at its price per unit (`buyPrimary`): the vault mints
    /// ONE new certificate of those units to it; the price less the channel fee goes into the vault, the fee is
    /// accrued; the buyer receives exactly the units bought, no past yield, and the escrow it paid for.
    function buyPrimary(uint256 offeringSeed, uint256 buyerSeed, uint256 lotsSeed) external {
        if (market.paused()) return;
        uint256 offeringId = _offeringIds[offeringSeed % _offeringIds.length];
        uint256 onSale = vault.unitsOnSale(offeringId);
        Offering memory o = vault.offering(offeringId);
        if (onSale < o.minLot || store.certificates().length >= MAX_CERTIFICATES) return;
        address buyer = _holders[buyerSeed % _holders.length];
        uint256 lots = onSale / o.minLot;
        uint256 units = o.minLot * bound(lotsSeed, 1, lots < 3 ? lots : 3);
        uint256 price = units * o.pricePerUnit;
        if (IERC20(o.paymentToken).balanceOf(buyer) < price) return;
        uint256 tokenId = CertificateId.encode(offeringId, o.lastIndex + 1);

        uint256[] memory before = _balances();
        int256[] memory d = _noMoves();
        SaleGhost[] memory expected = new SaleGhost[](1);
        expected[0] = _expectSale(
            d,
            SaleGhost({
                tokenId: tokenId,
                seller: o.miner,
                buyer: buyer,
                token: o.paymentToken,
                price: price,
                fee: 0,
                primary: true,
                miner: o.miner
            }),
            buyer
        );
        vm.recordLogs();
        vm.prank(buyer);
        uint256 minted = market.buyPrimary(offeringId, units, price);
        assertEq(minted, tokenId, "buyPrimary: the offering's next certificate");
        _expectMoves(before, d, "buyPrimary");
        _checkEvents(expected, 0, "");
        store.addCertificate(
            CertificateGhost({
                tokenId: tokenId,
                offeringId: offeringId,
                miner: o.miner,
                offeringToken: o.paymentToken,
                owner: buyer,
                auctionId: 0,
                sold: true
            })
        );
        CertificateView memory v = _deliveredMint(tokenId, buyer, units);
        assertEq(v.escrow, price - expected[0].fee, "(d) ... with the price less the fee as its escrow");
        ++callCount["buyPrimary"];
    }

    function _list(CertificateGhost memory c, address token, uint256 priceSeed, uint256 expirySeed) internal {
        uint256 price = _price(token, priceSeed);
        uint64 expiry = _expiry(expirySeed);
        vm.prank(c.owner);
        uint256 id = market.list(c.tokenId, token, price, expiry);
        store.addListing(
            id,
            ListingGhost({
                seller: c.owner,
                expiry: expiry,
                token: token,
                price: SafeCast.toUint96(price),
                tokenId: c.tokenId,
                open: true,
                nonce: certificate.saleNonce(c.tokenId),
                units: _viewOf(c.tokenId).units,
                refunded: _viewOf(c.tokenId).refunded
            })
        );
        assertEq(certificate.holderOf(c.tokenId), c.owner, "list: the certificate stays with its seller");
    }

    function _createAuction(CertificateGhost memory c, address token, uint256 reserveSeed, uint256 durationSeed)
        internal
    {
        uint256 reserve = _price(token, reserveSeed);
        uint32 duration = uint32(bound(durationSeed, market.MIN_AUCTION_DURATION(), MAX_DURATION));
        vm.prank(c.owner);
        uint256 id = market.createAuction(c.tokenId, token, reserve, duration);
        store.addAuction(
            id,
            AuctionGhost({
                seller: c.owner,
                endTime: 0,
                duration: duration,
                token: token,
                reserve: SafeCast.toUint96(reserve),
                highestBidder: address(0),
                highestBid: 0,
                tokenId: c.tokenId,
                primaryMiner: c.sold ? address(0) : c.miner,
                live: true,
                units: _viewOf(c.tokenId).units,
                refunded: _viewOf(c.tokenId).refunded,
                // in custody: only the offering's changes (flag, resume, terminate, finish) move it from here
                nonce: certificate.saleNonce(c.tokenId)
            })
        );
        (c.owner, c.auctionId) = (address(market), id);
        store.setCertificate(c);
        assertEq(certificate.holderOf(c.tokenId), address(market), "createAuction: the marketplace holds it");
    }

    function _transfer(CertificateGhost memory c, address to) internal {
        vm.prank(c.owner);
        certificate.transferFrom(c.owner, to, c.tokenId);
        c.owner = to;
        store.setCertificate(c);
    }

    /// @dev Buys the listings of `b` flagged `buys` (mode 0: `buy`, 1: `buyMany`, 2: `buyAvailable`), checking
    /// every balance move and every `Sale`.
    function _executeBuys(address buyer, Batch memory b, uint256 mode) internal {
        uint256[] memory ids = new uint256[](b.size);
        uint256[] memory maxPrices = new uint256[](b.size);
        for (uint256 i; i < b.size; ++i) {
            (ids[i], maxPrices[i]) = (b.ids[i], b.maxPrices[i]);
        }
        uint256[] memory before = _balances();
        int256[] memory d = _noMoves();
        SaleGhost[] memory expected = new SaleGhost[](b.bought);
        delete _watched;
        uint256 k;
        for (uint256 i; i < b.size; ++i) {
            if (!b.buys[i]) continue;
            ListingGhost memory l = store.listing(ids[i]);
            expected[k++] = _expectSale(d, _saleOf(l.tokenId, l.seller, buyer, l.token, l.price), buyer);
            _watch(l.tokenId, l.seller);
        }
        vm.recordLogs();
        vm.prank(buyer);
        if (mode == 0) {
            market.buy(ids[0], maxPrices[0]);
        } else if (mode == 1) {
            market.buyMany(ids, maxPrices);
        } else {
            bool[] memory bought = market.buyAvailable(ids, maxPrices);
            for (uint256 i; i < b.size; ++i) {
                assertEq(bought[i], b.buys[i], "buyAvailable buys exactly the valid listings");
            }
        }
        _expectMoves(before, d, "buy");
        _checkEvents(expected, 0, "");
        k = 0;
        for (uint256 i; i < b.size; ++i) {
            if (!b.buys[i]) continue;
            ListingGhost memory l = store.listing(ids[i]);
            l.open = false;
            store.setListing(ids[i], l);
            _sold(l.tokenId, buyer);
            _delivered(k++, l.units, l.refunded);
        }
    }

    function _bid(uint256 id, AuctionGhost memory a, address bidder, uint256 amount) internal {
        uint256[] memory before = _balances();
        int256[] memory d = _noMoves();
        _pays(d, a.token, bidder, amount);
        _receives(d, a.token, address(market), amount);
        address previous = a.highestBidder;
        bool credited = previous != address(0) && _refuses(a.token, previous);
        if (previous != address(0) && !credited) {
            _receives(d, a.token, previous, a.highestBid);
            _pays(d, a.token, address(market), a.highestBid);
        }
        uint64 endTime = a.endTime;
        if (endTime == 0) endTime = uint64(block.timestamp + a.duration);
        else if (endTime - block.timestamp < market.EXTENSION()) endTime = uint64(block.timestamp + market.EXTENSION());

        vm.prank(bidder);
        market.bid(id, amount);
        _expectMoves(before, d, "bid");
        if (credited) store.addCredit(previous, a.token, a.highestBid);
        assertEq(market.auction(id).endTime, endTime, "bid: the clock starts at the first bid, extends near the end");
        (a.endTime, a.highestBidder, a.highestBid) = (endTime, bidder, SafeCast.toUint96(amount));
        store.setAuction(id, a);
    }

    /// @return voided Whether the vault refused the primary sale for good and the auction was voided.
    function _settle(uint256 id, AuctionGhost memory a, CertificateGhost memory c, address caller)
        internal
        returns (bool voided)
    {
        bytes memory refusal = _auctionVoidError(id, a);
        if (refusal.length == 0 && !c.sold) refusal = _primaryError(c);
        voided = refusal.length != 0;
        uint256[] memory before = _balances();
        int256[] memory d = _noMoves();
        SaleGhost[] memory expected = new SaleGhost[](voided ? 0 : 1);
        delete _watched;
        if (!voided) _watch(a.tokenId, a.seller);
        if (!voided) {
            SaleGhost memory s = _saleOf(a.tokenId, a.seller, a.highestBidder, a.token, a.highestBid);
            expected[0] = _expectSale(d, s, address(market));
        } else {
            _expectVoidedBidRepaid(d, a);
        }
        vm.recordLogs();
        vm.prank(caller);
        market.settle(id);
        _expectMoves(before, d, "settle");
        _checkEvents(expected, id, refusal);
        if (voided) {
            _creditVoidedBidIfRefused(a);
            (c.owner, c.auctionId) = (a.seller, 0);
            store.setCertificate(c);
        } else {
            c.auctionId = 0;
            store.setCertificate(c);
            _sold(a.tokenId, a.highestBidder);
            _delivered(0, a.units, a.refunded);
        }
        a.live = false;
        store.setAuction(id, a);
        store.recordSettlement(voided);
        assertEq(certificate.holderOf(a.tokenId), voided ? a.seller : a.highestBidder, "settle: certificate moved");
    }

    /// @dev Settles a primary lot's auction: the lot is minted to the winner as one certificate (the bid less the
    /// channel fee into the vault), or, when the vault refuses for good, the auction is voided and the bid repaid.
    function _settleLot(uint256 id, AuctionGhost memory a, address caller) internal returns (bool voided) {
        uint256 offeringId = CertificateId.offeringOf(a.tokenId);
        bytes memory refusal = _auctionVoidError(id, a);
        if (refusal.length == 0) refusal = _lotError(offeringId);
        voided = refusal.length != 0;
        uint256 tokenId = CertificateId.encode(offeringId, vault.offering(offeringId).lastIndex + 1);
        uint256[] memory before = _balances();
        int256[] memory d = _noMoves();
        SaleGhost[] memory expected = new SaleGhost[](voided ? 0 : 1);
        if (!voided) {
            expected[0] = _expectSale(
                d,
                SaleGhost({
                    tokenId: tokenId,
                    seller: a.seller,
                    buyer: a.highestBidder,
                    token: a.token,
                    price: a.highestBid,
                    fee: 0,
                    primary: true,
                    miner: a.seller
                }),
                address(market)
            );
        } else {
            _expectVoidedBidRepaid(d, a);
        }
        vm.recordLogs();
        vm.prank(caller);
        market.settle(id);
        _expectMoves(before, d, "settleLot");
        _checkEvents(expected, id, refusal);
        if (voided) {
            _creditVoidedBidIfRefused(a);
            assertEq(certificate.holderOf(tokenId), address(0), "settleLot: a voided lot mints nothing");
        } else {
            store.addCertificate(
                CertificateGhost({
                    tokenId: tokenId,
                    offeringId: offeringId,
                    miner: a.seller,
                    offeringToken: a.token,
                    owner: a.highestBidder,
                    auctionId: 0,
                    sold: true
                })
            );
            _deliveredMint(tokenId, a.highestBidder, a.units);
        }
        a.live = false;
        store.setAuction(id, a);
        store.recordSettlement(voided);
    }

    /// @dev What `recordPrimarySale` refuses for good for a lot of the offering now (nothing: it mints the lot).
    function _lotError(uint256 offeringId) internal view returns (bytes memory) {
        Offering memory o = vault.offering(offeringId);
        if (o.status != OfferingStatus.Active) {
            return
                abi.encodeWithSelector(IRiskControlVault.RiskControlVault_InvalidStatus.selector, offeringId, o.status);
        }
        uint32 today = uint32(block.timestamp / 1 days);
        if (today >= o.endDay) {
            return abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_SalesClosed.selector, offeringId, today, o.endDay
            );
        }
        MinerStatus status = registry.statusOf(o.miner);
        if (status != MinerStatus.Active) {
            return abi.encodeWithSelector(IRiskControlVault.RiskControlVault_MinerNotActive.selector, o.miner, status);
        }
        return "";
    }

    function _makeOffer(
        uint256 target,
        bool anyOfOffering,
        address token,
        uint256 bidderSeed,
        uint256 amountSeed,
        uint256 expirySeed
    ) internal returns (bool) {
        OfferGhost memory o = OfferGhost({
            bidder: _holders[bidderSeed % _holders.length],
            expiry: _expiry(expirySeed),
            anyOfOffering: anyOfOffering,
            token: token,
            amount: SafeCast.toUint96(_price(token, amountSeed)),
            target: target,
            open: true,
            units: anyOfOffering ? vault.offering(target).minLot : _viewOf(target).units,
            nonce: anyOfOffering ? 0 : certificate.saleNonce(target),
            refunded: anyOfOffering ? false : _viewOf(target).refunded
        });
        if (IERC20(token).balanceOf(o.bidder) < o.amount) return false;
        uint256[] memory before = _balances();
        int256[] memory d = _noMoves();
        _pays(d, token, o.bidder, o.amount);
        _receives(d, token, address(market), o.amount);
        vm.prank(o.bidder);
        uint256 id = anyOfOffering
            ? market.makeOfferingOffer(target, uint64(o.units), token, o.amount, o.expiry)
            : market.makeOffer(target, token, o.amount, o.expiry);
        _expectMoves(before, d, "makeOffer");
        store.addOffer(id, o);
        return true;
    }

    /// @dev The first open offer from the seed on that a certificate of the role's actors (miners: unsold ones)
    /// can accept, with the first such certificate from the seed on.
    function _acceptOffer(uint256 offerSeed, uint256 certificateSeed, bool byMiner) internal returns (bool) {
        if (market.paused()) return false;
        OfferGhost[] memory offers = store.offers();
        CertificateGhost[] memory all = store.certificates();
        uint256 n = offers.length;
        for (uint256 i; i < n; ++i) {
            uint256 id = (offerSeed % n + i) % n + 1;
            OfferGhost memory o = offers[id - 1];
            if (!o.open || o.expiry <= block.timestamp) continue;
            (CertificateGhost memory c, bool found) = _acceptable(id, o, all, certificateSeed, byMiner);
            if (!found) continue;
            _accept(id, o, c);
            return true;
        }
        return false;
    }

    function _acceptable(uint256 id, OfferGhost memory o, CertificateGhost[] memory all, uint256 seed, bool byMiner)
        internal
        view
        returns (CertificateGhost memory c, bool found)
    {
        uint256 n = all.length;
        for (uint256 i; i < n; ++i) {
            c = all[(seed % n + i) % n];
            if (o.anyOfOffering ? c.offeringId != o.target : c.tokenId != o.target) continue;
            if (c.auctionId != 0 || c.owner == o.bidder) continue;
            if (byMiner ? (c.sold || c.owner != c.miner) : !_isHolder(c.owner)) continue;
            if (!c.sold && (o.token != c.offeringToken || o.bidder == c.miner)) continue;
            if (_acceptError(id, c.owner, c.tokenId).length == 0) return (c, true);
        }
        found = false;
    }

    function _accept(uint256 id, OfferGhost memory o, CertificateGhost memory c) internal {
        address seller = c.owner;
        uint256[] memory before = _balances();
        int256[] memory d = _noMoves();
        SaleGhost[] memory expected = new SaleGhost[](1);
        expected[0] = _expectSale(d, _saleOf(c.tokenId, seller, o.bidder, o.token, o.amount), address(market));
        delete _watched;
        _watch(c.tokenId, seller);
        vm.recordLogs();
        vm.prank(seller);
        market.acceptOffer(id, c.tokenId);
        _expectMoves(before, d, "acceptOffer");
        _checkEvents(expected, 0, "");
        o.open = false;
        store.setOffer(id, o);
        _sold(c.tokenId, o.bidder);
        _delivered(0, o.units, o.refunded);
    }

    function _saleOf(uint256 tokenId, address seller, address buyer, address token, uint256 price)
        internal
        view
        returns (SaleGhost memory)
    {
        CertificateGhost memory c = store.certificate(tokenId);
        return SaleGhost({
            tokenId: tokenId,
            seller: seller,
            buyer: buyer,
            token: token,
            price: price,
            fee: 0,
            primary: !c.sold,
            miner: c.miner
        });
    }

    /// @dev Books the moves of sale `s` at the fees in force (the payer pays the price: the fee to the insurance
    /// reserve and the treasury, the rest to the vault for a primary sale, else to the seller, or kept as the
    /// seller's credit when the payment is `pushed` to a seller that refuses it) and returns it with its fee:
    /// the `Sale` the marketplace must emit.
    /// @dev The token moves of a sale: the payer pays the price, the fee stays in the marketplace (accrued), the
    /// net goes into the vault (primary) or to the seller, credited instead when the seller refuses it.
    function _expectSale(int256[] memory d, SaleGhost memory s, address payer) internal returns (SaleGhost memory) {
        uint256 net;
        (s.fee, net) = _split(s.price, s.primary ? store.channelBps() : store.tradingBps());
        _pays(d, s.token, payer, s.price);
        _receives(d, s.token, address(market), s.fee);
        if (s.primary) {
            _receives(d, s.token, address(vault), net);
        } else if (_refuses(s.token, s.seller)) {
            _receives(d, s.token, address(market), net);
            store.addCredit(s.seller, s.token, net);
        } else {
            _receives(d, s.token, s.seller, net);
        }
        return s;
    }

    /// @dev Records, before a sale, the yield the certificate accrued (its seller's by the yield rule) and what the
    /// seller holds and is credited in the yield token.
    function _watch(uint256 tokenId, address seller_) internal {
        _watched.push(YieldWatch(tokenId, seller_, vault.claimable(tokenId), _yieldPosition(seller_)));
    }

    function _yieldPosition(address account) internal view returns (uint256) {
        return _yieldToken.balanceOf(account) + market.creditOf(account, address(_yieldToken));
    }

    /// @dev (d) for a primary sale (a purchase of units, a lot's auction, an accepted primary offer): ONE certificate
    /// of exactly the units named, minted to the buyer, not refunded, with no past yield; recorded for invariant (d).
    function _deliveredMint(uint256 tokenId, address buyer, uint256 namedUnits)
        internal
        returns (CertificateView memory v)
    {
        v = vault.certificateView(tokenId);
        store.addDelivery(
            DeliveryGhost({
                tokenId: tokenId,
                namedUnits: namedUnits,
                namedRefunded: false,
                units: v.units,
                refunded: v.refunded,
                buyerPastYield: v.claimableYield,
                sellerYieldOwed: 0,
                sellerYieldPaid: 0
            })
        );
        assertEq(certificate.holderOf(tokenId), buyer, "(d) a primary sale mints to its buyer");
        assertEq(v.units, namedUnits, "(d) ... one certificate of the units named");
        assertFalse(v.refunded, "(d) ... not refunded");
        assertEq(v.claimableYield, 0, "(d) ... and no past yield");
    }

    /// @dev Invariant (d) at the sale: the buyer holds exactly the units and refund state that were named, and no
    /// past yield; the seller received, pushed or credited, exactly the yield its certificates accrued before (all
    /// of a batch's sales by the same seller added up).
    function _delivered(uint256 i, uint256 namedUnits, bool namedRefunded) internal {
        YieldWatch memory w = _watched[i];
        CertificateView memory v = vault.certificateView(w.tokenId);
        uint256 owed;
        uint256 before = w.before;
        for (uint256 j; j < _watched.length; ++j) {
            if (_watched[j].seller != w.seller) continue;
            owed += _watched[j].owed;
            if (j < i) before = type(uint256).max; // counted with the seller's first sale of the call
        }
        uint256 paid = before == type(uint256).max ? owed : _yieldPosition(w.seller) - before;
        store.addDelivery(
            DeliveryGhost({
                tokenId: w.tokenId,
                namedUnits: namedUnits,
                namedRefunded: namedRefunded,
                units: v.units,
                refunded: v.refunded,
                buyerPastYield: v.claimableYield,
                sellerYieldOwed: owed,
                sellerYieldPaid: paid
            })
        );
        assertEq(v.units, namedUnits, "(d) the buyer received the units named");
        assertEq(v.refunded, namedRefunded, "(d) ... in the refund state shown");
        assertEq(v.claimableYield, 0, "(d) ... and no past yield");
        assertEq(paid, owed, "(d) the seller received the yield accrued before the sale");
    }

    function _sold(uint256 tokenId, address buyer) internal {
        CertificateGhost memory c = store.certificate(tokenId);
        (c.owner, c.sold) = (buyer, true);
        store.setCertificate(c);
        assertEq(certificate.holderOf(tokenId), buyer, "the buyer holds the certificate");
    }

    /// @dev Checks the `Sale` events of the last call against `expected` (and records them), and that auction
    /// `auctionId` was voided with the vault's `refusal` exactly when one is given.
    function _checkEvents(SaleGhost[] memory expected, uint256 auctionId, bytes memory refusal) internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 k;
        bool voided;
        for (uint256 i; i < logs.length; ++i) {
            Vm.Log memory log = logs[i];
            if (log.emitter != address(market)) continue;
            if (log.topics[0] == IMarketplace.AuctionVoided.selector) {
                voided = true;
                assertEq(uint256(log.topics[1]), auctionId, "AuctionVoided: the auction");
                vm.assertEq(
                    abi.decode(log.data, (bytes)),
                    refusal,
                    "voided only for a changed offering or the vault's lasting refusal"
                );
                continue;
            }
            if (log.topics[0] != IMarketplace.Sale.selector) continue;
            assertLt(k, expected.length, "no unexpected Sale");
            SaleGhost memory s = expected[k++];
            assertEq(uint256(log.topics[1]), s.tokenId, "Sale: tokenId");
            assertEq(address(uint160(uint256(log.topics[2]))), s.seller, "Sale: seller");
            assertEq(address(uint160(uint256(log.topics[3]))), s.buyer, "Sale: buyer");
            (s.token, s.price, s.fee, s.primary) = _decodeSale(log.data, s);
            store.addSale(s, s.fee * store.insuranceShareBps() / BPS);
        }
        assertEq(k, expected.length, "every sale emitted Sale");
        assertEq(
            voided, refusal.length != 0, "AuctionVoided exactly when the offering changed or the vault refused for good"
        );
    }

    function _decodeSale(bytes memory data, SaleGhost memory s)
        internal
        pure
        returns (address token, uint256 price, uint256 fee, bool primary)
    {
        uint256 channelId;
        (, channelId, token, price, fee, primary) =
            abi.decode(data, (SaleChannel, uint256, address, uint256, uint256, bool));
        assertGt(channelId, 0, "Sale: names its listing, auction or offer");
        assertEq(token, s.token, "Sale: payment token");
        assertEq(price, s.price, "Sale: price (fees included)");
        assertEq(fee, s.fee, "Sale: fee at the bps in force");
        assertEq(primary, s.primary, "Sale: primary");
    }

    /*//////////////////////////////////////////////////////////////
                         INTERNAL: REFUSED CALLS
    //////////////////////////////////////////////////////////////*/

    function _selfDealingCall(uint256 kind, uint256 actorSeed, uint256 idSeed)
        internal
        view
        returns (address caller, bytes memory data, bytes memory expected)
    {
        if (kind == 0 || kind == 1) {
            (uint256 id, ListingGhost memory l, bool found) = _pickOpenListing(idSeed);
            if (!found) return (caller, data, expected);
            // The seller itself, or the miner of the certificate's offering.
            caller = kind == 0 ? l.seller : store.certificate(l.tokenId).miner;
            data = abi.encodeCall(IMarketplace.buy, (id, l.price));
            expected = _buyError(id, caller, l.price);
        } else if (kind == 2) {
            AuctionGhost[] memory all = store.auctions();
            if (all.length == 0) return (caller, data, expected);
            uint256 id = idSeed % all.length + 1;
            AuctionGhost memory a = all[id - 1];
            caller = actorSeed % 2 == 0 || a.primaryMiner == address(0) ? a.seller : a.primaryMiner;
            uint256 amount = a.live ? _minimumBid(a) : 1;
            data = abi.encodeCall(IMarketplace.bid, (id, amount));
            expected = _bidError(id, caller, amount);
        } else {
            OfferGhost[] memory all = store.offers();
            if (all.length == 0) return (caller, data, expected);
            uint256 id = idSeed % all.length + 1;
            OfferGhost memory o = all[id - 1];
            caller = o.bidder;
            uint256 tokenId = o.anyOfOffering ? _heldIn(o.target, caller, actorSeed) : o.target;
            data = abi.encodeCall(IMarketplace.acceptOffer, (id, tokenId));
            expected = _acceptError(id, caller, tokenId);
        }
    }

    /// @dev The miner of the last listing's certificate buys it.
    function _minerBuysLastListing() internal view returns (address caller, bytes memory data, bytes memory expected) {
        uint256 id = store.listingCount();
        ListingGhost memory l = store.listing(id);
        caller = store.certificate(l.tokenId).miner;
        data = abi.encodeCall(IMarketplace.buy, (id, l.price));
        expected = _buyError(id, caller, l.price);
    }

    function _randomCall(uint256 kind, uint256 actorSeed, uint256 idSeed, uint256 amountSeed)
        internal
        view
        returns (address caller, bytes memory data, bytes memory expected)
    {
        caller = _actors[actorSeed % _actors.length];
        if (kind == 4) {
            // A holder: a primary buy reaches the vault only after the buyer paid.
            caller = _holders[actorSeed % _holders.length];
            uint256 id = idSeed % (store.listingCount() + 1) + 1;
            uint256 price = id <= store.listingCount() ? store.listing(id).price : 1;
            uint256 maxPrice = amountSeed % 2 == 0 ? price - 1 : price;
            data = abi.encodeCall(IMarketplace.buy, (id, maxPrice));
            expected = _buyError(id, caller, maxPrice);
        } else if (kind == 5) {
            uint256 id = idSeed % (store.auctionCount() + 1) + 1;
            uint256 minimum = id <= store.auctionCount() ? _minimumBid(store.auction(id)) : 1;
            uint256 amount = amountSeed % 2 == 0 ? minimum - 1 : minimum;
            data = abi.encodeCall(IMarketplace.bid, (id, amount));
            expected = _bidError(id, caller, amount);
        } else if (kind == 6) {
            uint256 id = idSeed % (store.auctionCount() + 1) + 1;
            data = abi.encodeCall(IMarketplace.settle, (id));
            expected = _settleError(id);
        } else if (kind == 7) {
            uint256 id = idSeed % (store.offerCount() + 1) + 1;
            CertificateGhost[] memory all = store.certificates();
            uint256 tokenId = all[amountSeed % all.length].tokenId;
            data = abi.encodeCall(IMarketplace.acceptOffer, (id, tokenId));
            expected = _acceptError(id, caller, tokenId);
        } else {
            CertificateGhost[] memory all = store.certificates();
            CertificateGhost memory c = all[idSeed % all.length];
            address token = amountSeed % 5 == 4 ? unlisted : _tokens[amountSeed % _tokens.length];
            uint256 price = 1 + amountSeed % 1e6;
            data = kind == 8
                ? abi.encodeCall(IMarketplace.list, (c.tokenId, token, price, _expiry(amountSeed)))
                : abi.encodeCall(IMarketplace.createAuction, (c.tokenId, token, price, market.MIN_AUCTION_DURATION()));
            expected = _pausedError();
            if (expected.length == 0) expected = _sellError(c.tokenId, caller, token);
        }
    }

    /// @dev A certificate of the offering `holder` holds, or (none) the offering's first one.
    function _heldIn(uint256 offeringId, address holder, uint256 seed) internal view returns (uint256) {
        CertificateGhost[] memory all = store.certificates();
        uint256 n = all.length;
        for (uint256 i; i < n; ++i) {
            CertificateGhost memory c = all[(seed % n + i) % n];
            if (c.offeringId == offeringId && c.owner == holder) return c.tokenId;
        }
        return CertificateId.encode(offeringId, 1);
    }

    /*//////////////////////////////////////////////////////////////
                     INTERNAL: THE RULES, AS PREDICTIONS
    //////////////////////////////////////////////////////////////*/

    // Each returns the revert data the marketplace must give for the call, in the order of its checks, or
    // nothing when the call must succeed (given funds and a payee that accepts payment).

    function _buyError(uint256 id, address buyer, uint256 maxPrice) internal view returns (bytes memory) {
        bytes memory paused = _pausedError();
        if (paused.length != 0) return paused;
        if (id == 0 || id > store.listingCount() || !store.listing(id).open) {
            return abi.encodeWithSelector(IMarketplace.Marketplace_UnknownListing.selector, id);
        }
        ListingGhost memory l = store.listing(id);
        if (l.expiry <= block.timestamp) {
            return abi.encodeWithSelector(IMarketplace.Marketplace_ListingExpired.selector, id, l.expiry);
        }
        if (l.price > maxPrice) {
            return abi.encodeWithSelector(IMarketplace.Marketplace_PriceAboveMax.selector, id, l.price, maxPrice);
        }
        if (l.seller == buyer) return abi.encodeWithSelector(IMarketplace.Marketplace_SelfDealing.selector, buyer);
        address owner = certificate.holderOf(l.tokenId);
        if (owner != l.seller) {
            return abi.encodeWithSelector(IMarketplace.Marketplace_ListingStale.selector, id, owner);
        }
        uint48 nonce = certificate.saleNonce(l.tokenId);
        if (nonce != l.nonce) {
            return abi.encodeWithSelector(IMarketplace.Marketplace_ListingVoid.selector, id, l.nonce, nonce);
        }
        if (!_approved(owner, l.tokenId)) {
            return abi.encodeWithSelector(IMarketplace.Marketplace_NotApproved.selector, l.tokenId, owner);
        }
        // Every listed certificate was sold already (minted at its sale): a listing is a resale.
        return "";
    }

    function _acceptError(uint256 id, address caller, uint256 tokenId) internal view returns (bytes memory) {
        bytes memory paused = _pausedError();
        if (paused.length != 0) return paused;
        if (id == 0 || id > store.offerCount() || !store.offer(id).open) {
            return abi.encodeWithSelector(IMarketplace.Marketplace_UnknownOffer.selector, id);
        }
        OfferGhost memory o = store.offer(id);
        if (o.expiry <= block.timestamp) {
            return abi.encodeWithSelector(IMarketplace.Marketplace_OfferExpired.selector, id, o.expiry);
        }
        if ((o.anyOfOffering ? CertificateId.offeringOf(tokenId) : tokenId) != o.target) {
            return abi.encodeWithSelector(IMarketplace.Marketplace_OfferMismatch.selector, id, tokenId);
        }
        bytes memory unsellable = _sellError(tokenId, caller, o.token);
        if (unsellable.length != 0) return unsellable;
        if (o.bidder == caller) return abi.encodeWithSelector(IMarketplace.Marketplace_SelfDealing.selector, caller);
        if (o.anyOfOffering) {
            CertificateView memory v = vault.certificateView(tokenId);
            if (v.units != o.units || v.refunded) {
                return abi.encodeWithSelector(
                    IMarketplace.Marketplace_CertificateMismatch.selector, id, tokenId, v.units, v.refunded
                );
            }
        } else {
            uint48 nonce = certificate.saleNonce(tokenId);
            if (nonce != o.nonce) {
                return abi.encodeWithSelector(IMarketplace.Marketplace_OfferVoid.selector, id, o.nonce, nonce);
            }
        }
        CertificateGhost memory c = store.certificate(tokenId);
        if (!c.sold && o.bidder == c.miner) {
            return abi.encodeWithSelector(IMarketplace.Marketplace_SelfDealing.selector, o.bidder);
        }
        return "";
    }

    function _bidError(uint256 id, address bidder, uint256 amount) internal view returns (bytes memory) {
        bytes memory paused = _pausedError();
        if (paused.length != 0) return paused;
        if (id == 0 || id > store.auctionCount() || !store.auction(id).live) {
            return abi.encodeWithSelector(IMarketplace.Marketplace_UnknownAuction.selector, id);
        }
        AuctionGhost memory a = store.auction(id);
        if (bidder == a.seller || bidder == a.primaryMiner) {
            return abi.encodeWithSelector(IMarketplace.Marketplace_SelfDealing.selector, bidder);
        }
        if (a.endTime != 0 && block.timestamp >= a.endTime) {
            return abi.encodeWithSelector(IMarketplace.Marketplace_AuctionEnded.selector, id, a.endTime);
        }
        bytes memory stale = _auctionVoidError(id, a);
        if (stale.length != 0) return stale;
        uint256 minimum = _minimumBid(a);
        if (amount < minimum) {
            return abi.encodeWithSelector(IMarketplace.Marketplace_BidTooLow.selector, id, amount, minimum);
        }
        return "";
    }

    function _settleError(uint256 id) internal view returns (bytes memory) {
        bytes memory paused = _pausedError();
        if (paused.length != 0) return paused;
        if (id == 0 || id > store.auctionCount() || !store.auction(id).live) {
            return abi.encodeWithSelector(IMarketplace.Marketplace_UnknownAuction.selector, id);
        }
        AuctionGhost memory a = store.auction(id);
        // An auction whose offering changed is voided, not refused.
        if (_auctionVoidError(id, a).length != 0) return "";
        if (a.highestBidder == address(0)) {
            return abi.encodeWithSelector(IMarketplace.Marketplace_AuctionHasNoBid.selector, id);
        }
        if (block.timestamp < a.endTime) {
            return abi.encodeWithSelector(IMarketplace.Marketplace_AuctionNotEnded.selector, id, a.endTime);
        }
        // The vault's pause is no lasting refusal: settling a primary auction waits for the unpause.
        if (CertificateId.indexOf(a.tokenId) == 0 && vault.paused()) {
            return abi.encodeWithSelector(Pausable.EnforcedPause.selector);
        }
        return "";
    }

    /// @dev `_requireSellable`: the seller holds it and approved the marketplace, the token is allowlisted, and
    /// an unsold certificate is on sale, in its offering's token.
    function _sellError(uint256 tokenId, address seller, address token) internal view returns (bytes memory) {
        address owner = certificate.holderOf(tokenId);
        if (owner != seller) {
            return abi.encodeWithSelector(IMarketplace.Marketplace_NotOwner.selector, tokenId, seller);
        }
        if (!_approved(owner, tokenId)) {
            return abi.encodeWithSelector(IMarketplace.Marketplace_NotApproved.selector, tokenId, owner);
        }
        if (token == unlisted) {
            return abi.encodeWithSelector(IMarketplace.Marketplace_PaymentTokenNotAllowed.selector, token);
        }
        return "";
    }

    /// @dev What `recordPrimarySale` refuses for an unsold certificate now (nothing: it records the sale).
    /// @dev A voided auction pushes its highest bid, if any, back to the bidder: the moves, unless the bidder refuses.
    function _expectVoidedBidRepaid(int256[] memory d, AuctionGhost memory a) internal view {
        if (a.highestBidder == address(0) || _refuses(a.token, a.highestBidder)) return;
        _receives(d, a.token, a.highestBidder, a.highestBid);
        _pays(d, a.token, address(market), a.highestBid);
    }

    /// @dev ... and credits it when the bidder refuses the transfer.
    function _creditVoidedBidIfRefused(AuctionGhost memory a) internal {
        if (a.highestBidder != address(0) && _refuses(a.token, a.highestBidder)) {
            store.addCredit(a.highestBidder, a.token, a.highestBid);
        }
    }

    /// @dev `Marketplace_AuctionVoid` when the certificate's sale nonce moved since the auction took custody (only its
    /// offering's changes can move it then), else empty.
    function _auctionVoidError(uint256 id, AuctionGhost memory a) internal view returns (bytes memory) {
        uint48 current = certificate.saleNonce(a.tokenId);
        if (current == a.nonce) return "";
        return abi.encodeWithSelector(IMarketplace.Marketplace_AuctionVoid.selector, id, a.nonce, current);
    }

    function _primaryError(CertificateGhost memory c) internal view returns (bytes memory) {
        if (vault.paused()) return abi.encodeWithSelector(Pausable.EnforcedPause.selector);
        Offering memory o = vault.offering(c.offeringId);
        if (o.status != OfferingStatus.Active) {
            return
                abi.encodeWithSelector(
                    IRiskControlVault.RiskControlVault_InvalidStatus.selector, c.offeringId, o.status
                );
        }
        uint32 today = uint32(block.timestamp / 1 days);
        if (today >= o.endDay) {
            return abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_SalesClosed.selector, c.offeringId, today, o.endDay
            );
        }
        MinerStatus status = registry.statusOf(c.miner);
        if (status != MinerStatus.Active) {
            return abi.encodeWithSelector(IRiskControlVault.RiskControlVault_MinerNotActive.selector, c.miner, status);
        }
        return "";
    }

    function _pausedError() internal view returns (bytes memory) {
        return market.paused() ? abi.encodeWithSelector(Pausable.EnforcedPause.selector) : bytes("");
    }

    /// @dev An unsold certificate the vault would record a sale of now (`isOnSale`).
    function _onSale(CertificateGhost memory c) internal view returns (bool) {
        return !c.sold && _primaryError(c).length == 0;
    }

    /// @dev The vault's view of a certificate; empty for one that no longer exists (merged away, burned).
    function _viewOf(uint256 tokenId) internal view returns (CertificateView memory v) {
        if (certificate.holderOf(tokenId) != address(0)) v = vault.certificateView(tokenId);
    }

    function _approved(address owner, uint256 tokenId) internal view returns (bool) {
        return
            certificate.isApprovedForAll(owner, address(market)) || certificate.getApproved(tokenId) == address(market);
    }

    function _minimumBid(AuctionGhost memory a) internal view returns (uint256) {
        if (a.highestBid == 0) return a.reserve;
        return a.highestBid + Math.mulDiv(a.highestBid, _incrementBps, BPS, Math.Rounding.Ceil);
    }

    function _split(uint256 price, uint16 bps) internal pure returns (uint256 fee, uint256 net) {
        fee = price * bps / BPS;
        net = price - fee;
    }

    /// @dev Whether a {HookToken} payment to `account` fails: a receiver that refuses.
    function _refuses(address token, address account) internal view returns (bool) {
        if (token != hook) return false;
        for (uint256 i; i < _receivers.length; ++i) {
            if (_receivers[i] == account) return HookReceiver(account).refusing();
        }
        return false;
    }

    /*//////////////////////////////////////////////////////////////
                            INTERNAL: PICKING
    //////////////////////////////////////////////////////////////*/

    /// @dev The first certificate from the seed on that a miner (unsold ones of its own) or a holder holds, outside
    /// any auction, and may sell here now (approved; an unsold one on sale).
    function _pickSellable(uint256 seed, bool byMiner) internal view returns (CertificateGhost memory c, bool found) {
        if (market.paused()) return (c, false);
        CertificateGhost[] memory all = store.certificates();
        uint256 n = all.length;
        for (uint256 i; i < n; ++i) {
            c = all[(seed % n + i) % n];
            if (c.auctionId != 0 || (byMiner ? c.sold || c.owner != c.miner : !_isHolder(c.owner))) continue;
            if (!_approved(c.owner, c.tokenId) || (!c.sold && !_onSale(c))) continue;
            return (c, true);
        }
        found = false;
    }

    function _pickOpenListing(uint256 seed) internal view returns (uint256 id, ListingGhost memory l, bool found) {
        ListingGhost[] memory all = store.listings();
        uint256 n = all.length;
        for (uint256 i; i < n; ++i) {
            id = (seed % n + i) % n + 1;
            l = all[id - 1];
            if (l.open) return (id, l, true);
        }
        found = false;
    }

    /// @dev The first holder from the seed on that can buy listing `id` now at its price.
    function _pickBuyer(uint256 id, ListingGhost memory l, uint256 seed) internal view returns (address, bool) {
        uint256 h = _holders.length;
        for (uint256 i; i < h; ++i) {
            address buyer = _holders[(seed % h + i) % h];
            if (buyer == l.seller || IERC20(l.token).balanceOf(buyer) < l.price) continue;
            // Checks that do not depend on the buyer fail for every buyer.
            bytes memory err = _buyError(id, buyer, l.price);
            if (err.length == 0) return (buyer, true);
            if (_selectorOf(err) != IMarketplace.Marketplace_SelfDealing.selector) return (address(0), false);
        }
        return (address(0), false);
    }

    function _pickBidder(AuctionGhost memory a, uint256 seed, uint256 amount) internal view returns (address, bool) {
        uint256 h = _holders.length;
        for (uint256 i; i < h; ++i) {
            address bidder = _holders[(seed % h + i) % h];
            if (bidder == a.seller || bidder == a.primaryMiner) continue;
            if (IERC20(a.token).balanceOf(bidder) >= amount) return (bidder, true);
        }
        return (address(0), false);
    }

    /// @dev Whether the buyer can pay `l` after what the batch spends already (then counts it).
    function _canPay(address buyer, ListingGhost memory l, uint256[] memory spent) internal view returns (bool) {
        uint256 t = _tokenIndex(l.token);
        if (IERC20(l.token).balanceOf(buyer) < spent[t] + l.price) return false;
        spent[t] += l.price;
        return true;
    }

    function _saleToken(CertificateGhost memory c, uint256 seed) internal view returns (address) {
        return c.sold ? _tokens[seed % _tokens.length] : c.offeringToken;
    }

    function _isHolder(address account) internal view returns (bool) {
        for (uint256 i; i < _holders.length; ++i) {
            if (_holders[i] == account) return true;
        }
        return false;
    }

    /*//////////////////////////////////////////////////////////////
                             INTERNAL: BATCHES
    //////////////////////////////////////////////////////////////*/

    function _newBatch(uint256 capacity) internal pure returns (Batch memory b) {
        b.ids = new uint256[](capacity);
        b.maxPrices = new uint256[](capacity);
        b.buys = new bool[](capacity);
    }

    function _addToBatch(Batch memory b, uint256 id, uint256 maxPrice, bool buys) internal pure {
        (b.ids[b.size], b.maxPrices[b.size], b.buys[b.size]) = (id, maxPrice, buys);
        ++b.size;
        if (buys) ++b.bought;
    }

    /// @dev Whether the batch buys listing `id` already (a repeat finds it deleted).
    function _batchBought(Batch memory b, uint256 id) internal pure returns (bool) {
        for (uint256 i; i < b.size; ++i) {
            if (b.buys[i] && b.ids[i] == id) return true;
        }
        return false;
    }

    /// @dev Whether the batch buys a listing of `tokenId` already (its other listings are then stale).
    function _inBatch(Batch memory b, ListingGhost[] memory all, uint256 tokenId) internal pure returns (bool) {
        for (uint256 i; i < b.size; ++i) {
            if (b.buys[i] && all[b.ids[i] - 1].tokenId == tokenId) return true;
        }
        return false;
    }

    /*//////////////////////////////////////////////////////////////
                            INTERNAL: BALANCES
    //////////////////////////////////////////////////////////////*/

    /// @dev Every tracked account's balance of every payment token (token-major).
    function _balances() internal view returns (uint256[] memory balances) {
        uint256 a = _accounts.length;
        balances = new uint256[](_tokens.length * a);
        for (uint256 t; t < _tokens.length; ++t) {
            for (uint256 i; i < a; ++i) {
                balances[t * a + i] = IERC20(_tokens[t]).balanceOf(_accounts[i]);
            }
        }
    }

    function _noMoves() internal view returns (int256[] memory) {
        return new int256[](_tokens.length * _accounts.length);
    }

    function _receives(int256[] memory d, address token, address account, uint256 amount) internal view {
        _move(d, token, account, SafeCast.toInt256(amount));
    }

    function _pays(int256[] memory d, address token, address account, uint256 amount) internal view {
        _move(d, token, account, -SafeCast.toInt256(amount));
    }

    function _move(int256[] memory d, address token, address account, int256 amount) internal view {
        uint256 a = _accounts.length;
        for (uint256 i; i < a; ++i) {
            if (_accounts[i] == account) {
                d[_tokenIndex(token) * a + i] += amount;
                return;
            }
        }
        revert("handler: untracked account");
    }

    /// @dev Every balance moved by exactly `d`: nobody paid or received anything else.
    function _expectMoves(uint256[] memory before, int256[] memory d, string memory action) internal view {
        uint256[] memory balances = _balances();
        for (uint256 i; i < balances.length; ++i) {
            if (int256(balances[i]) - int256(before[i]) != d[i]) {
                vm.assertEq(
                    int256(balances[i]) - int256(before[i]),
                    d[i],
                    string.concat(action, ": balance moves (token-major index ", vm.toString(i), ")")
                );
            }
        }
    }

    function _tokenIndex(address token) internal view returns (uint256 index) {
        while (_tokens[index] != token) ++index;
    }

    /// @dev The custom error selector of revert data (at least four bytes long).
    function _selectorOf(bytes memory data) internal pure returns (bytes4 selector) {
        assembly ("memory-safe") {
            selector := mload(add(data, 0x20))
        }
    }

    /// @dev True one time in `n` (hashed: the fuzzer favours small and repeated seeds).
    function _oneIn(uint256 seed, uint256 n) internal pure returns (bool) {
        return uint256(keccak256(abi.encode(seed))) % n == 0;
    }

    function _price(address token, uint256 seed) internal view returns (uint256) {
        return bound(seed, 1, MAX_PRICE_TOKENS * _unit[token]);
    }

    function _expiry(uint256 seed) internal view returns (uint64) {
        return uint64(block.timestamp + bound(seed, 1, MAX_EXPIRY));
    }
}
