/**
 * Byte-level building blocks of the pairing payload: a growing writer, a bounds-checked reader,
 * and the compact forms of addresses and prefixes (a prefix stores only the bytes its length covers).
 */
import { bitsOf, cidrFrom, ipFrom, type Cidr, type IpAddress, type IpVersion } from '../cidr.js';

/** Raised by {@link ByteReader} when the payload ends early or holds an impossible value. */
export class PayloadShapeError extends Error {}

/** Appends bytes to a buffer. */
export class ByteWriter {
  private readonly bytes: number[] = [];

  u8(value: number): this {
    this.bytes.push(value & 0xff);
    return this;
  }

  u16(value: number): this {
    return this.u8(value >> 8).u8(value);
  }

  raw(data: Uint8Array): this {
    for (const b of data) this.bytes.push(b);
    return this;
  }

  /** A length byte followed by ASCII text (at most 255 characters). */
  text(value: string): this {
    const data = Buffer.from(value, 'utf8');
    if (data.length > 255) throw new RangeError('text longer than 255 bytes');
    return this.u8(data.length).raw(data);
  }

  /** Family (4 or 6), then every byte of the address. */
  address(ip: IpAddress): this {
    return this.u8(ip.version).raw(bigintBytes(ip.value, bitsOf(ip.version) / 8));
  }

  /** Family, prefix length, then only the ceil(prefix/8) leading bytes of the network. */
  prefix(cidr: Cidr): this {
    const all = bigintBytes(cidr.network, bitsOf(cidr.version) / 8);
    return this.u8(cidr.version)
      .u8(cidr.prefix)
      .raw(all.subarray(0, Math.ceil(cidr.prefix / 8)));
  }

  get length(): number {
    return this.bytes.length;
  }

  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/** Reads the fields {@link ByteWriter} wrote, refusing to run past the end. */
export class ByteReader {
  private offset = 0;

  constructor(private readonly data: Uint8Array) {}

  private take(n: number): Uint8Array {
    if (this.offset + n > this.data.length) throw new PayloadShapeError('payload ends early');
    const out = this.data.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  u8(): number {
    return this.take(1)[0]!;
  }

  u16(): number {
    const [hi, lo] = this.take(2);
    return (hi! << 8) | lo!;
  }

  raw(n: number): Uint8Array {
    return this.take(n);
  }

  text(): string {
    const data = this.take(this.u8());
    return Buffer.from(data).toString('utf8');
  }

  private family(): IpVersion {
    const family = this.u8();
    if (family !== 4 && family !== 6) throw new PayloadShapeError(`unknown address family ${family}`);
    return family;
  }

  address(): IpAddress {
    const version = this.family();
    return ipFrom(version, bytesBigint(this.take(bitsOf(version) / 8)));
  }

  prefix(): Cidr {
    const version = this.family();
    const length = this.u8();
    if (length > bitsOf(version)) throw new PayloadShapeError(`prefix /${length} too long`);
    const full = new Uint8Array(bitsOf(version) / 8);
    full.set(this.take(Math.ceil(length / 8)));
    return cidrFrom(version, bytesBigint(full), length);
  }

  get remaining(): number {
    return this.data.length - this.offset;
  }
}

function bigintBytes(value: bigint, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let n = value;
  for (let i = size - 1; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

function bytesBigint(data: Uint8Array): bigint {
  let n = 0n;
  for (const b of data) n = (n << 8n) | BigInt(b);
  return n;
}
