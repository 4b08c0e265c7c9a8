/** The detect step (what the host looks like) and the routing step (each option's consequences). Pure. */
import type { RoutingAdvice } from '../../domain/plan/routing-advice.js';
import { routingTitles } from '../../domain/plan/routing-advice.js';
import type { Line } from '../text.js';
import { form, withHeader } from './form-lines.js';
import type { Body, WizardView } from './view.js';
import { hanging, plain } from './wrap.js';

/** Step 1: the host as detected, its problems with fixes, and the import choice. */
export function detectBody(view: WizardView): Body {
  const { report, state, glyphs: g, width } = view;
  const f = state.facts;
  const lines: Line[] = [];
  if (state.editing) {
    lines.push(
      ...hanging(
        `Editing the existing site file ${state.editing.path}: every step starts from it.`,
        width,
        'accent',
        '',
      ),
    );
  }
  const wg = { kernel: 'kernel module', 'wireguard-go': 'wireguard-go (userspace)', missing: 'missing' }[
    report.wireguard
  ];
  const fwd = report.forwarding === undefined ? 'unknown' : report.forwarding ? 'on' : 'off';
  lines.push(
    ...hanging(
      `WireGuard ${wg}${g.separator}firewall ${report.backend}${g.separator}forwarding ${fwd}${report.root ? '' : `${g.separator}not root`}`,
      width,
      'plain',
      'Host: ',
    ),
  );
  for (const i of report.interfaces) {
    const role = i.name === f.uplinkInterface ? ' uplink' : i.name === f.lanInterface ? ' LAN' : '';
    lines.push(
      ...hanging(
        `${i.name}${role} ${i.state}${i.mtu ? ` mtu ${i.mtu}` : ''} ${i.addresses.join(' ') || '(no address)'}`,
        width,
        'plain',
        '  ',
      ),
    );
  }
  const def = report.defaultRoute;
  lines.push(
    ...hanging(
      def ? `via ${def.gateway ?? 'link'} dev ${def.dev ?? '?'}` : 'none',
      width,
      def ? 'plain' : 'bad',
      'Default route: ',
    ),
  );
  if (report.connected.length > 0) {
    lines.push(
      ...hanging(
        report.connected.map((c) => `${c.subnet} (${c.dev})`).join(', '),
        width,
        'plain',
        'LAN subnets: ',
      ),
    );
  }
  lines.push(plain(`SSH client: ${report.sshClient ?? 'none (local console)'}`, 'dim'));
  if (f.existingPublicKey)
    lines.push(
      plain(`Existing key file for ${f.interface ?? 'wg0'}: kept unless you choose otherwise`, 'dim'),
    );
  for (const p of report.problems) {
    lines.push(...hanging(p.message, width, 'warn', `${g.check.warn} `));
    lines.push(...hanging(`fix: ${p.fix}`, width, 'dim', '    '));
  }
  if (report.problems.length === 0) lines.push(plain(`${g.check.pass} No problems found.`, 'good'));
  if (report.configs.length > 0) {
    lines.push(plain('Existing configs can be imported: comments, hooks and unknown keys are kept.', 'dim'));
  }
  const controls = form(view);
  return withHeader(view, 'What this host looks like. Enter continues.', {
    lines: [...lines, ...controls.lines],
    focusLine: controls.focusLine === undefined ? undefined : controls.focusLine + lines.length,
  });
}

function adviceLines(view: WizardView, advice: RoutingAdvice): Line[] {
  const { width, glyphs: g } = view;
  const lines: Line[] = [];
  for (const c of advice.consequences) lines.push(...hanging(c, width, 'plain', `  ${g.dash} `));
  if (advice.routerEntries.length > 0) {
    lines.push(plain("  On the LAN's router add:", 'head'));
    for (const e of advice.routerEntries) {
      lines.push(
        ...hanging(
          `destination ${e.destination} netmask ${e.netmask} (/${e.prefix}) next hop ${e.nextHop}`,
          width,
          'accent',
          '    ',
        ),
      );
    }
  }
  if (advice.alternatives.length > 0) {
    lines.push(plain('  Or instead:', 'head'));
    for (const a of advice.alternatives) lines.push(...hanging(a, width, 'plain', `    ${g.dash} `));
  }
  return lines;
}

/** Step 6: the routing choice with the consequences of the chosen option (all titles before a choice). */
export function routingBody(view: WizardView, choices: readonly RoutingAdvice[]): Body {
  const chosen = view.state.choices.routing;
  const body = form(view, () => {
    if (chosen === undefined) {
      return (['default-router', 'static-route', 'masquerade'] as const).map((o) =>
        plain(`  ${o}: ${routingTitles[o]}`, 'dim'),
      );
    }
    const advice = choices.find((c) => c.option === chosen);
    if (!advice) return [plain('  Finish the earlier steps to see what this option means here.', 'warn')];
    return [plain(`  ${advice.title}`, 'head'), ...adviceLines(view, advice)];
  });
  return withHeader(
    view,
    'How do LAN hosts reach the far site? ←/→ show each option and what it means.',
    body,
  );
}
