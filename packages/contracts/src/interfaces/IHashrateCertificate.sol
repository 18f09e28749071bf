// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICertificateRenderer} from "./ICertificateRenderer.sol";

/// @title IHashrateCertificate
/// @notice ERC-721 hashrate certificates (DESIGN §3.2): each token is a share of one offering's hashrate,
/// identified as `offeringId << 32 | index`. Only the vault mints and burns; its accounting (units, escrow,
/// yield) lives in the vault. Metadata is rendered on chain; ERC-4906 events announce changes.
/// @dev Minted at sale: a certificate exists only once its units are sold (the vault mints it to the buyer at the
/// primary sale, or to the holder at a split), so no unsold certificate can change hands off the market.
/// The ERC-721 functions and events themselves are Solady's `ERC721` (the implementation); this interface names
/// the DMEX ones and what the vault and the marketplace call.
interface IHashrateCertificate {
    /// @notice ERC-4906: a token's metadata changed.
    event MetadataUpdate(uint256 _tokenId);

    /// @notice ERC-4906: the metadata of the tokens in [from, to] changed.
    event BatchMetadataUpdate(uint256 _fromTokenId, uint256 _toTokenId);

    /// @notice The renderer changed.
    event RendererSet(address indexed previousRenderer, address indexed newRenderer);

    /// @notice The caller is not the vault.
    error HashrateCertificate_NotVault(address caller);

    /// @notice The caller is not the vault's admin (the DAO timelock).
    error HashrateCertificate_NotAdmin(address caller);

    /// @notice The renderer must be a contract.
    error HashrateCertificate_InvalidRenderer(address renderer);

    /// @notice The RiskControlVault: the only minter and burner.
    function vault() external view returns (address);

    /// @notice The metadata renderer.
    function renderer() external view returns (ICertificateRenderer);

    /// @notice Replaces the renderer. The vault's admin only; announces a metadata update of every token.
    function setRenderer(ICertificateRenderer newRenderer) external;

    /// @notice Mints one certificate: a primary sale's, to its buyer, or a split's new part. Vault only.
    function mint(address to, uint256 tokenId) external;

    /// @notice Burns a certificate. Vault only.
    function burn(uint256 tokenId) external;

    /// @notice Announces a change of one token's content (units, escrow, refund: a split, a merge, a refund) and bumps
    /// its sale nonce, which voids every pending sale of the token. Vault only.
    function announceUpdate(uint256 tokenId) external;

    /// @notice Announces a change of every token of an offering (flagged, resumed, terminated, finished): their
    /// metadata changes and their `saleNonce` moves, so no listing or offer made before sells one. Vault only.
    function announceOfferingUpdate(uint256 offeringId) external;

    /// @notice ERC-721 `transferFrom` (Solady's, which is payable; send no value).
    function transferFrom(address from, address to, uint256 tokenId) external payable;

    /// @notice The token's owner, or zero if it does not exist (`ownerOf` reverts instead).
    function holderOf(uint256 tokenId) external view returns (address);

    /// @notice A counter of the token's changes: bumped by every transfer (mints and burns aside) and by every
    /// change of its content or of its offering the vault announces (`announceUpdate`: split, merge, refund;
    /// `announceOfferingUpdate`: flag, resume, terminate, finish). A marketplace records it with a listing or an offer
    /// and sells only while it has not moved, so that a sale
    /// delivers the content it showed and a listing dies for good when its certificate leaves the seller (buying
    /// it back does not revive it).
    function saleNonce(uint256 tokenId) external view returns (uint48);

    /// @notice In one call: the token's owner (zero if none), whether `operator` may move it for that owner
    /// (approved for all, or for this token), and its `saleNonce`.
    function saleState(uint256 tokenId, address operator)
        external
        view
        returns (address owner, bool approved, uint48 nonce);
}
