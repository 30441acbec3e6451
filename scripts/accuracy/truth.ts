/**
 * The hand-made ground truth of a real file in fixtures/real/<slug>/truth.json: what a careful reader
 * finds in the text, written by a person from the page, never generated from fenjie's output.
 * It follows the model's normalization (docs in fixtures/real/README.md), which the checks below enforce.
 */
import { z } from 'zod';

const ASCII_BRACKET = /[()]/u;
const SPACE_BETWEEN_CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’]\s+[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’]/u;

/** A string that is trimmed, has no line breaks or runs of spaces, and no space between two CJK characters. */
const Normalized = z
  .string()
  .min(1)
  .refine((text) => text === text.trim() && !/\s{2,}|[\n\r\t]/u.test(text), 'must be whitespace-normalized (trimmed, no line breaks or runs of spaces)')
  .refine((text) => !SPACE_BETWEEN_CJK.test(text), 'must not keep a space between two CJK characters');

/** One department: one name, full-width brackets, no list separators outside brackets. */
const Department = Normalized.refine((name) => !ASCII_BRACKET.test(name), 'department names use full-width brackets').refine(
  (name) => !/[，,；;]/u.test(name.replace(/（[^）]*）/gu, '')),
  'one department per entry: split lists on ，,；; (、 may stay inside one name, as in 各县、市、区政府)',
);

/** One measure as the page gives it. */
export const TruthMeasure = z
  .object({
    /** The measure text as written (numbering marker kept), whitespace-normalized, without any responsibility bracket. */
    text: Normalized,
    /** Everyone responsible, lead first; [] only when the page names no one. */
    departments: z.array(Department),
    /** 牵头 departments where the page distinguishes them, else []. */
    lead: z.array(Department),
    /** 配合/责任/协同 departments where the page distinguishes them from a lead, else []. */
    support: z.array(Department),
    /** True when the departments come from a merged or blank cell above, or (prose) from a heading above. */
    inherited: z.boolean(),
    /** The deadline wording as written ("年底前", "持续推进"), or null when the page gives none. */
    deadline: Normalized.nullable(),
  })
  .strict()
  .refine((m) => m.lead.every((name) => m.departments.includes(name)), 'every lead department is also in departments')
  .refine((m) => m.support.every((name) => m.departments.includes(name)), 'every support department is also in departments')
  .refine((m) => new Set(m.departments).size === m.departments.length, 'departments are distinct');
export type TruthMeasure = z.infer<typeof TruthMeasure>;

/** A task (the level above measures); its title has its numbering marker removed. */
export const TruthTask = z.object({ title: Normalized.nullable(), measures: z.array(TruthMeasure).min(1) }).strict();
export type TruthTask = z.infer<typeof TruthTask>;

/** A section (一、…); title null where the page has no section level. */
export const TruthSection = z.object({ title: Normalized.nullable(), tasks: z.array(TruthTask).min(1) }).strict();
export type TruthSection = z.infer<typeof TruthSection>;

/** The whole truth of one file. */
export const Truth = z
  .object({
    /** 'table' for a task table (any layout), 'prose' for numbered paragraphs with inline responsibility. */
    kind: z.enum(['table', 'prose']),
    sections: z.array(TruthSection).min(1),
    /**
     * Starts of rows or paragraphs that are in the input but cut off by the excerpt (see source.md): left
     * out of the truth, and a produced measure that begins the same way is not counted as extra.
     */
    excluded: z.array(Normalized).optional(),
  })
  .strict();
export type Truth = z.infer<typeof Truth>;

/** Every measure of a truth, in reading order. */
export function truthMeasures(truth: Truth): TruthMeasure[] {
  return truth.sections.flatMap((section) => section.tasks.flatMap((task) => task.measures));
}
