/**
 * The chaos catalogue of faults a call can meet, drawn from docs/faults.md: the emulator's own
 * faults (HTTP errors, exception frames, CRCs, stalls, resets, slow tokens), a loopback wire
 * server's (a body cut at a random byte, a flipped bit, a slow drip, a stall, an oversized body, a
 * huge frame length, gzip/deflate/br good and broken, an empty body, gateway statuses with HTML,
 * Retry-After, a reply echoing the request's headers in every encoding) and the credential
 * sources' (STS, IMDS, container endpoint, credential_process, env: stalls, floods, expired
 * credentials, errors echoing what they were sent). Each fault sets up what it needs for one
 * iteration and says which outcomes are allowed.
 */
import { credentialFaults } from "./credential-faults.js";
import { emulatorFaults } from "./emulator-faults.js";
import { wireFaults } from "./wire-faults.js";

import type { CallFault } from "./call-fault.js";

export type { Api, CallFault, CallPlan, FaultContext } from "./call-fault.js";

/** Every call fault of the chaos run. */
export const CALL_FAULTS: readonly CallFault[] = [...emulatorFaults, ...wireFaults, ...credentialFaults];
