/** Receives of one SMS job before it goes to the `sms` queue's dead-letter queue (and its alarm). */
export const SMS_MAX_RECEIVES = 5;
