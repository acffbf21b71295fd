/** The longest follow secret that can be registered; a longer one cannot exist, so it opens nothing. */
export const MAX_FOLLOW_SECRET_LENGTH = 40;
