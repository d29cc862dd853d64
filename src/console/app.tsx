/** The live console in ink: the controller's state on screen, keys to the controller, resize followed. */
import { useApp, useInput, useStdout } from "ink";
import { useEffect, useState, useSyncExternalStore } from "react";
import type { ConsoleController } from "./controller.js";
import { ConsoleView } from "./view.js";

/** ink ends its output with a newline: one line fewer than the terminal, so nothing scrolls. */
const sizeOf = (s: NodeJS.WriteStream) => ({
  columns: s.columns || 80,
  rows: Math.max(8, (s.rows || 24) - 1),
});

export function ConsoleApp({ controller }: { controller: ConsoleController }) {
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  const { stdout } = useStdout();
  const { exit } = useApp();
  const [size, setSize] = useState(() => sizeOf(stdout));
  // Leaving: one empty frame first, so nothing of the console is left on the terminal.
  const [leaving, setLeaving] = useState(false);
  useEffect(() => {
    if (leaving) exit();
  }, [leaving, exit]);
  useEffect(() => {
    const onResize = () => setSize(sizeOf(stdout));
    stdout.on("resize", onResize);
    return () => {
      stdout.off("resize", onResize);
    };
  }, [stdout]);
  useEffect(() => controller.resize(size.columns, size.rows), [controller, size]);
  useEffect(() => {
    controller.onExit = () => setLeaving(true);
    controller.start();
  }, [controller]);
  useInput((input, key) => controller.key(input, key));
  return leaving ? null : <ConsoleView state={state} columns={size.columns} rows={size.rows} />;
}
