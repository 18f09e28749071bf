// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ICertificateRenderer
/// @notice Renders a hashrate certificate's metadata.
interface ICertificateRenderer {
    /// @notice On-chain JSON metadata (a `data:application/json;base64,` URI) with an SVG image showing the
    /// coin, the units with their unit name, the miner, the term and the status.
    /// @param vault The RiskControlVault the certificate belongs to (the certificate passes its own).
    /// @param tokenId An existing certificate.
    function tokenURI(address vault, uint256 tokenId) external view returns (string memory);
}
