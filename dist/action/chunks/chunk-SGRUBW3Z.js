import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url); globalThis.__egressAuditBundleDir ??= decodeURIComponent(new URL(import.meta.url.includes('/chunks/') ? '..' : '.', import.meta.url).pathname);
import {
  InputError
} from "./chunk-LNKZU66S.js";
import {
  __commonJS,
  __toESM
} from "./chunk-GGJCHK3C.js";

// node_modules/ipaddr.js/lib/ipaddr.js
var require_ipaddr = __commonJS({
  "node_modules/ipaddr.js/lib/ipaddr.js"(exports, module) {
    (function(root) {
      "use strict";
      const ipv4Part = "(0?\\d+|0x[a-f0-9]+)";
      const ipv4Regexes = {
        fourOctet: new RegExp(`^${ipv4Part}\\.${ipv4Part}\\.${ipv4Part}\\.${ipv4Part}$`, "i"),
        threeOctet: new RegExp(`^${ipv4Part}\\.${ipv4Part}\\.${ipv4Part}$`, "i"),
        twoOctet: new RegExp(`^${ipv4Part}\\.${ipv4Part}$`, "i"),
        longValue: new RegExp(`^${ipv4Part}$`, "i")
      };
      const octalRegex = new RegExp(`^0[0-7]+$`, "i");
      const hexRegex = new RegExp(`^0x[a-f0-9]+$`, "i");
      const zoneIndex = "%[0-9a-z]{1,}";
      const ipv6Part = "(?:[0-9a-f]+::?)+";
      const ipv6Regexes = {
        zoneIndex: new RegExp(zoneIndex, "i"),
        "native": new RegExp(`^(::)?(${ipv6Part})?([0-9a-f]+)?(::)?(${zoneIndex})?$`, "i"),
        deprecatedTransitional: new RegExp(`^(?:::)(${ipv4Part}\\.${ipv4Part}\\.${ipv4Part}\\.${ipv4Part}(${zoneIndex})?)$`, "i"),
        transitional: new RegExp(`^((?:${ipv6Part})|(?:::)(?:${ipv6Part})?)${ipv4Part}\\.${ipv4Part}\\.${ipv4Part}\\.${ipv4Part}(${zoneIndex})?$`, "i")
      };
      function expandIPv6(string, parts) {
        if (string.indexOf("::") !== string.lastIndexOf("::")) {
          return null;
        }
        let colonCount = 0;
        let lastColon = -1;
        let zoneId = (string.match(ipv6Regexes.zoneIndex) || [])[0];
        let replacement, replacementCount;
        if (zoneId) {
          zoneId = zoneId.substring(1);
          string = string.replace(/%.+$/, "");
        }
        while ((lastColon = string.indexOf(":", lastColon + 1)) >= 0) {
          colonCount++;
        }
        if (string.substr(0, 2) === "::") {
          colonCount--;
        }
        if (string.substr(-2, 2) === "::") {
          colonCount--;
        }
        if (colonCount >= parts) {
          return null;
        }
        replacementCount = parts - colonCount;
        replacement = ":";
        while (replacementCount--) {
          replacement += "0:";
        }
        string = string.replace("::", replacement);
        if (string[0] === ":") {
          string = string.slice(1);
        }
        if (string[string.length - 1] === ":") {
          string = string.slice(0, -1);
        }
        parts = (function() {
          const ref = string.split(":");
          const results = [];
          for (let i = 0; i < ref.length; i++) {
            results.push(ref[i].length > 4 ? NaN : parseInt(ref[i], 16));
          }
          return results;
        })();
        return {
          parts,
          zoneId
        };
      }
      function matchCIDR(first, second, partSize, cidrBits) {
        if (first.length !== second.length) {
          throw new Error("ipaddr: cannot match CIDR for objects with different lengths");
        }
        let part = 0;
        let shift;
        while (cidrBits > 0) {
          shift = partSize - cidrBits;
          if (shift < 0) {
            shift = 0;
          }
          if (first[part] >> shift !== second[part] >> shift) {
            return false;
          }
          cidrBits -= partSize;
          part += 1;
        }
        return true;
      }
      function parseIntAuto(string) {
        if (hexRegex.test(string)) {
          return parseInt(string, 16);
        }
        if (string[0] === "0" && !isNaN(parseInt(string[1], 10))) {
          if (octalRegex.test(string)) {
            return parseInt(string, 8);
          }
          throw new Error(`ipaddr: cannot parse ${string} as octal`);
        }
        return parseInt(string, 10);
      }
      function padPart(part, length) {
        while (part.length < length) {
          part = `0${part}`;
        }
        return part;
      }
      const ipaddr2 = {};
      ipaddr2.IPv4 = (function() {
        function IPv4(octets) {
          if (octets.length !== 4) {
            throw new Error("ipaddr: ipv4 octet count should be 4");
          }
          let i, octet;
          for (i = 0; i < octets.length; i++) {
            octet = octets[i];
            if (!(0 <= octet && octet <= 255)) {
              throw new Error("ipaddr: ipv4 octet should fit in 8 bits");
            }
          }
          this.octets = octets;
        }
        IPv4.prototype.SpecialRanges = {
          unspecified: [[new IPv4([0, 0, 0, 0]), 8]],
          broadcast: [[new IPv4([255, 255, 255, 255]), 32]],
          // RFC3171
          multicast: [[new IPv4([224, 0, 0, 0]), 4]],
          // RFC3927
          linkLocal: [[new IPv4([169, 254, 0, 0]), 16]],
          // RFC5735
          loopback: [[new IPv4([127, 0, 0, 0]), 8]],
          // RFC6598
          carrierGradeNat: [[new IPv4([100, 64, 0, 0]), 10]],
          // RFC1918
          "private": [
            [new IPv4([10, 0, 0, 0]), 8],
            [new IPv4([172, 16, 0, 0]), 12],
            [new IPv4([192, 168, 0, 0]), 16]
          ],
          // Reserved and testing-only ranges; RFCs 5735, 5737, 2544, 1700
          reserved: [
            [new IPv4([192, 0, 0, 0]), 24],
            [new IPv4([192, 0, 2, 0]), 24],
            [new IPv4([192, 88, 99, 0]), 24],
            [new IPv4([198, 18, 0, 0]), 15],
            [new IPv4([198, 51, 100, 0]), 24],
            [new IPv4([203, 0, 113, 0]), 24],
            [new IPv4([240, 0, 0, 0]), 4]
          ],
          // RFC7534, RFC7535
          as112: [
            [new IPv4([192, 175, 48, 0]), 24],
            [new IPv4([192, 31, 196, 0]), 24]
          ],
          // RFC7450
          amt: [
            [new IPv4([192, 52, 193, 0]), 24]
          ]
        };
        IPv4.prototype.kind = function() {
          return "ipv4";
        };
        IPv4.prototype.match = function(other, cidrRange) {
          let ref;
          if (cidrRange === void 0) {
            ref = other;
            other = ref[0];
            cidrRange = ref[1];
          }
          if (other.kind() !== "ipv4") {
            throw new Error("ipaddr: cannot match ipv4 address with non-ipv4 one");
          }
          return matchCIDR(this.octets, other.octets, 8, cidrRange);
        };
        IPv4.prototype.prefixLengthFromSubnetMask = function() {
          let cidr = 0;
          let stop = false;
          const zerotable = {
            0: 8,
            128: 7,
            192: 6,
            224: 5,
            240: 4,
            248: 3,
            252: 2,
            254: 1,
            255: 0
          };
          let i, octet, zeros;
          for (i = 3; i >= 0; i -= 1) {
            octet = this.octets[i];
            if (octet in zerotable) {
              zeros = zerotable[octet];
              if (stop && zeros !== 0) {
                return null;
              }
              if (zeros !== 8) {
                stop = true;
              }
              cidr += zeros;
            } else {
              return null;
            }
          }
          return 32 - cidr;
        };
        IPv4.prototype.range = function() {
          return ipaddr2.subnetMatch(this, this.SpecialRanges);
        };
        IPv4.prototype.toByteArray = function() {
          return this.octets.slice(0);
        };
        IPv4.prototype.toIPv4MappedAddress = function() {
          return ipaddr2.IPv6.parse(`::ffff:${this.toString()}`);
        };
        IPv4.prototype.toNormalizedString = function() {
          return this.toString();
        };
        IPv4.prototype.toString = function() {
          return this.octets.join(".");
        };
        return IPv4;
      })();
      ipaddr2.IPv4.broadcastAddressFromCIDR = function(string) {
        try {
          const cidr = this.parseCIDR(string);
          const ipInterfaceOctets = cidr[0].toByteArray();
          const subnetMaskOctets = this.subnetMaskFromPrefixLength(cidr[1]).toByteArray();
          const octets = [];
          let i = 0;
          while (i < 4) {
            octets.push(parseInt(ipInterfaceOctets[i], 10) | parseInt(subnetMaskOctets[i], 10) ^ 255);
            i++;
          }
          return new this(octets);
        } catch (e) {
          throw new Error("ipaddr: the address does not have IPv4 CIDR format", { cause: e });
        }
      };
      ipaddr2.IPv4.isIPv4 = function(string) {
        return this.parser(string) !== null;
      };
      ipaddr2.IPv4.isValid = function(string) {
        try {
          new this(this.parser(string));
          return true;
        } catch {
          return false;
        }
      };
      ipaddr2.IPv4.isValidCIDR = function(string) {
        try {
          this.parseCIDR(string);
          return true;
        } catch {
          return false;
        }
      };
      ipaddr2.IPv4.isValidFourPartDecimal = function(string) {
        if (ipaddr2.IPv4.isValid(string) && string.match(/^(0|[1-9]\d*)(\.(0|[1-9]\d*)){3}$/)) {
          return true;
        } else {
          return false;
        }
      };
      ipaddr2.IPv4.isValidCIDRFourPartDecimal = function(string) {
        const match = string.match(/^(.+)\/(\d+)$/);
        if (!ipaddr2.IPv4.isValidCIDR(string) || !match) {
          return false;
        }
        return ipaddr2.IPv4.isValidFourPartDecimal(match[1]);
      };
      ipaddr2.IPv4.networkAddressFromCIDR = function(string) {
        let cidr, i, ipInterfaceOctets, octets, subnetMaskOctets;
        try {
          cidr = this.parseCIDR(string);
          ipInterfaceOctets = cidr[0].toByteArray();
          subnetMaskOctets = this.subnetMaskFromPrefixLength(cidr[1]).toByteArray();
          octets = [];
          i = 0;
          while (i < 4) {
            octets.push(parseInt(ipInterfaceOctets[i], 10) & parseInt(subnetMaskOctets[i], 10));
            i++;
          }
          return new this(octets);
        } catch (e) {
          throw new Error("ipaddr: the address does not have IPv4 CIDR format", { cause: e });
        }
      };
      ipaddr2.IPv4.parse = function(string) {
        const parts = this.parser(string);
        if (parts === null) {
          throw new Error("ipaddr: string is not formatted like an IPv4 Address");
        }
        return new this(parts);
      };
      ipaddr2.IPv4.parseCIDR = function(string) {
        let match;
        if (match = string.match(/^(.+)\/(\d+)$/)) {
          const maskLength = parseInt(match[2]);
          if (maskLength >= 0 && maskLength <= 32) {
            const parsed = [this.parse(match[1]), maskLength];
            Object.defineProperty(parsed, "toString", {
              value: function() {
                return this.join("/");
              }
            });
            return parsed;
          }
        }
        throw new Error("ipaddr: string is not formatted like an IPv4 CIDR range");
      };
      ipaddr2.IPv4.parser = function(string) {
        let match, part, value;
        if (match = string.match(ipv4Regexes.fourOctet)) {
          return (function() {
            const ref = match.slice(1, 6);
            const results = [];
            for (let i = 0; i < ref.length; i++) {
              part = ref[i];
              results.push(parseIntAuto(part));
            }
            return results;
          })();
        } else if (match = string.match(ipv4Regexes.longValue)) {
          value = parseIntAuto(match[1]);
          if (value > 4294967295 || value < 0) {
            throw new Error("ipaddr: address outside defined range");
          }
          return (function() {
            const results = [];
            let shift;
            for (shift = 0; shift <= 24; shift += 8) {
              results.push(value >> shift & 255);
            }
            return results;
          })().reverse();
        } else if (match = string.match(ipv4Regexes.twoOctet)) {
          return (function() {
            const ref = match.slice(1, 4);
            const results = [];
            value = parseIntAuto(ref[1]);
            if (value > 16777215 || value < 0) {
              throw new Error("ipaddr: address outside defined range");
            }
            results.push(parseIntAuto(ref[0]));
            results.push(value >> 16 & 255);
            results.push(value >> 8 & 255);
            results.push(value & 255);
            return results;
          })();
        } else if (match = string.match(ipv4Regexes.threeOctet)) {
          return (function() {
            const ref = match.slice(1, 5);
            const results = [];
            value = parseIntAuto(ref[2]);
            if (value > 65535 || value < 0) {
              throw new Error("ipaddr: address outside defined range");
            }
            results.push(parseIntAuto(ref[0]));
            results.push(parseIntAuto(ref[1]));
            results.push(value >> 8 & 255);
            results.push(value & 255);
            return results;
          })();
        } else {
          return null;
        }
      };
      ipaddr2.IPv4.subnetMaskFromPrefixLength = function(prefix) {
        prefix = parseInt(prefix);
        if (Number.isNaN(prefix) || prefix < 0 || prefix > 32) {
          throw new Error("ipaddr: invalid IPv4 prefix length");
        }
        const octets = [0, 0, 0, 0];
        let j = 0;
        const filledOctetCount = Math.floor(prefix / 8);
        while (j < filledOctetCount) {
          octets[j] = 255;
          j++;
        }
        if (filledOctetCount < 4) {
          octets[filledOctetCount] = Math.pow(2, prefix % 8) - 1 << 8 - prefix % 8;
        }
        return new this(octets);
      };
      ipaddr2.IPv6 = (function() {
        function IPv6(parts, zoneId) {
          let i, part;
          if (parts.length === 16) {
            this.parts = [];
            for (i = 0; i <= 14; i += 2) {
              this.parts.push(parts[i] << 8 | parts[i + 1]);
            }
          } else if (parts.length === 8) {
            this.parts = parts;
          } else {
            throw new Error("ipaddr: ipv6 part count should be 8 or 16");
          }
          for (i = 0; i < this.parts.length; i++) {
            part = this.parts[i];
            if (!(0 <= part && part <= 65535)) {
              throw new Error("ipaddr: ipv6 part should fit in 16 bits");
            }
          }
          if (zoneId) {
            this.zoneId = zoneId;
          }
        }
        IPv6.prototype.SpecialRanges = {
          // RFC4291, here and after
          unspecified: [new IPv6([0, 0, 0, 0, 0, 0, 0, 0]), 128],
          linkLocal: [new IPv6([65152, 0, 0, 0, 0, 0, 0, 0]), 10],
          multicast: [new IPv6([65280, 0, 0, 0, 0, 0, 0, 0]), 8],
          loopback: [new IPv6([0, 0, 0, 0, 0, 0, 0, 1]), 128],
          uniqueLocal: [new IPv6([64512, 0, 0, 0, 0, 0, 0, 0]), 7],
          ipv4Mapped: [new IPv6([0, 0, 0, 0, 0, 65535, 0, 0]), 96],
          // RFC3879
          deprecatedSiteLocal: [new IPv6([65216, 0, 0, 0, 0, 0, 0, 0]), 10],
          // RFC6666
          discard: [new IPv6([256, 0, 0, 0, 0, 0, 0, 0]), 64],
          // RFC6145
          rfc6145: [new IPv6([0, 0, 0, 0, 65535, 0, 0, 0]), 96],
          rfc6052: [
            // RFC6052
            [new IPv6([100, 65435, 0, 0, 0, 0, 0, 0]), 96],
            // RFC8215
            [new IPv6([100, 65435, 1, 0, 0, 0, 0, 0]), 48]
          ],
          // RFC3056
          "6to4": [new IPv6([8194, 0, 0, 0, 0, 0, 0, 0]), 16],
          // RFC6052, RFC6146
          teredo: [new IPv6([8193, 0, 0, 0, 0, 0, 0, 0]), 32],
          // RFC5180
          benchmarking: [new IPv6([8193, 2, 0, 0, 0, 0, 0, 0]), 48],
          // RFC7450
          amt: [new IPv6([8193, 3, 0, 0, 0, 0, 0, 0]), 32],
          as112v6: [
            // RFC7535
            [new IPv6([8193, 4, 274, 0, 0, 0, 0, 0]), 48],
            // RFC7534
            [new IPv6([9760, 79, 32768, 0, 0, 0, 0, 0]), 48]
          ],
          // RFC4843
          deprecatedOrchid: [new IPv6([8193, 16, 0, 0, 0, 0, 0, 0]), 28],
          // RFC7343
          orchid2: [new IPv6([8193, 32, 0, 0, 0, 0, 0, 0]), 28],
          // RFC9374
          droneRemoteIdProtocolEntityTags: [new IPv6([8193, 48, 0, 0, 0, 0, 0, 0]), 28],
          // RFC9602
          segmentRouting: [new IPv6([24320, 0, 0, 0, 0, 0, 0, 0]), 16],
          reserved: [
            // RFC3849
            [new IPv6([8193, 0, 0, 0, 0, 0, 0, 0]), 23],
            // RFC2928
            [new IPv6([8193, 3512, 0, 0, 0, 0, 0, 0]), 32],
            // RFC9637
            [new IPv6([16383, 0, 0, 0, 0, 0, 0, 0]), 20]
          ]
        };
        IPv6.prototype.isIPv4MappedAddress = function() {
          return this.range() === "ipv4Mapped";
        };
        IPv6.prototype.kind = function() {
          return "ipv6";
        };
        IPv6.prototype.match = function(other, cidrRange) {
          let ref;
          if (cidrRange === void 0) {
            ref = other;
            other = ref[0];
            cidrRange = ref[1];
          }
          if (other.kind() !== "ipv6") {
            throw new Error("ipaddr: cannot match ipv6 address with non-ipv6 one");
          }
          return matchCIDR(this.parts, other.parts, 16, cidrRange);
        };
        IPv6.prototype.prefixLengthFromSubnetMask = function() {
          let cidr = 0;
          let stop = false;
          const zerotable = {
            0: 16,
            32768: 15,
            49152: 14,
            57344: 13,
            61440: 12,
            63488: 11,
            64512: 10,
            65024: 9,
            65280: 8,
            65408: 7,
            65472: 6,
            65504: 5,
            65520: 4,
            65528: 3,
            65532: 2,
            65534: 1,
            65535: 0
          };
          let part, zeros;
          for (let i = 7; i >= 0; i -= 1) {
            part = this.parts[i];
            if (part in zerotable) {
              zeros = zerotable[part];
              if (stop && zeros !== 0) {
                return null;
              }
              if (zeros !== 16) {
                stop = true;
              }
              cidr += zeros;
            } else {
              return null;
            }
          }
          return 128 - cidr;
        };
        IPv6.prototype.range = function() {
          return ipaddr2.subnetMatch(this, this.SpecialRanges);
        };
        IPv6.prototype.toByteArray = function() {
          let part;
          const bytes = [];
          const ref = this.parts;
          for (let i = 0; i < ref.length; i++) {
            part = ref[i];
            bytes.push(part >> 8);
            bytes.push(part & 255);
          }
          return bytes;
        };
        IPv6.prototype.toFixedLengthString = function() {
          const addr = (function() {
            const results = [];
            for (let i = 0; i < this.parts.length; i++) {
              results.push(padPart(this.parts[i].toString(16), 4));
            }
            return results;
          }).call(this).join(":");
          let suffix = "";
          if (this.zoneId) {
            suffix = `%${this.zoneId}`;
          }
          return addr + suffix;
        };
        IPv6.prototype.toIPv4Address = function() {
          if (!this.isIPv4MappedAddress()) {
            throw new Error("ipaddr: trying to convert a generic ipv6 address to ipv4");
          }
          const ref = this.parts.slice(-2);
          const high = ref[0];
          const low = ref[1];
          return new ipaddr2.IPv4([high >> 8, high & 255, low >> 8, low & 255]);
        };
        IPv6.prototype.toNormalizedString = function() {
          const addr = (function() {
            const results = [];
            for (let i = 0; i < this.parts.length; i++) {
              results.push(this.parts[i].toString(16));
            }
            return results;
          }).call(this).join(":");
          let suffix = "";
          if (this.zoneId) {
            suffix = `%${this.zoneId}`;
          }
          return addr + suffix;
        };
        IPv6.prototype.toRFC5952String = function() {
          const regex = /((^|:)(0(:|$)){2,})/g;
          let suffix = "";
          if (this.zoneId) {
            suffix = `%${this.zoneId}`;
          }
          const normalized = this.toNormalizedString();
          const string = normalized.slice(0, normalized.length - suffix.length);
          let bestMatchIndex = 0;
          let bestMatchLength = -1;
          let bestMatchGroups = -1;
          let match;
          while (match = regex.exec(string)) {
            const groups = (match[0].match(/0/g) || []).length;
            if (groups > bestMatchGroups) {
              bestMatchGroups = groups;
              bestMatchIndex = match.index;
              bestMatchLength = match[0].length;
            }
          }
          if (bestMatchLength < 0) {
            return string + suffix;
          }
          return `${string.substring(0, bestMatchIndex)}::${string.substring(bestMatchIndex + bestMatchLength)}${suffix}`;
        };
        IPv6.prototype.toString = function() {
          return this.toRFC5952String();
        };
        return IPv6;
      })();
      ipaddr2.IPv6.broadcastAddressFromCIDR = function(string) {
        try {
          const cidr = this.parseCIDR(string);
          const ipInterfaceOctets = cidr[0].toByteArray();
          const subnetMaskOctets = this.subnetMaskFromPrefixLength(cidr[1]).toByteArray();
          const octets = [];
          let i = 0;
          while (i < 16) {
            octets.push(parseInt(ipInterfaceOctets[i], 10) | parseInt(subnetMaskOctets[i], 10) ^ 255);
            i++;
          }
          return new this(octets);
        } catch (e) {
          throw new Error("ipaddr: the address does not have IPv6 CIDR format", { cause: e });
        }
      };
      ipaddr2.IPv6.isIPv6 = function(string) {
        return this.parser(string) !== null;
      };
      ipaddr2.IPv6.isValid = function(string) {
        if (typeof string === "string" && string.indexOf(":") === -1) {
          return false;
        }
        try {
          const addr = this.parser(string);
          new this(addr.parts, addr.zoneId);
          return true;
        } catch {
          return false;
        }
      };
      ipaddr2.IPv6.isValidCIDR = function(string) {
        if (typeof string === "string" && string.indexOf(":") === -1) {
          return false;
        }
        try {
          this.parseCIDR(string);
          return true;
        } catch {
          return false;
        }
      };
      ipaddr2.IPv6.networkAddressFromCIDR = function(string) {
        let cidr, i, ipInterfaceOctets, octets, subnetMaskOctets;
        try {
          cidr = this.parseCIDR(string);
          ipInterfaceOctets = cidr[0].toByteArray();
          subnetMaskOctets = this.subnetMaskFromPrefixLength(cidr[1]).toByteArray();
          octets = [];
          i = 0;
          while (i < 16) {
            octets.push(parseInt(ipInterfaceOctets[i], 10) & parseInt(subnetMaskOctets[i], 10));
            i++;
          }
          return new this(octets);
        } catch (e) {
          throw new Error("ipaddr: the address does not have IPv6 CIDR format", { cause: e });
        }
      };
      ipaddr2.IPv6.parse = function(string) {
        const addr = this.parser(string);
        if (addr === null) {
          throw new Error("ipaddr: string is not formatted like an IPv6 Address");
        }
        return new this(addr.parts, addr.zoneId);
      };
      ipaddr2.IPv6.parseCIDR = function(string) {
        let maskLength, match, parsed;
        if (match = string.match(/^(.+)\/(\d+)$/)) {
          maskLength = parseInt(match[2]);
          if (maskLength >= 0 && maskLength <= 128) {
            parsed = [this.parse(match[1]), maskLength];
            Object.defineProperty(parsed, "toString", {
              value: function() {
                return this.join("/");
              }
            });
            return parsed;
          }
        }
        throw new Error("ipaddr: string is not formatted like an IPv6 CIDR range");
      };
      ipaddr2.IPv6.parser = function(string) {
        let addr, i, match, octet, octets, zoneId;
        if (match = string.match(ipv6Regexes.deprecatedTransitional)) {
          return this.parser(`::ffff:${match[1]}`);
        }
        if (ipv6Regexes.native.test(string)) {
          return expandIPv6(string, 8);
        }
        if (match = string.match(ipv6Regexes.transitional)) {
          zoneId = match[6] || "";
          addr = match[1];
          if (!match[1].endsWith("::")) {
            addr = addr.slice(0, -1);
          }
          addr = expandIPv6(addr + zoneId, 6);
          if (addr && addr.parts) {
            octets = [
              parseInt(match[2]),
              parseInt(match[3]),
              parseInt(match[4]),
              parseInt(match[5])
            ];
            for (i = 0; i < octets.length; i++) {
              octet = octets[i];
              if (!(0 <= octet && octet <= 255)) {
                return null;
              }
            }
            addr.parts.push(octets[0] << 8 | octets[1]);
            addr.parts.push(octets[2] << 8 | octets[3]);
            return {
              parts: addr.parts,
              zoneId: addr.zoneId
            };
          }
        }
        return null;
      };
      ipaddr2.IPv6.subnetMaskFromPrefixLength = function(prefix) {
        prefix = parseInt(prefix);
        if (Number.isNaN(prefix) || prefix < 0 || prefix > 128) {
          throw new Error("ipaddr: invalid IPv6 prefix length");
        }
        const octets = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        let j = 0;
        const filledOctetCount = Math.floor(prefix / 8);
        while (j < filledOctetCount) {
          octets[j] = 255;
          j++;
        }
        if (filledOctetCount < 16) {
          octets[filledOctetCount] = Math.pow(2, prefix % 8) - 1 << 8 - prefix % 8;
        }
        return new this(octets);
      };
      ipaddr2.fromByteArray = function(bytes) {
        const length = bytes.length;
        if (length === 4) {
          return new ipaddr2.IPv4(bytes);
        } else if (length === 16) {
          return new ipaddr2.IPv6(bytes);
        } else {
          throw new Error("ipaddr: the binary input is neither an IPv6 nor IPv4 address");
        }
      };
      ipaddr2.isValid = function(string) {
        return ipaddr2.IPv6.isValid(string) || ipaddr2.IPv4.isValid(string);
      };
      ipaddr2.isValidCIDR = function(string) {
        return ipaddr2.IPv6.isValidCIDR(string) || ipaddr2.IPv4.isValidCIDR(string);
      };
      ipaddr2.parse = function(string) {
        if (ipaddr2.IPv6.isValid(string)) {
          return ipaddr2.IPv6.parse(string);
        } else if (ipaddr2.IPv4.isValid(string)) {
          return ipaddr2.IPv4.parse(string);
        } else {
          throw new Error("ipaddr: the address has neither IPv6 nor IPv4 format");
        }
      };
      ipaddr2.parseCIDR = function(string) {
        try {
          return ipaddr2.IPv6.parseCIDR(string);
        } catch {
          try {
            return ipaddr2.IPv4.parseCIDR(string);
          } catch (e) {
            throw new Error("ipaddr: the address has neither IPv6 nor IPv4 CIDR format", { cause: e });
          }
        }
      };
      ipaddr2.process = function(string) {
        const addr = this.parse(string);
        if (addr.kind() === "ipv6" && addr.isIPv4MappedAddress()) {
          return addr.toIPv4Address();
        } else {
          return addr;
        }
      };
      ipaddr2.subnetMatch = function(address, rangeList, defaultName) {
        let i, rangeName, rangeSubnets, subnet;
        if (defaultName === void 0 || defaultName === null) {
          defaultName = "unicast";
        }
        for (rangeName in rangeList) {
          if (Object.prototype.hasOwnProperty.call(rangeList, rangeName)) {
            rangeSubnets = rangeList[rangeName];
            if (rangeSubnets[0] && !(rangeSubnets[0] instanceof Array)) {
              rangeSubnets = [rangeSubnets];
            }
            for (i = 0; i < rangeSubnets.length; i++) {
              subnet = rangeSubnets[i];
              if (address.kind() === subnet[0].kind() && address.match.apply(address, subnet)) {
                return rangeName;
              }
            }
          }
        }
        return defaultName;
      };
      if (typeof module !== "undefined" && module.exports) {
        module.exports = ipaddr2;
      } else {
        root.ipaddr = ipaddr2;
      }
    })(exports);
  }
});

// src/json/read.ts
import { readFileSync, statSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";

// node_modules/jsonc-parser/lib/esm/impl/scanner.js
function createScanner(text, ignoreTrivia = false) {
  const len = text.length;
  let pos = 0, value = "", tokenOffset = 0, token = 16, lineNumber = 0, lineStartOffset = 0, tokenLineStartOffset = 0, prevTokenLineStartOffset = 0, scanError2 = 0;
  function scanHexDigits(count, exact) {
    let digits = 0;
    let value2 = 0;
    while (digits < count || !exact) {
      let ch = text.charCodeAt(pos);
      if (ch >= 48 && ch <= 57) {
        value2 = value2 * 16 + ch - 48;
      } else if (ch >= 65 && ch <= 70) {
        value2 = value2 * 16 + ch - 65 + 10;
      } else if (ch >= 97 && ch <= 102) {
        value2 = value2 * 16 + ch - 97 + 10;
      } else {
        break;
      }
      pos++;
      digits++;
    }
    if (digits < count) {
      value2 = -1;
    }
    return value2;
  }
  function setPosition(newPosition) {
    pos = newPosition;
    value = "";
    tokenOffset = 0;
    token = 16;
    scanError2 = 0;
  }
  function scanNumber() {
    let start = pos;
    if (text.charCodeAt(pos) === 48) {
      pos++;
    } else {
      pos++;
      while (pos < text.length && isDigit(text.charCodeAt(pos))) {
        pos++;
      }
    }
    if (pos < text.length && text.charCodeAt(pos) === 46) {
      pos++;
      if (pos < text.length && isDigit(text.charCodeAt(pos))) {
        pos++;
        while (pos < text.length && isDigit(text.charCodeAt(pos))) {
          pos++;
        }
      } else {
        scanError2 = 3;
        return text.substring(start, pos);
      }
    }
    let end = pos;
    if (pos < text.length && (text.charCodeAt(pos) === 69 || text.charCodeAt(pos) === 101)) {
      pos++;
      if (pos < text.length && text.charCodeAt(pos) === 43 || text.charCodeAt(pos) === 45) {
        pos++;
      }
      if (pos < text.length && isDigit(text.charCodeAt(pos))) {
        pos++;
        while (pos < text.length && isDigit(text.charCodeAt(pos))) {
          pos++;
        }
        end = pos;
      } else {
        scanError2 = 3;
      }
    }
    return text.substring(start, end);
  }
  function scanString() {
    let result = "", start = pos;
    while (true) {
      if (pos >= len) {
        result += text.substring(start, pos);
        scanError2 = 2;
        break;
      }
      const ch = text.charCodeAt(pos);
      if (ch === 34) {
        result += text.substring(start, pos);
        pos++;
        break;
      }
      if (ch === 92) {
        result += text.substring(start, pos);
        pos++;
        if (pos >= len) {
          scanError2 = 2;
          break;
        }
        const ch2 = text.charCodeAt(pos++);
        switch (ch2) {
          case 34:
            result += '"';
            break;
          case 92:
            result += "\\";
            break;
          case 47:
            result += "/";
            break;
          case 98:
            result += "\b";
            break;
          case 102:
            result += "\f";
            break;
          case 110:
            result += "\n";
            break;
          case 114:
            result += "\r";
            break;
          case 116:
            result += "	";
            break;
          case 117:
            const ch3 = scanHexDigits(4, true);
            if (ch3 >= 0) {
              result += String.fromCharCode(ch3);
            } else {
              scanError2 = 4;
            }
            break;
          default:
            scanError2 = 5;
        }
        start = pos;
        continue;
      }
      if (ch >= 0 && ch <= 31) {
        if (isLineBreak(ch)) {
          result += text.substring(start, pos);
          scanError2 = 2;
          break;
        } else {
          scanError2 = 6;
        }
      }
      pos++;
    }
    return result;
  }
  function scanNext() {
    value = "";
    scanError2 = 0;
    tokenOffset = pos;
    lineStartOffset = lineNumber;
    prevTokenLineStartOffset = tokenLineStartOffset;
    if (pos >= len) {
      tokenOffset = len;
      return token = 17;
    }
    let code = text.charCodeAt(pos);
    if (isWhiteSpace(code)) {
      do {
        pos++;
        value += String.fromCharCode(code);
        code = text.charCodeAt(pos);
      } while (isWhiteSpace(code));
      return token = 15;
    }
    if (isLineBreak(code)) {
      pos++;
      value += String.fromCharCode(code);
      if (code === 13 && text.charCodeAt(pos) === 10) {
        pos++;
        value += "\n";
      }
      lineNumber++;
      tokenLineStartOffset = pos;
      return token = 14;
    }
    switch (code) {
      // tokens: []{}:,
      case 123:
        pos++;
        return token = 1;
      case 125:
        pos++;
        return token = 2;
      case 91:
        pos++;
        return token = 3;
      case 93:
        pos++;
        return token = 4;
      case 58:
        pos++;
        return token = 6;
      case 44:
        pos++;
        return token = 5;
      // strings
      case 34:
        pos++;
        value = scanString();
        return token = 10;
      // comments
      case 47:
        const start = pos - 1;
        if (text.charCodeAt(pos + 1) === 47) {
          pos += 2;
          while (pos < len) {
            if (isLineBreak(text.charCodeAt(pos))) {
              break;
            }
            pos++;
          }
          value = text.substring(start, pos);
          return token = 12;
        }
        if (text.charCodeAt(pos + 1) === 42) {
          pos += 2;
          const safeLength = len - 1;
          let commentClosed = false;
          while (pos < safeLength) {
            const ch = text.charCodeAt(pos);
            if (ch === 42 && text.charCodeAt(pos + 1) === 47) {
              pos += 2;
              commentClosed = true;
              break;
            }
            pos++;
            if (isLineBreak(ch)) {
              if (ch === 13 && text.charCodeAt(pos) === 10) {
                pos++;
              }
              lineNumber++;
              tokenLineStartOffset = pos;
            }
          }
          if (!commentClosed) {
            pos++;
            scanError2 = 1;
          }
          value = text.substring(start, pos);
          return token = 13;
        }
        value += String.fromCharCode(code);
        pos++;
        return token = 16;
      // numbers
      case 45:
        value += String.fromCharCode(code);
        pos++;
        if (pos === len || !isDigit(text.charCodeAt(pos))) {
          return token = 16;
        }
      // found a minus, followed by a number so
      // we fall through to proceed with scanning
      // numbers
      case 48:
      case 49:
      case 50:
      case 51:
      case 52:
      case 53:
      case 54:
      case 55:
      case 56:
      case 57:
        value += scanNumber();
        return token = 11;
      // literals and unknown symbols
      default:
        while (pos < len && isUnknownContentCharacter(code)) {
          pos++;
          code = text.charCodeAt(pos);
        }
        if (tokenOffset !== pos) {
          value = text.substring(tokenOffset, pos);
          switch (value) {
            case "true":
              return token = 8;
            case "false":
              return token = 9;
            case "null":
              return token = 7;
          }
          return token = 16;
        }
        value += String.fromCharCode(code);
        pos++;
        return token = 16;
    }
  }
  function isUnknownContentCharacter(code) {
    if (isWhiteSpace(code) || isLineBreak(code)) {
      return false;
    }
    switch (code) {
      case 125:
      case 93:
      case 123:
      case 91:
      case 34:
      case 58:
      case 44:
      case 47:
        return false;
    }
    return true;
  }
  function scanNextNonTrivia() {
    let result;
    do {
      result = scanNext();
    } while (result >= 12 && result <= 15);
    return result;
  }
  return {
    setPosition,
    getPosition: () => pos,
    scan: ignoreTrivia ? scanNextNonTrivia : scanNext,
    getToken: () => token,
    getTokenValue: () => value,
    getTokenOffset: () => tokenOffset,
    getTokenLength: () => pos - tokenOffset,
    getTokenStartLine: () => lineStartOffset,
    getTokenStartCharacter: () => tokenOffset - prevTokenLineStartOffset,
    getTokenError: () => scanError2
  };
}
function isWhiteSpace(ch) {
  return ch === 32 || ch === 9;
}
function isLineBreak(ch) {
  return ch === 10 || ch === 13;
}
function isDigit(ch) {
  return ch >= 48 && ch <= 57;
}
var CharacterCodes;
(function(CharacterCodes2) {
  CharacterCodes2[CharacterCodes2["lineFeed"] = 10] = "lineFeed";
  CharacterCodes2[CharacterCodes2["carriageReturn"] = 13] = "carriageReturn";
  CharacterCodes2[CharacterCodes2["space"] = 32] = "space";
  CharacterCodes2[CharacterCodes2["_0"] = 48] = "_0";
  CharacterCodes2[CharacterCodes2["_1"] = 49] = "_1";
  CharacterCodes2[CharacterCodes2["_2"] = 50] = "_2";
  CharacterCodes2[CharacterCodes2["_3"] = 51] = "_3";
  CharacterCodes2[CharacterCodes2["_4"] = 52] = "_4";
  CharacterCodes2[CharacterCodes2["_5"] = 53] = "_5";
  CharacterCodes2[CharacterCodes2["_6"] = 54] = "_6";
  CharacterCodes2[CharacterCodes2["_7"] = 55] = "_7";
  CharacterCodes2[CharacterCodes2["_8"] = 56] = "_8";
  CharacterCodes2[CharacterCodes2["_9"] = 57] = "_9";
  CharacterCodes2[CharacterCodes2["a"] = 97] = "a";
  CharacterCodes2[CharacterCodes2["b"] = 98] = "b";
  CharacterCodes2[CharacterCodes2["c"] = 99] = "c";
  CharacterCodes2[CharacterCodes2["d"] = 100] = "d";
  CharacterCodes2[CharacterCodes2["e"] = 101] = "e";
  CharacterCodes2[CharacterCodes2["f"] = 102] = "f";
  CharacterCodes2[CharacterCodes2["g"] = 103] = "g";
  CharacterCodes2[CharacterCodes2["h"] = 104] = "h";
  CharacterCodes2[CharacterCodes2["i"] = 105] = "i";
  CharacterCodes2[CharacterCodes2["j"] = 106] = "j";
  CharacterCodes2[CharacterCodes2["k"] = 107] = "k";
  CharacterCodes2[CharacterCodes2["l"] = 108] = "l";
  CharacterCodes2[CharacterCodes2["m"] = 109] = "m";
  CharacterCodes2[CharacterCodes2["n"] = 110] = "n";
  CharacterCodes2[CharacterCodes2["o"] = 111] = "o";
  CharacterCodes2[CharacterCodes2["p"] = 112] = "p";
  CharacterCodes2[CharacterCodes2["q"] = 113] = "q";
  CharacterCodes2[CharacterCodes2["r"] = 114] = "r";
  CharacterCodes2[CharacterCodes2["s"] = 115] = "s";
  CharacterCodes2[CharacterCodes2["t"] = 116] = "t";
  CharacterCodes2[CharacterCodes2["u"] = 117] = "u";
  CharacterCodes2[CharacterCodes2["v"] = 118] = "v";
  CharacterCodes2[CharacterCodes2["w"] = 119] = "w";
  CharacterCodes2[CharacterCodes2["x"] = 120] = "x";
  CharacterCodes2[CharacterCodes2["y"] = 121] = "y";
  CharacterCodes2[CharacterCodes2["z"] = 122] = "z";
  CharacterCodes2[CharacterCodes2["A"] = 65] = "A";
  CharacterCodes2[CharacterCodes2["B"] = 66] = "B";
  CharacterCodes2[CharacterCodes2["C"] = 67] = "C";
  CharacterCodes2[CharacterCodes2["D"] = 68] = "D";
  CharacterCodes2[CharacterCodes2["E"] = 69] = "E";
  CharacterCodes2[CharacterCodes2["F"] = 70] = "F";
  CharacterCodes2[CharacterCodes2["G"] = 71] = "G";
  CharacterCodes2[CharacterCodes2["H"] = 72] = "H";
  CharacterCodes2[CharacterCodes2["I"] = 73] = "I";
  CharacterCodes2[CharacterCodes2["J"] = 74] = "J";
  CharacterCodes2[CharacterCodes2["K"] = 75] = "K";
  CharacterCodes2[CharacterCodes2["L"] = 76] = "L";
  CharacterCodes2[CharacterCodes2["M"] = 77] = "M";
  CharacterCodes2[CharacterCodes2["N"] = 78] = "N";
  CharacterCodes2[CharacterCodes2["O"] = 79] = "O";
  CharacterCodes2[CharacterCodes2["P"] = 80] = "P";
  CharacterCodes2[CharacterCodes2["Q"] = 81] = "Q";
  CharacterCodes2[CharacterCodes2["R"] = 82] = "R";
  CharacterCodes2[CharacterCodes2["S"] = 83] = "S";
  CharacterCodes2[CharacterCodes2["T"] = 84] = "T";
  CharacterCodes2[CharacterCodes2["U"] = 85] = "U";
  CharacterCodes2[CharacterCodes2["V"] = 86] = "V";
  CharacterCodes2[CharacterCodes2["W"] = 87] = "W";
  CharacterCodes2[CharacterCodes2["X"] = 88] = "X";
  CharacterCodes2[CharacterCodes2["Y"] = 89] = "Y";
  CharacterCodes2[CharacterCodes2["Z"] = 90] = "Z";
  CharacterCodes2[CharacterCodes2["asterisk"] = 42] = "asterisk";
  CharacterCodes2[CharacterCodes2["backslash"] = 92] = "backslash";
  CharacterCodes2[CharacterCodes2["closeBrace"] = 125] = "closeBrace";
  CharacterCodes2[CharacterCodes2["closeBracket"] = 93] = "closeBracket";
  CharacterCodes2[CharacterCodes2["colon"] = 58] = "colon";
  CharacterCodes2[CharacterCodes2["comma"] = 44] = "comma";
  CharacterCodes2[CharacterCodes2["dot"] = 46] = "dot";
  CharacterCodes2[CharacterCodes2["doubleQuote"] = 34] = "doubleQuote";
  CharacterCodes2[CharacterCodes2["minus"] = 45] = "minus";
  CharacterCodes2[CharacterCodes2["openBrace"] = 123] = "openBrace";
  CharacterCodes2[CharacterCodes2["openBracket"] = 91] = "openBracket";
  CharacterCodes2[CharacterCodes2["plus"] = 43] = "plus";
  CharacterCodes2[CharacterCodes2["slash"] = 47] = "slash";
  CharacterCodes2[CharacterCodes2["formFeed"] = 12] = "formFeed";
  CharacterCodes2[CharacterCodes2["tab"] = 9] = "tab";
})(CharacterCodes || (CharacterCodes = {}));

// node_modules/jsonc-parser/lib/esm/impl/string-intern.js
var cachedSpaces = new Array(20).fill(0).map((_, index) => {
  return " ".repeat(index);
});
var maxCachedValues = 200;
var cachedBreakLinesWithSpaces = {
  " ": {
    "\n": new Array(maxCachedValues).fill(0).map((_, index) => {
      return "\n" + " ".repeat(index);
    }),
    "\r": new Array(maxCachedValues).fill(0).map((_, index) => {
      return "\r" + " ".repeat(index);
    }),
    "\r\n": new Array(maxCachedValues).fill(0).map((_, index) => {
      return "\r\n" + " ".repeat(index);
    })
  },
  "	": {
    "\n": new Array(maxCachedValues).fill(0).map((_, index) => {
      return "\n" + "	".repeat(index);
    }),
    "\r": new Array(maxCachedValues).fill(0).map((_, index) => {
      return "\r" + "	".repeat(index);
    }),
    "\r\n": new Array(maxCachedValues).fill(0).map((_, index) => {
      return "\r\n" + "	".repeat(index);
    })
  }
};

// node_modules/jsonc-parser/lib/esm/impl/parser.js
var ParseOptions;
(function(ParseOptions2) {
  ParseOptions2.DEFAULT = {
    allowTrailingComma: false
  };
})(ParseOptions || (ParseOptions = {}));
function parse(text, errors = [], options = ParseOptions.DEFAULT) {
  let currentProperty = null;
  let currentParent = [];
  const previousParents = [];
  function onValue(value) {
    if (Array.isArray(currentParent)) {
      currentParent.push(value);
    } else if (currentProperty !== null) {
      currentParent[currentProperty] = value;
    }
  }
  const visitor = {
    onObjectBegin: () => {
      const object = {};
      onValue(object);
      previousParents.push(currentParent);
      currentParent = object;
      currentProperty = null;
    },
    onObjectProperty: (name) => {
      currentProperty = name;
    },
    onObjectEnd: () => {
      currentParent = previousParents.pop();
    },
    onArrayBegin: () => {
      const array = [];
      onValue(array);
      previousParents.push(currentParent);
      currentParent = array;
      currentProperty = null;
    },
    onArrayEnd: () => {
      currentParent = previousParents.pop();
    },
    onLiteralValue: onValue,
    onError: (error, offset, length) => {
      errors.push({ error, offset, length });
    }
  };
  visit(text, visitor, options);
  return currentParent[0];
}
function parseTree(text, errors = [], options = ParseOptions.DEFAULT) {
  let currentParent = { type: "array", offset: -1, length: -1, children: [], parent: void 0 };
  function ensurePropertyComplete(endOffset) {
    if (currentParent.type === "property") {
      currentParent.length = endOffset - currentParent.offset;
      currentParent = currentParent.parent;
    }
  }
  function onValue(valueNode) {
    currentParent.children.push(valueNode);
    return valueNode;
  }
  const visitor = {
    onObjectBegin: (offset) => {
      currentParent = onValue({ type: "object", offset, length: -1, parent: currentParent, children: [] });
    },
    onObjectProperty: (name, offset, length) => {
      currentParent = onValue({ type: "property", offset, length: -1, parent: currentParent, children: [] });
      currentParent.children.push({ type: "string", value: name, offset, length, parent: currentParent });
    },
    onObjectEnd: (offset, length) => {
      ensurePropertyComplete(offset + length);
      currentParent.length = offset + length - currentParent.offset;
      currentParent = currentParent.parent;
      ensurePropertyComplete(offset + length);
    },
    onArrayBegin: (offset, length) => {
      currentParent = onValue({ type: "array", offset, length: -1, parent: currentParent, children: [] });
    },
    onArrayEnd: (offset, length) => {
      currentParent.length = offset + length - currentParent.offset;
      currentParent = currentParent.parent;
      ensurePropertyComplete(offset + length);
    },
    onLiteralValue: (value, offset, length) => {
      onValue({ type: getNodeType(value), offset, length, parent: currentParent, value });
      ensurePropertyComplete(offset + length);
    },
    onSeparator: (sep, offset, length) => {
      if (currentParent.type === "property") {
        if (sep === ":") {
          currentParent.colonOffset = offset;
        } else if (sep === ",") {
          ensurePropertyComplete(offset);
        }
      }
    },
    onError: (error, offset, length) => {
      errors.push({ error, offset, length });
    }
  };
  visit(text, visitor, options);
  const result = currentParent.children[0];
  if (result) {
    delete result.parent;
  }
  return result;
}
function findNodeAtLocation(root, path3) {
  if (!root) {
    return void 0;
  }
  let node = root;
  for (let segment of path3) {
    if (typeof segment === "string") {
      if (node.type !== "object" || !Array.isArray(node.children)) {
        return void 0;
      }
      let found = false;
      for (const propertyNode of node.children) {
        if (Array.isArray(propertyNode.children) && propertyNode.children[0].value === segment && propertyNode.children.length === 2) {
          node = propertyNode.children[1];
          found = true;
          break;
        }
      }
      if (!found) {
        return void 0;
      }
    } else {
      const index = segment;
      if (node.type !== "array" || index < 0 || !Array.isArray(node.children) || index >= node.children.length) {
        return void 0;
      }
      node = node.children[index];
    }
  }
  return node;
}
function visit(text, visitor, options = ParseOptions.DEFAULT) {
  const _scanner = createScanner(text, false);
  const _jsonPath = [];
  let suppressedCallbacks = 0;
  function toNoArgVisit(visitFunction) {
    return visitFunction ? () => suppressedCallbacks === 0 && visitFunction(_scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter()) : () => true;
  }
  function toOneArgVisit(visitFunction) {
    return visitFunction ? (arg) => suppressedCallbacks === 0 && visitFunction(arg, _scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter()) : () => true;
  }
  function toOneArgVisitWithPath(visitFunction) {
    return visitFunction ? (arg) => suppressedCallbacks === 0 && visitFunction(arg, _scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter(), () => _jsonPath.slice()) : () => true;
  }
  function toBeginVisit(visitFunction) {
    return visitFunction ? () => {
      if (suppressedCallbacks > 0) {
        suppressedCallbacks++;
      } else {
        let cbReturn = visitFunction(_scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter(), () => _jsonPath.slice());
        if (cbReturn === false) {
          suppressedCallbacks = 1;
        }
      }
    } : () => true;
  }
  function toEndVisit(visitFunction) {
    return visitFunction ? () => {
      if (suppressedCallbacks > 0) {
        suppressedCallbacks--;
      }
      if (suppressedCallbacks === 0) {
        visitFunction(_scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter());
      }
    } : () => true;
  }
  const onObjectBegin = toBeginVisit(visitor.onObjectBegin), onObjectProperty = toOneArgVisitWithPath(visitor.onObjectProperty), onObjectEnd = toEndVisit(visitor.onObjectEnd), onArrayBegin = toBeginVisit(visitor.onArrayBegin), onArrayEnd = toEndVisit(visitor.onArrayEnd), onLiteralValue = toOneArgVisitWithPath(visitor.onLiteralValue), onSeparator = toOneArgVisit(visitor.onSeparator), onComment = toNoArgVisit(visitor.onComment), onError = toOneArgVisit(visitor.onError);
  const disallowComments = options && options.disallowComments;
  const allowTrailingComma = options && options.allowTrailingComma;
  function scanNext() {
    while (true) {
      const token = _scanner.scan();
      switch (_scanner.getTokenError()) {
        case 4:
          handleError(
            14
            /* ParseErrorCode.InvalidUnicode */
          );
          break;
        case 5:
          handleError(
            15
            /* ParseErrorCode.InvalidEscapeCharacter */
          );
          break;
        case 3:
          handleError(
            13
            /* ParseErrorCode.UnexpectedEndOfNumber */
          );
          break;
        case 1:
          if (!disallowComments) {
            handleError(
              11
              /* ParseErrorCode.UnexpectedEndOfComment */
            );
          }
          break;
        case 2:
          handleError(
            12
            /* ParseErrorCode.UnexpectedEndOfString */
          );
          break;
        case 6:
          handleError(
            16
            /* ParseErrorCode.InvalidCharacter */
          );
          break;
      }
      switch (token) {
        case 12:
        case 13:
          if (disallowComments) {
            handleError(
              10
              /* ParseErrorCode.InvalidCommentToken */
            );
          } else {
            onComment();
          }
          break;
        case 16:
          handleError(
            1
            /* ParseErrorCode.InvalidSymbol */
          );
          break;
        case 15:
        case 14:
          break;
        default:
          return token;
      }
    }
  }
  function handleError(error, skipUntilAfter = [], skipUntil = []) {
    onError(error);
    if (skipUntilAfter.length + skipUntil.length > 0) {
      let token = _scanner.getToken();
      while (token !== 17) {
        if (skipUntilAfter.indexOf(token) !== -1) {
          scanNext();
          break;
        } else if (skipUntil.indexOf(token) !== -1) {
          break;
        }
        token = scanNext();
      }
    }
  }
  function parseString(isValue) {
    const value = _scanner.getTokenValue();
    if (isValue) {
      onLiteralValue(value);
    } else {
      onObjectProperty(value);
      _jsonPath.push(value);
    }
    scanNext();
    return true;
  }
  function parseLiteral() {
    switch (_scanner.getToken()) {
      case 11:
        const tokenValue = _scanner.getTokenValue();
        let value = Number(tokenValue);
        if (isNaN(value)) {
          handleError(
            2
            /* ParseErrorCode.InvalidNumberFormat */
          );
          value = 0;
        }
        onLiteralValue(value);
        break;
      case 7:
        onLiteralValue(null);
        break;
      case 8:
        onLiteralValue(true);
        break;
      case 9:
        onLiteralValue(false);
        break;
      default:
        return false;
    }
    scanNext();
    return true;
  }
  function parseProperty() {
    if (_scanner.getToken() !== 10) {
      handleError(3, [], [
        2,
        5
        /* SyntaxKind.CommaToken */
      ]);
      return false;
    }
    parseString(false);
    if (_scanner.getToken() === 6) {
      onSeparator(":");
      scanNext();
      if (!parseValue()) {
        handleError(4, [], [
          2,
          5
          /* SyntaxKind.CommaToken */
        ]);
      }
    } else {
      handleError(5, [], [
        2,
        5
        /* SyntaxKind.CommaToken */
      ]);
    }
    _jsonPath.pop();
    return true;
  }
  function parseObject() {
    onObjectBegin();
    scanNext();
    let needsComma = false;
    while (_scanner.getToken() !== 2 && _scanner.getToken() !== 17) {
      if (_scanner.getToken() === 5) {
        if (!needsComma) {
          handleError(4, [], []);
        }
        onSeparator(",");
        scanNext();
        if (_scanner.getToken() === 2 && allowTrailingComma) {
          break;
        }
      } else if (needsComma) {
        handleError(6, [], []);
      }
      if (!parseProperty()) {
        handleError(4, [], [
          2,
          5
          /* SyntaxKind.CommaToken */
        ]);
      }
      needsComma = true;
    }
    onObjectEnd();
    if (_scanner.getToken() !== 2) {
      handleError(7, [
        2
        /* SyntaxKind.CloseBraceToken */
      ], []);
    } else {
      scanNext();
    }
    return true;
  }
  function parseArray() {
    onArrayBegin();
    scanNext();
    let isFirstElement = true;
    let needsComma = false;
    while (_scanner.getToken() !== 4 && _scanner.getToken() !== 17) {
      if (_scanner.getToken() === 5) {
        if (!needsComma) {
          handleError(4, [], []);
        }
        onSeparator(",");
        scanNext();
        if (_scanner.getToken() === 4 && allowTrailingComma) {
          break;
        }
      } else if (needsComma) {
        handleError(6, [], []);
      }
      if (isFirstElement) {
        _jsonPath.push(0);
        isFirstElement = false;
      } else {
        _jsonPath[_jsonPath.length - 1]++;
      }
      if (!parseValue()) {
        handleError(4, [], [
          4,
          5
          /* SyntaxKind.CommaToken */
        ]);
      }
      needsComma = true;
    }
    onArrayEnd();
    if (!isFirstElement) {
      _jsonPath.pop();
    }
    if (_scanner.getToken() !== 4) {
      handleError(8, [
        4
        /* SyntaxKind.CloseBracketToken */
      ], []);
    } else {
      scanNext();
    }
    return true;
  }
  function parseValue() {
    switch (_scanner.getToken()) {
      case 3:
        return parseArray();
      case 1:
        return parseObject();
      case 10:
        return parseString(true);
      default:
        return parseLiteral();
    }
  }
  scanNext();
  if (_scanner.getToken() === 17) {
    if (options.allowEmptyContent) {
      return true;
    }
    handleError(4, [], []);
    return false;
  }
  if (!parseValue()) {
    handleError(4, [], []);
    return false;
  }
  if (_scanner.getToken() !== 17) {
    handleError(9, [], []);
  }
  return true;
}
function getNodeType(value) {
  switch (typeof value) {
    case "boolean":
      return "boolean";
    case "number":
      return "number";
    case "string":
      return "string";
    case "object": {
      if (!value) {
        return "null";
      } else if (Array.isArray(value)) {
        return "array";
      }
      return "object";
    }
    default:
      return "null";
  }
}

// node_modules/jsonc-parser/lib/esm/main.js
var createScanner2 = createScanner;
var ScanError;
(function(ScanError2) {
  ScanError2[ScanError2["None"] = 0] = "None";
  ScanError2[ScanError2["UnexpectedEndOfComment"] = 1] = "UnexpectedEndOfComment";
  ScanError2[ScanError2["UnexpectedEndOfString"] = 2] = "UnexpectedEndOfString";
  ScanError2[ScanError2["UnexpectedEndOfNumber"] = 3] = "UnexpectedEndOfNumber";
  ScanError2[ScanError2["InvalidUnicode"] = 4] = "InvalidUnicode";
  ScanError2[ScanError2["InvalidEscapeCharacter"] = 5] = "InvalidEscapeCharacter";
  ScanError2[ScanError2["InvalidCharacter"] = 6] = "InvalidCharacter";
})(ScanError || (ScanError = {}));
var SyntaxKind;
(function(SyntaxKind2) {
  SyntaxKind2[SyntaxKind2["OpenBraceToken"] = 1] = "OpenBraceToken";
  SyntaxKind2[SyntaxKind2["CloseBraceToken"] = 2] = "CloseBraceToken";
  SyntaxKind2[SyntaxKind2["OpenBracketToken"] = 3] = "OpenBracketToken";
  SyntaxKind2[SyntaxKind2["CloseBracketToken"] = 4] = "CloseBracketToken";
  SyntaxKind2[SyntaxKind2["CommaToken"] = 5] = "CommaToken";
  SyntaxKind2[SyntaxKind2["ColonToken"] = 6] = "ColonToken";
  SyntaxKind2[SyntaxKind2["NullKeyword"] = 7] = "NullKeyword";
  SyntaxKind2[SyntaxKind2["TrueKeyword"] = 8] = "TrueKeyword";
  SyntaxKind2[SyntaxKind2["FalseKeyword"] = 9] = "FalseKeyword";
  SyntaxKind2[SyntaxKind2["StringLiteral"] = 10] = "StringLiteral";
  SyntaxKind2[SyntaxKind2["NumericLiteral"] = 11] = "NumericLiteral";
  SyntaxKind2[SyntaxKind2["LineCommentTrivia"] = 12] = "LineCommentTrivia";
  SyntaxKind2[SyntaxKind2["BlockCommentTrivia"] = 13] = "BlockCommentTrivia";
  SyntaxKind2[SyntaxKind2["LineBreakTrivia"] = 14] = "LineBreakTrivia";
  SyntaxKind2[SyntaxKind2["Trivia"] = 15] = "Trivia";
  SyntaxKind2[SyntaxKind2["Unknown"] = 16] = "Unknown";
  SyntaxKind2[SyntaxKind2["EOF"] = 17] = "EOF";
})(SyntaxKind || (SyntaxKind = {}));
var parse2 = parse;
var parseTree2 = parseTree;
var findNodeAtLocation2 = findNodeAtLocation;
var ParseErrorCode;
(function(ParseErrorCode2) {
  ParseErrorCode2[ParseErrorCode2["InvalidSymbol"] = 1] = "InvalidSymbol";
  ParseErrorCode2[ParseErrorCode2["InvalidNumberFormat"] = 2] = "InvalidNumberFormat";
  ParseErrorCode2[ParseErrorCode2["PropertyNameExpected"] = 3] = "PropertyNameExpected";
  ParseErrorCode2[ParseErrorCode2["ValueExpected"] = 4] = "ValueExpected";
  ParseErrorCode2[ParseErrorCode2["ColonExpected"] = 5] = "ColonExpected";
  ParseErrorCode2[ParseErrorCode2["CommaExpected"] = 6] = "CommaExpected";
  ParseErrorCode2[ParseErrorCode2["CloseBraceExpected"] = 7] = "CloseBraceExpected";
  ParseErrorCode2[ParseErrorCode2["CloseBracketExpected"] = 8] = "CloseBracketExpected";
  ParseErrorCode2[ParseErrorCode2["EndOfFileExpected"] = 9] = "EndOfFileExpected";
  ParseErrorCode2[ParseErrorCode2["InvalidCommentToken"] = 10] = "InvalidCommentToken";
  ParseErrorCode2[ParseErrorCode2["UnexpectedEndOfComment"] = 11] = "UnexpectedEndOfComment";
  ParseErrorCode2[ParseErrorCode2["UnexpectedEndOfString"] = 12] = "UnexpectedEndOfString";
  ParseErrorCode2[ParseErrorCode2["UnexpectedEndOfNumber"] = 13] = "UnexpectedEndOfNumber";
  ParseErrorCode2[ParseErrorCode2["InvalidUnicode"] = 14] = "InvalidUnicode";
  ParseErrorCode2[ParseErrorCode2["InvalidEscapeCharacter"] = 15] = "InvalidEscapeCharacter";
  ParseErrorCode2[ParseErrorCode2["InvalidCharacter"] = 16] = "InvalidCharacter";
})(ParseErrorCode || (ParseErrorCode = {}));
function printParseErrorCode(code) {
  switch (code) {
    case 1:
      return "InvalidSymbol";
    case 2:
      return "InvalidNumberFormat";
    case 3:
      return "PropertyNameExpected";
    case 4:
      return "ValueExpected";
    case 5:
      return "ColonExpected";
    case 6:
      return "CommaExpected";
    case 7:
      return "CloseBraceExpected";
    case 8:
      return "CloseBracketExpected";
    case 9:
      return "EndOfFileExpected";
    case 10:
      return "InvalidCommentToken";
    case 11:
      return "UnexpectedEndOfComment";
    case 12:
      return "UnexpectedEndOfString";
    case 13:
      return "UnexpectedEndOfNumber";
    case 14:
      return "InvalidUnicode";
    case 15:
      return "InvalidEscapeCharacter";
    case 16:
      return "InvalidCharacter";
  }
  return "<unknown ParseErrorCode>";
}

// src/json/syntax.ts
var T = { OpenBrace: 1, CloseBrace: 2, OpenBracket: 3, CloseBracket: 4, Comma: 5, Colon: 6, Null: 7, True: 8, False: 9, String: 10, Number: 11, LineComment: 12, BlockComment: 13, LineBreak: 14, Trivia: 15, EOF: 17 };
var E = { None: 0, UnexpectedEndOfComment: 1, UnexpectedEndOfString: 2, UnexpectedEndOfNumber: 3 };
var FOUND_MAX = 20;
function shortToken(text, offset, length) {
  const raw = text.slice(offset, offset + Math.max(1, Math.min(length, FOUND_MAX)));
  return JSON.stringify(length > FOUND_MAX ? `${raw}\u2026` : raw);
}
var WANTED = {
  value: "a value",
  key: "a property name in double quotes"
};
function findSyntaxError(text) {
  const scanner = createScanner2(text, false);
  const stack = [];
  let want = "value";
  const problem = (message) => ({ offset: scanner.getTokenOffset(), message });
  const found = () => {
    const kind = scanner.getToken();
    if (kind === T.EOF) return "the end of the file";
    const token = shortToken(text, scanner.getTokenOffset(), scanner.getTokenLength());
    return kind === T.String ? `the string ${JSON.parse(token)}` : token;
  };
  const afterValue = () => stack.length === 0 ? "eof" : "comma-or-end";
  for (; ; ) {
    const kind = scanner.scan();
    if (kind === T.LineBreak || kind === T.Trivia) continue;
    if (kind === T.LineComment || kind === T.BlockComment) return problem("comments are not allowed in JSON");
    const tokenError = scanError(text, scanner);
    if (tokenError) return tokenError;
    if (kind === T.EOF) {
      if (want === "eof") return null;
      return problem(`unexpected end of file; expected ${expectation(want, stack)}`);
    }
    switch (want) {
      case "eof": {
        const jsonLines = (kind === T.OpenBrace || kind === T.OpenBracket) && startsLine(text, scanner.getTokenOffset());
        return problem(
          jsonLines ? `a second JSON document starts here: this looks like JSON Lines, which is not supported; wrap the rows in one array ([row, row, ...])` : `expected the end of the file after the JSON document, found ${found()}`
        );
      }
      case "value":
      case "value-or-end": {
        if (want === "value-or-end" && kind === T.CloseBracket) {
          stack.pop();
          want = afterValue();
          continue;
        }
        if (kind === T.OpenBrace) {
          stack.push("object");
          want = "key-or-end";
          continue;
        }
        if (kind === T.OpenBracket) {
          stack.push("array");
          want = "value-or-end";
          continue;
        }
        if (isScalar(kind)) {
          want = afterValue();
          continue;
        }
        return problem(`expected ${WANTED.value}, found ${found()}`);
      }
      case "key-or-end":
      case "key": {
        if (want === "key-or-end" && kind === T.CloseBrace) {
          stack.pop();
          want = afterValue();
          continue;
        }
        if (kind === T.String) {
          want = "colon";
          continue;
        }
        return problem(`expected ${WANTED.key}, found ${found()}`);
      }
      case "colon": {
        if (kind === T.Colon) {
          want = "value";
          continue;
        }
        return problem(`expected ':', found ${found()}`);
      }
      case "comma-or-end": {
        const top = stack[stack.length - 1];
        const close = top === "array" ? T.CloseBracket : T.CloseBrace;
        if (kind === close) {
          stack.pop();
          want = afterValue();
          continue;
        }
        if (kind === T.Comma) {
          want = top === "array" ? "value" : "key";
          continue;
        }
        return problem(`expected ${expectation(want, stack)}, found ${found()}`);
      }
    }
  }
}
function expectation(want, stack) {
  const top = stack[stack.length - 1];
  switch (want) {
    case "value":
      return WANTED.value;
    case "value-or-end":
      return `${WANTED.value} or ']'`;
    case "key":
      return WANTED.key;
    case "key-or-end":
      return `${WANTED.key} or '}'`;
    case "colon":
      return "':'";
    case "comma-or-end":
      return top === "array" ? "',' or ']'" : "',' or '}'";
    case "eof":
      return "the end of the file";
  }
}
function isScalar(kind) {
  return kind === T.String || kind === T.Number || kind === T.True || kind === T.False || kind === T.Null;
}
function startsLine(text, offset) {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return false;
}
function scanError(text, scanner) {
  const err = scanner.getTokenError();
  if (err === E.None) return null;
  const start = scanner.getTokenOffset();
  const end = start + scanner.getTokenLength();
  switch (err) {
    case E.UnexpectedEndOfString:
      return end >= text.length ? { offset: start, message: "unexpected end of file inside a string (is the file truncated?)" } : { offset: start, message: "unterminated string: no closing double quote on its line" };
    case E.UnexpectedEndOfNumber:
      return { offset: start, message: `incomplete number ${shortToken(text, start, end - start)}` };
    case E.UnexpectedEndOfComment:
      return { offset: start, message: "comments are not allowed in JSON" };
    default:
      return stringProblem(text, start, end);
  }
}
function stringProblem(text, start, end) {
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 32) return { offset: i, message: `control character U+${c.toString(16).padStart(4, "0").toUpperCase()} in a string; escape it (\\n, \\t, \\u00XX)` };
    if (c !== 92) continue;
    const next = text[i + 1] ?? "";
    if (next === "u") {
      if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, message: `invalid \\u escape ${shortToken(text, i, 6)}; expected four hex digits` };
      i += 5;
    } else if ('"\\/bfnrt'.includes(next) && next !== "") {
      i++;
    } else {
      return { offset: i, message: `invalid escape ${shortToken(text, i, 2)} in a string` };
    }
  }
  return { offset: start, message: "invalid string" };
}
function topLevelKeyOffset(text, key2) {
  const scanner = createScanner2(text, true);
  let depth = 0;
  let topIsObject = false;
  let expectKey = false;
  for (let kind = scanner.scan(); kind !== T.EOF; kind = scanner.scan()) {
    if (kind === T.OpenBrace || kind === T.OpenBracket) {
      depth++;
      if (depth === 1) topIsObject = kind === T.OpenBrace;
      expectKey = depth === 1 && topIsObject;
    } else if (kind === T.CloseBrace || kind === T.CloseBracket) {
      depth--;
      expectKey = false;
    } else if (depth === 1 && topIsObject && kind === T.Comma) {
      expectKey = true;
    } else if (expectKey && kind === T.String) {
      if (scanner.getTokenValue() === key2) return scanner.getTokenOffset();
      expectKey = false;
    } else {
      expectKey = false;
    }
  }
  return null;
}

// src/json/read.ts
function display(p) {
  const rel = path.relative(process.cwd(), p);
  return (rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : p).split(path.sep).join("/");
}
var FS_ERRORS = {
  ENOENT: "no such file or folder, or a broken symbolic link",
  ELOOP: "a symbolic-link loop",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a folder",
  ENOTDIR: "a path segment is not a folder",
  ENAMETOOLONG: "the path is too long",
  ERR_FS_FILE_TOO_LARGE: "the file is too large to read (2 GiB or more)"
};
function describeFsError(err) {
  const code = err?.code;
  if (code && Object.hasOwn(FS_ERRORS, code)) return `${code} (${FS_ERRORS[code]})`;
  return code ?? String(err);
}
var utf8 = new TextDecoder("utf-8", { fatal: true });
async function readText(p, check) {
  const file = display(p);
  let bytes;
  try {
    if (!(await stat(p)).isFile()) throw new InputError(`${file}: not a regular file`);
    bytes = await readFile(p);
  } catch (err) {
    throw err instanceof InputError ? err : new InputError(`${file}: cannot read: ${describeFsError(err)}`);
  }
  check?.(bytes);
  return { file, absPath: path.resolve(p), text: decode(bytes, file), ...hasBom(bytes) ? { bom: true } : {} };
}
function readTextSync(p) {
  const file = display(p);
  let bytes;
  try {
    if (!statSync(p).isFile()) throw new InputError(`${file}: not a regular file`);
    bytes = readFileSync(p);
  } catch (err) {
    throw err instanceof InputError ? err : new InputError(`${file}: cannot read: ${describeFsError(err)}`);
  }
  return { file, absPath: path.resolve(p), text: decode(bytes, file), ...hasBom(bytes) ? { bom: true } : {} };
}
function parseJson(file, text) {
  if (/^[ \t\r\n]*$/.test(text)) {
    const end = lineColumn(text, text.length);
    throw new InputError(`${file}:${end.line}:${end.column}: the file is empty; expected a JSON document`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file}:${describeSyntaxError(text, err)}`);
  }
}
async function readDocument(p, check) {
  const t = await readText(p, check);
  return { ...t, value: parseJson(t.file, t.text) };
}
function hasBom(bytes) {
  return bytes[0] === 239 && bytes[1] === 187 && bytes[2] === 191;
}
function decode(bytes, file) {
  const wide = wideEncoding(bytes);
  if (wide) throw new InputError(`${file}:1:1: ${wide} is not supported; re-save as UTF-8`);
  const start = hasBom(bytes) ? 3 : 0;
  const body = bytes.subarray(start);
  try {
    return utf8.decode(body);
  } catch {
    const prefix = body.subarray(0, firstInvalidUtf8(body)).toString("utf8");
    const { line, column } = lineColumn(prefix, prefix.length);
    throw new InputError(`${file}:${line}:${column}: invalid UTF-8 byte sequence; the file must be UTF-8`);
  }
}
function wideEncoding(b) {
  if (b.length < 2) return null;
  const [b0, b1, b2, b3] = [b[0], b[1], b[2] ?? -1, b[3] ?? -1];
  if (b0 === 255 && b1 === 254 && b2 === 0 && b3 === 0 || b0 === 0 && b1 === 0 && b2 === 254 && b3 === 255) return "UTF-32";
  if (b0 === 255 && b1 === 254 || b0 === 254 && b1 === 255) return "UTF-16";
  if (b.length >= 4 && (b0 === 0 && b1 === 0 && b2 === 0 && b3 !== 0 || b0 !== 0 && b1 === 0 && b2 === 0 && b3 === 0)) return "UTF-32";
  if (b0 === 0 && b1 !== 0 || b0 !== 0 && b1 === 0) return "UTF-16";
  return null;
}
function firstInvalidUtf8(bytes) {
  let lo = 1;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = lo + hi >>> 1;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo - 1;
}
function lineColumn(text, offset) {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (c === 13 && text.charCodeAt(i + 1) !== 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
function describeSyntaxError(text, err) {
  const found = findSyntaxError(text);
  if (found) {
    const { line, column } = lineColumn(text, found.offset);
    return `${line}:${column}: invalid JSON: ${found.message}`;
  }
  const at = /at position (\d+)/.exec(err.message);
  if (at) {
    const { line, column } = lineColumn(text, Number(at[1]));
    return `${line}:${column}: invalid JSON`;
  }
  return " invalid JSON";
}

// src/inventory/normalize/fields.ts
var import_ipaddr = __toESM(require_ipaddr(), 1);
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var MAX_STRING_LENGTH = 4096;
var KEY_SHOWN = 64;
var MAX_REFERENCES = 1e3;
function jsonPath(segs) {
  let out = "$";
  for (const s of segs) {
    if (typeof s === "number") out += `[${s}]`;
    else if (s.length > KEY_SHOWN) out += `[${JSON.stringify(`${s.slice(0, KEY_SHOWN)}\u2026`)}]`;
    else out += /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
  }
  return out;
}
function lookup(o, name) {
  if (Object.hasOwn(o, name)) return { key: name, value: o[name] };
  const lower = name.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return { key: k, value: o[k] };
  return void 0;
}
var SHOWN = 40;
function describe(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === "object") return "an object";
  if (typeof v === "string") {
    return v.length > SHOWN ? `a string of ${v.length} characters starting ${JSON.stringify(`${v.slice(0, SHOWN)}\u2026`)}` : `the string ${JSON.stringify(v)}`;
  }
  if (typeof v === "number") return Number.isFinite(v) ? `the number ${v}` : "a number too large to represent";
  if (v === void 0) return "nothing";
  return `${typeof v} ${String(v)}`;
}
var MAX_ERRORS = 1e3;
var MAX_ERRORS_PER_ROW = 20;
var ErrorLog = class {
  entries = [];
  unlisted = 0;
  add(e) {
    if (this.entries.length < MAX_ERRORS) this.entries.push(e);
    else this.unlisted++;
  }
  /** Counts problems that were found but not listed (a row's own cap already applied). */
  skip(n) {
    this.unlisted += n;
  }
  list() {
    if (!this.unlisted) return [...this.entries];
    return [...this.entries, { code: "more-errors", message: `\u2026 and ${this.unlisted} more problems, not listed` }];
  }
  /** Records an unknown enum-like value; the same value of the same property is listed once. */
  unknownValue(w) {
    const k = `${w.resourceType}\0${w.property}\0${w.value.toLowerCase()}`;
    const have = this.unknown.get(k);
    if (have) {
      have.occurrences++;
      return;
    }
    if (this.unknown.size >= MAX_ERRORS) return;
    const message = `${w.where.file}: ${w.where.path}: unknown value ${JSON.stringify(w.value)} of ${w.property} (${w.resourceType}); read as itself and judged as written`;
    this.unknown.set(k, { code: "unknown-value", message, ...w, occurrences: 1 });
  }
  warnings() {
    return [...this.unknown.values()].map((w) => ({ ...w, where: { ...w.where } }));
  }
  unknown = /* @__PURE__ */ new Map();
};
var FieldReader = class {
  invalid = false;
  file;
  log;
  resourceId;
  listed = 0;
  unlisted = 0;
  constructor(file, log, resourceId) {
    this.file = file;
    this.log = log;
    this.resourceId = resourceId;
  }
  fail(path3, expected, found) {
    this.invalid = true;
    if (this.listed >= MAX_ERRORS_PER_ROW) {
      this.unlisted++;
      return null;
    }
    this.listed++;
    const where2 = jsonPath(path3);
    this.log.add({
      code: "invalid-field",
      message: `${this.file}: ${where2}: expected ${expected}, found ${describe(found)}`,
      file: this.file,
      path: where2,
      ...this.resourceId ? { resourceId: this.resourceId } : {},
      expected,
      found: describe(found)
    });
    return null;
  }
  /** Call when the row is read: counts the problems beyond the row's cap. */
  close() {
    if (this.unlisted) this.log.skip(this.unlisted);
    this.unlisted = 0;
  }
  /** An ARM `properties` bag, or the object itself when it has none (az CLI output is flattened). */
  propertiesOf(o, at) {
    const hit = lookup(o, "properties");
    if (hit === void 0 || hit.value === null) return { value: o, path: [...at] };
    if (isObject(hit.value)) return { value: hit.value, path: [...at, hit.key] };
    this.fail([...at, hit.key], "an object", hit.value);
    return { value: {}, path: [...at, hit.key] };
  }
  get(o, name, at) {
    const hit = lookup(o, name);
    if (!hit || hit.value === null || hit.value === void 0) return null;
    return { value: hit.value, path: [...at, hit.key] };
  }
  /**
   * The key `name` is found under (see lookup), without allocating: scalar reads build their JSON
   * path only when they fail, which spares millions of short-lived arrays on a large inventory.
   */
  keyOf(o, name) {
    if (Object.hasOwn(o, name)) return name;
    const lower = name.toLowerCase();
    for (const k in o) if (Object.hasOwn(o, k) && k.toLowerCase() === lower) return k;
    return void 0;
  }
  object(o, name, at) {
    const hit = this.get(o, name, at);
    if (!hit) return null;
    if (!isObject(hit.value)) return this.fail(hit.path, "an object", hit.value);
    return { value: hit.value, path: hit.path };
  }
  array(o, name, at) {
    const hit = this.get(o, name, at);
    if (!hit) return null;
    if (!Array.isArray(hit.value)) return this.fail(hit.path, "an array", hit.value);
    return { value: hit.value, path: hit.path };
  }
  string(o, name, at) {
    const k = this.keyOf(o, name);
    const v = k === void 0 ? null : o[k];
    if (v === null || v === void 0) return null;
    if (typeof v === "string" && v.length <= MAX_STRING_LENGTH) return v;
    return this.text(v, [...at, k], "a string");
  }
  /** A string value of bounded length. */
  text(v, path3, expected) {
    if (typeof v !== "string") return this.fail(path3, expected, v);
    if (v.length > MAX_STRING_LENGTH) return this.fail(path3, `${expected} of at most ${MAX_STRING_LENGTH} characters`, v);
    return v;
  }
  boolean(o, name, at) {
    const k = this.keyOf(o, name);
    const v = k === void 0 ? null : o[k];
    if (v === null || v === void 0) return null;
    if (typeof v !== "boolean") return this.fail([...at, k], "true or false", v);
    return v;
  }
  /** A non-negative integer within [min, max]. */
  count(o, name, at, min = 0, max = Number.MAX_SAFE_INTEGER) {
    const k = this.keyOf(o, name);
    const v = k === void 0 ? null : o[k];
    if (v === null || v === void 0) return null;
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      return this.fail([...at, k], `a whole number from ${min} to ${max}`, v);
    }
    return v;
  }
  /**
   * An enum-like value Azure may extend: a known value in its canonical spelling, anything else as
   * itself, with a warning (never an error: an unknown value does not make the row unreliable).
   */
  openEnum(o, name, at, known, field2) {
    const s = this.string(o, name, at);
    if (s === null) return null;
    const canonical = known.find((a) => a.toLowerCase() === s.toLowerCase());
    if (canonical !== void 0) return canonical;
    const where2 = { file: this.file, path: jsonPath([...at, lookup(o, name)?.key ?? name]), ...this.resourceId ? { resourceId: this.resourceId } : {} };
    this.log.unknownValue({ value: s, property: field2.property, resourceType: field2.resourceType, where: where2 });
    return s;
  }
  /** An array of strings; a non-string element is an error and is skipped. */
  strings(o, name, at, max) {
    const arr = this.array(o, name, at);
    if (!arr) return null;
    if (max && arr.value.length > max.entries) return this.fail(arr.path, `at most ${max.entries} entries (${max.why})`, arr.value);
    const out = [];
    arr.value.forEach((v, i) => {
      if (v === null) return;
      const t = this.text(v, [...arr.path, i], "a string");
      if (t !== null) out.push(t);
    });
    return out;
  }
  /** `[{ "id": "..." }, ...]`: the ARM sub-resource reference list. */
  refIds(o, name, at) {
    const arr = this.array(o, name, at);
    if (!arr) return null;
    if (arr.value.length > MAX_REFERENCES) return this.fail(arr.path, `at most ${MAX_REFERENCES} references`, arr.value);
    const out = [];
    arr.value.forEach((v, i) => {
      if (v === null) return;
      if (!isObject(v)) {
        this.fail([...arr.path, i], "an object with an id", v);
        return;
      }
      const id = this.string(v, "id", [...arr.path, i]);
      if (id !== null) out.push(id);
    });
    return out;
  }
  /** `{ "id": "..." }`: one sub-resource reference. */
  refId(o, name, at) {
    const ref = this.object(o, name, at);
    return ref ? this.string(ref.value, "id", ref.path) : null;
  }
  /** A CIDR (`10.0.0.0/8`, `2001:db8::/32`) or a bare address, IPv4 or IPv6. */
  cidr(value, path3) {
    if (isCidrOrAddress(value)) return value;
    return this.fail(path3, "an IPv4 or IPv6 address or CIDR range", value);
  }
};
function isCidrOrAddress(value) {
  const family = value.includes(":") ? import_ipaddr.default.IPv6 : import_ipaddr.default.IPv4;
  return value.includes("/") ? family.isValidCIDR(value) : family.isValid(value);
}

// src/inventory/model.ts
var TYPE_KINDS = /* @__PURE__ */ new Map([
  ["microsoft.containerservice/managedclusters", "cluster"],
  ["microsoft.containerservice/managedclusters/agentpools", "agentPool"],
  ["microsoft.network/virtualnetworks", "virtualNetwork"],
  ["microsoft.network/virtualnetworks/subnets", "subnet"],
  ["microsoft.network/natgateways", "natGateway"],
  ["microsoft.network/publicipaddresses", "publicIp"],
  ["microsoft.network/publicipprefixes", "publicIpPrefix"],
  ["microsoft.network/routetables", "routeTable"],
  ["microsoft.network/networksecuritygroups", "networkSecurityGroup"],
  ["microsoft.authorization/roleassignments", "roleAssignment"],
  ["microsoft.authorization/roledefinitions", "roleDefinition"],
  ["microsoft.resources/subscriptions", "subscription"],
  ["microsoft.network/azurefirewalls", "firewall"]
]);
var key = (id) => id.toLowerCase();

// src/inventory/normalize/common.ts
function nameOf(r, row, at, id) {
  return r.string(row, "name", at) ?? lastSegment(id);
}
function lastSegment(id) {
  const parts = id.split("/").filter(Boolean);
  return parts[parts.length - 1] ?? id;
}
function idPart(id, segment) {
  const parts = id.split("/");
  const i = parts.findIndex((p) => p.toLowerCase() === segment);
  return i >= 0 ? parts[i + 1] ?? "" : "";
}
function propertyPrefix(at, rowPath) {
  return jsonPath(at.slice(rowPath.length)).replace(/^\$\.?/, "");
}
function zones(r, o, name, at) {
  const z = r.strings(o, name, at);
  return z ? [...new Set(z)].sort() : null;
}

// src/inventory/normalize/network.ts
var NAT_SKUS = ["Standard", "StandardV2"];
var IP_SKUS = ["Basic", "Standard", "StandardV2"];
var IP_VERSIONS = ["IPv4", "IPv6"];
var NEXT_HOPS = ["VirtualNetworkGateway", "VnetLocal", "Internet", "VirtualAppliance", "None"];
var PEERING_STATES = ["Initiated", "Connected", "Disconnected"];
function readPeerings(r, p, at) {
  const list = r.array(p, "virtualNetworkPeerings", at);
  if (!list) return null;
  const out = [];
  list.value.forEach((v, i) => {
    const path3 = [...list.path, i];
    if (v === null) return;
    if (!isObject(v)) return void r.fail(path3, "a peering object", v);
    const pp = r.propertiesOf(v, path3);
    out.push({
      remoteVirtualNetworkId: r.refId(pp.value, "remoteVirtualNetwork", pp.path),
      state: r.openEnum(pp.value, "peeringState", pp.path, PEERING_STATES, { resourceType: "microsoft.network/virtualnetworks", property: "properties.virtualNetworkPeerings[].properties.peeringState" })
    });
  });
  return out;
}
function readSubnet(r, p, at, base) {
  return {
    ...base,
    addressPrefix: r.string(p, "addressPrefix", at),
    natGatewayId: r.refId(p, "natGateway", at),
    routeTableId: r.refId(p, "routeTable", at),
    networkSecurityGroupId: r.refId(p, "networkSecurityGroup", at),
    defaultOutboundAccess: r.boolean(p, "defaultOutboundAccess", at)
  };
}
function sku(r, row, at, allowed, resourceType) {
  const s = r.object(row, "sku", at);
  return s ? r.openEnum(s.value, "name", s.path, allowed, { resourceType, property: "sku.name" }) : null;
}
var ipVersion = (resourceType) => ({ resourceType, property: "properties.publicIPAddressVersion" });
function readNatGateway(r, row, p, at, base) {
  return {
    ...base,
    sku: sku(r, row, base.source.path, NAT_SKUS, "microsoft.network/natgateways"),
    zones: zones(r, row, "zones", base.source.path) ?? [],
    idleTimeoutInMinutes: r.count(p, "idleTimeoutInMinutes", at, 0, 1e3),
    // StandardV2 gateways list their IPv6 addresses and prefixes apart (publicIpAddressesV6, publicIpPrefixesV6).
    publicIpIds: [...r.refIds(p, "publicIpAddresses", at) ?? [], ...r.refIds(p, "publicIpAddressesV6", at) ?? []],
    publicIpPrefixIds: [...r.refIds(p, "publicIpPrefixes", at) ?? [], ...r.refIds(p, "publicIpPrefixesV6", at) ?? []]
  };
}
function readPublicIp(r, row, p, at, base) {
  const address = r.string(p, "ipAddress", at);
  return {
    ...base,
    sku: sku(r, row, base.source.path, IP_SKUS, "microsoft.network/publicipaddresses"),
    ipAddress: address === null ? null : r.cidr(address, [...at, lookup(p, "ipAddress")?.key ?? "ipAddress"]),
    version: r.openEnum(p, "publicIPAddressVersion", at, IP_VERSIONS, ipVersion("microsoft.network/publicipaddresses")),
    natGatewayId: r.refId(p, "natGateway", at),
    zones: zones(r, row, "zones", base.source.path) ?? []
  };
}
function readPublicIpPrefix(r, row, p, at, base) {
  const prefix = r.string(p, "ipPrefix", at);
  return {
    ...base,
    sku: sku(r, row, base.source.path, IP_SKUS, "microsoft.network/publicipprefixes"),
    ipPrefix: prefix === null ? null : r.cidr(prefix, [...at, lookup(p, "ipPrefix")?.key ?? "ipPrefix"]),
    prefixLength: r.count(p, "prefixLength", at, 0, 128),
    version: r.openEnum(p, "publicIPAddressVersion", at, IP_VERSIONS, ipVersion("microsoft.network/publicipprefixes")),
    natGatewayId: r.refId(p, "natGateway", at)
  };
}
function readRouteTable(r, p, at, base) {
  const routes = r.array(p, "routes", at);
  const out = [];
  routes?.value.forEach((v, i) => {
    const path3 = [...routes.path, i];
    if (!isObject(v)) return void r.fail(path3, "a route object", v);
    const rp = r.propertiesOf(v, path3);
    out.push({
      name: r.string(v, "name", path3) ?? `#${i}`,
      addressPrefix: r.string(rp.value, "addressPrefix", rp.path),
      nextHopType: r.openEnum(rp.value, "nextHopType", rp.path, NEXT_HOPS, { resourceType: "microsoft.network/routetables", property: "properties.routes[].properties.nextHopType" }),
      nextHopIpAddress: r.string(rp.value, "nextHopIpAddress", rp.path)
    });
  });
  return { ...base, routes: out };
}

// src/inventory/facts/azure.ts
var OUTBOUND_TYPES = ["loadBalancer", "managedNATGateway", "userAssignedNATGateway", "userDefinedRouting", "none", "block", "managedNATGatewayV2"];
var MANAGED_NAT_GATEWAY_TYPES = ["managedNATGateway", "managedNATGatewayV2"];
var NAT_GATEWAY_TYPES = [...MANAGED_NAT_GATEWAY_TYPES, "userAssignedNATGateway"];
function canonicalOutboundType(value) {
  const lower = value.toLowerCase();
  return OUTBOUND_TYPES.find((t) => t.toLowerCase() === lower) ?? null;
}
function defaultManagedNatSku(outboundType) {
  return outboundType === "managedNATGatewayV2" ? "StandardV2" : "Standard";
}
var SNAT_PORTS_PER_LB_FRONTEND = 64e3;
var SNAT_PORTS_PER_NAT_IP = 64512;
var MAX_NAT_GATEWAY_IPS = 16;
function defaultLbPortsPerNode(nodes) {
  if (nodes <= 50) return 1024;
  if (nodes <= 100) return 512;
  if (nodes <= 200) return 256;
  if (nodes <= 400) return 128;
  if (nodes <= 800) return 64;
  return 32;
}
function lbCapacity(ports, frontends, maxNodes) {
  const available = SNAT_PORTS_PER_LB_FRONTEND * frontends;
  const required = ports * maxNodes;
  return {
    portsRequiredAtMaxNodes: required,
    portsAvailable: available,
    portsShortfallAtMaxNodes: Math.max(required - available, 0),
    maxNodesSupported: ports > 0 ? Math.floor(available / ports) : null,
    frontendIpv4Needed: ports > 0 ? Math.ceil(required / SNAT_PORTS_PER_LB_FRONTEND) : null,
    portsPerNodeThatFit: maxNodes > 0 ? Math.min(Math.floor(available / maxNodes / 8) * 8, SNAT_PORTS_PER_LB_FRONTEND) : null,
    snatPortsPerNode: ports > 0 ? ports : defaultLbPortsPerNode(maxNodes)
  };
}
function kubernetesVersionOrdinal(version) {
  const m = version === null ? null : /^v?(\d+)\.(\d+)/.exec(version.trim());
  return m ? Number(m[1]) * 1e3 + Number(m[2]) : null;
}

// src/inventory/normalize/authorization.ts
function readRoleAssignment(r, p, at, base) {
  return {
    ...base,
    principalId: r.string(p, "principalId", at),
    principalType: r.string(p, "principalType", at),
    roleDefinitionId: r.string(p, "roleDefinitionId", at),
    scope: r.string(p, "scope", at) ?? scopeOfAssignment(base.id)
  };
}
function scopeOfAssignment(id) {
  const i = id.toLowerCase().lastIndexOf("/providers/microsoft.authorization/roleassignments/");
  return i > 0 ? id.slice(0, i) : i === 0 ? "/" : null;
}
function readRoleDefinition(r, row, p, at, base) {
  const permissions = [];
  const list = r.array(p, "permissions", at);
  list?.value.forEach((v, i) => {
    const path3 = [...list.path, i];
    if (v === null) return;
    if (!isObject(v)) return void r.fail(path3, "a permissions object", v);
    permissions.push({ actions: r.strings(v, "actions", path3) ?? [], notActions: r.strings(v, "notActions", path3) ?? [] });
  });
  const roleType = p === row ? r.string(p, "roleType", at) : r.string(p, "type", at) ?? r.string(p, "roleType", at);
  return { ...base, roleName: r.string(p, "roleName", at), roleType, permissions };
}
function readSubscription(r, row, p, at, base) {
  const chain = r.array(p, "managementGroupAncestorsChain", at);
  const groups = [];
  chain?.value.forEach((v, i) => {
    const path3 = [...chain.path, i];
    if (!isObject(v)) return void r.fail(path3, "a management group object", v);
    const name = r.string(v, "name", path3);
    if (name !== null) groups.push(name);
  });
  return {
    ...base,
    subscriptionId: r.string(row, "subscriptionId", base.source.path) ?? idPart(base.id, "subscriptions"),
    managementGroups: groups
  };
}
function readClusterIdentity(r, row, rowPath, p, at) {
  const id = r.object(row, "identity", rowPath);
  const sp = r.object(p, "servicePrincipalProfile", at);
  const users = id ? r.object(id.value, "userAssignedIdentities", id.path) : null;
  const principals = [];
  if (users) {
    for (const [k, v] of Object.entries(users.value)) {
      if (v === null) continue;
      if (!isObject(v)) {
        r.fail([...users.path, k], "a user-assigned identity object", v);
        continue;
      }
      const pid = r.string(v, "principalId", [...users.path, k]);
      if (pid !== null) principals.push(pid);
    }
  }
  return {
    type: id ? r.string(id.value, "type", id.path) : null,
    principalId: id ? r.string(id.value, "principalId", id.path) : null,
    userAssignedPrincipalIds: principals,
    servicePrincipalClientId: sp ? r.string(sp.value, "clientId", sp.path) : null
  };
}

// src/inventory/normalize/cluster.ts
var POOL_TYPES = ["VirtualMachineScaleSets", "AvailabilitySet", "VirtualMachines"];
var OS_TYPES = ["Linux", "Windows"];
var POOL_MODES = ["System", "User", "Gateway", "Machines", "ManagedSystem"];
var LB_SKUS = ["standard", "basic"];
var CLUSTER = "microsoft.containerservice/managedclusters";
var field = (property) => ({ resourceType: CLUSTER, property });
var poolField = (name) => field(`properties.agentPoolProfiles[].${name}`);
function natSkuOf(r, nat) {
  const hit = lookup(nat.value, "sku");
  if (hit === void 0 || hit.value === null) return null;
  const f = field("properties.networkProfile.natGatewayProfile.sku");
  if (typeof hit.value === "string") return r.openEnum(nat.value, "sku", nat.path, NAT_SKUS, f);
  const o = r.object(nat.value, "sku", nat.path);
  return o ? r.openEnum(o.value, "name", o.path, NAT_SKUS, f) : null;
}
function readCluster(r, row, p, at, base) {
  const rowPath = base.source.path;
  const net = r.object(p, "networkProfile", at);
  const lb = net ? r.object(net.value, "loadBalancerProfile", net.path) : null;
  const nat = net ? r.object(net.value, "natGatewayProfile", net.path) : null;
  const api = r.object(p, "apiServerAccessProfile", at);
  const tagsObj = r.object(row, "tags", rowPath);
  const pools = [];
  const profiles = r.array(p, "agentPoolProfiles", at);
  profiles?.value.forEach((v, i) => {
    const path3 = [...profiles.path, i];
    if (!isObject(v)) return void r.fail(path3, "an agent pool object", v);
    const name = r.string(v, "name", path3) ?? `#${i}`;
    pools.push(readPool(r, v, path3, name, { file: base.source.file, path: path3 }, propertyPrefix(path3, rowPath)));
  });
  const managedIps = lb ? r.object(lb.value, "managedOutboundIPs", lb.path) : null;
  const outIps = lb ? r.object(lb.value, "outboundIPs", lb.path) : null;
  const outPrefixes = lb ? r.object(lb.value, "outboundIPPrefixes", lb.path) : null;
  const natManaged = nat ? r.object(nat.value, "managedOutboundIPProfile", nat.path) : null;
  const tags = {};
  if (tagsObj) {
    for (const [k, v] of Object.entries(tagsObj.value)) {
      if (v === null) continue;
      if (k.length > MAX_STRING_LENGTH) r.fail([...tagsObj.path, k], `a tag name of at most ${MAX_STRING_LENGTH} characters`, k);
      const value = r.text(v, [...tagsObj.path, k], "a string tag value");
      if (value !== null) Object.defineProperty(tags, k, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  const ranges = (api ? r.strings(api.value, "authorizedIPRanges", api.path, { entries: 200, why: "the AKS limit" }) : null) ?? [];
  const rangesPath = api ? [...api.path, lookup(api.value, "authorizedIPRanges")?.key ?? "authorizedIPRanges"] : [];
  return {
    ...base,
    subscriptionId: r.string(row, "subscriptionId", rowPath) ?? idPart(base.id, "subscriptions"),
    resourceGroup: r.string(row, "resourceGroup", rowPath) ?? idPart(base.id, "resourcegroups"),
    location: r.string(row, "location", rowPath),
    tags,
    kubernetesVersion: r.string(p, "kubernetesVersion", at),
    currentKubernetesVersion: r.string(p, "currentKubernetesVersion", at),
    outboundType: net ? r.openEnum(net.value, "outboundType", net.path, OUTBOUND_TYPES, field("properties.networkProfile.outboundType")) : null,
    loadBalancerSku: net ? r.openEnum(net.value, "loadBalancerSku", net.path, LB_SKUS, field("properties.networkProfile.loadBalancerSku")) : null,
    allocatedOutboundPorts: lb ? r.count(lb.value, "allocatedOutboundPorts", lb.path, 0, 64e3) : null,
    lbManagedOutboundIpCount: managedIps ? r.count(managedIps.value, "count", managedIps.path, 0, 100) : null,
    lbEffectiveOutboundIpIds: lb ? r.refIds(lb.value, "effectiveOutboundIPs", lb.path) : null,
    lbOutboundIpIds: (outIps ? r.refIds(outIps.value, "publicIPs", outIps.path) : null) ?? [],
    lbOutboundIpPrefixIds: (outPrefixes ? r.refIds(outPrefixes.value, "publicIPPrefixes", outPrefixes.path) : null) ?? [],
    natManagedOutboundIpCount: natManaged ? r.count(natManaged.value, "count", natManaged.path, 0, 16) : null,
    natManagedOutboundIpv6Count: natManaged ? r.count(natManaged.value, "countIPv6", natManaged.path, 0, 16) : null,
    natIdleTimeoutInMinutes: nat ? r.count(nat.value, "idleTimeoutInMinutes", nat.path, 0, 1e3) : null,
    natEffectiveOutboundIpIds: (nat ? r.refIds(nat.value, "effectiveOutboundIPs", nat.path) : null) ?? [],
    natSku: nat ? natSkuOf(r, nat) : null,
    enablePrivateCluster: api ? r.boolean(api.value, "enablePrivateCluster", api.path) : null,
    enableVnetIntegration: api ? r.boolean(api.value, "enableVnetIntegration", api.path) : null,
    authorizedIpRanges: ranges.filter((c, i) => r.cidr(c, [...rangesPath, i]) !== null),
    pools,
    identity: readClusterIdentity(r, row, rowPath, p, at),
    networkPlugin: net ? r.string(net.value, "networkPlugin", net.path) : null
  };
}
function readPool(r, v, path3, name, source, propertyPath) {
  const win = r.object(v, "windowsProfile", path3);
  return {
    name,
    source,
    propertyPath,
    type: r.openEnum(v, "type", path3, POOL_TYPES, poolField("type")),
    osType: r.openEnum(v, "osType", path3, OS_TYPES, poolField("osType")),
    mode: r.openEnum(v, "mode", path3, POOL_MODES, poolField("mode")),
    count: r.count(v, "count", path3, 0, 5e3),
    enableAutoScaling: r.boolean(v, "enableAutoScaling", path3),
    minCount: r.count(v, "minCount", path3, 0, 5e3),
    maxCount: r.count(v, "maxCount", path3, 0, 5e3),
    availabilityZones: zones(r, v, "availabilityZones", path3),
    enableNodePublicIp: r.boolean(v, "enableNodePublicIP", path3),
    disableOutboundNat: win ? r.boolean(win.value, "disableOutboundNat", win.path) : null,
    vnetSubnetId: r.string(v, "vnetSubnetID", path3)
  };
}

// src/inventory/normalize/firewall.ts
function readFirewall(r, p, at, base) {
  const privateIps = [];
  const publicIpIds = [];
  const subnetIds = [];
  const configs = r.array(p, "ipConfigurations", at);
  configs?.value.forEach((v, i) => {
    const path3 = [...configs.path, i];
    if (v === null) return;
    if (!isObject(v)) return void r.fail(path3, "an IP configuration object", v);
    const cp = r.propertiesOf(v, path3);
    const ip = r.string(cp.value, "privateIPAddress", cp.path);
    if (ip !== null && r.cidr(ip, [...cp.path, "privateIPAddress"]) !== null) privateIps.push(ip);
    const pip = r.refId(cp.value, "publicIPAddress", cp.path);
    if (pip !== null) publicIpIds.push(pip);
    const subnet = r.refId(cp.value, "subnet", cp.path);
    if (subnet !== null) subnetIds.push(subnet);
  });
  const hub = r.object(p, "hubIPAddresses", at);
  let hubPublicIpCount = null;
  if (hub) {
    const ip = r.string(hub.value, "privateIPAddress", hub.path);
    if (ip !== null && r.cidr(ip, [...hub.path, "privateIPAddress"]) !== null) privateIps.push(ip);
    const pub = r.object(hub.value, "publicIPs", hub.path);
    hubPublicIpCount = pub ? r.count(pub.value, "count", pub.path, 0, 250) : null;
  }
  const sku2 = r.object(p, "sku", at);
  return {
    ...base,
    skuName: sku2 ? r.string(sku2.value, "name", sku2.path) : null,
    privateIpAddresses: privateIps,
    publicIpIds,
    hubPublicIpCount,
    subnetIds: [...new Set(subnetIds)]
  };
}

// src/inventory/normalize/builder.ts
var InventoryBuilder = class {
  log;
  inventory = {
    clusters: /* @__PURE__ */ new Map(),
    virtualNetworks: /* @__PURE__ */ new Map(),
    subnets: /* @__PURE__ */ new Map(),
    natGateways: /* @__PURE__ */ new Map(),
    publicIps: /* @__PURE__ */ new Map(),
    publicIpPrefixes: /* @__PURE__ */ new Map(),
    routeTables: /* @__PURE__ */ new Map(),
    networkSecurityGroups: /* @__PURE__ */ new Map(),
    roleAssignments: /* @__PURE__ */ new Map(),
    roleDefinitions: /* @__PURE__ */ new Map(),
    subscriptions: /* @__PURE__ */ new Map(),
    firewalls: /* @__PURE__ */ new Map(),
    refused: /* @__PURE__ */ new Map(),
    // Keyed by data (resource types): no prototype, so "__proto__" is a type like any other.
    counts: /* @__PURE__ */ Object.create(null),
    ignoredTypes: /* @__PURE__ */ Object.create(null)
  };
  /** Agent pools listed as their own rows, by row ID; attached to their clusters in finish(). */
  separatePools = /* @__PURE__ */ new Map();
  /** Subnets embedded in VNet rows; a subnet listed as its own row wins over these. */
  embeddedSubnets = /* @__PURE__ */ new Map();
  constructor(log = new ErrorLog()) {
    this.log = log;
  }
  add(row) {
    const { value, source } = row;
    const at = source.path;
    if (!isObject(value)) {
      if (value === null) return;
      const r2 = new FieldReader(source.file, this.log, void 0);
      r2.fail(at, "a resource object", value);
      return;
    }
    const idHit = lookup(value, "id");
    const typeHit = lookup(value, "type");
    const r0 = new FieldReader(source.file, this.log, void 0);
    const id = typeof idHit?.value === "string" && idHit.value !== "" ? r0.text(idHit.value, [...at, idHit.key], "a resource ID string") : null;
    if (id === null) {
      if (!r0.invalid) r0.fail([...at, idHit?.key ?? "id"], "a resource ID string", idHit?.value);
      return;
    }
    if (typeof typeHit?.value !== "string") {
      r0.fail([...at, typeHit?.key ?? "type"], "a resource type string", typeHit?.value);
      this.refuse(key(id), "its row has no resource type");
      return;
    }
    const type = typeHit.value.toLowerCase();
    const kind = TYPE_KINDS.get(type);
    if (!kind) {
      this.tally("ignoredTypes", type);
      return;
    }
    this.tally("counts", kind);
    const r = new FieldReader(source.file, this.log, id);
    const props = r.propertiesOf(value, at);
    const base = { id, name: nameOf(r, value, at, id), source, invalid: false };
    this.read(kind, r, value, props.value, props.path, base);
    r.close();
  }
  /** Makes the changes a RecordingBuilder recorded, in their order. */
  apply(ops) {
    for (const o of ops) {
      if (o.op === "error") this.log.add(o.error);
      else if (o.op === "skip") this.log.skip(o.n);
      else if (o.op === "unknown") this.log.unknownValue(o.warning);
      else if (o.op === "store") this.storeAs(o.target, o.id, o.entity);
      else if (o.op === "tally") this.tally(o.what, o.name);
      else this.refuse(o.key, o.why);
    }
  }
  /** Call once every row is added: attaches separately listed agent pools to their clusters. */
  finish() {
    const inv = this.inventory;
    for (const [k, s] of this.embeddedSubnets) if (!inv.subnets.has(k)) inv.subnets.set(k, s);
    const byCluster = /* @__PURE__ */ new Map();
    for (const p of this.separatePools.values()) {
      const list = byCluster.get(p.clusterKey);
      if (list) list.push(p);
      else byCluster.set(p.clusterKey, [p]);
    }
    for (const [clusterKey, pools] of byCluster) {
      const cluster = inv.clusters.get(clusterKey);
      if (!cluster) continue;
      const index = new Map(cluster.pools.map((p, i) => [p.name.toLowerCase(), i]));
      for (const { pool, invalid } of pools) {
        const i = index.get(pool.name.toLowerCase());
        if (i !== void 0) cluster.pools[i] = pool;
        else index.set(pool.name.toLowerCase(), cluster.pools.push(pool) - 1);
        if (invalid) cluster.invalid = true;
      }
    }
    return { inventory: inv, errors: this.log.list(), warnings: this.log.warnings() };
  }
  /**
   * Stores a resource under its lower-cased ID. A second row with the same ID is read once when it
   * says the same thing (compared on what the scan reads, so key order, ID casing and ignored
   * properties do not matter); when it differs, both places are named in an error and the resource
   * is marked unreliable.
   */
  store(target, entity) {
    this.storeAs(target, entity.id, entity);
  }
  storeAs(target, id, entity) {
    const map = this.target(target);
    const k = key(id);
    const prior = map.get(k);
    if (!prior) {
      map.set(k, entity);
      return;
    }
    if (comparable(prior) === comparable(entity)) return;
    this.log.add({
      code: "duplicate-id",
      message: `${entity.id}: two different rows share this resource ID (${where(prior.source)} and ${where(entity.source)}); the resource is treated as unreliable`,
      file: entity.source.file,
      path: jsonPath(entity.source.path),
      resourceId: entity.id
    });
    prior.invalid = true;
  }
  tally(what, name) {
    const counts = this.inventory[what];
    counts[name] = (counts[name] ?? 0) + 1;
  }
  refuse(k, why) {
    this.inventory.refused.set(k, why);
  }
  target(t) {
    if (t === "separatePools") return this.separatePools;
    if (t === "embeddedSubnets") return this.embeddedSubnets;
    return this.inventory[t];
  }
  read(kind, r, row, p, at, base) {
    switch (kind) {
      case "cluster": {
        const c = readCluster(r, row, p, at, base);
        this.store("clusters", { ...c, invalid: r.invalid });
        return;
      }
      case "agentPool": {
        const clusterId = base.id.replace(/\/agentpools\/[^/]+$/i, "");
        const pool = readPool(r, p, at, base.name, base.source, propertyPrefix(at, base.source.path));
        this.store("separatePools", { id: base.id, source: base.source, invalid: r.invalid, clusterKey: key(clusterId), pool });
        return;
      }
      case "virtualNetwork": {
        const subnets = r.array(p, "subnets", at);
        subnets?.value.forEach((s, i) => {
          const path3 = [...subnets.path, i];
          if (s === null) return;
          if (!isObject(s)) return void r.fail(path3, "a subnet object", s);
          const sid = r.string(s, "id", path3);
          if (sid === null) return;
          const sr = new FieldReader(r.file, this.log, sid);
          const props = sr.propertiesOf(s, path3);
          const name = sr.string(s, "name", path3) ?? lastSegment(sid);
          const subnet = readSubnet(sr, props.value, props.path, { id: sid, name, source: { file: r.file, path: path3 }, invalid: false });
          this.store("embeddedSubnets", { ...subnet, invalid: sr.invalid });
          sr.close();
        });
        const peerings = readPeerings(r, p, at);
        this.store("virtualNetworks", { ...base, peerings, invalid: r.invalid });
        return;
      }
      case "subnet": {
        const s = readSubnet(r, p, at, base);
        this.store("subnets", { ...s, invalid: r.invalid });
        return;
      }
      case "natGateway": {
        const n = readNatGateway(r, row, p, at, base);
        this.store("natGateways", { ...n, invalid: r.invalid });
        return;
      }
      case "publicIp": {
        const ip = readPublicIp(r, row, p, at, base);
        this.store("publicIps", { ...ip, invalid: r.invalid });
        return;
      }
      case "publicIpPrefix": {
        const pre = readPublicIpPrefix(r, row, p, at, base);
        this.store("publicIpPrefixes", { ...pre, invalid: r.invalid });
        return;
      }
      case "routeTable": {
        const rt = readRouteTable(r, p, at, base);
        this.store("routeTables", { ...rt, invalid: r.invalid });
        return;
      }
      case "networkSecurityGroup": {
        const rules = r.array(p, "securityRules", at);
        const nsg = { ...base, ruleCount: rules?.value.length ?? 0 };
        this.store("networkSecurityGroups", { ...nsg, invalid: r.invalid });
        return;
      }
      case "roleAssignment": {
        const a = readRoleAssignment(r, p, at, base);
        this.store("roleAssignments", { ...a, invalid: r.invalid });
        return;
      }
      case "roleDefinition": {
        const d = readRoleDefinition(r, row, p, at, base);
        this.store("roleDefinitions", { ...d, invalid: r.invalid });
        return;
      }
      case "subscription": {
        const sub = readSubscription(r, row, p, at, base);
        if (sub.subscriptionId) this.storeAs("subscriptions", sub.subscriptionId, { ...sub, invalid: r.invalid });
        return;
      }
      case "firewall": {
        const fw = readFirewall(r, p, at, base);
        this.store("firewalls", { ...fw, invalid: r.invalid });
        return;
      }
    }
  }
};
function where(source) {
  return `${source.file} ${jsonPath(source.path)}`;
}
function comparable(entity) {
  return JSON.stringify(entity, (k, v) => {
    if (k === "source" || k === "propertyPath" || k === "invalid") return void 0;
    if (typeof v === "string" && v.startsWith("/")) return v.toLowerCase();
    return sortKeys(v);
  });
}
function sortKeys(v) {
  if (!isObject(v)) return v;
  const out = {};
  for (const k of Object.keys(v).sort()) Object.defineProperty(out, k, { value: v[k], enumerable: true });
  return out;
}

// src/inventory/sources/arg/manifest.ts
var MANIFEST_MARKER = "egressAuditExport";
var MANIFEST_FILE = "manifest.json";
function asManifest(value) {
  if (!isObject(value) || value[MANIFEST_MARKER] !== 1) return null;
  return value;
}
function manifestErrors(m) {
  if (!Array.isArray(m.errors)) return [];
  return m.errors.filter((e) => isObject(e) && typeof e["code"] === "string" && typeof e["message"] === "string").map((e) => ({ code: e.code, message: e.message, ...typeof e.resourceId === "string" ? { resourceId: e.resourceId } : {} }));
}

// src/json/write.ts
import { createHash, randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { mkdir, readdir, readFile as readFile2, rename, rm, rmdir, stat as stat2, writeFile } from "node:fs/promises";
import path2 from "node:path";
var TEMP_PREFIX = ".egress-audit-tmp-";
async function writeAtomic(file, content) {
  const tmp = await writeTemp(file, content);
  try {
    await rename(tmp, file);
  } finally {
    await forget(tmp);
  }
}
async function writeTemp(file, content, digest) {
  const dir = path2.dirname(file);
  await makeFolders(dir);
  await sweepStaleTemps(dir);
  const tmp = path2.join(dir, `${TEMP_PREFIX}${process.pid}-${randomBytes(4).toString("hex")}-${path2.basename(file)}.tmp`);
  track(tmp);
  try {
    await writeContent(tmp, content, digest);
  } catch (err) {
    await forget(tmp);
    throw err;
  }
  return tmp;
}
async function writeContent(file, content, digest) {
  if (typeof content === "string" || content instanceof Uint8Array) {
    digest?.update(content);
    await writeFile(file, content);
    return;
  }
  const encode = (text) => {
    const bytes = Buffer.from(text, "utf8");
    digest?.update(bytes);
    return bytes;
  };
  const encoded = function* () {
    let held = "";
    for (const piece of content) {
      const text = held + piece;
      const last = text.charCodeAt(text.length - 1);
      const cut = last >= 55296 && last <= 56319 ? text.length - 1 : text.length;
      held = text.slice(cut);
      yield encode(text.slice(0, cut));
    }
    if (held) yield encode(held);
  };
  await writeFile(file, encoded());
}
var Digest = class {
  hash = createHash("sha256");
  bytes = 0;
  update(content) {
    this.hash.update(content);
    this.bytes += typeof content === "string" ? Buffer.byteLength(content) : content.byteLength;
  }
  hex() {
    return this.hash.digest("hex");
  }
};
async function makeFolders(dir) {
  const missing = [];
  for (let d = path2.resolve(dir); !await exists(d); d = path2.dirname(d)) {
    if (path2.dirname(d) === d) break;
    missing.unshift(d);
  }
  for (const d of missing) await mkdir(d).catch((err) => {
    if (err.code !== "EEXIST") throw err;
  });
  return missing[0];
}
async function forget(tmp) {
  live.delete(tmp);
  await rm(tmp, { force: true });
}
var swept = /* @__PURE__ */ new Set();
async function sweepStaleTemps(dir) {
  const key2 = path2.resolve(dir);
  if (swept.has(key2)) return;
  swept.add(key2);
  let names;
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = name.startsWith(TEMP_PREFIX) ? Number(/^(\d+)-/.exec(name.slice(TEMP_PREFIX.length))?.[1] ?? NaN) : NaN;
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) await rm(path2.join(dir, name), { force: true, recursive: true });
  }
}
function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}
var live = /* @__PURE__ */ new Set();
var handlersInstalled = false;
function track(p) {
  live.add(p);
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => {
      for (const p2 of live) rmSync(p2, { force: true });
      live.clear();
      process.kill(process.pid, signal);
    });
  }
}
function untrack(p) {
  live.delete(p);
}
function sha256(content) {
  const d = new Digest();
  d.update(content);
  return d.hex();
}
var SET_MANIFEST = ".egress-audit-set";
var SET_PENDING = ".egress-audit-pending";
var LOCK_FILE = ".egress-audit.lock";
async function writeFileSet(dir, files, remove = []) {
  const temps = [];
  const entries = [];
  try {
    for (const f of files) {
      const digest = new Digest();
      temps.push(await writeTemp(path2.join(dir, f.name), typeof f.content === "function" ? f.content() : f.content, digest));
      entries.push({ name: f.name, sha256: digest.hex(), bytes: digest.bytes });
    }
    const previous = (await readSetManifest(dir))?.files.map((f) => f.name) ?? [];
    await writeAtomic(path2.join(dir, SET_PENDING), `${JSON.stringify({ pid: process.pid, files: entries.map((e) => e.name) })}
`);
    await rm(path2.join(dir, SET_MANIFEST), { force: true });
    for (const [i, tmp] of temps.entries()) await rename(tmp, path2.join(dir, files[i].name));
    const now = new Set(files.map((f) => f.name));
    for (const name of /* @__PURE__ */ new Set([...previous, ...remove])) {
      if (!now.has(name) && path2.basename(name) === name) await rm(path2.join(dir, name), { force: true });
    }
    const manifest = { egressAuditSet: 1, files: entries };
    await writeAtomic(path2.join(dir, SET_MANIFEST), `${JSON.stringify(manifest, null, 2)}
`);
    await rm(path2.join(dir, SET_PENDING), { force: true });
  } finally {
    await Promise.all(temps.map(forget));
  }
  return files.map((f) => path2.join(dir, f.name));
}
async function readSetManifest(dir) {
  try {
    const m = JSON.parse(await readFile2(path2.join(dir, SET_MANIFEST), "utf8"));
    return m?.egressAuditSet === 1 && Array.isArray(m.files) ? m : null;
  } catch {
    return null;
  }
}
async function fileSetDigests(dir, names) {
  if (await exists(path2.join(dir, SET_PENDING))) {
    throw new InputError(`${display(dir)}: an egress-audit write into this folder did not finish (${SET_PENDING} is there), so its files may mix two runs; write it again`);
  }
  const manifest = await readSetManifest(dir);
  const wanted = new Set(names);
  return new Map((manifest?.files ?? []).filter((f) => wanted.has(f.name)).map((f) => [f.name, f.sha256]));
}
function setDigestCheck(file, sha) {
  return (bytes) => {
    if (sha256(bytes) !== sha) throw new InputError(`${display(file)}: differs from the set egress-audit wrote (listed in ${SET_MANIFEST}); write the folder again`);
  };
}
async function exists(p) {
  try {
    await stat2(p);
    return true;
  } catch {
    return false;
  }
}
async function lockFolder(dir, option) {
  let created;
  try {
    created = await makeFolders(dir);
  } catch (err) {
    throw new InputError(`${option} ${dir}: cannot create the folder: ${describeFsError(err)}`);
  }
  const lock = path2.join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(lock, `${process.pid}
`, { flag: "wx" });
      break;
    } catch (err) {
      if (err.code !== "EEXIST" || attempt > 0) throw new InputError(`${option} ${dir}: cannot lock the folder (${display(lock)}): ${describeFsError(err)}`);
      const holder = Number((await readFile2(lock, "utf8").catch(() => "")).trim());
      if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
        throw new InputError(`${option} ${dir}: another egress-audit (process ${holder}) is writing this folder; its lock is ${display(lock)} (remove it only if no such process runs)`);
      }
      await rm(lock, { force: true });
    }
  }
  track(lock);
  return {
    async release() {
      untrack(lock);
      await rm(lock, { force: true });
      if (!created) return;
      for (let d = path2.resolve(dir); d.length >= path2.resolve(created).length; d = path2.dirname(d)) {
        if (!await rmdir(d).then(() => true, () => false)) break;
      }
    }
  };
}

export {
  parse2 as parse,
  parseTree2 as parseTree,
  findNodeAtLocation2 as findNodeAtLocation,
  printParseErrorCode,
  topLevelKeyOffset,
  display,
  describeFsError,
  readText,
  readTextSync,
  parseJson,
  readDocument,
  lineColumn,
  OUTBOUND_TYPES,
  MANAGED_NAT_GATEWAY_TYPES,
  NAT_GATEWAY_TYPES,
  canonicalOutboundType,
  defaultManagedNatSku,
  SNAT_PORTS_PER_LB_FRONTEND,
  SNAT_PORTS_PER_NAT_IP,
  MAX_NAT_GATEWAY_IPS,
  lbCapacity,
  kubernetesVersionOrdinal,
  key,
  require_ipaddr,
  writeAtomic,
  writeContent,
  writeFileSet,
  fileSetDigests,
  setDigestCheck,
  lockFolder,
  isObject,
  ErrorLog,
  lastSegment,
  idPart,
  InventoryBuilder,
  MANIFEST_MARKER,
  MANIFEST_FILE,
  asManifest,
  manifestErrors
};
