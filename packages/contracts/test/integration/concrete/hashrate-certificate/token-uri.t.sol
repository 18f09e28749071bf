// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ApplicationParams, Coin} from "../../../../src/types/Miner.sol";
import {OfferingParams} from "../../../../src/types/Offering.sol";
import {DefaultOfferingTestBase} from "../../../DefaultOfferingTestBase.t.sol";

contract TokenURI_HashrateCertificate_Concrete_Test is DefaultOfferingTestBase {
    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    /// @dev The decoded JSON of a token's `data:application/json;base64,` URI.
    function metadata(uint256 tokenId) internal view returns (string memory) {
        return string(decodeBase64(stripPrefix(certificate.tokenURI(tokenId), "data:application/json;base64,")));
    }

    /// @dev The decoded SVG of the JSON's `image` data URI.
    function svgOf(string memory json) internal pure returns (string memory) {
        string memory image = vmx.parseJsonString(json, ".image");
        return string(decodeBase64(stripPrefix(image, "data:image/svg+xml;base64,")));
    }

    function attribute(string memory json, uint256 index) internal pure returns (string memory) {
        return vmx.parseJsonString(json, string.concat(".attributes[", vm.toString(index), "].value"));
    }

    function statusOf(uint256 tokenId) internal view returns (string memory status) {
        string memory json = metadata(tokenId);
        status = attribute(json, 6);
        assertContains(svgOf(json), string.concat(">", status, "</text>"), "status in the image");
    }

    /// @dev Lower-case `0x` hex, as OpenZeppelin's `Strings.toHexString(address)` writes it.
    function lowerHex(address account) internal pure returns (string memory) {
        bytes memory digits = "0123456789abcdef";
        bytes memory out = new bytes(42);
        out[0] = "0";
        out[1] = "x";
        uint160 value = uint160(account);
        for (uint256 i; i < 40; ++i) {
            out[41 - i] = digits[value & 0xf];
            value >>= 4;
        }
        return string(out);
    }

    /*//////////////////////////////////////////////////////////////
                                CONTENT
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_TokenDoesNotExist() external {
        uint256 missing = tokenOf(offeringId, COUNT + 1);
        vm.expectRevert(abi.encodeWithSignature("TokenDoesNotExist()"));
        certificate.tokenURI(missing);
    }

    function test_TheJsonNamesDescribesAndListsTheAttributes() external {
        sell(first, buyer, PRICE);
        string memory json = metadata(first);
        assertEq(vmx.parseJsonString(json, ".name"), "DMEX Filecoin #1-1", "name");
        assertEq(
            vmx.parseJsonString(json, ".description"),
            "A DMEX hashrate certificate: 10 TiB of Filecoin mining for the term shown. Its escrow and yield are held by the DMEX RiskControlVault.",
            "description"
        );
        assertEq(vmx.parseJsonString(json, ".attributes[0].trait_type"), "Coin", "trait 0");
        assertEq(attribute(json, 0), "Filecoin", "coin");
        assertEq(attribute(json, 1), "10 TiB", "units");
        assertEq(attribute(json, 2), lowerHex(miner), "miner");
        assertEq(attribute(json, 3), "2026-01-01", "start");
        assertEq(attribute(json, 4), "2026-01-31", "end");
        assertEq(attribute(json, 5), "30", "term");
        assertEq(vmx.parseJsonString(json, ".attributes[6].trait_type"), "Status", "trait 6");
        assertEq(attribute(json, 6), "Running", "status");
    }

    function test_TheImageShowsCoinUnitsTermMinerAndStatus() external {
        sell(first, buyer, PRICE);
        string memory svg = svgOf(metadata(first));
        assertContains(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"", "svg root");
        assertContains(svg, ">Filecoin</text>", "coin name");
        assertContains(svg, ">10 TiB</text>", "units with the unit name");
        assertContains(svg, "2026-01-01 to 2026-01-31 (30 days)", "term");
        assertContains(svg, string.concat("Miner ", lowerHex(miner)), "miner");
        assertContains(svg, ">Running</text>", "status");
        assertContains(svg, ">DMEX Filecoin #1-1</text>", "label");
        assertContains(svg, "</svg>", "closed");
    }

    function test_TheImageShowsTheCurrentUnitsAfterASplit() external {
        sell(first, buyer, PRICE);
        uint256 part = splitAs(buyer, first, 3);
        assertContains(svgOf(metadata(first)), ">7 TiB</text>", "kept part");
        string memory json = metadata(part);
        assertContains(svgOf(json), ">3 TiB</text>", "new part");
        assertEq(vmx.parseJsonString(json, ".name"), "DMEX Filecoin #1-2", "new part's name");
    }

    function test_UnitsAreMultipliedByTheCoinsUnitSizeAndNamesAreSanitized() external {
        vm.prank(timelock);
        uint256 coinId = registry.registerCoin(
            Coin({
                name: "Bad\"Coin<x>&\\\n",
                unitName: "P<B>",
                unitSize: 1000,
                yieldToken: address(wbtc),
                displayDecimals: 8
            })
        );
        ApplicationParams memory params = defaultParams();
        params.coinId = coinId;
        vm.prank(bob);
        uint256 applicationId = registry.submitApplication(params);
        approve(applicationId);
        stakeAs(bob, REQUIRED_STAKE);
        OfferingParams memory offer = defaultOffering();
        offer.coinId = coinId;
        uint256 badOffering = createOfferingAs(bob, offer);
        sell(tokenOf(badOffering, 1), buyer, PRICE);

        string memory json = metadata(tokenOf(badOffering, 1));
        assertEq(vmx.parseJsonString(json, ".name"), "DMEX Bad_Coin_x____ #2-1", "name sanitized");
        assertEq(attribute(json, 0), "Bad_Coin_x____", "coin sanitized");
        assertEq(attribute(json, 1), "10000 P_B_", "units times the unit size, unit name sanitized");
        string memory svg = svgOf(json);
        assertContains(svg, ">Bad_Coin_x____</text>", "svg coin");
        assertNotContains(svg, "<x>", "no injected tag");
    }

    function test_DatesAcrossAYearEnd() external {
        OfferingParams memory params = defaultOffering();
        params.startDay = today + 364; // 2026-12-31
        params.termDays = 60;
        uint256 later = createOfferingAs(miner, params);
        sell(tokenOf(later, 1), buyer, PRICE);
        string memory json = metadata(tokenOf(later, 1));
        assertEq(attribute(json, 3), "2026-12-31", "start");
        assertEq(attribute(json, 4), "2027-03-01", "end (2027 is no leap year)");
        assertEq(attribute(json, 5), "60", "term");
    }

    /*//////////////////////////////////////////////////////////////
                                 STATUS
    //////////////////////////////////////////////////////////////*/

    function test_Status_Upcoming() external {
        OfferingParams memory params = defaultOffering();
        params.startDay = today + 3;
        uint256 later = createOfferingAs(miner, params);
        sell(tokenOf(later, 1), buyer, PRICE);
        assertEq(statusOf(tokenOf(later, 1)), "Upcoming", "sold before the start");
        warpToDay(today + 3);
        assertEq(statusOf(tokenOf(later, 1)), "Running", "from the start");
    }

    function test_Status_RunningThenEnded() external {
        sell(first, buyer, PRICE);
        assertEq(statusOf(first), "Running", "running");
        warpToDay(today + TERM - 1);
        assertEq(statusOf(first), "Running", "last day");
        warpToDay(today + TERM);
        assertEq(statusOf(first), "Ended", "term over, not finished");
    }

    function test_Status_Frozen() external {
        sell(first, buyer, PRICE);
        warpToDay(today + 7);
        flagAs(stranger, offeringId);
        assertEq(statusOf(first), "Frozen", "sold");
    }

    function test_Status_TerminatedThenRefunded() external {
        sell(first, buyer, PRICE);
        terminateOffering(offeringId);
        assertEq(statusOf(first), "Terminated", "terminated");
        refundAs(buyer, ids(first));
        assertEq(statusOf(first), "Refunded", "refunded");
    }

    function test_Status_Finished() external {
        sell(first, buyer, PRICE);
        deliverDays(offeringId, today, today + TERM, DAILY_YIELD);
        vault.finish(offeringId);
        assertEq(statusOf(first), "Finished", "finished");
    }
}
