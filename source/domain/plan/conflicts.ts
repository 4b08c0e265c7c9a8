/**
 * Settings in the existing wg-quick file that work against the plan. The plan keeps the admin's lines,
 * so it must say when one of them stops the tunnel from doing what the site file asks: some are only
 * worth a warning, others make apply fail for sure and are refused by preflight before anything changes.
 */
import { entriesOf, readConfig } from '../wg-config/read.js';
import { allLines } from '../wg-config/render.js';
import type { DocLine, WgDocument } from '../wg-config/types.js';
import { redact } from '../wg-config/values.js';

/** One setting of the existing file that defeats (refuse) or weakens (warn) the plan, with its fix. */
export interface PlanConflict {
  /** Field path such as `Interface.Table`. */
  field: string;
  /** 1-based line of the existing file. */
  line: number;
  /** What happens and what to change, in one or two sentences. */
  message: string;
  /** True when apply cannot succeed with this setting: preflight refuses. */
  refuse: boolean;
}

/** Table values that keep the tunnel's routes in the main table, where wg-site puts and checks them. */
const MAIN_TABLES = new Set(['auto', 'main', '254']);

function lineOf(lines: DocLine[] | undefined): number {
  return lines?.[lines.length - 1]?.line ?? 0;
}

function tableConflict(value: string, at: number, path: string): PlanConflict | undefined {
  const table = value.trim().toLowerCase();
  if (table === '' || MAIN_TABLES.has(table)) return undefined;
  const fix = `Delete the Table line (line ${at}) of ${path}, or set it to auto.`;
  const message =
    table === 'off'
      ? `Table = off: wg-quick adds no routes for the peers' AllowedIPs, so no traffic for the far sites enters the tunnel. ${fix}`
      : `Table = ${value.trim()}: the tunnel's routes go to routing table ${value.trim()}, not the main table where wg-site routes the far sites and checks them. ${fix}`;
  return { field: 'Interface.Table', line: at, message, refuse: true };
}

/**
 * Every setting of the existing file DOCUMENT (at PATH) that works against the plan.
 * `keyPath` is where wg-site keeps the private key.
 */
export function planConflicts(document: WgDocument, path: string, keyPath: string): PlanConflict[] {
  const out: PlanConflict[] = [];
  const settings = readConfig(document);
  const iface = document.sections.find((s) => s.kind === 'Interface');
  const entries = iface ? entriesOf(iface) : new Map<never, DocLine[]>();
  if (settings.interface.table !== undefined) {
    const conflict = tableConflict(settings.interface.table, lineOf(entries.get('Table')), path);
    if (conflict) out.push(conflict);
  }
  if (settings.interface.saveConfig) {
    out.push({
      field: 'Interface.SaveConfig',
      line: lineOf(entries.get('SaveConfig')),
      message:
        'SaveConfig = true is removed: with it, wg-quick rewrites this file from the live interface on every down, dropping comments, hooks and the key file.',
      refuse: false,
    });
  }
  if (settings.interface.fwMark) {
    out.push({
      field: 'Interface.FwMark',
      line: lineOf(entries.get('FwMark')),
      message: `FwMark = 0x${settings.interface.fwMark.toString(16)} is kept: the tunnel's own UDP packets carry this mark, and a policy rule for it can send them away from the far gateways. Delete line ${lineOf(entries.get('FwMark'))} unless a rule of yours needs it.`,
      refuse: false,
    });
  }
  if (settings.interface.privateKey !== undefined) {
    out.push({
      field: 'Interface.PrivateKey',
      line: lineOf(entries.get('PrivateKey')),
      message: `PrivateKey is removed from ${path}: the tunnel uses the key in ${keyPath}. If that file holds another key, give the far sites its public key (wg-site pubkey).`,
      refuse: false,
    });
  }
  let peer = 0;
  for (const section of document.sections) {
    if (section.kind !== 'Peer') continue;
    const psk = entriesOf(section).get('PresharedKey');
    if (psk) {
      out.push({
        field: `Peer[${peer}].PresharedKey`,
        line: lineOf(psk),
        message: `The PresharedKey on line ${lineOf(psk)} is removed: put it in a root-only file and name it in peers[].presharedKeyFile, or the far side (which still uses it) will not complete a handshake.`,
        refuse: false,
      });
    }
    peer++;
  }
  for (const line of allLines(document).filter((l) => l.kind === 'unknown')) {
    out.push({
      field: line.keyText ?? 'line',
      line: line.line ?? 0,
      message: `"${redact(line.keyText ?? '')}" on line ${line.line ?? 0} is not a wg-quick setting, so wg-quick up refuses the file. Delete the line, or comment it out with "#".`,
      refuse: true,
    });
  }
  return out;
}
