// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC165} from "@openzeppelin/contracts/interfaces/IERC165.sol";
import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";

import {ICertificateRenderer} from "./interfaces/ICertificateRenderer.sol";
import {IHashrateCertificate} from "./interfaces/IHashrateCertificate.sol";
import {CertificateId} from "./libraries/CertificateId.sol";

/// @title HashrateCertificate
/// @notice See {IHashrateCertificate}.
/// @dev Batch ownership: a batch token whose owner slot is empty belongs to the batch's miner unless it was
/// burned (a bitmap), the same idea as OpenZeppelin's ERC721Consecutive, which however only mints during
/// construction. OpenZeppelin's ERC721 reads owners only through `_ownerOf`, so transfers, approvals and
/// burns of implicitly owned tokens work unchanged; the batch's balance is added with `_increaseBalance`.
contract HashrateCertificate is IHashrateCertificate, ERC721 {
    using BitMaps for BitMaps.BitMap;

    /// @dev The implicit owner and size of an offering's batch.
    struct Batch {
        address miner;
        uint32 count;
        /// @dev Bumped by every change of the offering the vault announces (flag, resume, terminate, finish), in
        /// the batch's slot: part of every certificate's sale nonce.
        uint48 offeringNonce;
    }

    bytes4 private constant ERC4906_INTERFACE_ID = 0x49064906;

    /// @inheritdoc IHashrateCertificate
    address public immutable override vault;
    /// @inheritdoc IHashrateCertificate
    ICertificateRenderer public override renderer;

    mapping(uint256 offeringId => Batch) private _batches;
    BitMaps.BitMap private _burnedBatchTokens;
    mapping(uint256 tokenId => uint48 nonce) private _saleNonces;

    modifier onlyVault() {
        if (msg.sender != vault) revert HashrateCertificate_NotVault(msg.sender);
        _;
    }

    /// @param vault_ The RiskControlVault (the deployer: the vault creates this contract).
    /// @param renderer_ The metadata renderer.
    constructor(address vault_, ICertificateRenderer renderer_) ERC721("DMEX Hashrate Certificate", "DMEX-HC") {
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
    function mintBatch(uint256 offeringId, address miner, uint256 count) external override onlyVault {
        if (count == 0 || count > type(uint32).max || _batches[offeringId].count != 0) {
            revert HashrateCertificate_InvalidBatch(offeringId, count);
        }
        // casting to uint32 is safe: `count` was checked against type(uint32).max
        // forge-lint: disable-next-line(unsafe-typecast)
        _batches[offeringId] = Batch({miner: miner, count: uint32(count), offeringNonce: 0});
        // casting to uint128 is safe: `count` is at most type(uint32).max
        // forge-lint: disable-next-line(unsafe-typecast)
        _increaseBalance(miner, uint128(count));
        uint256 firstId = CertificateId.encode(offeringId, 1);
        for (uint256 tokenId = firstId; tokenId < firstId + count; ++tokenId) {
            emit Transfer(address(0), miner, tokenId);
        }
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
            ++_batches[offeringId].offeringNonce;
        }
        (uint256 fromTokenId, uint256 toTokenId) = CertificateId.rangeOf(offeringId);
        emit BatchMetadataUpdate(fromTokenId, toTokenId);
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

    /// @inheritdoc IERC721Metadata
    function tokenURI(uint256 tokenId) public view override(ERC721, IERC721Metadata) returns (string memory) {
        _requireOwned(tokenId);
        return renderer.tokenURI(vault, tokenId);
    }

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId) public view override(ERC721, IERC165) returns (bool) {
        return interfaceId == ERC4906_INTERFACE_ID || super.supportsInterface(interfaceId);
    }

    function _ownerOf(uint256 tokenId) internal view override returns (address owner) {
        owner = super._ownerOf(tokenId);
        if (owner != address(0)) return owner;
        Batch memory batch = _batches[CertificateId.offeringOf(tokenId)];
        uint256 index = CertificateId.indexOf(tokenId);
        if (index != 0 && index <= batch.count && !_burnedBatchTokens.get(tokenId)) owner = batch.miner;
    }

    function _update(address to, uint256 tokenId, address auth) internal override returns (address from) {
        from = super._update(to, tokenId, auth);
        // Every change of holder voids the pending sales of the token (a listing dies for good when its
        // certificate leaves the seller). Mints start at 0 and burns end the token, so neither bumps.
        if (from != address(0) && to != address(0)) _bumpSaleNonce(tokenId);
        // A burned batch token must not fall back to its implicit owner.
        if (to == address(0)) {
            uint256 index = CertificateId.indexOf(tokenId);
            if (index <= _batches[CertificateId.offeringOf(tokenId)].count) _burnedBatchTokens.set(tokenId);
        }
    }

    /// @dev The token's own changes plus its offering's: both only grow, so the sum moves whenever either does.
    function _saleNonceOf(uint256 tokenId) private view returns (uint48) {
        return _saleNonces[tokenId] + _batches[CertificateId.offeringOf(tokenId)].offeringNonce;
    }

    /// @dev 2^48 bumps (each a transfer or a vault call, thousands of gas) cannot be paid for: it never wraps.
    function _bumpSaleNonce(uint256 tokenId) private {
        unchecked {
            ++_saleNonces[tokenId];
        }
    }

    function _setRenderer(ICertificateRenderer newRenderer) private {
        if (address(newRenderer).code.length == 0) revert HashrateCertificate_InvalidRenderer(address(newRenderer));
        emit RendererSet(address(renderer), address(newRenderer));
        renderer = newRenderer;
    }
}
