/**
 * Types of the wg-quick configuration model: a line-preserving document (so a file can be
 * rendered back byte for byte) and the semantic settings read from it or applied to it.
 */

/** Which part of the file a section is. `preamble` holds the lines before the first header. */
export type SectionKind = 'preamble' | 'Interface' | 'Peer';

/** The keys this model understands, in their canonical spelling. */
export type KnownKey =
  | 'Address'
  | 'ListenPort'
  | 'MTU'
  | 'PrivateKey'
  | 'DNS'
  | 'Table'
  | 'FwMark'
  | 'SaveConfig'
  | 'PreUp'
  | 'PostUp'
  | 'PreDown'
  | 'PostDown'
  | 'PublicKey'
  | 'PresharedKey'
  | 'Endpoint'
  | 'AllowedIPs'
  | 'PersistentKeepalive';

/**
 * One physical line of the file. `text` is the line without its line ending, `eol` the ending
 * that followed it (`''` for a last line with no newline). For `entry` and `unknown` lines,
 * `head` + `valueText` + `tail` === `text`, so a value can be replaced without touching the key
 * spelling, the spacing around `=` or a trailing comment.
 */
export interface DocLine {
  kind: 'blank' | 'comment' | 'header' | 'entry' | 'unknown';
  text: string;
  eol: string;
  /** 1-based line number in the parsed text; undefined for lines added by an edit. */
  line?: number;
  /** Canonical key of an `entry` line. */
  key?: KnownKey;
  /** The key as written (`unknown` lines too), trimmed. */
  keyText?: string;
  head?: string;
  valueText?: string;
  tail?: string;
}

/** A `[Interface]` or `[Peer]` block: optional comment lines glued above the header, the header, the body. */
export interface WgSection {
  kind: SectionKind;
  /** Comment lines directly above the header (no blank line between); they travel with the section. */
  leading: DocLine[];
  header?: DocLine;
  body: DocLine[];
}

/** A parsed wg-quick file. Rendering it unchanged gives back the exact input text. */
export interface WgDocument {
  sections: WgSection[];
  /** Line ending used for lines an edit adds: the first one found in the file, else `\n`. */
  eol: string;
}

/** Something `wg`/wg-quick accepts but that deserves the admin's attention. */
export interface ConfigWarning {
  /** Field path such as `Interface.SaveConfig` or `Peer[0].AllowedIPs`. */
  field: string;
  /** 1-based line number. */
  line: number;
  message: string;
  /** The line as written (with anything key-like hidden), for unknown keys and similar. */
  text?: string;
}

/** The `[Interface]` settings. Lists keep file order; hooks are shell lines as written. */
export interface InterfaceSettings {
  addresses: string[];
  privateKey?: string;
  listenPort?: number;
  mtu?: number;
  dns: string[];
  /** `off`, `auto`, a table number or a name from rt_tables. */
  table?: string;
  /** 0 means off. */
  fwMark?: number;
  preUp: string[];
  postUp: string[];
  preDown: string[];
  postDown: string[];
  saveConfig: boolean;
}

/** One `[Peer]`. `name` comes from a `# name` comment inside the block or right above it. */
export interface PeerSettings {
  name?: string;
  publicKey: string;
  presharedKey?: string;
  allowedIps: string[];
  endpoint?: string;
  /** Seconds; 0 means off. */
  persistentKeepalive?: number;
}

/** Everything a wg-quick file says, in semantic form. */
export interface WgSettings {
  interface: InterfaceSettings;
  peers: PeerSettings[];
}
