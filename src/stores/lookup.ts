/** What a direct read of a session store found for one session. */
export interface StoreLookup {
  found: boolean;
  /** e.g. "VALUE 1A2B…-n1.tomcat1 0 173" or "(not found)" */
  detail: string;
  /** seconds until expiry, where the store tells */
  ttlSeconds?: number;
}
