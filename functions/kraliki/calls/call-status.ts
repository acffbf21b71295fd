/**
 * Call statuses and how Twilio's map onto them. A call only moves forward:
 * QUEUED → RINGING → IN_PROGRESS (or ON_HOLD, the same stage) → a final status.
 * Each status has a stage number stored with it (`status_rank`), and a status
 * write is conditional on the stored stage being lower, so replayed and late
 * callbacks change nothing and a finished call never moves back.
 */
export const CALL_STATUSES = ['QUEUED', 'RINGING', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETED', 'NO_ANSWER', 'BUSY', 'FAILED', 'CANCELED'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const CALL_DIRECTIONS = ['INBOUND', 'OUTBOUND'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

const FINAL = 3;
const STAGES: Record<CallStatus, number> = {
  QUEUED: 0,
  RINGING: 1,
  IN_PROGRESS: 2,
  ON_HOLD: 2,
  COMPLETED: FINAL,
  NO_ANSWER: FINAL,
  BUSY: FINAL,
  FAILED: FINAL,
  CANCELED: FINAL,
};

/** The stage of a status: a write may only raise it. */
export const stageOf = (status: CallStatus): number => STAGES[status];

export const isFinal = (status: CallStatus): boolean => STAGES[status] === FINAL;

/** Twilio's `CallStatus` values (status callbacks, answer requests); others map to nothing. */
const FROM_TWILIO: Record<string, CallStatus> = {
  queued: 'QUEUED',
  initiated: 'QUEUED',
  ringing: 'RINGING',
  'in-progress': 'IN_PROGRESS',
  answered: 'IN_PROGRESS',
  completed: 'COMPLETED',
  busy: 'BUSY',
  'no-answer': 'NO_ANSWER',
  failed: 'FAILED',
  canceled: 'CANCELED',
};

export const statusFromTwilio = (callStatus: string | undefined): CallStatus | undefined =>
  callStatus === undefined ? undefined : Object.hasOwn(FROM_TWILIO, callStatus) ? FROM_TWILIO[callStatus] : undefined;
