import type { AbstractMeasure, AbstractTable, AbstractTask, Department } from '../test/helpers/task-tables.js';

const DEPARTMENTS: Department[] = ['指挥部', '法制办', '政治部', '市局相关单位', '各分（县）局', '科技处（信息办）', '警保部'].map((name) => ({
  name,
  written: name,
}));

const PHRASES = ['公开执法依据和执法程序', '推进行政许可信息公示', '细化财政预决算公开', '加强政策解读和回应关切', '完善依申请公开工作机制', '加强网站安全保护'];

/**
 * A table shaped like the 2016 seed with `measures` measures: 10 sections, tasks of 4 measures,
 * section and task cells merged over their rows, and each department cell merged over 2 of them.
 */
export function seedLikeTable(measures: number): AbstractTable {
  const tasks: AbstractTask[] = [];
  for (let m = 0; m < measures; m += 4) {
    const count = Math.min(4, measures - m);
    tasks.push({
      lines: [`${PHRASES[tasks.length % PHRASES.length]}第${tasks.length + 1}项`],
      measureMarkers: null,
      measures: Array.from({ length: count }, (_, i): AbstractMeasure => {
        const n = m + i;
        return {
          lines: [`第${n + 1}条措施：${PHRASES[n % PHRASES.length]}，明确责任分工、时间进度和工作标准，及时公开进展情况和结果`],
          number: null,
          departments: i % 2 === 0 ? { kind: 'own', departments: [DEPARTMENTS[n % 7]!, DEPARTMENTS[(n + 3) % 7]!], separator: '\n' } : { kind: 'merged' },
        };
      }),
    });
  }
  const perSection = Math.ceil(tasks.length / 10);
  return {
    year: 2016,
    title: '2016年上海市公安局政务公开工作要点任务分解表',
    headers: { section: '项目名称', task: '基本任务', measure: '具体措施', departments: '责任部门' },
    sectionLayout: 'column',
    taskMarkerStyle: '、',
    sections: Array.from({ length: Math.ceil(tasks.length / perSection) }, (_, s) => ({
      title: `${PHRASES[s % PHRASES.length]}工作`,
      tasks: tasks.slice(s * perSection, (s + 1) * perSection),
    })),
    style: {
      titleRow: false,
      lineEnd: '\n',
      blankLineAfterRow: false,
      outerPipes: true,
      continuationLines: false,
      markdownHeading: true,
      boldYear: false,
      htmlParagraphs: true,
      docxBreaks: false,
      htmlTitleElement: true,
      attachment: false,
      noise: false,
    },
  };
}

/** LibreOffice's separator-less text export (dialect line-cells): the tab-led layout without its TABs. */
export function lineCells(tabLed: string): string {
  return tabLed.replace(/^\t/gm, '');
}

/**
 * The seed-like table as HTML with a 序号 column whose cell spans each task's rows, as many
 * published tables number their tasks; this exercises the serial-over-a-task path of the model.
 */
export function serialHtml(measures: number): string {
  const table = seedLikeTable(measures);
  const rows: string[] = ['<tr><th>序号</th><th>项目名称</th><th>基本任务</th><th>具体措施</th><th>责任部门</th></tr>'];
  let serial = 0;
  for (const section of table.sections) {
    const sectionRows = section.tasks.reduce((n, task) => n + task.measures.length, 0);
    section.tasks.forEach((task, t) => {
      serial += 1;
      task.measures.forEach((measure, m) => {
        const cells: string[] = [];
        if (m === 0) cells.push(`<td rowspan="${task.measures.length}">${serial}</td>`);
        if (t === 0 && m === 0) cells.push(`<td rowspan="${sectionRows}">${section.title}</td>`);
        if (m === 0) cells.push(`<td rowspan="${task.measures.length}">${serial}、${task.lines.join('')}</td>`);
        cells.push(`<td>${measure.lines.join('')}</td>`);
        if (measure.departments.kind === 'own') {
          const span = task.measures[m + 1]?.departments.kind === 'merged' ? ' rowspan="2"' : '';
          cells.push(`<td${span}>${measure.departments.departments.map((d) => d.written).join('<br>')}</td>`);
        }
        rows.push(`<tr>${cells.join('')}</tr>`);
      });
    });
  }
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${table.title}</title></head><body><table border="1">\n${rows.join('\n')}\n</table></body></html>\n`;
}
