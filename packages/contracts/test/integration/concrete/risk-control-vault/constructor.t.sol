// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CertificateRenderer} from "../../../../src/CertificateRenderer.sol";
import {HashrateCertificate} from "../../../../src/HashrateCertificate.sol";
import {RiskControlVault} from "../../../../src/RiskControlVault.sol";
import {ICertificateRenderer} from "../../../../src/interfaces/ICertificateRenderer.sol";
import {IHashrateCertificate} from "../../../../src/interfaces/IHashrateCertificate.sol";
import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {IYieldOracle} from "../../../../src/interfaces/IYieldOracle.sol";
import {VaultTestBase} from "../../../VaultTestBase.t.sol";

contract Constructor_RiskControlVault_Concrete_Test is VaultTestBase {
    function deploy(address admin, address council_, address registry_, address oracle_, address renderer_)
        internal
        returns (RiskControlVault)
    {
        return new RiskControlVault(
            admin, council_, IMinerRegistry(registry_), IYieldOracle(oracle_), ICertificateRenderer(renderer_)
        );
    }

    function test_RevertWhen_AdminIsZero() external {
        vm.expectRevert(vaultError(IRiskControlVault.RiskControlVault_ZeroAddress.selector));
        deploy(address(0), council, address(registry), address(oracle), address(renderer));
    }

    function test_RevertWhen_RegistryIsZero() external {
        vm.expectRevert(vaultError(IRiskControlVault.RiskControlVault_ZeroAddress.selector));
        deploy(timelock, council, address(0), address(oracle), address(renderer));
    }

    function test_RevertWhen_OracleIsZero() external {
        vm.expectRevert(vaultError(IRiskControlVault.RiskControlVault_ZeroAddress.selector));
        deploy(timelock, council, address(registry), address(0), address(renderer));
    }

    function test_RevertWhen_RendererIsNotAContract() external {
        vm.expectRevert(
            abi.encodeWithSelector(IHashrateCertificate.HashrateCertificate_InvalidRenderer.selector, stranger)
        );
        deploy(timelock, council, address(registry), address(oracle), stranger);
    }

    function test_RevertWhen_RendererIsZero() external {
        vm.expectRevert(
            abi.encodeWithSelector(IHashrateCertificate.HashrateCertificate_InvalidRenderer.selector, address(0))
        );
        deploy(timelock, council, address(registry), address(oracle), address(0));
    }

    function test_WhenCouncilIsSet_ItWiresEverything() external {
        CertificateRenderer newRenderer = new CertificateRenderer();
        vm.expectEmit();
        emit IHashrateCertificate.RendererSet(address(0), address(newRenderer));
        vm.expectEmit();
        emit IRiskControlVault.FlagParametersSet(7, 8000);
        RiskControlVault v = deploy(timelock, council, address(registry), address(oracle), address(newRenderer));

        assertEq(address(v.registry()), address(registry), "registry");
        assertEq(address(v.oracle()), address(oracle), "oracle");
        assertTrue(v.hasRole(v.DEFAULT_ADMIN_ROLE(), timelock), "admin");
        assertTrue(v.hasRole(v.PAUSER_ROLE(), timelock), "admin pauses");
        assertTrue(v.hasRole(v.PAUSER_ROLE(), council), "council pauses");
        assertFalse(v.hasRole(v.DEFAULT_ADMIN_ROLE(), council), "council is no admin");
        assertFalse(v.hasRole(v.MARKETPLACE_ROLE(), timelock), "no marketplace yet");
        assertEq(v.flagWindowDays(), 7, "flag window");
        assertEq(v.shortThresholdBps(), 8000, "short threshold");
        assertEq(v.offeringCount(), 0, "no offerings");
        assertFalse(v.paused(), "not paused");
        assertFalse(v.isPaymentToken(address(usdc)), "no payment token");

        HashrateCertificate cert = HashrateCertificate(address(v.certificate()));
        assertEq(cert.vault(), address(v), "certificate vault");
        assertEq(address(cert.renderer()), address(newRenderer), "renderer");
        assertEq(cert.name(), "DMEX Hashrate Certificate", "name");
        assertEq(cert.symbol(), "DMEX-HC", "symbol");
    }

    function test_WhenCouncilIsZero_OnlyTheAdminPauses() external {
        RiskControlVault v = deploy(timelock, address(0), address(registry), address(oracle), address(renderer));
        assertTrue(v.hasRole(v.PAUSER_ROLE(), timelock), "admin pauses");
        assertFalse(v.hasRole(v.PAUSER_ROLE(), address(0)), "zero is no pauser");
    }

    function test_Constants() external view {
        assertEq(vault.MARKETPLACE_ROLE(), keccak256("MARKETPLACE_ROLE"), "marketplace role");
        assertEq(vault.PAUSER_ROLE(), keccak256("PAUSER_ROLE"), "pauser role");
        assertEq(vault.MAX_START_DELAY_DAYS(), 365, "max start delay");
        assertEq(vault.MAX_FLAG_WINDOW_DAYS(), 30, "max flag window");
        assertEq(vault.MAX_RANGE_DAYS(), 366, "max range");
    }
}
