/**
 * The wizard's side effects, all in one place: the key file, the preshared key file, and applying
 * the site file as a trial through the same engine as `wg-site apply` (checkSite → planSite →
 * preflight → applyPlan with a trial), confirming and reverting it, and reading the tunnel state.
 * Key files are created 0600 under umask 077 and never overwritten; no private key leaves here.
 */
import { encode } from 'uqr';
import { InputProblems } from '../../domain/errors.js';
import { generatePrivateKey, parseKey, publicKeyOf } from '../../domain/keys.js';
import { pathsFor, type HostFacts } from '../../domain/plan/context.js';
import { parseWgDump } from '../../domain/status/wg-dump.js';
import { parseWgConfig, readConfig } from '../../domain/wg-config/index.js';
import {
  ApplyProblems,
  type ApplyRequest,
  type ReviewResult,
  type TrialStarted,
  type TunnelView,
  type WizardServices,
} from '../../domain/wizard/services.js';
import { applySite } from '../apply/apply-site.js';
import { withPrivateUmask } from '../private-umask.js';
import { confirmTrial } from '../apply/confirm.js';
import type { ApplyDeps } from '../apply/deps.js';
import { planOnHost } from '../apply/plan-on-host.js';
import { rollbackInterface, RollbackRefused } from '../apply/rollback.js';
import { readTrial } from '../apply/trial.js';
import { pingOnce } from '../apply/wake.js';
import type { FileStore } from '../file-store.js';

/** Default seconds a wizard trial waits for the admin's confirmation. */
export const WIZARD_TRIAL_SECONDS = 60;

/** What the effects need. */
export interface WizardEffectsDeps {
  /** Apply dependencies around a progress logger (systemApplyDeps in production). */
  applyDeps(log: (text: string) => void): ApplyDeps;
  /** Host fact detection for planning (default: detected on the host, as `wg-site plan` does). */
  hostFacts?(lanInterface: string | undefined): Promise<HostFacts>;
  /** Seconds of the trial (default {@link WIZARD_TRIAL_SECONDS}). */
  trialSeconds?: number;
}

/** Create a key file unless it exists; an existing one must hold the same key. */
async function placeKey(files: FileStore, path: string, key: string, what: string): Promise<void> {
  if (await files.createExclusive(path, `${key}\n`, 0o600)) return;
  const existing = (await files.read(path))?.trim();
  if (existing !== key) {
    throw new ApplyProblems(`${path} already holds a different ${what}.`, [
      `${path} already holds a different ${what}; move it away (or keep it) and apply again.`,
    ]);
  }
}

async function installPrivateKey(files: FileStore, request: ApplyRequest): Promise<void> {
  const path = pathsFor(request.interface).privateKey;
  if (request.privateKey === 'imported-config') {
    const key = readConfig(parseWgConfig(request.previousWgQuick ?? '').document).interface.privateKey;
    if (key === undefined) {
      throw new ApplyProblems('The imported file has no PrivateKey.', [
        'The imported file has no PrivateKey; go back to the keys step and generate a key.',
      ]);
    }
    await placeKey(files, path, parseKey(key, 'PrivateKey'), 'private key');
    return;
  }
  if (!(await files.exists(path))) {
    throw new ApplyProblems(`${path} is missing.`, [
      `${path} is missing; go back to the keys step and generate a key.`,
    ]);
  }
}

async function installPresharedKey(files: FileStore, request: ApplyRequest): Promise<void> {
  const psk = request.presharedKey;
  if (psk === undefined) return;
  if (psk.source === 'generate') {
    await files.createExclusive(psk.path, `${generatePrivateKey()}\n`, 0o600); // an existing one is kept
    return;
  }
  await placeKey(files, psk.path, parseKey(psk.value, 'presharedKey'), 'preshared key');
}

function watchdogName(kind: string): string {
  return kind === 'systemd' ? 'systemd timer' : kind === 'process' ? 'watchdog process' : 'none';
}

/** The wizard's {@link WizardServices} on a real (or faked) host. */
export function createWizardEffects(deps: WizardEffectsDeps): WizardServices {
  const quiet = deps.applyDeps(() => undefined);
  const files = quiet.files;

  return {
    generateKey: (iface) =>
      withPrivateUmask(async () => {
        const path = pathsFor(iface).privateKey;
        const privateKey = generatePrivateKey();
        if (!(await files.createExclusive(path, `${privateKey}\n`, 0o600))) {
          throw new Error(
            `${path} already exists: choose "keep the existing key", or move the file away first (a revert could not bring an overwritten key back).`,
          );
        }
        return publicKeyOf(privateKey);
      }),

    apply: async (request, log): Promise<TrialStarted> => {
      const applyDeps = deps.applyDeps((text) => {
        for (const line of text.split('\n')) if (line.trim() !== '') log(line);
      });
      const siteText = `${JSON.stringify(request.siteFile, null, 2)}\n`;
      log('Checking the host (preflight)…');
      const outcome = await applySite(
        { ...applyDeps, ...(deps.hostFacts ? { detect: deps.hostFacts } : {}) },
        {
          interface: request.interface,
          siteText,
          ...(request.previousWgQuick !== undefined ? { previousWgQuick: request.previousWgQuick } : {}),
          trialSeconds: deps.trialSeconds ?? WIZARD_TRIAL_SECONDS,
          prepare: async () => {
            await installPrivateKey(files, request);
            await installPresharedKey(files, request);
          },
        },
      );
      switch (outcome.status) {
        case 'applied': {
          const trial = outcome.result.trial!;
          return {
            deadline: trial.deadline,
            timeoutSeconds: trial.timeoutSeconds,
            backupId: trial.backupId,
            watchdog: watchdogName(trial.watchdog.kind),
          };
        }
        case 'invalid':
          throw new ApplyProblems(
            'The site file has problems.',
            outcome.problems.map((p) => p.message),
          );
        case 'refused':
          throw new ApplyProblems(
            'Nothing was changed; fix these first.',
            outcome.problems.map((p) => p.message),
          );
        case 'busy':
          throw new ApplyProblems(outcome.message, [outcome.message]);
        case 'failed':
          throw new ApplyProblems(outcome.message, [
            outcome.message,
            ...(outcome.restored ? ['Everything was put back as it was.'] : outcome.undoProblems),
          ]);
      }
    },

    async review(request): Promise<ReviewResult> {
      const onDisk: Record<string, string | undefined> = {};
      for (const path of request.paths) onDisk[path] = await files.read(path).catch(() => undefined);
      try {
        const { plan } = await planOnHost(
          { runner: quiet.runner, files, ...(deps.hostFacts ? { detect: deps.hostFacts } : {}) },
          {
            siteText: `${JSON.stringify(request.siteFile, null, 2)}\n`,
            ...(request.previousWgQuick !== undefined ? { previousWgQuick: request.previousWgQuick } : {}),
          },
        );
        return { planned: { plan }, onDisk };
      } catch (error) {
        const problems = error instanceof InputProblems ? error.problems : [error as Error];
        return { planned: { problems: problems.map((p) => p.message) }, onDisk };
      }
    },

    async confirm(iface) {
      await confirmTrial(
        deps.applyDeps(() => undefined),
        iface,
      );
    },

    async revert(iface) {
      try {
        const result = await rollbackInterface(
          deps.applyDeps(() => undefined),
          iface,
        );
        return result.problems.length === 0
          ? `Reverted ${iface}: everything is as it was before the trial.`
          : `Reverted ${iface} with problems: ${result.problems.join('; ')}`;
      } catch (error) {
        if (error instanceof RollbackRefused) return error.message;
        throw error;
      }
    },

    async trialPending(iface) {
      return (await readTrial(quiet, iface)) !== undefined;
    },

    probeFar: (address) => pingOnce(quiet.runner, address),

    async tunnelState(iface): Promise<TunnelView> {
      const r = await quiet.runner.run('wg', ['show', iface, 'dump']);
      if (r.exitCode !== 0) return { up: false, listenPort: undefined, peers: [] };
      const device = parseWgDump(r.stdout);
      return { up: true, listenPort: device.interface.listenPort, peers: device.peers };
    },

    async readImport(path) {
      const text = await files.read(path);
      if (text === undefined) throw new Error(`${path} does not exist.`);
      return text;
    },

    async readFiles(paths) {
      const out: Record<string, string | undefined> = {};
      for (const path of paths) out[path] = await files.read(path).catch(() => undefined);
      return out;
    },

    async isOwnPrivateKey(iface, text) {
      const key = (await files.read(pathsFor(iface).privateKey).catch(() => undefined))?.trim();
      return key !== undefined && key !== '' && key === text.trim();
    },

    qrMatrix(text) {
      try {
        return encode(text, { ecc: 'L', border: 0 }).data;
      } catch {
        return undefined;
      }
    },
  };
}
