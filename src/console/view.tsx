/**
 * The console's screen, drawn from a ConsoleState alone (no effects, no input), so every state can be
 * rendered to a string in a test. Exactly `rows` lines, none wider than `columns`: nothing scrolls.
 */
import { Box, Text } from "ink";
import type { ReactNode } from "react";
import {
  type ConsoleState,
  type ContainerView,
  HELP,
  type Overlay,
  type RequestRow,
  containerLabel,
  idParts,
  layout,
  stateWord,
  wrappedLines,
} from "./model.js";

const TONE = { good: "green", bad: "red", busy: "yellow" } as const;
const OUTCOME_COLOR: Record<RequestRow["outcome"], string> = {
  ok: "green",
  moved: "green",
  "new session": "cyan",
  LOST: "red",
  counter: "red",
  error: "red",
};

function Line({ children }: { children: ReactNode }) {
  return <Text wrap="truncate-end">{children}</Text>;
}

function Container({ c }: { c: ContainerView }) {
  const { tone } = stateWord(c);
  const [node, ...rest] = containerLabel(c).split(" ");
  return (
    <Text>
      <Text bold>{node}</Text> <Text color={TONE[tone]}>{rest.join(" ")}</Text>
    </Text>
  );
}

/** column widths of the request table; the session id loses the middle of its base when narrow */
function columnsOf(width: number, nodeWidth: number) {
  const n = 5;
  const node = Math.max(6, nodeWidth);
  const counter = 7;
  const fixed = n + node + counter + 4 + 12; // 4 gaps, 12 for the outcome ("new session")
  const session = Math.max(16, Math.min(44, width - fixed));
  return { n, node, counter, session };
}

function SessionCell({ id, width }: { id?: string; width: number }) {
  if (!id) return <Text>{"-".padEnd(width)}</Text>;
  const p = idParts(id);
  const suffix = (p.node ?? "").length + (p.route ?? "").length;
  const q = idParts(id, width - 1 - suffix);
  const len = q.base.length + suffix;
  return (
    <Text>
      {q.base}
      {q.node ? <Text color="cyan">{q.node}</Text> : null}
      {q.route ? (
        <Text color="magenta" bold>
          {q.route}
        </Text>
      ) : null}
      {" ".repeat(Math.max(0, width - len))}
    </Text>
  );
}

function RequestTable({ state, width, height }: { state: ConsoleState; width: number; height: number }) {
  const nodeWidth = Math.max(
    6,
    ...state.containers.filter((c) => c.role === "tomcat").map((c) => c.node.length),
  );
  const w = columnsOf(width, nodeWidth);
  const rows = state.rows.slice(-Math.max(0, height - 1));
  return (
    <Box flexDirection="column" height={height}>
      <Line>
        <Text bold>
          {"#".padStart(w.n)} {"TOMCAT".padEnd(w.node)} {"SESSION (id-node.route)".padEnd(w.session)}{" "}
          {"COUNTER".padStart(w.counter)} OUTCOME
        </Text>
      </Line>
      {rows.length === 0 ? <Line>waiting for the first answer from nginx…</Line> : null}
      {rows.map((r) => (
        <Line key={r.n}>
          {String(r.n).padStart(w.n)} {(r.node ?? "?").padEnd(w.node)}{" "}
          <SessionCell id={r.sessionId} width={w.session} />{" "}
          {(r.counter === undefined ? "-" : String(r.counter)).padStart(w.counter)}{" "}
          <Text color={OUTCOME_COLOR[r.outcome]}>{r.outcome}</Text>
          {r.detail ? <Text dimColor> {r.detail}</Text> : null}
        </Line>
      ))}
    </Box>
  );
}

function OverlayView({ overlay, height, columns }: { overlay: Overlay; height: number; columns: number }) {
  if (overlay.kind === "help") {
    const k = Math.max(...HELP.map(([key]) => key.length));
    return (
      <Box flexDirection="column" height={height}>
        <Line>
          <Text bold>Keys</Text> <Text dimColor>(any key closes)</Text>
        </Line>
        {HELP.slice(0, height - 1).map(([key, what]) => (
          <Line key={key}>
            <Text bold>{key.padEnd(k)}</Text> {what}
          </Line>
        ))}
      </Box>
    );
  }
  if (overlay.kind === "quit") {
    return (
      <Box flexDirection="column" height={height}>
        <Line>
          <Text bold>Quit the console.</Text> What about the lab?
        </Line>
        <Line>
          {"  "}
          <Text bold>k</Text> keep it running (sessionlab status / down later)
        </Line>
        <Line>
          {"  "}
          <Text bold>d</Text> take it down (remove its containers and network)
        </Line>
        <Line>
          {"  "}
          <Text bold>Esc</Text> back to the console
        </Line>
      </Box>
    );
  }
  if (overlay.kind === "pick") {
    const visible = Math.max(1, height - 2);
    const first = Math.max(0, Math.min(overlay.selected - visible + 1, overlay.options.length - visible));
    const label = Math.max(...overlay.options.map((o) => o.label.length));
    return (
      <Box flexDirection="column" height={height}>
        <Line>
          <Text bold>{overlay.title}</Text>
        </Line>
        {overlay.options.slice(first, first + visible).map((o, i) => {
          const on = first + i === overlay.selected;
          return (
            <Line key={o.value}>
              <Text color={on ? "cyan" : undefined}>
                {on ? "› " : "  "}
                {o.label.padEnd(label)}
              </Text>
              {o.hint ? <Text dimColor> {o.hint}</Text> : null}
            </Line>
          );
        })}
        <Line>
          <Text dimColor>↑↓ choose · Enter run · Esc back</Text>
        </Line>
      </Box>
    );
  }
  const lines = wrappedLines(overlay.lines, columns);
  const page = Math.max(1, height - 2);
  const scroll = Math.min(overlay.scroll, Math.max(0, lines.length - page));
  const end = Math.min(lines.length, scroll + page);
  return (
    <Box flexDirection="column" height={height}>
      <Line>
        <Text bold inverse>
          {" "}
          {overlay.title}{" "}
        </Text>
      </Line>
      {lines.slice(scroll, end).map((l, i) => (
        <Line key={scroll + i}>{l || " "}</Line>
      ))}
      <Box flexGrow={1} />
      <Line>
        <Text dimColor>
          lines {lines.length ? scroll + 1 : 0}-{end} of {lines.length} · ↑↓ PgUp PgDn scroll · Esc close
        </Text>
      </Line>
    </Box>
  );
}

export function ConsoleView({
  state,
  columns,
  rows,
}: {
  state: ConsoleState;
  columns: number;
  rows: number;
}) {
  const { containers, footer, body } = layout(state, columns, rows);
  const status = state.busy ? `◐ ${state.busy}` : (state.message ?? "");
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Line>
        <Text bold>sessionlab</Text> · lab <Text bold>{state.lab.instance}</Text> ({state.lab.variant}) ·{" "}
        <Text color="cyan">{state.lab.url}/</Text>
      </Line>
      {containers.length === 0 ? <Line>reading the lab's containers…</Line> : null}
      {containers.map((line, i) => (
        <Line key={i}>
          {line.map((c, j) => (
            <Text key={c.node}>
              {j ? "  " : ""}
              <Container c={c} />
            </Text>
          ))}
        </Line>
      ))}
      <Line>
        last:{" "}
        {state.last ? (
          <Text color={state.last.ok ? "green" : "red"}>
            {state.last.what} {state.last.summary}
          </Text>
        ) : (
          <Text dimColor>no verify or drill yet</Text>
        )}
        {" · "}
        {state.paused ? (
          <Text color="yellow">requests paused</Text>
        ) : (
          `a request every ${state.intervalMs} ms`
        )}
      </Line>
      {state.overlay ? (
        <OverlayView overlay={state.overlay} height={body} columns={columns} />
      ) : (
        <RequestTable state={state} width={columns} height={body} />
      )}
      <Line>
        <Text color={state.busy ? "yellow" : state.message?.startsWith("error") ? "red" : undefined}>
          {status || " "}
        </Text>
      </Line>
      {footer.map((line, i) => (
        <Line key={i}>
          {line.map(([k, d], j) => (
            <Text key={k}>
              {j ? "  " : ""}
              <Text bold inverse>
                {k}
              </Text>{" "}
              {d}
            </Text>
          ))}
        </Line>
      ))}
    </Box>
  );
}
