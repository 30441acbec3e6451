import { describe, expect, it } from 'vitest';
import { readInlineResponsibility, readLabelLine, splitInline } from '../../src/normalize/inline.js';

/** The expected split: text, then who, when and notes as written. */
const parts = (text: string, responsible: string[], deadlines: string[] = [], notes: string[] = []) => ({ text, responsible, deadlines, notes });

describe('splitInline', () => {
  it.each([
    ['label bracket, two labels', '完善重大决策预公开制度。（牵头单位：市发改委；责任单位：各区人民政府）', parts('完善重大决策预公开制度。', ['牵头单位：市发改委', '责任单位：各区人民政府'])],
    ['label and deadline', '及时更新网站概况信息。（责任单位：办公室，2024年6月底前完成）', parts('及时更新网站概况信息。', ['责任单位：办公室'], ['2024年6月底前完成'])],
    ['tortoise-shell bracket', '做好政策解读。〔市政府办公室、市司法局按职责分工负责〕', parts('做好政策解读。', ['市政府办公室、市司法局按职责分工负责'])],
    ['lenticular bracket', '加强督查。【市督查室负责】', parts('加强督查。', ['市督查室负责'])],
    ['牵头 and 配合 in a bracket', '推进改革（市发改委牵头，市财政局配合）。', parts('推进改革。', ['市发改委牵头', '市财政局配合'])],
    ['ASCII brackets and commas', '深化改革。(市政府办公室牵头,各有关部门按职责分工负责)', parts('深化改革。', ['市政府办公室牵头', '各有关部门按职责分工负责'])],
    ['a bare list of bodies', '优化营商环境。（市发改委、市市场监管局）', parts('优化营商环境。', ['市发改委、市市场监管局'])],
    ['负责落实 closing the sentence', '做好政策解读，市政府办公室负责落实。', parts('做好政策解读。', ['市政府办公室负责落实'])],
    ['牵头 and 配合 closing the sentence', '推进数据共享，市大数据局牵头，各区政府配合。', parts('推进数据共享。', ['市大数据局牵头', '各区政府配合'])],
    ['labels after the sentence', '建立台账。牵头单位：市财政局；配合单位：市审计局', parts('建立台账。', ['牵头单位：市财政局', '配合单位：市审计局'])],
    ['a deadline bracket before the responsibility', '制定方案（2024年底前完成）（牵头单位：市教委）', parts('制定方案', ['牵头单位：市教委'], ['2024年底前完成'])],
    ['a time-limit label', '开展评估。（责任单位：市统计局；时限：长期坚持）', parts('开展评估。', ['责任单位：市统计局'], ['长期坚持'])],
    ['a leader label is a note', '推进项目。（牵头单位：市发改委；责任领导：张三）', parts('推进项目。', ['牵头单位：市发改委'], [], ['责任领导：张三'])],
    ['Traditional script', '全面實施清單管理。(市政府辦公室牽頭,市級各有關部門按職責分工負責)', parts('全面實施清單管理。', ['市政府辦公室牽頭', '市級各有關部門按職責分工負責'])],
  ])('%s', (_name, text, expected) => {
    expect(splitInline(text)).toEqual(expected);
  });

  it.each([
    ['a title period', '制定三年行动计划（2018—2020年）'],
    ['an aside', '统筹中小学建设（含学校）'],
    ['a trial', '印发管理办法（试行）'],
    ['a plain duty sentence', '各地要加强组织领导，认真负责，确保工作落实。'],
    ['an abbreviation', '建设政务服务平台（以下简称“一网通办”）'],
  ])('leaves text that names no one whole: %s', (_name, text) => {
    expect(splitInline(text)).toEqual(parts(text, []));
  });

  it('reads a deadline from the last clause and keeps it in the text', () => {
    expect(splitInline('完成全市数据普查，2024年6月底前完成。')).toEqual(parts('完成全市数据普查，2024年6月底前完成。', [], ['2024年6月底前完成']));
  });
});

describe('readLabelLine', () => {
  it.each([
    ['牵头单位：市财政局', true],
    ['配合单位：市审计局、各区政府', true],
    ['责任单位：办公室', true],
    ['完成时限：2024年12月底前', true],
    ['牽頭單位：市財政局', true],
    ['牵头抓总，统筹推进各项工作。', false],
    ['一、推进决策公开', false],
  ])('%s → %s', (text, expected) => {
    expect(readLabelLine(text) !== null).toBe(expected);
  });
});

it('reads a label line into who and when', () => {
  expect(readLabelLine('配合单位：市审计局、各区政府')).toEqual(parts('', ['配合单位：市审计局、各区政府']));
  expect(readLabelLine('完成时限：2024年12月底前')).toEqual(parts('', [], ['2024年12月底前']));
});

describe('readInlineResponsibility', () => {
  it('tells lead from support and keeps the names as written', () => {
    expect(readInlineResponsibility(['市政府辦公室牽頭', '市財政局配合'])).toEqual({
      departments: ['市政府辦公室', '市財政局'],
      lead: ['市政府辦公室'],
      support: ['市財政局'],
      notes: null,
    });
    expect(readInlineResponsibility(['牵头单位：市发改委', '责任单位：各区人民政府'])).toEqual({
      departments: ['市发改委', '各区人民政府'],
      lead: ['市发改委'],
      support: ['各区人民政府'],
      notes: null,
    });
  });
});
