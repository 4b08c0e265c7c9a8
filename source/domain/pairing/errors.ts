/**
 * Why a pasted pairing code was refused. Every class is an {@link InputError} on the field
 * `pairingCode`, so the CLI exits 2 and the wizard shows the message under the paste box.
 */
import { InputError } from '../errors.js';

/** The field every pairing-code error names. */
export const PAIRING_FIELD = 'pairingCode';

/** Base class of every refusal of a pairing code. */
export class PairingCodeError extends InputError {
  constructor(message: string) {
    super(PAIRING_FIELD, message);
  }
}

/** Not a pairing code at all: wrong prefix, characters outside base64url, or content that makes no sense. */
export class GarbledPairingCodeError extends PairingCodeError {}

/** The code is shorter (or longer) than the length it declares: it was cut off while copying. */
export class TruncatedPairingCodeError extends PairingCodeError {}

/** The code has the right length but its checksum does not match: a character was changed. */
export class ChecksumPairingCodeError extends PairingCodeError {}

/** The code was made by a newer wg-site with a format this one does not know. */
export class NewerPairingCodeError extends PairingCodeError {}

/** The code carries this gateway's own public key: it was made here, not on the far gateway. */
export class SelfPairingError extends PairingCodeError {}
