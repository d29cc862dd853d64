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
