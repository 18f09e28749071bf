// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskControlVault} from "../interfaces/IRiskControlVault.sol";
import {CertificateState, Certificates, DeliveryBook, Offering} from "../types/Offering.sol";
import {CertificateId} from "./CertificateId.sol";
import {EscrowMath} from "./EscrowMath.sol";
import {YieldMath} from "./YieldMath.sol";

/// @title CertificateLedger
/// @notice The vault's accounting of split and merge (DESIGN §3.2: every sum stays exact), on the vault's
/// storage.
/// @dev `split` and `merge` are `external`: the library is deployed once and the vault calls it with
/// DELEGATECALL, so their code does not count against the vault's EIP-170 size limit; the events they emit are
/// the vault's (the same address). The caller checks the offering's status and the caller's ownership, and
/// mints, burns and announces the certificates. `pendingYield` is internal: inlined into the vault's hot paths.
library CertificateLedger {
    /// @notice Yield a certificate is owed: settled and not claimed, plus its units' share of the
    /// accumulator's rise since its checkpoint, or, never settled, since the yield of its sale day started
    /// (`DeliveryBook.yieldStart`; nothing while no yield was attributed to its sale day or later).
    function pendingYield(
        Certificates storage book,
        Offering storage o,
        DeliveryBook storage d,
        uint256 tokenId,
        CertificateState memory c
    ) internal view returns (uint256) {
        uint256 owed = book.yieldOwed[tokenId];
        uint256 base = book.yieldCheckpoints[tokenId];
        if (base == 0) {
            // Recorded as the accumulator + 1 (0: no yield attributed to its sale day or later yet).
            uint256 start = d.yieldStart[c.saleDay];
            if (start == 0) return owed;
            base = start - 1;
        }
        return owed + YieldMath.owed(c.units, o.accYieldPerUnit, base);
    }

    /// @notice Settles a certificate's pending yield into `yieldOwed` and checkpoints it (only once yield of
    /// its sale day has started: before that, its start is still to be recorded).
    function settle(
        Certificates storage book,
        Offering storage o,
        DeliveryBook storage d,
        uint256 tokenId,
        CertificateState memory c
    ) internal {
        book.yieldOwed[tokenId] = pendingYield(book, o, d, tokenId, c);
        if (d.yieldStart[c.saleDay] != 0) book.yieldCheckpoints[tokenId] = o.accYieldPerUnit;
    }

    /// @notice Splits `splitUnits` off `tokenId` into a new certificate id of the offering (see
    /// {IRiskControlVault-split}); returns the new id, which the caller mints.
    function split(
        Offering storage o,
        DeliveryBook storage d,
        Certificates storage book,
        uint256 tokenId,
        uint256 splitUnits
    ) external returns (uint256 newTokenId) {
        CertificateState storage c = book.states[tokenId];
        uint64 units = c.units;
        uint32 lastIndex = o.lastIndex;
        if (splitUnits == 0 || splitUnits >= units || lastIndex == CertificateId.INDEX_MASK) {
            revert IRiskControlVault.RiskControlVault_InvalidSplit(tokenId, units, splitUnits);
        }
        settle(book, o, d, tokenId, c);
        uint256 newEscrow = _splitEscrow(o, c, units, splitUnits);
        // casting to uint64 is safe: `splitUnits` is below the certificate's units, a uint64
        // forge-lint: disable-next-line(unsafe-typecast)
        uint64 newUnits = uint64(splitUnits);
        uint64 keptUnits = units - newUnits;

        uint32 index = lastIndex + 1;
        o.lastIndex = index;
        uint256 offeringId = CertificateId.offeringOf(tokenId);
        newTokenId = CertificateId.encode(offeringId, index);
        c.units = keptUnits;
        book.states[newTokenId] = CertificateState({
            // casting to uint128 is safe: both parts are at most the certificate's escrow, a uint128
            // forge-lint: disable-next-line(unsafe-typecast)
            escrow: uint128(newEscrow),
            units: newUnits,
            saleDay: c.saleDay,
            refunded: false
        });
        uint256 acc = o.accYieldPerUnit;
        if (acc != 0 && d.yieldStart[c.saleDay] != 0) book.yieldCheckpoints[newTokenId] = acc;
        emit IRiskControlVault.CertificateSplit(offeringId, tokenId, newTokenId, keptUnits, newUnits);
    }

    /// @notice Merges `otherTokenId` into `tokenId` (see {IRiskControlVault-merge}); the caller burns
    /// `otherTokenId`.
    function merge(
        Offering storage o,
        DeliveryBook storage d,
        Certificates storage book,
        uint256 tokenId,
        uint256 otherTokenId
    ) external {
        CertificateState storage c = book.states[tokenId];
        CertificateState memory other = book.states[otherTokenId];
        if (c.saleDay != other.saleDay) revert IRiskControlVault.RiskControlVault_MergeMismatch(tokenId, otherTokenId);

        uint64 units = c.units + other.units;
        uint256 otherOwed = pendingYield(book, o, d, otherTokenId, other);
        settle(book, o, d, tokenId, c);
        book.yieldOwed[tokenId] += otherOwed;
        delete book.yieldOwed[otherTokenId];
        delete book.yieldCheckpoints[otherTokenId];
        c.units = units;
        c.escrow += other.escrow;
        delete book.states[otherTokenId];
        emit IRiskControlVault.CertificatesMerged(CertificateId.offeringOf(tokenId), tokenId, otherTokenId, units);
    }

    /// @dev A certificate's escrow streams from its sale day to the end of the term: the kept part stays in
    /// `c`, the split-off part is returned (EscrowMath.split).
    function _splitEscrow(Offering storage o, CertificateState storage c, uint256 units, uint256 splitUnits)
        private
        returns (uint256 newEscrow)
    {
        uint256 keptEscrow;
        (keptEscrow, newEscrow) = EscrowMath.split(c.escrow, units, splitUnits, o.endDay - c.saleDay);
        // casting to uint128 is safe: both parts are at most the certificate's escrow, a uint128
        // forge-lint: disable-next-line(unsafe-typecast)
        c.escrow = uint128(keptEscrow);
    }
}
