// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";

import {ICertificateRenderer} from "../../../../src/interfaces/ICertificateRenderer.sol";
import {IHashrateCertificate} from "../../../../src/interfaces/IHashrateCertificate.sol";
import {VaultTestBase} from "../../../VaultTestBase.t.sol";

contract FixedRenderer is ICertificateRenderer {
    function tokenURI(address, uint256) external pure override returns (string memory) {
        return "ipfs://fixed";
    }
}

contract SetRenderer_HashrateCertificate_Concrete_Test is VaultTestBase {
    FixedRenderer internal fixedRenderer;

    function setUp() public override {
        super.setUp();
        fixedRenderer = new FixedRenderer();
    }

    function setAs(address caller, address newRenderer) internal {
        vm.prank(caller);
        certificate.setRenderer(ICertificateRenderer(newRenderer));
    }

    function test_RevertWhen_CallerIsTheCouncil() external {
        vm.expectRevert(abi.encodeWithSelector(IHashrateCertificate.HashrateCertificate_NotAdmin.selector, council));
        setAs(council, address(fixedRenderer));
    }

    function test_RevertWhen_CallerIsTheVault() external {
        vm.expectRevert(
            abi.encodeWithSelector(IHashrateCertificate.HashrateCertificate_NotAdmin.selector, address(vault))
        );
        setAs(address(vault), address(fixedRenderer));
    }

    function test_RevertWhen_RendererIsNotAContract() external {
        vm.expectRevert(
            abi.encodeWithSelector(IHashrateCertificate.HashrateCertificate_InvalidRenderer.selector, stranger)
        );
        setAs(timelock, stranger);
    }

    function test_RevertWhen_RendererIsZero() external {
        vm.expectRevert(
            abi.encodeWithSelector(IHashrateCertificate.HashrateCertificate_InvalidRenderer.selector, address(0))
        );
        setAs(timelock, address(0));
    }

    function test_WhenTheVaultAdmin_ItReplacesTheRendererAndAnnouncesEveryToken() external {
        uint256 offeringId = createDefaultOffering();
        sell(tokenOf(offeringId, 1), makeAddr("buyer"), PRICE);
        vm.expectEmit(address(certificate));
        emit IHashrateCertificate.RendererSet(address(renderer), address(fixedRenderer));
        vm.expectEmit(address(certificate));
        emit IERC4906.BatchMetadataUpdate(0, type(uint256).max);
        setAs(timelock, address(fixedRenderer));

        assertEq(address(certificate.renderer()), address(fixedRenderer), "renderer");
        assertEq(certificate.tokenURI(tokenOf(offeringId, 1)), "ipfs://fixed", "new metadata");
    }

    function test_WhenAdminRoleMoves_TheNewAdminSetsTheRenderer() external {
        vm.startPrank(timelock);
        vault.grantRole(vault.DEFAULT_ADMIN_ROLE(), stranger);
        vault.renounceRole(vault.DEFAULT_ADMIN_ROLE(), timelock);
        vm.stopPrank();

        vm.expectRevert(abi.encodeWithSelector(IHashrateCertificate.HashrateCertificate_NotAdmin.selector, timelock));
        setAs(timelock, address(fixedRenderer));
        setAs(stranger, address(fixedRenderer));
        assertEq(address(certificate.renderer()), address(fixedRenderer), "renderer");
    }
}
