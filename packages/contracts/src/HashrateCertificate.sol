// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ERC721} from "solady/tokens/ERC721.sol";

import {ICertificateRenderer} from "./interfaces/ICertificateRenderer.sol";
import {IHashrateCertificate} from "./interfaces/IHashrateCertificate.sol";
import {CertificateId} from "./libraries/CertificateId.sol";

/// @title HashrateCertificate
/// @notice See {IHashrateCertificate}.
/// @dev Solady's ERC721: each token's owner and 96 bits of extra data share one storage slot. The extra data holds
/// the token's own part of its sale nonce, so that the bump of every transfer writes a slot the transfer writes
/// anyway (about 200 gas instead of a slot of its own: 22,100 gas on a certificate's first transfer, 5,000 later),
/// and a certificate minted at its sale starts at nonce 0 without a write.
contract HashrateCertificate is IHashrateCertificate, ERC721 {
    bytes4 private constant ERC4906_INTERFACE_ID = 0x49064906;

    /// @inheritdoc IHashrateCertificate
    address public immutable override vault;
    /// @inheritdoc IHashrateCertificate
    ICertificateRenderer public override renderer;

    /// @dev Bumped by every change of the offering the vault announces (flag, resume, terminate, finish): part of
    /// every certificate's sale nonce.
    mapping(uint256 offeringId => uint48 nonce) private _offeringNonces;

    modifier onlyVault() {
        if (msg.sender != vault) revert HashrateCertificate_NotVault(msg.sender);
        _;
    }

    /// @param vault_ The RiskControlVault (the deployer: the vault creates this contract).
    /// @param renderer_ The metadata renderer.
    constructor(address vault_, ICertificateRenderer renderer_) {
        vault = vault_;
        _setRenderer(renderer_);
    }

    /// @inheritdoc IHashrateCertificate
    function setRenderer(ICertificateRenderer newRenderer) external override {
        if (!IAccessControl(vault).hasRole(0x00, msg.sender)) revert HashrateCertificate_NotAdmin(msg.sender);
        _setRenderer(newRenderer);
        emit BatchMetadataUpdate(0, type(uint256).max);
    }

    /// @inheritdoc IHashrateCertificate
    function mint(address to, uint256 tokenId) external override onlyVault {
        _mint(to, tokenId);
    }

    /// @inheritdoc IHashrateCertificate
    function burn(uint256 tokenId) external override onlyVault {
        _burn(tokenId);
    }

    /// @inheritdoc IHashrateCertificate
    function announceUpdate(uint256 tokenId) external override onlyVault {
        _bumpSaleNonce(tokenId);
        emit MetadataUpdate(tokenId);
    }

    /// @inheritdoc IHashrateCertificate
    function announceOfferingUpdate(uint256 offeringId) external override onlyVault {
        // 2^48 status changes of one offering cannot happen (each is a DAO vote or a flag): it never wraps.
        unchecked {
            ++_offeringNonces[offeringId];
        }
        (uint256 fromTokenId, uint256 toTokenId) = CertificateId.rangeOf(offeringId);
        emit BatchMetadataUpdate(fromTokenId, toTokenId);
    }

    /// @inheritdoc IHashrateCertificate
    function transferFrom(address from, address to, uint256 tokenId)
        public
        payable
        override(ERC721, IHashrateCertificate)
    {
        super.transferFrom(from, to, tokenId);
    }

    /// @inheritdoc IHashrateCertificate
    function holderOf(uint256 tokenId) external view override returns (address) {
        return _ownerOf(tokenId);
    }

    /// @inheritdoc IHashrateCertificate
    function saleNonce(uint256 tokenId) external view override returns (uint48) {
        return _saleNonceOf(tokenId);
    }

    /// @inheritdoc IHashrateCertificate
    function saleState(uint256 tokenId, address operator)
        external
        view
        override
        returns (address owner, bool approved, uint48 nonce)
    {
        owner = _ownerOf(tokenId);
        approved = isApprovedForAll(owner, operator) || _getApproved(tokenId) == operator;
        nonce = _saleNonceOf(tokenId);
    }

    /// @notice The collection's name.
    function name() public pure override returns (string memory) {
        return "DMEX Hashrate Certificate";
    }

    /// @notice The collection's symbol.
    function symbol() public pure override returns (string memory) {
        return "DMEX-HC";
    }

    /// @notice On-chain JSON metadata with an SVG image, from the renderer; reverts for a token that does not exist.
    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        if (!_exists(tokenId)) revert TokenDoesNotExist();
        return renderer.tokenURI(vault, tokenId);
    }

    /// @notice ERC-165: ERC-721, its metadata extension and ERC-4906.
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == ERC4906_INTERFACE_ID || super.supportsInterface(interfaceId);
    }

    /// @dev Every change of holder voids the pending sales of the token (a listing dies for good when its
    /// certificate leaves the seller). Mints start at 0 and burns end the token, so neither bumps.
    function _afterTokenTransfer(address from, address to, uint256 tokenId) internal override {
        if (from != address(0) && to != address(0)) _bumpSaleNonce(tokenId);
    }

    /// @dev The token's own changes plus its offering's: both only grow, so the sum moves whenever either does.
    function _saleNonceOf(uint256 tokenId) private view returns (uint48) {
        // casting to uint48 is safe: the token's count is only ever bumped by one (see `_bumpSaleNonce`)
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint48(_getExtraData(tokenId)) + _offeringNonces[CertificateId.offeringOf(tokenId)];
    }

    /// @dev 2^48 bumps (each a transfer or a vault call, thousands of gas) cannot be paid for: it never wraps.
    function _bumpSaleNonce(uint256 tokenId) private {
        unchecked {
            _setExtraData(tokenId, _getExtraData(tokenId) + 1);
        }
    }

    function _setRenderer(ICertificateRenderer newRenderer) private {
        if (address(newRenderer).code.length == 0) revert HashrateCertificate_InvalidRenderer(address(newRenderer));
        emit RendererSet(address(renderer), address(newRenderer));
        renderer = newRenderer;
    }
}
