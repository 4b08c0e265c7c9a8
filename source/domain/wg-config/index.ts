/**
 * The wg-quick configuration file model: parse, check, read, edit and render `/etc/wireguard/<if>.conf`
 * without damaging comments, unknown keys or formatting.
 */
export { parseWgConfig } from './parse.js';
export { renderWgConfig } from './render.js';
export { readConfig } from './read.js';
export { applyConfig, renderFresh } from './edit.js';
export { MTU_MIN, MTU_MAX, MTU_IPV6_MIN } from './values.js';
export type {
  ConfigWarning,
  DocLine,
  InterfaceSettings,
  KnownKey,
  PeerSettings,
  SectionKind,
  WgDocument,
  WgSection,
  WgSettings,
} from './types.js';
