// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IMarketplace} from "../src/interfaces/IMarketplace.sol";
import {IRiskControlVault} from "../src/interfaces/IRiskControlVault.sol";
import {CertificateId} from "../src/libraries/CertificateId.sol";
import {BridgedToken} from "../src/mocks/BridgedToken.sol";
import {AccruedFees, Fees} from "../src/types/Market.sol";
import {MinerStatus} from "../src/types/Miner.sol";
import {OfferingParams, OfferingStatus} from "../src/types/Offering.sol";
import {MarketplaceBase} from "./MarketplaceBase.t.sol";
import {GasBurningReceiver, RevertingReceiver} from "./mocks/HookReceivers.sol";
import {HookToken} from "./mocks/HookToken.sol";

/// @notice {MarketplaceBase} plus what the marketplace's concrete and fuzz tests share: a second allowlisted coin
/// (DAI, for secondary sales in another token), a token the DAO never allowlisted, an allowlisted {HookToken}
/// with an offering of its own and two contract accounts that refuse it (one reverts, one burns all gas), and
/// flows, fee arithmetic and revert data builders.
abstract contract MarketplaceTestBase is MarketplaceBase {
    uint256 internal constant BPS = 10_000;
    uint32 internal constant DAY = 1 days;
    uint256 internal constant RESALE = 4000e6;

    BridgedToken internal dai;
    BridgedToken internal unlisted;
    HookToken internal hook;
    RevertingReceiver internal reverter;
    GasBurningReceiver internal burner;
    address internal daiBridge;
    /// @dev A funded account that approved the marketplace, for tests that need a certificate's holder (certificates
    /// exist only once sold: `holdFirst` buys `first` for it).
    address internal holder;

    /// @dev The default offering's first three certificates (not minted until sold).
    uint256 internal first;
    uint256 internal second;
    uint256 internal third;
    /// @dev An offering of 20 certificates paid in {HookToken}, by the same miner.
    uint256 internal hookOfferingId;

    function setUp() public virtual override {
        super.setUp();
        first = tokenOf(offeringId, 1);
        second = tokenOf(offeringId, 2);
        third = tokenOf(offeringId, 3);
        holder = fundedBuyer("holder");

        daiBridge = makeAddr("daiBridge");
        dai = new BridgedToken("Dai Stablecoin", "DAI", 18, timelock, daiBridge);
        unlisted = new BridgedToken("Not Allowlisted", "NOPE", 18, timelock, daiBridge);
        hook = new HookToken();
        vm.label(address(dai), "DAI");
        vm.label(address(unlisted), "NOPE");
        vm.label(address(hook), "HookToken");
        vm.startPrank(timelock);
        vault.setPaymentToken(address(dai), true);
        vault.setPaymentToken(address(hook), true);
        vm.stopPrank();

        OfferingParams memory params = defaultOffering();
        params.paymentToken = address(hook);
        hookOfferingId = createOfferingAs(miner, params);

        reverter = new RevertingReceiver(hook);
        burner = new GasBurningReceiver(hook);
        vm.label(address(reverter), "RevertingReceiver");
        vm.label(address(burner), "GasBurningReceiver");

        address[5] memory accounts = [buyer1, buyer2, buyer3, address(reverter), address(burner)];
        for (uint256 i; i < accounts.length; ++i) {
            fundHook(accounts[i], 1_000_000e18);
            vm.startPrank(accounts[i]);
            dai.approve(address(market), type(uint256).max);
            certificate.setApprovalForAll(address(market), true);
            vm.stopPrank();
            vm.prank(daiBridge);
            dai.mint(accounts[i], 1_000_000e18);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                 FLOWS
    //////////////////////////////////////////////////////////////*/

    function inAWeek() internal view returns (uint64) {
        return uint64(block.timestamp + WEEK);
    }

    /// @dev Mints `amount` {HookToken} to `account` and lets the marketplace pull all of it. A hooked receiver's
    /// hook is off while it is funded, so that it starts with tokens and with nothing `received`.
    function fundHook(address account, uint256 amount) internal {
        bool hooked = hook.hooked(account);
        if (hooked) {
            vm.prank(account);
            hook.registerHook(false);
        }
        hook.mint(account, amount);
        if (hooked) {
            vm.prank(account);
            hook.registerHook(true);
        }
        vm.prank(account);
        hook.approve(address(market), type(uint256).max);
    }

    /// @dev `account` buys one lot of UNITS of `tokenId`'s offering for `PRICE` (its primary sale), which mints
    /// the offering's next certificate to it: `tokenId` must be that one.
    function buyPrimary(address account, uint256 tokenId) internal returns (uint256) {
        uint256 minted = buyUnits(account, offeringIdOf(tokenId), UNITS, PRICE);
        assertEq(minted, tokenId, "buyPrimary: the offering's next certificate");
        return tokenId;
    }

    /// @dev The holder buys `first` (the offering's first sale).
    function holdFirst() internal {
        buyPrimary(holder, first);
    }

    /// @dev `account` buys `units` of an offering at its price per unit, paying at most `maxPrice`.
    function buyUnits(address account, uint256 offeringId_, uint256 units, uint256 maxPrice)
        internal
        returns (uint256 tokenId)
    {
        vm.prank(account);
        tokenId = market.buyPrimary(offeringId_, units, maxPrice);
    }

    function offeringIdOf(uint256 tokenId) internal pure returns (uint256) {
        return CertificateId.offeringOf(tokenId);
    }

    /// @dev The miner auctions a lot of `units` of an offering.
    function primaryAuctionAs(address miner_, uint256 offeringId_, uint256 units, uint256 reserve, uint32 duration)
        internal
        returns (uint256 auctionId)
    {
        vm.prank(miner_);
        auctionId = market.createPrimaryAuction(offeringId_, units, reserve, duration);
    }

    function listIn(address seller_, uint256 tokenId, address paymentToken, uint256 price)
        internal
        returns (uint256 listingId)
    {
        vm.prank(seller_);
        listingId = market.list(tokenId, paymentToken, price, inAWeek());
    }

    function auctionAs(address seller_, uint256 tokenId, address paymentToken, uint256 reserve, uint32 duration)
        internal
        returns (uint256 auctionId)
    {
        vm.prank(seller_);
        auctionId = market.createAuction(tokenId, paymentToken, reserve, duration);
    }

    function bidAs(address bidder, uint256 auctionId, uint256 amount) internal {
        vm.prank(bidder);
        market.bid(auctionId, amount);
    }

    function offerAs(address bidder, uint256 tokenId, address paymentToken, uint256 amount)
        internal
        returns (uint256 offerId)
    {
        vm.prank(bidder);
        offerId = market.makeOffer(tokenId, paymentToken, amount, inAWeek());
    }

    /// @dev An offer on an offering for a certificate of the units its certificates were minted with.
    function offeringOfferAs(address bidder, uint256 offeringId_, address paymentToken, uint256 amount)
        internal
        returns (uint256 offerId)
    {
        return offeringOfferAs(bidder, offeringId_, UNITS, paymentToken, amount);
    }

    function offeringOfferAs(address bidder, uint256 offeringId_, uint64 units, address paymentToken, uint256 amount)
        internal
        returns (uint256 offerId)
    {
        vm.prank(bidder);
        offerId = market.makeOfferingOffer(offeringId_, units, paymentToken, amount, inAWeek());
    }

    function acceptAs(address seller_, uint256 offerId, uint256 tokenId) internal {
        vm.prank(seller_);
        market.acceptOffer(offerId, tokenId);
    }

    function setFees(uint16 channelBps, uint16 tradingBps, uint16 insuranceShareBps) internal {
        vm.prank(timelock);
        market.setFees(Fees({channelBps: channelBps, tradingBps: tradingBps, insuranceShareBps: insuranceShareBps}));
    }

    function pauseMarket() internal {
        vm.prank(council);
        market.pause();
    }

    function terminateOffering(uint256 offeringId_) internal {
        vm.prank(timelock);
        vault.terminate(offeringId_);
    }

    function resumeOffering(uint256 offeringId_) internal {
        vm.prank(timelock);
        vault.resume(offeringId_);
    }

    /// @dev Freezes the default offering: unless a certificate was sold already, sells the 20th to buyer3 (so
    /// delivery is owed from today, day 0), then anyone flags it on day 7 after seven missed days (the default
    /// window).
    function freezeOffering() internal {
        if (vault.offering(offeringId).soldUnits == 0) buyUnits(buyer3, offeringId, UNITS, PRICE);
        warpToDay(today + 7);
        vault.flag(offeringId);
        assertOfferingStatus(offeringId, OfferingStatus.Frozen, "frozen");
    }

    /*//////////////////////////////////////////////////////////////
                             FEE ARITHMETIC
    //////////////////////////////////////////////////////////////*/

    function channelFee(uint256 price) internal view returns (uint256 f) {
        (uint16 channelBps,,) = market.fees();
        f = price * channelBps / BPS;
    }

    function tradingFee(uint256 price) internal view returns (uint256 f) {
        (, uint16 tradingBps,) = market.fees();
        f = price * tradingBps / BPS;
    }

    /// @dev The insurance reserve's part of a fee; the treasury gets the rest.
    function insuranceCut(uint256 feeAmount) internal view returns (uint256) {
        (,, uint16 share) = market.fees();
        return feeAmount * share / BPS;
    }

    /*//////////////////////////////////////////////////////////////
                               BALANCES
    //////////////////////////////////////////////////////////////*/

    /// @dev Token balances of everyone a sale can pay. The treasury's and the insurance reserve's include the
    /// fees accrued to them in the marketplace (theirs, sent on by `collectFees`); `market` is what the
    /// marketplace holds for others (bids, offers, credits), its accrued fees excluded.
    struct Balances {
        uint256 buyer;
        uint256 seller;
        uint256 miner;
        uint256 treasury;
        uint256 insurance;
        uint256 vault;
        uint256 market;
    }

    function balancesOf(IERC20 erc20, address buyer_, address seller_) internal view returns (Balances memory b) {
        b.buyer = erc20.balanceOf(buyer_);
        b.seller = erc20.balanceOf(seller_);
        b.miner = erc20.balanceOf(miner);
        AccruedFees memory accrued = market.accruedFees(address(erc20));
        b.treasury = erc20.balanceOf(market.treasury()) + accrued.treasury;
        b.insurance = erc20.balanceOf(market.insuranceReserve()) + accrued.insurance;
        b.vault = erc20.balanceOf(address(vault));
        b.market = erc20.balanceOf(address(market)) - accrued.treasury - accrued.insurance;
    }

    /// @dev The fee of a sale went to the treasury and the insurance reserve, split by the insurance share.
    function assertFeesPaid(Balances memory b, Balances memory a, uint256 feeAmount, string memory message)
        internal
        view
    {
        uint256 toInsurance = insuranceCut(feeAmount);
        assertEq(a.insurance - b.insurance, toInsurance, string.concat(message, ": insurance share"));
        assertEq(a.treasury - b.treasury, feeAmount - toInsurance, string.concat(message, ": treasury share"));
    }

    /*//////////////////////////////////////////////////////////////
                              REVERT DATA
    //////////////////////////////////////////////////////////////*/

    /// @dev OpenZeppelin AccessControl's `AccessControlUnauthorizedAccount(account, role)`.
    function unauthorizedError(address account, bytes32 role) internal pure returns (bytes memory) {
        return abi.encodeWithSignature("AccessControlUnauthorizedAccount(address,bytes32)", account, role);
    }

    /// @dev OpenZeppelin Pausable's `EnforcedPause()`.
    function enforcedPauseError() internal pure returns (bytes memory) {
        return abi.encodeWithSignature("EnforcedPause()");
    }

    /// @dev OpenZeppelin Pausable's `ExpectedPause()`.
    function expectedPauseError() internal pure returns (bytes memory) {
        return abi.encodeWithSignature("ExpectedPause()");
    }

    function statusError(uint256 offeringId_, OfferingStatus status) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IRiskControlVault.RiskControlVault_InvalidStatus.selector, offeringId_, status);
    }

    function minerNotActiveError(MinerStatus status) internal view returns (bytes memory) {
        return abi.encodeWithSelector(IRiskControlVault.RiskControlVault_MinerNotActive.selector, miner, status);
    }

    function unknownListingError(uint256 listingId) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IMarketplace.Marketplace_UnknownListing.selector, listingId);
    }

    /// @dev `Marketplace_AuctionVoid` as the auction's settlement would raise it now.
    function auctionVoidError(uint256 auctionId) internal view returns (bytes memory) {
        uint256 tokenId = market.auction(auctionId).tokenId;
        return abi.encodeWithSelector(
            IMarketplace.Marketplace_AuctionVoid.selector,
            auctionId,
            market.auction(auctionId).nonce,
            certificate.saleNonce(tokenId)
        );
    }

    function unknownAuctionError(uint256 auctionId) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IMarketplace.Marketplace_UnknownAuction.selector, auctionId);
    }

    function unknownOfferError(uint256 offerId) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IMarketplace.Marketplace_UnknownOffer.selector, offerId);
    }

    function selfDealingError(address account) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IMarketplace.Marketplace_SelfDealing.selector, account);
    }

    /*//////////////////////////////////////////////////////////////
                                 ARRAYS
    //////////////////////////////////////////////////////////////*/

    function ids(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory list) {
        list = new uint256[](3);
        (list[0], list[1], list[2]) = (a, b, c);
    }

    function flags(bool[] memory values) internal pure returns (uint256 bits) {
        for (uint256 i; i < values.length; ++i) {
            if (values[i]) bits |= 2 ** i;
        }
    }
}
