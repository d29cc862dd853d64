import type { LabVariant } from "../labs/definition.js";

/** The user's lab options that reach the templates (each named by the kind or manager that reads it). */
export type Serializer = "java" | "kryo";

export interface LabSettings {
  serializer: Serializer;
  redisPassword?: string;
  readMode: "REDIS" | "MEMORY";
  updateMode: "DEFAULT" | "AFTER_REQUEST";
}

export const TRANSCODERS: Record<Serializer, string> = {
  java: "de.javakaffee.web.msm.JavaSerializationTranscoderFactory",
  kryo: "de.javakaffee.web.msm.serializer.kryo.KryoTranscoderFactory",
};

/** The session manager's family: it decides which of the settings above a lab's templates read. */
export type ManagerFlavor = "msm" | "classic-redis" | "redisson" | "none";

/** The manager family, from the jars its Tomcats get (see labs/<lab>/lab.json). */
export function managerFlavor(v: LabVariant): ManagerFlavor {
  const jars = v.tomcat.jars;
  if (jars.includes("msmCore")) return "msm";
  if (jars.includes("redisManager")) return "classic-redis";
  if (jars.some((j) => j.startsWith("redisson"))) return "redisson";
  return "none";
}
