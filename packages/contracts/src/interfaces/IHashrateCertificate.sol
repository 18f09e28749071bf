// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";

import {ICertificateRenderer} from "./ICertificateRenderer.sol";

/// @title IHashrateCertificate
/// @notice ERC-721 hashrate certificates (DESIGN §3.2): each token is a share of one offering's hashrate,
/// identified as `offeringId << 32 | index`. Only the vault mints and burns; its accounting (units, escrow,
/// yield) lives in the vault. Metadata is rendered on chain; ERC-4906 events announce changes.
/// @dev Batch minting: an offering's certificates are minted in one call that writes two storage slots and
/// emits one standard `Transfer` per token; a token's owner stays implicit (the miner) until its first
/// transfer. Wallets and indexers see ordinary ERC-721 events.
interface IHashrateCertificate is IERC721Metadata, IERC4906 {
    /// @notice The renderer changed.
    event RendererSet(address indexed previousRenderer, address indexed newRenderer);

    /// @notice The caller is not the vault.
    error HashrateCertificate_NotVault(address caller);

    /// @notice The caller is not the vault's admin (the DAO timelock).
    error HashrateCertificate_NotAdmin(address caller);

    /// @notice The renderer must be a contract.
    error HashrateCertificate_InvalidRenderer(address renderer);

    /// @notice The offering already has its batch, or the batch is empty.
    error HashrateCertificate_InvalidBatch(uint256 offeringId, uint256 count);

    /// @notice The RiskControlVault: the only minter and burner.
    function vault() external view returns (address);

    /// @notice The metadata renderer.
    function renderer() external view returns (ICertificateRenderer);

    /// @notice Replaces the renderer. The vault's admin only; announces a metadata update of every token.
    function setRenderer(ICertificateRenderer newRenderer) external;

    /// @notice Mints an offering's certificates 1..`count` to `miner`. Vault only; once per offering.
    function mintBatch(uint256 offeringId, address miner, uint256 count) external;

    /// @notice Mints one certificate (a split's new part). Vault only.
    function mint(address to, uint256 tokenId) external;

    /// @notice Burns a certificate. Vault only.
    function burn(uint256 tokenId) external;

    /// @notice Announces a change of one token's content (units, escrow, refund: a split, a merge, a refund, its
    /// primary sale) and bumps its sale nonce, which voids every pending sale of the token. Vault only.
    function announceUpdate(uint256 tokenId) external;

    /// @notice Announces a change of every token of an offering (flagged, resumed, terminated, finished): their
    /// metadata changes and their `saleNonce` moves, so no listing or offer made before sells one. Vault only.
    function announceOfferingUpdate(uint256 offeringId) external;

    /// @notice The token's owner, or zero if it does not exist (`ownerOf` reverts instead).
    function holderOf(uint256 tokenId) external view returns (address);

    /// @notice A counter of the token's changes: bumped by every transfer (mints and burns aside) and by every
    /// change of its content or of its offering the vault announces (`announceUpdate`: split, merge, refund,
    /// primary sale; `announceOfferingUpdate`: flag, resume, terminate, finish). A
    /// marketplace records it with a listing or an offer and sells only while it has not moved, so that a sale
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
