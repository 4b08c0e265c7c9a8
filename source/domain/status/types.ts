/**
 * Shapes shared by the live-panel parsers, the reducer and the samplers.
 * Nothing here ever holds a private or preshared key: parsers drop them as they read.
 */

/** One peer as read from `wg show <if> dump` or the userspace UAPI, keys already public. */
export interface PeerSample {
  /** Base64 public key (44 chars). */
  readonly publicKey: string;
  /** Whether a preshared key is set; the key itself is never kept. */
  readonly hasPresharedKey: boolean;
  /** `host:port` / `[v6]:port` as WireGuard reports it, or undefined when unknown. */
  readonly endpoint: string | undefined;
  /** AllowedIPs prefixes in the order WireGuard lists them. */
  readonly allowedIps: readonly string[];
  /** Unix time in seconds of the latest handshake; 0 means never. */
  readonly latestHandshake: number;
  /** Bytes received from this peer since the interface (or peer) was created. */
  readonly rxBytes: number;
  /** Bytes sent to this peer since the interface (or peer) was created. */
  readonly txBytes: number;
  /** PersistentKeepalive in seconds, or undefined when off. */
  readonly persistentKeepalive: number | undefined;
}

/** The interface part of a status read, without its private key. */
export interface InterfaceStatus {
  /** Base64 public key, or undefined when the interface has no key (or it was not derived). */
  readonly publicKey: string | undefined;
  /** UDP listen port; 0 when none is bound. */
  readonly listenPort: number;
  /** Firewall mark, or undefined when off. */
  readonly fwmark: number | undefined;
}

/** A whole interface: header plus peers. */
export interface DeviceStatus {
  readonly interface: InterfaceStatus;
  readonly peers: readonly PeerSample[];
}

/** One line of `/proc/stat` (`cpu` or `cpuN`), in USER_HZ ticks. */
export interface CpuLine {
  readonly user: number;
  readonly nice: number;
  readonly system: number;
  readonly idle: number;
  readonly iowait: number;
  readonly irq: number;
  readonly softirq: number;
  readonly steal: number;
}

/** CPU counters from `/proc/stat`: the all-CPU line and each core, indexed by core number. */
export interface CpuTimes {
  readonly total: CpuLine;
  /** `cores[n]` is `cpuN`; an offline core is a hole (undefined). */
  readonly cores: readonly (CpuLine | undefined)[];
}

/** Memory figures from `/proc/meminfo`, in bytes. */
export interface MemInfo {
  readonly totalBytes: number;
  /** MemAvailable, or MemFree + Buffers + Cached on kernels without it. */
  readonly availableBytes: number;
}

/** `/proc/loadavg`. */
export interface LoadAvg {
  readonly one: number;
  readonly five: number;
  readonly fifteen: number;
  /** Runnable scheduling entities right now. */
  readonly running: number;
  /** Scheduling entities that exist. */
  readonly total: number;
}

/** Raspberry Pi firmware throttling flags (`vcgencmd get_throttled`). */
export interface Throttled {
  /** The raw bit mask. */
  readonly raw: number;
  readonly underVoltage: boolean;
  readonly freqCapped: boolean;
  readonly throttled: boolean;
  readonly softTempLimit: boolean;
  readonly underVoltageOccurred: boolean;
  readonly freqCappedOccurred: boolean;
  readonly throttledOccurred: boolean;
  readonly softTempLimitOccurred: boolean;
}

/** Byte counters of the WireGuard network interface (`/sys/class/net/<if>/statistics`). */
export interface LinkCounters {
  readonly rxBytes: number;
  readonly txBytes: number;
}

/** Everything read in one tick. Optional parts are missing when their source was unreadable. */
export interface Sample {
  /** Wall-clock time of the read, in ms (Date.now()). Rates are computed from differences of it. */
  readonly at: number;
  readonly peers: readonly PeerSample[];
  readonly interface?: InterfaceStatus;
  readonly link?: LinkCounters;
  readonly cpu?: CpuTimes;
  readonly mem?: MemInfo;
  readonly load?: LoadAvg;
  /** SoC temperature in °C. */
  readonly temp?: number;
  readonly throttled?: Throttled;
}
