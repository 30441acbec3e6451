import type { TaskTable } from '../../src/index.js';

/** Sections, tasks and measures as short lines: "T task", "M text [departments] lead/support inherited deadline". */
export function outline(table: TaskTable): string[] {
  return table.sections.flatMap((s) => [
    ...(s.title !== null ? [`S ${s.marker ?? ''}${s.title}`] : []),
    ...s.tasks.flatMap((t) => [
      `T ${t.marker ?? ''}${t.title}`,
      ...t.measures.map((m) =>
        [
          `M ${m.text} [${m.departments.join('、')}]`,
          m.lead.length + m.support.length > 0 ? ` ${m.lead.join('、')}/${m.support.join('、')}` : '',
          m.inherited ? ' inherited' : '',
          m.deadline ? ` ${m.deadline.text}` : '',
        ].join(''),
      ),
    ]),
  ]);
}
