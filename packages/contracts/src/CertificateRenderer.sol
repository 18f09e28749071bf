// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {ICertificateRenderer} from "./interfaces/ICertificateRenderer.sol";
import {IRiskControlVault} from "./interfaces/IRiskControlVault.sol";
import {CertificateId} from "./libraries/CertificateId.sol";
import {DayMath} from "./libraries/DayMath.sol";
import {Coin} from "./types/Miner.sol";
import {CertificateView, Offering, OfferingStatus} from "./types/Offering.sol";

/// @title CertificateRenderer
/// @notice See {ICertificateRenderer}. Stateless: everything comes from the vault and the registry at call
/// time, so the image always shows the certificate's current units and status.
contract CertificateRenderer is ICertificateRenderer {
    using Strings for uint256;
    using Strings for address;

    /// @dev What the image and attributes show, gathered once.
    struct Card {
        string coin;
        string unitName;
        string units;
        string miner;
        string start;
        string end;
        string termDays;
        string status;
        string label;
    }

    /// @inheritdoc ICertificateRenderer
    function tokenURI(address vault, uint256 tokenId) external view override returns (string memory) {
        Card memory card = _card(IRiskControlVault(vault), tokenId);
        bytes memory head = abi.encodePacked(
            '{"name":"',
            card.label,
            '","description":"A DMEX hashrate certificate: ',
            card.units,
            " ",
            card.unitName,
            " of ",
            card.coin
        );
        bytes memory json = abi.encodePacked(
            head,
            ' mining for the term shown. Its escrow and yield are held by the DMEX RiskControlVault.","image":"data:image/svg+xml;base64,',
            Base64.encode(_svg(card)),
            '","attributes":',
            _attributes(card),
            "}"
        );
        return string.concat("data:application/json;base64,", Base64.encode(json));
    }

    function _card(IRiskControlVault vault, uint256 tokenId) private view returns (Card memory card) {
        CertificateView memory cert = vault.certificateView(tokenId);
        Offering memory o = vault.offering(cert.offeringId);
        Coin memory coin = vault.registry().coin(o.coinId);
        card.coin = _sanitize(coin.name);
        card.unitName = _sanitize(coin.unitName);
        card.units = (cert.units * coin.unitSize).toString();
        card.miner = o.miner.toHexString();
        card.start = _date(o.startDay);
        card.end = _date(o.endDay);
        card.termDays = uint256(o.endDay - o.startDay).toString();
        card.status = _status(o, cert);
        card.label = string.concat(
            "DMEX ", card.coin, " #", cert.offeringId.toString(), "-", CertificateId.indexOf(tokenId).toString()
        );
    }

    function _status(Offering memory o, CertificateView memory cert) private view returns (string memory) {
        if (cert.refunded) return "Refunded";
        OfferingStatus status = o.status;
        if (status == OfferingStatus.Frozen) return "Frozen";
        if (status == OfferingStatus.Terminated) return "Terminated";
        if (status == OfferingStatus.Finished) return "Finished";
        uint32 today = DayMath.today();
        if (today < o.startDay) return "Upcoming";
        return today < o.endDay ? "Running" : "Ended";
    }

    function _svg(Card memory card) private pure returns (bytes memory) {
        bytes memory head = abi.encodePacked(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 360" font-family="monospace">',
            '<rect width="360" height="360" rx="18" fill="#0f172a"/>',
            '<text x="24" y="48" fill="#94a3b8" font-size="14">DMEX HASHRATE CERTIFICATE</text>',
            '<text x="24" y="98" fill="#f8fafc" font-size="30">',
            card.coin,
            '</text><text x="24" y="150" fill="#38bdf8" font-size="40">',
            card.units,
            " ",
            card.unitName
        );
        bytes memory term = abi.encodePacked(
            '</text><text x="24" y="200" fill="#cbd5e1" font-size="14">',
            card.start,
            " to ",
            card.end,
            " (",
            card.termDays,
            ' days)</text><text x="24" y="236" fill="#cbd5e1" font-size="10">Miner ',
            card.miner
        );
        return abi.encodePacked(
            head,
            term,
            '</text><rect x="24" y="270" width="160" height="36" rx="18" fill="#1e293b"/>',
            '<text x="44" y="294" fill="#f8fafc" font-size="16">',
            card.status,
            '</text><text x="24" y="336" fill="#64748b" font-size="12">',
            card.label,
            "</text></svg>"
        );
    }

    function _attributes(Card memory card) private pure returns (bytes memory) {
        bytes memory first = abi.encodePacked(
            '[{"trait_type":"Coin","value":"',
            card.coin,
            '"},{"trait_type":"Units","value":"',
            card.units,
            " ",
            card.unitName,
            '"},{"trait_type":"Miner","value":"',
            card.miner
        );
        return abi.encodePacked(
            first,
            '"},{"trait_type":"Start","value":"',
            card.start,
            '"},{"trait_type":"End","value":"',
            card.end,
            '"},{"trait_type":"Term (days)","value":"',
            card.termDays,
            '"},{"trait_type":"Status","value":"',
            card.status,
            '"}]'
        );
    }

    /// @dev `YYYY-MM-DD` of a UTC day number.
    function _date(uint256 day) private pure returns (string memory) {
        (uint256 year, uint256 month, uint256 dayOfMonth) = DayMath.toDate(day);
        return string.concat(year.toString(), "-", _twoDigits(month), "-", _twoDigits(dayOfMonth));
    }

    function _twoDigits(uint256 value) private pure returns (string memory) {
        return value < 10 ? string.concat("0", value.toString()) : value.toString();
    }

    /// @dev Names come from DAO-registered coins; characters that would break the JSON or the SVG become `_`.
    function _sanitize(string memory text) private pure returns (string memory) {
        bytes memory b = bytes(text);
        for (uint256 i; i < b.length; ++i) {
            bytes1 ch = b[i];
            if (ch == '"' || ch == "\\" || ch == "<" || ch == ">" || ch == "&" || uint8(ch) < 0x20) b[i] = "_";
        }
        return string(b);
    }
}
