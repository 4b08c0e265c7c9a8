/** The setup wizard's pure core: state, events, effects, and what the screens show. */
export { STEPS } from './types.js';
export type {
  ErrorSlot,
  FieldId,
  PresharedKeyRequest,
  StepId,
  EditingSite,
  WizardChoices,
  WizardEffect,
  WizardEvent,
  WizardHostFacts,
  WizardState,
} from './types.js';
export { initialState } from './initial.js';
export { peerJsonOf, prefillFromSite, startState } from './edit.js';
export { transition } from './transition.js';
export { siteFileFrom } from './site-file.js';
export { FIELD_STEP, fieldsOf } from './fields.js';
export { allowedIpsOf } from './prefill.js';
export { behindNat, mtuChoiceOf } from './proposals.js';
export { farSiteFileFrom, farSiteHandoff, pairingCodeFrom, routingChoices } from './handoff.js';
