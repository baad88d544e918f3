// The timeline of a playground run: one row per loop iteration, the callbacks that ran in it in
// order, each marked as what it was (a callback of the program, a timer, a step of a named task, a
// loop-internal callback) with what it printed; under it, the order in which the tasks stepped.
import type { ReactNode } from 'react';
import type { Entry } from './trace';

const KIND_TEXT: Record<Entry['kind'], string> = {
  callback: 'callback',
  timer: 'timer',
  task: 'task',
  internal: 'loop-internal',
};

function EntryItem({ entry, taskIndex }: { entry: Entry; taskIndex: Map<string, number> }): ReactNode {
  const tone = entry.task === undefined ? undefined : (taskIndex.get(entry.task) ?? 0) % 4;
  return (
    <li
      className={`timeline__entry timeline__entry--${entry.kind}${tone === undefined ? '' : ` timeline__entry--tone${tone}`}`}
      data-kind={entry.kind}
      data-task={entry.task}
    >
      <span className="timeline__kind">{KIND_TEXT[entry.kind]}</span>{' '}
      <span className="timeline__label">{entry.label}</span>
      {entry.output.length > 0 ? (
        <span className="timeline__printed">
          {' '}
          printed <q>{entry.output.join(' / ')}</q>
        </span>
      ) : null}
    </li>
  );
}

/** The names of the tasks in the order their steps ran, consecutive repeats kept. */
export function taskOrder(entries: Entry[]): string[] {
  return entries.filter((e) => e.kind === 'task' && e.task !== undefined).map((e) => e.task as string);
}

function hasGaps(rows: Map<number, Entry[]>): boolean {
  const iterations = [...rows.keys()];
  return iterations.some((n, i) => i > 0 && n !== iterations[i - 1] + 1);
}

export default function Timeline({
  entries,
  dropped = 0,
}: {
  entries: Entry[];
  dropped?: number;
}): ReactNode {
  if (entries.length === 0) return <p>No callbacks ran.</p>;
  const rows = new Map<number, Entry[]>();
  for (const e of entries) rows.set(e.iteration, [...(rows.get(e.iteration) ?? []), e]);
  const taskIndex = new Map<string, number>();
  for (const name of taskOrder(entries)) if (!taskIndex.has(name)) taskIndex.set(name, taskIndex.size);
  const order = taskOrder(entries);
  return (
    <div className="timeline">
      <table className="playground__timeline">
        <caption>Which callback ran in which loop iteration, in order</caption>
        <thead>
          <tr>
            <th scope="col">iteration</th>
            <th scope="col">callbacks, in the order they ran</th>
          </tr>
        </thead>
        <tbody>
          {[...rows.entries()].map(([iteration, list]) => (
            <tr key={iteration}>
              <td>{iteration}</td>
              <td>
                <ol className="timeline__entries">
                  {list.map((e, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: entries are a fixed record, never reordered
                    <EntryItem key={i} entry={e} taskIndex={taskIndex} />
                  ))}
                </ol>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {dropped > 0 ? <p>… and {dropped} more callbacks, not shown.</p> : null}
      {hasGaps(rows) ? (
        <p className="timeline__note">
          Iterations that ran no callback (the loop waking before a timer was due) are left out.
        </p>
      ) : null}
      {taskIndex.size > 1 ? (
        <p className="timeline__task-order" data-testid="timeline-task-order">
          Task steps in the order they ran: {order.join(' → ')}
        </p>
      ) : null}
    </div>
  );
}
