/** Docker object names of a lab instance, derived in one place. */
export const networkName = (instance: string) => `sessionlab-${instance}`;
export const containerName = (instance: string, node: string) => `sessionlab-${instance}-${node}`;

const INSTANCE = /^[a-z0-9][a-z0-9_-]{0,40}$/;
export function isValidInstanceName(name: string): boolean {
  return INSTANCE.test(name);
}
