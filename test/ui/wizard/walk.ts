/** Driving the wizard through its steps with key presses, as an admin would. */
import assert from 'node:assert/strict';
import type { RoutingOption } from '../../../source/domain/site/model.js';
import { FAR_PUBLIC, KEY, press, shows, until, type Wizard } from './harness.js';

/** Wait for step N of 10. */
export const atStep = (w: Wizard, n: number): Promise<string> => shows(w, ` ${n}/10 `);

/** From the start to the far-site step (a key is generated on the way). */
export async function toFarSite(w: Wizard): Promise<void> {
  await atStep(w, 1);
  await press(w, KEY.enter);
  await atStep(w, 2);
  await press(w, KEY.enter);
  await atStep(w, 3);
  await press(w, KEY.enter);
  await atStep(w, 4);
}

/** Fill the far site by hand (focus starts on the pairing code). */
export async function fillFarSite(w: Wizard): Promise<void> {
  await press(w, KEY.tab, 'beta', KEY.tab, FAR_PUBLIC, KEY.tab, 'beta.example.org:51820', KEY.tab, KEY.tab);
  await press(w, '192.168.2.0/24');
  await until(w, (f) => f.includes('192.168.2.0/24▏') || f.includes('192.168.2.0/24_'), 'the far subnets');
}

/** Choose a routing option on the routing step with → presses. */
export async function chooseRouting(w: Wizard, option: RoutingOption): Promise<void> {
  const presses = { 'default-router': 1, 'static-route': 2, masquerade: 3 }[option];
  for (let i = 0; i < presses; i++) await press(w, KEY.right);
  await until(w, (f) => f.includes(`‹ ${option} ›`) || f.includes(`< ${option} >`), option);
}

/** From the far-site step (filled) through review to the trial, kept with y. */
export async function fromFarSiteToHandoff(w: Wizard, option: RoutingOption): Promise<void> {
  await press(w, KEY.enter);
  await atStep(w, 5);
  await press(w, KEY.enter);
  await atStep(w, 6);
  await chooseRouting(w, option);
  await press(w, KEY.enter);
  await atStep(w, 7);
  await press(w, KEY.enter);
  await atStep(w, 8);
  await shows(w, '(new, 0600)');
  await press(w, KEY.enter);
  await shows(w, 'Trial: reverts in 60 s');
  await shows(w, 'wg0 up, listening on UDP 51820');
  w.clock.advance(1000);
  await shows(w, 'Keep this configuration?');
  await press(w, 'y');
  await atStep(w, 10);
  assert.ok(w.services.calls.includes('confirm wg0'));
}

export { until };
