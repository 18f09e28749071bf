import { readBigDecimal, readBigInt, writeBigDecimal, writeBigInt } from "../asc/convert.js";
import * as decimal from "../bigDecimal.js";
import { HostError } from "../errors.js";
import type { HostEnv, HostFunctions } from "../scope.js";

/** num-bigint's `BigInt::from_str`: optional sign, decimal digits. */
export function parseBigInt(text: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(text)) throw new HostError(`string is not a BigInt: \`${text}\``);
  return BigInt(text);
}

/** `numbers.bigInt.*` and `numbers.bigDecimal.*`. */
export function numberImports(env: HostEnv): HostFunctions {
  const big = (f: (x: bigint, y: bigint) => bigint) => (x: number, y: number) => {
    const heap = env.heap();
    return writeBigInt(heap, f(readBigInt(heap, x), readBigInt(heap, y)));
  };
  const dec = (f: (x: decimal.Decimal, y: decimal.Decimal) => decimal.Decimal) => (x: number, y: number) => {
    const heap = env.heap();
    return writeBigDecimal(heap, f(readBigDecimal(heap, x), readBigDecimal(heap, y)));
  };
  return {
    "bigInt.plus": big((x, y) => x + y),
    "bigInt.minus": big((x, y) => x - y),
    "bigInt.times": big((x, y) => x * y),
    "bigInt.dividedBy": big((x, y) => {
      if (y === 0n) throw new HostError(`attempted to divide BigInt \`${x}\` by zero`);
      return x / y;
    }),
    "bigInt.mod": big((x, y) => {
      if (y === 0n)
        throw new HostError(`attempted to calculate the remainder of \`${x}\` with a divisor of zero`);
      return x % y;
    }),
    "bigInt.bitOr": big((x, y) => x | y),
    "bigInt.bitAnd": big((x, y) => x & y),
    "bigInt.pow": (x: number, exp: number) => {
      const heap = env.heap();
      return writeBigInt(heap, readBigInt(heap, x) ** BigInt(exp & 0xff));
    },
    "bigInt.leftShift": (x: number, bits: number) => {
      const heap = env.heap();
      return writeBigInt(heap, readBigInt(heap, x) << BigInt(bits & 0xff));
    },
    "bigInt.rightShift": (x: number, bits: number) => {
      const heap = env.heap();
      return writeBigInt(heap, readBigInt(heap, x) >> BigInt(bits & 0xff));
    },
    "bigInt.fromString": (s: number) => {
      const heap = env.heap();
      return writeBigInt(heap, parseBigInt(heap.readString(s)));
    },
    "bigInt.dividedByDecimal": (x: number, y: number) => {
      const heap = env.heap();
      const divisor = readBigDecimal(heap, y);
      const dividend = decimal.fromBigInt(readBigInt(heap, x));
      if (divisor.digits === 0n) {
        throw new HostError(`attempted to divide BigDecimal \`${decimal.format(dividend)}\` by zero`);
      }
      return writeBigDecimal(heap, decimal.div(dividend, divisor));
    },
    "bigDecimal.plus": dec(decimal.add),
    "bigDecimal.minus": dec(decimal.sub),
    "bigDecimal.times": dec(decimal.mul),
    "bigDecimal.dividedBy": dec((x, y) => {
      if (y.digits === 0n)
        throw new HostError(`attempted to divide BigDecimal \`${decimal.format(x)}\` by zero`);
      return decimal.div(x, y);
    }),
    "bigDecimal.equals": (x: number, y: number) => {
      const heap = env.heap();
      return decimal.equals(readBigDecimal(heap, x), readBigDecimal(heap, y)) ? 1 : 0;
    },
    "bigDecimal.toString": (x: number) => {
      const heap = env.heap();
      return heap.newString(decimal.format(readBigDecimal(heap, x)));
    },
    "bigDecimal.fromString": (s: number) => {
      const heap = env.heap();
      const text = heap.readString(s);
      let value: decimal.Decimal;
      try {
        value = decimal.parse(text);
      } catch {
        throw new HostError(`failed to parse decimal \`${text}\``);
      }
      return writeBigDecimal(heap, value);
    },
  };
}
