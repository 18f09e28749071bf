// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OfferingParams} from "../../src/types/Offering.sol";
import {VaultBase} from "../VaultBase.t.sol";

/// @notice Gas benchmarks of the RiskControlVault and its certificates, written to
/// snapshots/risk_control_vault.json by `vm.snapshotGasLastCall`.
/// @dev One measured call per test (storage touched in setUp is cold again in the test, as in a real
/// transaction). Deposits are measured for an odd day, whose delivery slot is shared with the even day before
/// it: the cheaper of the two alternating cases; `depositYield_evenDay` is the other one. Every deposit is for
/// a day the oracle has finalized (market 1 per unit), so that it is rated, and its escrow released, at once.
abstract contract VaultGasBase is VaultBase {
    address internal holder;

    function gasGroup() internal pure override returns (string memory) {
        return "risk_control_vault";
    }

    function setUp() public virtual override {
        super.setUp();
        holder = makeAddr("holder");
        activate(miner);
    }

    /// @dev An offering of `count` lots of UNITS, on sale through its term.
    function offeringWith(uint32 count, uint32 termDays) internal returns (uint256 offeringId) {
        OfferingParams memory params = withLots(defaultOffering(), UNITS, count);
        params.termDays = termDays;
        params.saleEnd = uint40((uint256(params.startDay) + termDays) * 1 days);
        offeringId = createOfferingAs(miner, params);
    }

    /// @dev Records `count` primary sales of one minimum lot each, minting certificates 1..count to the holder.
    function recordSales(uint256 offeringId, uint256 count) internal {
        uint256 lot = vault.offering(offeringId).minLot;
        vm.prank(usdcBridge);
        usdc.mint(seller, count * PRICE);
        vm.startPrank(seller);
        for (uint256 i = 1; i <= count; ++i) {
            vault.recordPrimarySale(offeringId, holder, lot, PRICE, false);
        }
        vm.stopPrank();
    }

    /// @dev Mints and approves IFIL for the miner so that a measured deposit pays no first-approval cost.
    function fundMinerYield(uint256 amount) internal {
        vm.prank(ifilBridge);
        ifil.mint(miner, amount);
        vm.prank(miner);
        ifil.approve(address(vault), type(uint256).max);
    }
}

/// @dev An offering with `soldCertificates()` sold (one unit each) whose day 0 is delivered; the test
/// delivers day 1 (odd) on day 2, the steady state of a miner paying daily.
abstract contract DepositGasBase is VaultGasBase {
    uint256 internal offeringId;

    function soldCertificates() internal pure virtual returns (uint32);

    function setUp() public override {
        super.setUp();
        vm.prank(timelock);
        registry.setCapacity(miner, 10_000);
        offeringId = createOfferingAs(miner, withLots(defaultOffering(), 1, soldCertificates()));
        recordSales(offeringId, soldCertificates());
        fundMinerYield(10e18);
        warpToDay(today + 1);
        if (!oracle.isFinal(filCoinId, today)) rate(today, 1);
        vm.prank(miner);
        vault.depositYield(offeringId, today, 1e18);
        warpToDay(today + 2);
    }
}

contract RiskControlVault_Deposit1_Gas_Test is DepositGasBase {
    function soldCertificates() internal pure override returns (uint32) {
        return 1;
    }

    function test_Gas_DepositYield_1cert() external {
        if (!oracle.isFinal(filCoinId, today + 1)) rate(today + 1, 1);
        vm.prank(miner);
        vault.depositYield(offeringId, today + 1, 1e18);
        snapshotGas("depositYield_1cert");
    }

    /// @dev A top-up of the already delivered day 0 (late extra yield).
    function test_Gas_DepositYield_TopUp() external {
        if (!oracle.isFinal(filCoinId, today)) rate(today, 1);
        vm.prank(miner);
        vault.depositYield(offeringId, today, 1e18);
        snapshotGas("depositYield_topUp");
    }
}

contract RiskControlVault_Deposit10000_Gas_Test is DepositGasBase {
    function soldCertificates() internal pure override returns (uint32) {
        return 10_000;
    }

    function test_Gas_DepositYield_10000certs() external {
        if (!oracle.isFinal(filCoinId, today + 1)) rate(today + 1, 1);
        vm.prank(miner);
        vault.depositYield(offeringId, today + 1, 1e18);
        snapshotGas("depositYield_10000certs");
    }
}

/// @dev Day 1 (odd) delivered; the test delivers day 2 (even), which opens a new delivery slot.
contract RiskControlVault_DepositEvenDay_Gas_Test is VaultGasBase {
    uint256 internal offeringId;

    function setUp() public override {
        super.setUp();
        offeringId = offeringWith(1, 30);
        recordSales(offeringId, 1);
        fundMinerYield(10e18);
        for (uint32 day = today; day < today + 2; ++day) {
            warpToDay(day + 1);
            if (!oracle.isFinal(filCoinId, day)) rate(day, 1);
            vm.prank(miner);
            vault.depositYield(offeringId, day, 1e18);
        }
        warpToDay(today + 3);
    }

    function test_Gas_DepositYield_EvenDay() external {
        if (!oracle.isFinal(filCoinId, today + 2)) rate(today + 2, 1);
        vm.prank(miner);
        vault.depositYield(offeringId, today + 2, 1e18);
        snapshotGas("depositYield_evenDay");
    }
}

/// @dev A 400-day offering with 20 certificates sold and `deliveredDays()` delivered; the miner has
/// withdrawn once before (so its USDC balance slot exists, as for any miner after its first withdrawal).
abstract contract WithdrawGasBase is VaultGasBase {
    uint256 internal offeringId;

    function deliveredDays() internal pure virtual returns (uint32);

    function setUp() public override {
        super.setUp();
        offeringId = offeringWith(20, 400);
        recordSales(offeringId, 20);
        fundMinerYield(1000e18);
        vm.prank(usdcBridge);
        usdc.mint(miner, 1);
        for (uint32 day = today; day < today + deliveredDays(); ++day) {
            warpToDay(day + 1);
            if (!oracle.isFinal(filCoinId, day)) rate(day, 1);
            vm.prank(miner);
            vault.depositYield(offeringId, day, 1e18);
        }
    }
}

contract RiskControlVault_Withdraw1_Gas_Test is WithdrawGasBase {
    function deliveredDays() internal pure override returns (uint32) {
        return 1;
    }

    function test_Gas_WithdrawEscrow_1day() external {
        vm.prank(miner);
        vault.withdrawEscrow(offeringId);
        snapshotGas("withdrawEscrow_1day");
    }
}

contract RiskControlVault_Withdraw365_Gas_Test is WithdrawGasBase {
    function deliveredDays() internal pure override returns (uint32) {
        return 365;
    }

    function test_Gas_WithdrawEscrow_365days() external {
        vm.prank(miner);
        vault.withdrawEscrow(offeringId);
        snapshotGas("withdrawEscrow_365days");
    }
}

contract RiskControlVault_Holder_Gas_Test is VaultGasBase {
    uint256 internal offeringId;

    function setUp() public override {
        super.setUp();
        offeringId = offeringWith(20, 30);
        recordSales(offeringId, 20); // minted to the holder
        // The holder already holds some IFIL, as after its first claim.
        vm.prank(ifilBridge);
        ifil.mint(holder, 1);
        warpToDay(today + 1);
        deliver(offeringId, today, 20e18);
    }

    function test_Gas_Claim_1cert() external {
        claimAs(holder, ids(tokenOf(offeringId, 1)));
        snapshotGas("claim_1cert");
    }

    /// @dev A holder's second claim of a certificate (its yield checkpoint slot exists): the steady state.
    function test_Gas_Claim_1cert_Again() external {
        claimAs(holder, ids(tokenOf(offeringId, 2)));
        vm.warp(block.timestamp + 1 days);
        deliver(offeringId, today + 1, 20e18);
        claimAs(holder, ids(tokenOf(offeringId, 1)));
        snapshotGas("claim_1cert_again");
    }

    function test_Gas_Claim_20certs() external {
        uint256[] memory tokenIds = new uint256[](20);
        for (uint256 i; i < 20; ++i) {
            tokenIds[i] = tokenOf(offeringId, i + 1);
        }
        claimAs(holder, tokenIds);
        snapshotGas("claim_20certs");
    }

    function test_Gas_Split() external {
        vm.prank(holder);
        vault.split(tokenOf(offeringId, 1), 4);
        snapshotGas("split");
    }

    function test_Gas_Merge() external {
        vm.prank(holder);
        vault.merge(tokenOf(offeringId, 1), tokenOf(offeringId, 2));
        snapshotGas("merge");
    }

    function test_Gas_TransferSoldCertificate() external {
        vm.prank(holder);
        certificate.transferFrom(holder, miner, tokenOf(offeringId, 1));
        snapshotGas("certificate_transfer");
    }
}

contract RiskControlVault_Refund_Gas_Test is VaultGasBase {
    uint256 internal offeringId;

    function setUp() public override {
        super.setUp();
        offeringId = offeringWith(20, 30);
        recordSales(offeringId, 20); // minted to the holder
        vm.prank(usdcBridge);
        usdc.mint(holder, 1);
        warpToDay(today + 1);
        deliver(offeringId, today, 20e18);
        vm.prank(timelock);
        vault.terminate(offeringId);
    }

    function test_Gas_Refund_1cert() external {
        refundAs(holder, ids(tokenOf(offeringId, 1)));
        snapshotGas("refund_1cert");
    }
}

/// @dev An offering with one certificate sold today; the test records another sale.
contract RiskControlVault_Sale_Gas_Test is VaultGasBase {
    uint256 internal offeringId;

    function setUp() public override {
        super.setUp();
        offeringId = offeringWith(20, 30);
        recordSales(offeringId, 1);
        vm.prank(usdcBridge);
        usdc.mint(seller, PRICE);
    }

    /// @dev Mints the certificate to an account that holds none yet (its balance slot goes from zero).
    function test_Gas_RecordPrimarySale() external {
        vm.prank(seller);
        vault.recordPrimarySale(offeringId, miner, UNITS, PRICE, false);
        snapshotGas("recordPrimarySale");
    }

    /// @dev The first sale of a new day adds a sale checkpoint.
    function test_Gas_RecordPrimarySale_NewDay() external {
        warpToDay(today + 1);
        vm.prank(seller);
        vault.recordPrimarySale(offeringId, miner, UNITS, PRICE, false);
        snapshotGas("recordPrimarySale_newDay");
    }
}

contract RiskControlVault_Flag_Gas_Test is VaultGasBase {
    uint256 internal offeringId;

    function setUp() public override {
        super.setUp();
        offeringId = offeringWith(20, 30);
        recordSales(offeringId, 20);
        warpToDay(today + 7);
    }

    function test_Gas_Flag() external {
        vault.flag(offeringId);
        snapshotGas("flag_7missedDays");
    }
}

/// @dev `createOffering` and `closeSale` cost the same for any number of units: nothing is minted before a sale,
/// and the unsold units return to capacity with one subtraction.
abstract contract OfferingGasBase is VaultGasBase {
    function setUp() public virtual override {
        super.setUp();
        vm.prank(timelock);
        registry.setCapacity(miner, 200_000);
    }

    function paramsOf(uint64 units) internal view returns (OfferingParams memory params) {
        params = defaultOffering();
        (params.units, params.minLot) = (units, 1);
    }

    /// @dev One sale happened (so the offering stays open); the test ends the window and anyone returns the unsold.
    function closedSaleOf(uint64 units) internal returns (uint256 offeringId) {
        offeringId = createOfferingAs(miner, paramsOf(units));
        vm.prank(usdcBridge);
        usdc.mint(seller, PRICE);
        vm.prank(seller);
        vault.recordPrimarySale(offeringId, holder, 1, PRICE, false);
    }
}

contract RiskControlVault_Offering_Gas_Test is OfferingGasBase {
    function test_Gas_CreateOffering_10units() external {
        OfferingParams memory params = paramsOf(10);
        vm.prank(miner);
        vault.createOffering(params);
        snapshotGas("createOffering_10units");
    }

    function test_Gas_CreateOffering_100000units() external {
        OfferingParams memory params = paramsOf(100_000);
        vm.prank(miner);
        vault.createOffering(params);
        snapshotGas("createOffering_100000units");
    }
}

contract RiskControlVault_CloseSale_Gas_Test is OfferingGasBase {
    uint256 internal small;
    uint256 internal large;

    function setUp() public override {
        super.setUp();
        small = closedSaleOf(10);
        large = closedSaleOf(100_000);
        vm.warp(vault.offering(small).saleEnd);
    }

    function test_Gas_CloseSale_10units() external {
        vault.closeSale(small);
        snapshotGas("closeSale_10units");
    }

    function test_Gas_CloseSale_100000units() external {
        vault.closeSale(large);
        snapshotGas("closeSale_100000units");
    }
}
